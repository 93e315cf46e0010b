import { Route, Routes } from "react-router";
import { RespondPage } from "./features/responses/RespondPage.tsx";
import { PublishedResponsesPage } from "./features/responses/PublishedResponsesPage.tsx";
import { CampaignPage, CampaignsPage } from "./features/responses/CampaignPages.tsx";
import { QuestionnaireBuilderPage } from "./features/responses/QuestionnaireBuilderPage.tsx";
import { ReadingPage } from "./features/texts/ReadingPage.tsx";
import { VerifyReportPage } from "./features/responses/VerifyReportPage.tsx";
import { CodebookPage } from "./features/responses/analysis/CodebookPage.tsx";
import { CodingPage } from "./features/responses/analysis/CodingPage.tsx";
import { AnalysisPage } from "./features/responses/analysis/AnalysisPage.tsx";
import { IntakePage } from "./features/responses/staff/IntakePage.tsx";
import { ReviewResponsesPage } from "./features/responses/staff/ReviewResponsesPage.tsx";
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
import { NewConsultationPage } from "./pages/NewConsultationPage.tsx";
import { ManageConsultationPage } from "./pages/ManageConsultationPage.tsx";
import { AdminPage } from "./pages/AdminPage.tsx";
import { ModerationHomePage } from "./pages/ModerationHomePage.tsx";
import { NotificationsInboxPage } from "./pages/NotificationsInboxPage.tsx";
import { AccountPage } from "./pages/AccountPage.tsx";
import { ModerationLogPage } from "./pages/ModerationLogPage.tsx";
import { AccountSecurityPage } from "./features/security/AccountSecurityPage.tsx";
import { VerifyEmailPage } from "./features/mail/VerifyEmailPage.tsx";
import { ForgotPasswordPage, ResetPasswordPage } from "./features/mail/PasswordResetPages.tsx";
import { InvitationPage } from "./features/mail/InvitationPage.tsx";

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<ConsultationsPage />} />
        <Route path="consultations" element={<ConsultationsPage />} />
        <Route path="consultations/new" element={<NewConsultationPage />} />
        <Route path="consultations/:slug" element={<ConsultationPage />} />
        <Route path="consultations/:slug/manage" element={<ManageConsultationPage />} />
        <Route path="consultations/:slug/texts/:docId" element={<ReadingPage />} />
        <Route path="consultations/:slug/questions/:questionId/positions" element={<PositionsPage />} />
        <Route path="consultations/:slug/moderation" element={<ModerationPage />} />
        <Route path="consultations/:slug/audit" element={<AuditLogPage />} />
        <Route path="consultations/:slug/moderation/log" element={<ModerationLogPage />} />
        <Route path="moderation" element={<ModerationHomePage />} />
        <Route path="consultations/:slug/dashboard" element={<DashboardPage />} />
        <Route path="me/decisions" element={<MyDecisionsPage />} />
        <Route path="account" element={<AccountPage />} />
        <Route path="notifications" element={<NotificationsInboxPage />} />
        <Route path="threads/:id" element={<ThreadPage />} />
        <Route path="posts/:id" element={<PostPage />} />
        <Route path="positions/:id" element={<PositionRedirectPage />} />
        <Route path="search" element={<SearchPage />} />
        <Route path="admin" element={<AdminPage />} />
        <Route path="admin/:section" element={<AdminPage />} />
        <Route path="account/security" element={<AccountSecurityPage />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="register" element={<RegisterPage />} />
        <Route path="verify-email" element={<VerifyEmailPage />} />
        <Route path="forgot-password" element={<ForgotPasswordPage />} />
        <Route path="reset-password" element={<ResetPasswordPage />} />
        <Route path="invitations" element={<InvitationPage />} />
        <Route path="consultations/:slug/respond" element={<RespondPage />} />
        <Route path="consultations/:slug/responses" element={<PublishedResponsesPage />} />
        <Route path="consultations/:slug/responses/intake" element={<IntakePage />} />
        <Route path="consultations/:slug/responses/review" element={<ReviewResponsesPage />} />
        <Route path="consultations/:slug/campaigns" element={<CampaignsPage />} />
        <Route path="consultations/:slug/questionnaire" element={<QuestionnaireBuilderPage />} />
        <Route path="campaigns/:id" element={<CampaignPage />} />
        <Route path="responses/verify-report" element={<VerifyReportPage />} />
        <Route path="consultations/:slug/codebook" element={<CodebookPage />} />
        <Route path="consultations/:slug/coding" element={<CodingPage />} />
        <Route path="consultations/:slug/analysis" element={<AnalysisPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
