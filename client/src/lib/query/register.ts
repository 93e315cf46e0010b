// Query errors are the API's one error type (the query functions are the api/ modules, which throw it).
import type { ApiError } from "../../api/client.ts";

declare module "@tanstack/react-query" {
  interface Register {
    defaultError: ApiError;
  }
}
