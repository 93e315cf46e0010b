// The live connection for every component: its state ("connected" | "reconnecting" | "offline"), and
// a new handshake whenever the logged-in user changes. After a reconnection the rooms rejoin and replay
// what was missed; once they all have, the state says so ("Caught up") for a few seconds.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useSession } from "../features/session/SessionContext.tsx";
import { getSocket, restartSocket, type AppSocket } from "./socket.ts";

export type ConnectionStatus = "connected" | "reconnecting" | "offline";

export interface RealtimeState {
  socket: AppSocket;
  status: ConnectionStatus;
  /** False until the first connection: "Connecting…" rather than "Reconnecting…". */
  everConnected: boolean;
  /** Briefly true after a reconnection, once every room has replayed what it missed. */
  caughtUp: boolean;
  /** Rooms report their rejoin, so "caught up" waits for them. */
  trackRejoin(done: Promise<unknown>): void;
}

const RealtimeContext = createContext<RealtimeState | null>(null);

const CAUGHT_UP_SHOWN_MS = 5_000;
/** When the server ends the connection, wait like Socket.IO's own backoff (1 s, doubling, up to 30 s, with jitter). */
const SERVER_DROP_BASE_MS = 1_000;
const SERVER_DROP_MAX_MS = 30_000;

export function RealtimeProvider({ children }: { children: ReactNode }) {
  const socket = getSocket();
  const session = useSession();
  const [status, setStatus] = useState<ConnectionStatus>(() => (typeof navigator !== "undefined" && navigator.onLine === false ? "offline" : "reconnecting"));
  const [everConnected, setEverConnected] = useState(false);
  const [caughtUp, setCaughtUp] = useState(false);
  const pending = useRef(new Set<Promise<unknown>>());

  const trackRejoin = useCallback((done: Promise<unknown>) => {
    pending.current.add(done);
    void done.finally(() => pending.current.delete(done));
  }, []);

  useEffect(() => {
    let hadConnection = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let caughtUpTimer: ReturnType<typeof setTimeout> | undefined;
    let serverDrops = 0;
    let stableTimer: ReturnType<typeof setTimeout> | undefined;

    const onConnect = () => {
      setStatus("connected");
      setEverConnected(true);
      clearTimeout(stableTimer);
      // A connection that lasts resets the backoff for server-initiated drops.
      stableTimer = setTimeout(() => (serverDrops = 0), 10_000);
      if (!hadConnection) {
        hadConnection = true;
        return;
      }
      // Rooms rejoin in their own "connect" listeners; give them a tick to register, then wait for them.
      setTimeout(() => {
        void Promise.allSettled([...pending.current]).then(() => {
          if (!socket.connected) return;
          setCaughtUp(true);
          clearTimeout(caughtUpTimer);
          caughtUpTimer = setTimeout(() => setCaughtUp(false), CAUGHT_UP_SHOWN_MS);
        });
      }, 0);
    };
    const onDisconnect = (reason: string) => {
      setCaughtUp(false);
      clearTimeout(stableTimer);
      if (!navigator.onLine) {
        setStatus("offline");
        return;
      }
      setStatus("reconnecting");
      if (reason === "io server disconnect") {
        // Socket.IO leaves this to us. Not at once: if the server dropped everyone, not all at once either.
        const base = Math.min(SERVER_DROP_MAX_MS, SERVER_DROP_BASE_MS * 2 ** serverDrops);
        serverDrops += 1;
        clearTimeout(retryTimer);
        retryTimer = setTimeout(() => {
          if (!socket.connected) socket.connect();
        }, base * (0.5 + Math.random()));
      }
    };
    const onConnectError = () => {
      // socket.active: Socket.IO will try again by itself; otherwise the server refused us for good.
      if (!socket.active) setStatus("offline");
      else setStatus(navigator.onLine ? "reconnecting" : "offline");
    };
    const onOffline = () => setStatus("offline");
    const onOnline = () => {
      if (socket.connected) setStatus("connected");
      else {
        setStatus("reconnecting");
        socket.connect();
      }
    };

    socket.on("connect", onConnect);
    socket.on("disconnect", onDisconnect);
    socket.on("connect_error", onConnectError);
    window.addEventListener("offline", onOffline);
    window.addEventListener("online", onOnline);
    if (socket.connected) onConnect();
    else socket.connect();
    return () => {
      socket.off("connect", onConnect);
      socket.off("disconnect", onDisconnect);
      socket.off("connect_error", onConnectError);
      window.removeEventListener("offline", onOffline);
      window.removeEventListener("online", onOnline);
      clearTimeout(retryTimer);
      clearTimeout(caughtUpTimer);
      clearTimeout(stableTimer);
    };
  }, [socket]);

  // A different user (login, logout, registration): the server reads the session only at the handshake.
  const userKey = session.status === "loading" ? null : (session.user?.id ?? "anonymous");
  const shownUser = useRef<string | null>(null);
  useEffect(() => {
    if (userKey === null) return;
    const before = shownUser.current;
    shownUser.current = userKey;
    if (before !== null && before !== userKey) restartSocket();
  }, [userKey]);

  const value = useMemo<RealtimeState>(() => ({ socket, status, everConnected, caughtUp, trackRejoin }), [socket, status, everConnected, caughtUp, trackRejoin]);
  return <RealtimeContext.Provider value={value}>{children}</RealtimeContext.Provider>;
}

export function useRealtime(): RealtimeState {
  const value = useContext(RealtimeContext);
  if (!value) throw new Error("useRealtime() needs a <RealtimeProvider> above it");
  return value;
}
