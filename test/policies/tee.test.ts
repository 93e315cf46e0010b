// The package's tee (server/exports/tee.ts): every reader gets every item in order, and a fast reader
// never runs more than the bound ahead of a slow one (what keeps a package's memory to a few batches).
import { describe, expect, it } from "vitest";
import { tee } from "../../server/exports/tee.ts";

async function* numbers(n: number, pulled: { count: number }) {
  for (let i = 0; i < n; i++) {
    pulled.count++;
    yield i;
  }
}

describe("tee", () => {
  it("gives every reader every item in order, and holds a fast reader to the bound ahead of a slow one", async () => {
    const pulled = { count: 0 };
    const [fast, slow] = tee(numbers(50, pulled), 2, 3);
    const seenFast: number[] = [];
    const seenSlow: number[] = [];
    let maxLead = 0;
    let release!: () => void;
    const slowMayGo = new Promise<void>((r) => (release = r));
    const readFast = (async () => {
      for await (const x of fast!) {
        seenFast.push(x);
        maxLead = Math.max(maxLead, seenFast.length - seenSlow.length);
        // The slow reader has not started: the fast one stops at the bound, having pulled no further.
        if (seenFast.length === 3) setTimeout(release, 50);
      }
    })();
    const readSlow = (async () => {
      await slowMayGo;
      expect(pulled.count).toBe(3);
      for await (const x of slow!) {
        seenSlow.push(x);
        await new Promise((r) => setImmediate(r));
      }
    })();
    await Promise.all([readFast, readSlow]);
    expect(seenFast).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(seenSlow).toEqual(seenFast);
    expect(maxLead).toBeLessThanOrEqual(3);
    expect(pulled.count).toBe(50);
  });
});
