// First: configures zod before any schema exists (no eval under our CSP).
import "./zod-jitless.ts";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { QueryClientProvider } from "@tanstack/react-query";
import { createQueryClient } from "./lib/query/client.ts";
import "./lib/query/register.ts";
import { App } from "./App.tsx";
import { SessionProvider } from "./features/session/SessionContext.tsx";
import { NotificationsProvider } from "./features/notifications/NotificationsContext.tsx";
import { RealtimeProvider } from "./realtime/RealtimeContext.tsx";
import "./i18n/index.ts";
import "./styles.css";

const queryClient = createQueryClient();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <SessionProvider>
          <RealtimeProvider>
            <NotificationsProvider>
              <App />
            </NotificationsProvider>
          </RealtimeProvider>
        </SessionProvider>
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
