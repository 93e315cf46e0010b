// The bell's state: how many notifications are unread, counted by the server (so it survives a reload),
// incremented live by "notification:created", and asked again after a reconnection.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { Broadcast } from "../../../../shared/events.ts";
import { listNotifications, markNotificationsRead, type AppNotification } from "../../api/notifications.ts";
import { useRealtime } from "../../realtime/RealtimeContext.tsx";
import { useSession } from "../session/SessionContext.tsx";

export interface NotificationsState {
  /** Null while unknown (or nobody is logged in). */
  unread: number | null;
  markAllRead(): Promise<void>;
  /** Called with every notification that arrives live; returns the unsubscribe function. */
  subscribe(listener: (n: AppNotification) => void): () => void;
}

const NotificationsContext = createContext<NotificationsState | null>(null);

export function NotificationsProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const { socket } = useRealtime();
  const userId = session.user?.id ?? null;
  const [unread, setUnread] = useState<number | null>(null);
  const listeners = useRef(new Set<(n: AppNotification) => void>());

  useEffect(() => {
    setUnread(null);
    if (!userId) return;
    const controller = new AbortController();
    listNotifications({ limit: 1 }, controller.signal).then(
      (page) => setUnread(page.unread),
      () => undefined, // the bell simply shows no count
    );

    const onCreated = (payload: Broadcast) => {
      const n = payload.notification as AppNotification | undefined;
      if (!n) return;
      if (!n.read) setUnread((u) => (u ?? 0) + 1);
      for (const listener of listeners.current) listener(n);
    };
    const onConnect = () => {
      socket.timeout(8_000).emit("notifications:sync", {}, (err: Error | null, ack) => {
        if (!err && ack && "data" in ack) setUnread(ack.data.unread);
      });
    };
    socket.on("notification:created", onCreated);
    socket.on("connect", onConnect);
    return () => {
      controller.abort();
      socket.off("notification:created", onCreated);
      socket.off("connect", onConnect);
    };
  }, [userId, socket]);

  const markAllRead = useCallback(async () => {
    await markNotificationsRead();
    setUnread(0);
  }, []);

  const subscribe = useCallback((listener: (n: AppNotification) => void) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);

  const value = useMemo(() => ({ unread, markAllRead, subscribe }), [unread, markAllRead, subscribe]);
  return <NotificationsContext.Provider value={value}>{children}</NotificationsContext.Provider>;
}

export function useNotifications(): NotificationsState {
  const value = useContext(NotificationsContext);
  if (!value) throw new Error("useNotifications() needs a <NotificationsProvider> above it");
  return value;
}
