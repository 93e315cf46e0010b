import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// TEST_DB=pglite (default) or TEST_DB=postgres: the whole suite runs against either.
export default defineConfig({
  plugins: [react()],
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    globalSetup: ["test/support/global-setup.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ["default", "json"],
    outputFile: { json: `test/.tmp/results-${process.env.TEST_DB ?? "pglite"}.json` },
  },
});
