// The indexing queue beside the submissions: campaign grouping and the published counts. A submitted
// response that changed (submitted, amended, marked, reported) has indexed_at null (a partial index holds
// just those, in arrival order), and a grouper in every process takes them a batch at a time: groups the
// new ones into campaigns (one band look-up for the whole batch, campaigns.ts) and recounts them all in
// response_tallies (tallies.ts). A submission is a few short statements and never waits for either.
//
// Order matters (the earliest copy of a letter represents its campaign), so one consultation is grouped by
// one process at a time: a batch runs under a transaction-scoped advisory lock on the consultation, taken
// with try (another process busy with it moves on to other consultations) and its rows are claimed FOR
// UPDATE SKIP LOCKED (a response being amended right now waits for the next round). A process that dies
// mid-batch rolls back: nothing was marked indexed, and the next round takes the same rows again.
import type { PrismaClient } from "../db/index.ts";
import type { TAnswers, TQuestionnaire } from "../../shared/schemas/responses.ts";
import { Prisma } from "../db/generated/client.ts";
import { directTransaction, readRows } from "../db/direct-reads.ts";
import { outsideRequestScope } from "../http/request-scope.ts";
import { groupResponses } from "./campaigns.ts";
import { applyTallyChanges, tallyKeysOf, type TalliedResponse, type TallyKey } from "./tallies.ts";

interface WaitingRow extends TalliedResponse {
  id: string;
  seq: number;
  campaign_id: string | null;
  tallied: unknown;
}

const BATCH = 200;
const GROUPING_LOCK = 7_270_014;
const BATCH_TIMEOUT_MS = 60_000;

/** The next consultation after `after` (by id) with responses waiting, or null: a skip scan of the partial index. */
async function nextWaitingConsultation(prisma: PrismaClient, after: string): Promise<string | null> {
  const [row] = await readRows<{ consultation_id: string }>(prisma, Prisma.sql`
    SELECT consultation_id FROM responses WHERE status = 'submitted' AND indexed_at IS NULL AND consultation_id > ${after}
    ORDER BY consultation_id LIMIT 1`);
  return row?.consultation_id ?? null;
}

/**
 * Groups one batch of a consultation's waiting responses into campaigns and recounts them in the tallies.
 * Returns how many it took (0: none waiting, or another process holds the consultation). Plain
 * statements on a connection of its own (directTransaction): at 200 submissions a second the queue runs
 * a batch every few submissions, and Prisma's interactive transaction was a fifth of the server's CPU.
 */
export async function groupBatch(prisma: PrismaClient, consultationId: string): Promise<number> {
  return directTransaction(
    prisma,
    async (run) => {
      const [lock] = await run<{ held: boolean }>(Prisma.sql`SELECT pg_try_advisory_xact_lock(${GROUPING_LOCK}, hashtext(${consultationId})) AS held`);
      if (!lock?.held) return 0;
      const rows = await run<WaitingRow>(Prisma.sql`
        SELECT r.id, r.seq, r.answers, r.campaign_id, r.status::text AS status, r.consent::text AS consent, r.category::text AS category, r.country, r.channel::text AS channel,
               r.suspected_automated_at IS NOT NULL AS suspected, r.tallied,
               EXISTS (SELECT 1 FROM response_impersonation_reports ir WHERE ir.response_id = r.id AND ir.verified_at IS NOT NULL) AS impersonated
        FROM responses r
        WHERE r.consultation_id = ${consultationId} AND r.status = 'submitted' AND r.indexed_at IS NULL
        ORDER BY r.seq LIMIT ${BATCH} FOR UPDATE OF r SKIP LOCKED`);
      if (rows.length === 0) return 0;
      const [questionnaire] = await run<{ definition: TQuestionnaire }>(Prisma.sql`SELECT definition FROM questionnaires WHERE consultation_id = ${consultationId}`);
      const q = questionnaire?.definition ?? null;
      const ungrouped = rows.filter((r) => r.campaign_id === null).map((r) => ({ id: r.id, seq: r.seq, answers: r.answers }));
      if (q && ungrouped.length > 0) await groupResponses(run, q, consultationId, ungrouped);
      const counted = rows.map((r) => ({ id: r.id, before: (r.tallied ?? []) as TallyKey[], after: tallyKeysOf(q, r) }));
      await applyTallyChanges(run, consultationId, counted);
      await run(Prisma.sql`
        UPDATE responses SET indexed_at = now(), tallied = v.tallied::jsonb
        FROM unnest(${counted.map((c) => c.id)}::text[], ${counted.map((c) => JSON.stringify(c.after))}::text[]) AS v(id, tallied)
        WHERE responses.id = v.id`);
      return rows.length;
    },
    { timeoutMs: BATCH_TIMEOUT_MS },
  );
}

/**
 * Groups everything waiting (in one consultation, or in all), batch after batch; returns how many it took.
 * Stops early when another process holds a consultation: that one is grouping it.
 */
export async function groupWaitingResponses(prisma: PrismaClient, opts: { consultationId?: string; stopped?: () => boolean } = {}): Promise<number> {
  let total = 0;
  const one = async (consultationId: string) => {
    for (;;) {
      const n = await groupBatch(prisma, consultationId);
      total += n;
      if (n < BATCH || opts.stopped?.()) return;
    }
  };
  if (opts.consultationId) {
    await one(opts.consultationId);
    return total;
  }
  let after = "";
  for (let id = await nextWaitingConsultation(prisma, after); id && !opts.stopped?.(); id = await nextWaitingConsultation(prisma, after)) {
    await one(id);
    after = id;
  }
  return total;
}

/** How many of a consultation's submitted responses wait to be grouped (shown beside the campaigns). */
export function countWaitingForGrouping(prisma: PrismaClient, consultationId: string): Promise<number> {
  return prisma.response.count({ where: { consultationId, status: "submitted", indexedAt: null } });
}

/** The loop in each process: at once when this process took responses in (nudge), else every pollMs. */
export class CampaignGrouper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly pollMs: number,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Responses were just taken in here: group them now rather than at the next poll. */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    // The round is the server's own work, not the request's that nudged it.
    else outsideRequestScope(() => this.schedule(0));
  }

  private schedule(ms: number) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref?.();
  }

  private async tick() {
    if (this.stopped || this.running) return;
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await groupWaitingResponses(this.prisma, { stopped: () => this.stopped });
        } while (this.again && !this.stopped);
      } catch (err) {
        // The database was away, or a batch failed: nothing was marked grouped, the next round retries.
        if (!this.stopped) console.error("[campaigns] grouping round failed:", (err as Error).message);
      }
    })();
    await this.running;
    this.running = undefined;
    if (!this.stopped) this.schedule(this.again ? 0 : this.pollMs);
  }
}
