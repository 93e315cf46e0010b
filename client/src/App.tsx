import { Route, Routes } from "react-router";
import { Layout } from "./components/Layout.tsx";
import { ConsultationPage } from "./pages/ConsultationPage.tsx";
import { ConsultationsPage } from "./pages/ConsultationsPage.tsx";
import { LoginPage } from "./pages/LoginPage.tsx";
import { NotFoundPage } from "./pages/NotFoundPage.tsx";
import { PositionRedirectPage } from "./pages/PositionRedirectPage.tsx";
import { PositionsPage } from "./pages/PositionsPage.tsx";
import { PostPage } from "./pages/PostPage.tsx";
import { SearchPage } from "./pages/SearchPage.tsx";
import { ThreadPage } from "./pages/ThreadPage.tsx";
import { RegisterPage } from "./pages/RegisterPage.tsx";
import { ModerationPage } from "./pages/ModerationPage.tsx";
import { AuditLogPage } from "./pages/AuditLogPage.tsx";
import { DashboardPage } from "./pages/DashboardPage.tsx";
import { MyDecisionsPage } from "./pages/MyDecisionsPage.tsx";
import { NotificationsPage } from "./pages/NotificationsPage.tsx";

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<ConsultationsPage />} />
        <Route path="consultations" element={<ConsultationsPage />} />
        <Route path="consultations/:slug" element={<ConsultationPage />} />
        <Route path="consultations/:slug/questions/:questionId/positions" element={<PositionsPage />} />
        <Route path="consultations/:slug/moderation" element={<ModerationPage />} />
        <Route path="consultations/:slug/audit" element={<AuditLogPage />} />
        <Route path="consultations/:slug/dashboard" element={<DashboardPage />} />
        <Route path="me/decisions" element={<MyDecisionsPage />} />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route path="threads/:id" element={<ThreadPage />} />
        <Route path="posts/:id" element={<PostPage />} />
        <Route path="positions/:id" element={<PositionRedirectPage />} />
        <Route path="search" element={<SearchPage />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="register" element={<RegisterPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
