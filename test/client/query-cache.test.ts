// The client's cache helpers without a browser: live changes put back into the pages they came from,
// retries only for answers that may change, and a live thread change patching the cached lists (or
// saying that it cannot, so the page refetches).
import { describe, expect, it } from "vitest";
import { QueryClient, type InfiniteData } from "@tanstack/react-query";
import { ApiError } from "../../client/src/api/client.ts";
import type { ThreadSummary } from "../../client/src/api/threads.ts";
import { applyThreadUpdate } from "../../client/src/features/consultations/threadCache.ts";
import { shouldRetry } from "../../client/src/lib/query/client.ts";
import { keys } from "../../client/src/lib/query/keys.ts";
import { mapPagedItems, type CursorPage } from "../../client/src/lib/query/state.ts";

type Item = { id: string; n: number };
const pages = (...lists: Item[][]): InfiniteData<CursorPage<Item>> => ({
  pages: lists.map((items, i) => ({ items, nextCursor: i < lists.length - 1 ? `c${i}` : null })),
  pageParams: lists.map((_, i) => (i === 0 ? undefined : `c${i - 1}`)),
});
const ids = (d: InfiniteData<CursorPage<Item>> | undefined) => d?.pages.map((p) => p.items.map((i) => i.id));

describe("mapPagedItems", () => {
  const data = pages([{ id: "a", n: 1 }, { id: "b", n: 2 }], [{ id: "c", n: 3 }]);

  it("keeps each item in its page when items change or go, and appends new ones to the last page", () => {
    expect(ids(mapPagedItems(data, (items) => items.filter((i) => i.id !== "b")))).toEqual([["a"], ["c"]]);
    expect(mapPagedItems(data, (items) => items.map((i) => (i.id === "c" ? { ...i, n: 30 } : i)))!.pages[1]!.items[0]).toEqual({ id: "c", n: 30 });
    expect(ids(mapPagedItems(data, (items) => [...items, { id: "d", n: 4 }]))).toEqual([["a", "b"], ["c", "d"]]);
    expect(mapPagedItems(data, (items) => items)).toBe(data);
    expect(mapPagedItems(undefined, (items) => [...items, { id: "d", n: 4 }])).toBeUndefined();
    // Cursors and page parameters stay as the server gave them.
    expect(mapPagedItems(data, (items) => items.slice(1))!.pageParams).toEqual(data.pageParams);
  });
});

describe("shouldRetry", () => {
  it("retries an unreachable or failing server once, never a 4xx answer", () => {
    expect(shouldRetry(0, new ApiError("unavailable", "down", 503))).toBe(true);
    expect(shouldRetry(0, new ApiError("internal", "unreachable", 0))).toBe(true);
    expect(shouldRetry(1, new ApiError("unavailable", "down", 503))).toBe(false);
    for (const status of [400, 401, 403, 404, 409, 429]) expect(shouldRetry(0, new ApiError("not_found", "no", status))).toBe(false);
  });
});

describe("applyThreadUpdate", () => {
  const summary = (id: string, over: Partial<ThreadSummary> = {}): ThreadSummary => ({
    id,
    consultationId: "c1",
    questionId: null,
    questionOrdinal: null,
    title: `Thread ${id}`,
    status: "open",
    pinned: false,
    openingStatus: "published",
    author: null,
    postCount: 1,
    createdAt: "2026-01-01T00:00:00.000Z",
    lastPostAt: "2026-01-01T00:00:00.000Z",
    abilities: { reply: true, askQuestion: true, moderate: false },
    ...over,
  });
  const live = (id: string, over: Record<string, unknown> = {}) => ({
    id,
    consultationId: "c1",
    questionId: null,
    title: `Thread ${id}`,
    status: "open",
    pinned: false,
    slowModeSeconds: 0,
    createdAt: "2026-01-01T00:00:00.000Z",
    ...over,
  });
  const seeded = () => {
    const qc = new QueryClient();
    const list = { pages: [{ items: [summary("t1"), summary("t2")], nextCursor: null }], pageParams: [undefined] };
    qc.setQueryData(keys.threads("c1", undefined, "u1"), list);
    qc.setQueryData(keys.threads("c1", "q1", "u1"), { pages: [{ items: [summary("t3", { questionId: "q1" })], nextCursor: null }], pageParams: [undefined] });
    return qc;
  };
  const cached = (qc: QueryClient, id: string) =>
    qc.getQueryData<InfiniteData<CursorPage<ThreadSummary>>>(keys.threads("c1", undefined, "u1"))!.pages[0]!.items.find((t) => t.id === id);

  it("patches a lock and a new title in place, keeping what the broadcast does not carry", () => {
    const qc = seeded();
    expect(applyThreadUpdate(qc, live("t2", { status: "locked", title: "Renamed" }) as never)).toBe(true);
    expect(cached(qc, "t2")).toMatchObject({ status: "locked", title: "Renamed", postCount: 1, abilities: { reply: true } });
    expect(cached(qc, "t1")).toMatchObject({ status: "open", title: "Thread t1" });
  });

  it("asks for a refetch for a pin, a change of question, a quarantined title or a thread no list holds", () => {
    const qc = seeded();
    expect(applyThreadUpdate(qc, live("t1", { pinned: true }) as never)).toBe(false);
    expect(applyThreadUpdate(qc, live("t1", { questionId: "q1" }) as never)).toBe(false);
    expect(applyThreadUpdate(qc, live("t1", { title: null, quarantined: true }) as never)).toBe(false);
    expect(applyThreadUpdate(qc, live("t9") as never)).toBe(false);
    // Nothing was patched on the way.
    expect(cached(qc, "t1")).toMatchObject({ pinned: false, questionId: null, title: "Thread t1" });
    // Positive control: the same list takes a plain status change.
    expect(applyThreadUpdate(qc, live("t1", { status: "archived" }) as never)).toBe(true);
    expect(cached(qc, "t1")!.status).toBe("archived");
  });
});
