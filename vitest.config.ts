import os from "node:os";
import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// TEST_DB=pglite (default) or TEST_DB=postgres: the suite runs against either. Files whose behaviour does
// not depend on the database (browser journeys, the CLI, pure policies, the rich-text corpus) run once,
// in the PGlite run; files about one database only run in that database's run. TEST_ALL_FILES=1 runs the
// database-independent files on PostgreSQL too.
const db = process.env.TEST_DB ?? "pglite";
const DATABASE_INDEPENDENT = ["test/e2e/**", "test/policies/**", "test/content/**", "test/cli/admin.test.ts", "test/cli/seed.test.ts", "test/exports/pdf-rendering.test.ts", "test/i18n/**"];
const PGLITE_ONLY = ["test/cli/backup-embedded.test.ts"];
const POSTGRES_ONLY = ["test/cli/backup-postgres.test.ts", "test/realtime/scale-out.test.ts", "test/exports/two-servers.test.ts"];
const exclude = db === "postgres" ? [...(process.env.TEST_ALL_FILES ? [] : DATABASE_INDEPENDENT), ...PGLITE_ONLY] : POSTGRES_ONLY;

export default defineConfig({
  plugins: [react()],
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    exclude: ["**/node_modules/**", ...exclude],
    globalSetup: ["test/support/global-setup.ts"],
    pool: "forks",
    // Files share each worker's module cache: importing the server, Prisma's client and PGlite once per
    // worker instead of once per file halves the suite's time. Each file still starts its own server on
    // its own database; module-level state in server/ is caches only. TEST_ISOLATE=1 isolates every file.
    isolate: process.env.TEST_ISOLATE === "1",
    // Most tests wait on the database or the browser, not the CPU: a worker more than there are cores.
    maxWorkers: Number(process.env.TEST_WORKERS ?? os.cpus().length + 1),
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ["default", "json"],
    outputFile: { json: `test/.tmp/results-${db}.json` },
  },
});
