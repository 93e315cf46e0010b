// Loads one thing from the API for a page: loading, error and ready states, abort on change or unmount,
// and a quiet reload (the data already shown stays until the new data replaces it).
import { useCallback, useEffect, useRef, useState } from "react";
import { asApiError, isAbortError, type ApiError } from "../api/client.ts";

export type Resource<T> = { phase: "loading" } | { phase: "error"; error: ApiError } | { phase: "ready"; data: T };

/**
 * `key` names what to load (e.g. the id and who is looking): a change loads afresh. A null key waits,
 * e.g. while the session is still being found out, so a page loads once rather than twice.
 */
export function useResource<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>) {
  const [state, setState] = useState<Resource<T>>({ phase: "loading" });
  const loadRef = useRef(load);
  loadRef.current = load;
  const controller = useRef<AbortController | null>(null);

  const run = useCallback((quiet: boolean) => {
    controller.current?.abort();
    const c = new AbortController();
    controller.current = c;
    if (!quiet) setState({ phase: "loading" });
    return loadRef.current(c.signal).then(
      (data) => {
        if (!c.signal.aborted) setState({ phase: "ready", data });
      },
      (err: unknown) => {
        if (isAbortError(err) || c.signal.aborted) return;
        setState((s) => (quiet && s.phase === "ready" ? s : { phase: "error", error: asApiError(err) }));
      },
    );
  }, []);

  useEffect(() => {
    if (key === null) return;
    void run(false);
    return () => controller.current?.abort();
  }, [key, run]);

  /** Loads again; `quiet` keeps what is shown until the new data arrives. */
  const reload = useCallback((quiet = true) => run(quiet), [run]);
  /** Changes the loaded data in place (after an action whose response carries the new state). */
  const update = useCallback((fn: (data: T) => T) => {
    setState((s) => (s.phase === "ready" ? { phase: "ready", data: fn(s.data) } : s));
  }, []);

  return { state, reload, update };
}
