// backup and restore on the embedded database, for real: the CLI in a child process; the server in this
// process on a real data folder, with rows written through its HTTP API while the backup runs.
import crypto from "node:crypto";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { loadConfig } from "../../server/config.ts";
import { TEST_SERVER_ENV } from "../support/processes.ts";
import { startServer, type RunningServer } from "../../server/server.ts";
import { controlSocketPath, requestBackup } from "../../server/db/control-channel.ts";
import { openDatabase } from "../../server/db/index.ts";
import { seedDemo } from "../../server/seed/demo.ts";
import { TestClient } from "../support/client.ts";
import { TEST_RATE_LIMITS } from "../support/server.ts";
import { createConsultation, createUser, logIn } from "../support/factories.ts";
import { createCliTarget, ROOT, runCli, tableChecksums, type CliTarget, type TableChecksum } from "./support.ts";

type Checksums = Record<string, TableChecksum>;
const SLOW = 300_000; // every CLI run starts tsx and PGlite; on a busy machine that takes a while

function serverOn(dataDir: string): Promise<RunningServer> {
  // The scheduler has nothing due; an hour between ticks keeps it from writing while we count states.
  const config = loadConfig({ NODE_ENV: "test", PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, SCHEDULER_INTERVAL_MS: "3600000", ...TEST_SERVER_ENV });
  return startServer(config, { rateLimits: TEST_RATE_LIMITS });
}

