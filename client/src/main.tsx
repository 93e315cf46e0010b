import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { App } from "./App.tsx";
import { SessionProvider } from "./features/session/SessionContext.tsx";
import { NotificationsProvider } from "./features/notifications/NotificationsContext.tsx";
import { RealtimeProvider } from "./realtime/RealtimeContext.tsx";
import "./styles.css";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <BrowserRouter>
      <SessionProvider>
        <RealtimeProvider>
          <NotificationsProvider>
            <App />
          </NotificationsProvider>
        </RealtimeProvider>
      </SessionProvider>
    </BrowserRouter>
  </StrictMode>,
);
