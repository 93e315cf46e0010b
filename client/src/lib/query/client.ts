// The one QueryClient of the app: server state (what the API returned) is cached here, keyed by what was
// asked and by who asked (see keys.ts), and changed in place by actions and socket events.
import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "../../api/client.ts";

/** A 4xx answer will not change by asking again (not found, no access, bad input): only retry the rest. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 1;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        retryDelay: 500,
        // Live pages are kept fresh by socket events; a page that wants focus refetches asks for it.
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
      mutations: { retry: false },
    },
  });
}