function sha256Of(file: string): string {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** What a restore or a refused restore could have left next to the folder. */
function siblingsOf(dir: string): string[] {
  return fs.readdirSync(path.dirname(dir)).filter((name) => name.startsWith(`${path.basename(dir)}.`)).sort();
}

/**
 * The index of the state the backup shows, or -1 if it matches none. Each reply request commits one
 * transaction (post, revision, event), then express-session writes the session's new expiry, then the
 * response ends and we record the state. A backup may fall between those two writes: then it shows
 * state k with the sessions table still as in state k-1. Any other difference would be a torn copy.
 */
function momentOf(backup: Checksums, states: Checksums[]): number {
  return states.findIndex(
    (state, k) => isDeepStrictEqual(backup, state) || (k > 0 && isDeepStrictEqual(backup, { ...state, sessions: states[k - 1]!.sessions })),
  );
}

describe("backup and restore on the embedded database", () => {
  let source: CliTarget;
  const copies: CliTarget[] = [];
  const files = path.join(ROOT, "test/.tmp", `backups-${crypto.randomBytes(6).toString("hex")}`);
  const backupFile = path.join(files, "while-writing.tar.gz");
  let author: Awaited<ReturnType<typeof createUser>>;
  let consultationId: string;
  let threadId: string;
  /** The database's content after each write of the first test; the last one is what the server left. */
  let states: Checksums[] = [];
  let backedUp: Checksums;

  async function freshFolder(): Promise<CliTarget> {
    const target = await createCliTarget();
    copies.push(target);
    return target;
  }

  beforeAll(async () => {
    fs.mkdirSync(files, { recursive: true });
    source = await createCliTarget();
    await source.withDb(async (prisma) => {
      await seedDemo(prisma); // rows in most tables, so that "every table's content" means something
      author = await createUser(prisma, { email: "writer@example.org" });
      consultationId = (await createConsultation(prisma, { createdById: author.id })).id;
    });
  }, SLOW);
  afterAll(async () => {
    await source.cleanup();
    for (const copy of copies) await copy.cleanup();
    fs.rmSync(files, { recursive: true, force: true });
  });

  it(
    "backs up through the running server while replies are written: the copy is the database at one moment",
    async () => {
      const server = await serverOn(source.dataDir!);
      let res;
      try {
        const client = new TestClient(server.url);
        await logIn(client, author);
        const thread = await client.post(`/api/consultations/${consultationId}/threads`, { title: "Backups", body: "Do backups tear?" });
        expect(thread.status).toBe(201);
        threadId = thread.body.thread.id;

        // One writer, one request at a time, recording the whole database's checksums after each.
        states = [await tableChecksums(server.db.prisma)];
        let backupFinished = false;
        let threeDone!: () => void;
        const threeWritten = new Promise<void>((resolve) => (threeDone = resolve));
        const writer = (async () => {
          for (let i = 1, after = 0; ; i++) {
            const reply = await client.post(`/api/threads/${threadId}/posts`, { body: `Reply number ${i}` });
            expect(reply.status).toBe(201);
            states.push(await tableChecksums(server.db.prisma));
            if (i === 3) threeDone();
            if (backupFinished && ++after === 3) return;
          }
        })();
        await Promise.race([threeWritten, writer]); // the writer only ends early by failing
        res = await runCli("admin.ts", ["backup", "--out", backupFile], source);
        backupFinished = true;
        await writer;
      } finally {
        await server.close();
      }

      expect(res.stderr).toBe("");
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/the running server copied it between two transactions/);
      expect(res.stdout).toContain(`File: ${backupFile} (${fs.statSync(backupFile).size.toLocaleString("en")} bytes)`);
      expect(res.stdout).toContain(`SHA-256: ${sha256Of(backupFile)}`);
      expect(fs.statSync(backupFile).mode & 0o777).toBe(0o600);
      expect(fs.readdirSync(files)).toEqual(["while-writing.tar.gz"]); // no temporary file left

      const copy = await freshFolder();
      const restore = await runCli("admin.ts", ["restore", "--in", backupFile], copy);
      expect(restore.stderr).toBe("");
      expect(restore.code).toBe(0);
      expect(restore.stdout).toMatch(/The data folder held no database before/);
      backedUp = await copy.withDb(tableChecksums);

      expect(Object.keys(backedUp)).toEqual(Object.keys(states[0]!));
      const k = momentOf(backedUp, states);
      expect(k, "the backup matches no state the database was in").toBeGreaterThanOrEqual(0);
      // Replies 1-3 were written before the CLI started, three more after it finished.
      expect(k).toBeGreaterThanOrEqual(3);
      expect(k).toBeLessThanOrEqual(states.length - 4);
      expect(backedUp.posts!.rows).toBe(states[0]!.posts!.rows + k);
    },
    SLOW,
  );

  it(
    "refuses to restore while the server runs, changing nothing; restores once it has stopped, moving the old folder aside",
    async () => {
      const before = fs.readdirSync(source.dataDir!).sort();
      const server = await serverOn(source.dataDir!);
      let refused;
      try {
        refused = await runCli("admin.ts", ["restore", "--in", backupFile], source);
      } finally {
        await server.close();
      }
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/The server is running on .* stop it, then run restore again\. Nothing was changed\./);
      expect(refused.stderr).not.toMatch(/\n\s+at /);
      expect(fs.readdirSync(source.dataDir!).sort()).toEqual(before);
      expect(siblingsOf(source.dataDir!)).toEqual([]);
      expect(await source.withDb(tableChecksums)).toEqual(states.at(-1));

      // Positive control: the same command, the server stopped.
      const res = await runCli("admin.ts", ["restore", "--in", backupFile], source);
      expect(res.stderr).toBe("");
      expect(res.code).toBe(0);
      const aside = /moved to (\S+?);/.exec(res.stdout)?.[1];
      expect(aside).toMatch(/\.before-restore-\d{4}-\d\d-\d\dT[\d-]+Z$/);
      expect(siblingsOf(source.dataDir!)).toEqual([path.basename(aside!)]);
      expect(res.stdout).toMatch(/The backup has all \d+ migrations of this version\./);

      // The data folder now holds the backup, and the server runs on it and serves what it holds.
      expect(await source.withDb(tableChecksums)).toEqual(backedUp);
      const restarted = await serverOn(source.dataDir!);
      try {
        const listed = await new TestClient(restarted.url).get(`/api/threads/${threadId}/posts?limit=100`);
        expect(listed.status).toBe(200);
        expect(listed.body.items).toHaveLength(backedUp.posts!.rows - states[0]!.posts!.rows + 1); // the opening post, and replies
      } finally {
        await restarted.close();
      }

      // The folder moved aside is the database as the server left it, every reply included.
      const previous = await openFolder(aside!);
      expect(previous).toEqual(states.at(-1));
    },
    SLOW,
  );

  it(
    "refuses archives that are not a Roundtable database, and changes nothing",
    async () => {
      const good = fs.readFileSync(backupFile);
      const flipped = Buffer.from(good);
      for (let i = 0; i < 64; i++) flipped[Math.floor(good.length / 2) + i]! ^= 0xff;
      const notADatabase = path.join(files, "not-a-database");
      fs.mkdirSync(notADatabase);
      fs.writeFileSync(path.join(notADatabase, "hello.txt"), "hello");
      const bare = await PGlite.create(); // a database, but not one of ours
      const bareDump = Buffer.from(await (await bare.dumpDataDir("gzip")).arrayBuffer());
      await bare.close();
      const cases: Array<[string, Buffer | (() => void), RegExp]> = [
        ["flipped.tar.gz", flipped, /is not a backup: it is not a complete gzip file|does not open as a Roundtable database/],
        ["truncated.tar.gz", good.subarray(0, Math.floor(good.length / 3)), /is not a backup: it is not a complete gzip file/],
        ["files.tar.gz", () => execFileSync("tar", ["czf", path.join(files, "files.tar.gz"), "-C", notADatabase, "."]), /does not open as a Roundtable database/],
        ["bare-pglite.tar.gz", bareDump, /a PGlite database without Roundtable's migrations/],
      ];

      const content = await source.withDb(tableChecksums);
      const listing = fs.readdirSync(source.dataDir!).sort();
      for (const [name, made, message] of cases) {
        const file = path.join(files, name);
        if (typeof made === "function") made();
        else fs.writeFileSync(file, made);
        const res = await runCli("admin.ts", ["restore", "--in", file], source);
        expect(res.code, name).toBe(1);
        expect(res.stderr, name).toMatch(message);
        expect(res.stderr, name).toMatch(/Nothing was changed\.\n?$/);
        expect(fs.readdirSync(source.dataDir!).sort(), name).toEqual(listing);
        expect(siblingsOf(source.dataDir!).filter((s) => !s.includes(".before-restore-")), name).toEqual([]);
      }
      expect(await source.withDb(tableChecksums)).toEqual(content);
    },
    SLOW,
  );

  it(
    "with no server running, holds the folder and makes the copy itself",
    async () => {
      const file = path.join(files, "server-stopped.tar.gz");
      const res = await runCli("admin.ts", ["backup", "--out", file], source);
      expect(res.stderr).toBe("");
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/no server was running; this command held the folder while copying it/);
      expect(res.stdout).toContain(`SHA-256: ${sha256Of(file)}`);

      const copy = await freshFolder();
      expect((await runCli("admin.ts", ["restore", "--in", file], copy)).code).toBe(0);
      expect(await copy.withDb(tableChecksums)).toEqual(await source.withDb(tableChecksums));

      const inside = await runCli("admin.ts", ["backup", "--out", path.join(source.dataDir!, "backup.tar.gz")], source);
      expect(inside.code).toBe(1);
      expect(inside.stderr).toMatch(/--out must be outside the data folder/);
    },
    SLOW,
  );

  it(
    "the control socket: owner-only, outside the data folder, replaces a stale one, gone after a clean stop",
    async () => {
      const socketPath = controlSocketPath(source.dataDir!);
      // A socket left behind by a server that crashed (a clean close would remove it): bound, then SIGKILL.
      const crashed = spawn(process.execPath, ["-e", `require("net").createServer().listen(${JSON.stringify(socketPath)}, () => console.log("ready"))`]);
      await new Promise<void>((resolve) => crashed.stdout.once("data", () => resolve()));
      crashed.kill("SIGKILL");
      await new Promise<void>((resolve) => crashed.once("exit", () => resolve()));
      expect(fs.statSync(socketPath).isSocket()).toBe(true);
      expect(await requestBackup(source.dataDir!)).toBeUndefined(); // nobody listens: "no server"

      const server = await serverOn(source.dataDir!);
      try {
        const stat = fs.statSync(socketPath);
        expect(stat.isSocket()).toBe(true);
        expect(stat.mode & 0o777).toBe(0o600);
        expect(path.dirname(socketPath)).toBe(path.dirname(fs.realpathSync(source.dataDir!)));
        expect(fs.readdirSync(source.dataDir!).filter((name) => fs.statSync(path.join(source.dataDir!, name)).isSocket())).toEqual([]);

        const answer = await requestBackup(source.dataDir!);
        expect(answer).toBeDefined();
        const chunks: Buffer[] = [];
        for await (const chunk of answer!.body) chunks.push(chunk as Buffer);
        const body = Buffer.concat(chunks);
        expect(body.length).toBe(answer!.header.bytes);
        expect(crypto.createHash("sha256").update(body).digest("hex")).toBe(answer!.header.sha256);
      } finally {
        await server.close();
      }
      expect(fs.existsSync(socketPath)).toBe(false);
    },
    SLOW,
  );
});

/** Opens a data folder outside any CliTarget (here: the one a restore moved aside). */
async function openFolder(dir: string): Promise<Checksums> {
  const db = await openDatabase({ dataDir: dir, migrate: false });
  try {
    return await tableChecksums(db.prisma);
  } finally {
    await db.close();
  }
}
