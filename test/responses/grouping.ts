// Campaign grouping runs beside the submissions (server/responses/grouping.ts): tests that read campaigns
// wait until the consultation's campaigns page says nothing waits, through the API as a reader would.
import type { TestServer } from "../support/server.ts";
import { eventually } from "../exports/support.ts";

/** The consultation's campaigns list, once every submitted response has been looked at. */
export function campaignsOnceGrouped(t: TestServer, consultationId: string): Promise<{ items: { id: string; count: number }[]; waitingForGrouping: number }> {
  return eventually(async () => {
    const res = await t.client().get(`/api/consultations/${consultationId}/campaigns`);
    if (res.status !== 200) throw new Error(`campaigns: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.waitingForGrouping === 0 ? res.body : null;
  }, "campaign grouping to catch up");
}
