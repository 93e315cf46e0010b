// Configuration for the Prisma CLI (generate, migrate diff/deploy/status). The server does not use it:
// it applies migrations itself (server/db/migrate.ts). The database is chosen as the server chooses it.
import fs from "node:fs";
import { defineConfig } from "prisma/config";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    if (process.env.DATABASE_URL) {
      const { PrismaPg } = await import("pg7adapter");
      return new PrismaPg({ connectionString: process.env.DATABASE_URL });
    }
    // `npm run db:diff` passes DATA_DIR=memory:// : a diff between schema files needs no real database.
    const dataDir = process.env.DATA_DIR ?? "./data";
    if (!dataDir.startsWith("memory://")) fs.mkdirSync(dataDir, { recursive: true });
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    // Its bundled copy of Prisma's adapter types differs from the CLI's; they match at run time.
    return new PrismaPGlite(new PGlite(dataDir)) as never;
  },
});
