// Campaign grouping and the published counts run beside the submissions (server/responses/grouping.ts):
// tests that read campaigns or counts wait until the consultation's campaigns page says nothing waits,
// through the API as a reader would.
import type { TestServer } from "../support/server.ts";
import { eventually } from "../exports/support.ts";

/** The consultation's campaigns list, once every submitted response has been looked at. */
export function campaignsOnceIndexed(t: TestServer, consultationId: string): Promise<{ items: { id: string; count: number }[]; waitingForGrouping: number }> {
  return eventually(async () => {
    const res = await t.client().get(`/api/consultations/${consultationId}/campaigns`);
    if (res.status !== 200) throw new Error(`campaigns: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.waitingForGrouping === 0 ? res.body : null;
  }, "the indexing queue to catch up");
}
