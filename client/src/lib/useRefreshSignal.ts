// A number that changes, at most once per `ms`, after a burst of bump() calls: a list reloads once
// for a burst of live events rather than once per event.
import { useCallback, useEffect, useRef, useState } from "react";

export function useRefreshSignal(ms = 400): [signal: number, bump: () => void] {
  const [signal, setSignal] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const bump = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setSignal((n) => n + 1), ms);
  }, [ms]);
  return [signal, bump];
}
