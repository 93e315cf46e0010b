// The admin CLI, run for real in a child process, checked through the database afterwards.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "../../server/accounts/service.ts";
import { loadConfig } from "../../server/config.ts";
import { TEST_SERVER_ENV } from "../support/processes.ts";
import { startServer } from "../../server/server.ts";
import { TEST_DB } from "../support/db.ts";
import { createOrganisation, createUser, DEFAULT_PASSWORD } from "../support/factories.ts";
import { createCliTarget, runCli, type CliTarget } from "./support.ts";

const NEW_PASSWORD = "a brand new passphrase";
let target: CliTarget;

beforeAll(async () => {
  target = await createCliTarget();
  await target.withDb(async (prisma) => {
    await createUser(prisma, { email: "someone@example.org" });
    await createUser(prisma, { email: "colleague@example.org" });
    await createOrganisation(prisma, { name: "Harbour Children's Network", category: "child_rights" });
    await createOrganisation(prisma, { name: "Quiet Keys Collective", category: "digital_rights" });
  });
});
afterAll(async () => {
  await target.cleanup();
});

describe("create-admin", () => {
  it("creates an administrator who can log in", async () => {
    const res = await runCli("admin.ts", ["create-admin", "--email", "Chief@Example.org", "--password", NEW_PASSWORD, "--name", "Chief Admin"], target);
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(res.stdout.trim().split("\n")).toHaveLength(1);
    expect(res.stdout).toMatch(/Created administrator Chief@Example\.org/);
    await target.withDb(async (prisma) => {
      const user = await authenticate(prisma, "chief@example.org", NEW_PASSWORD);
      expect(user).toMatchObject({ isAdmin: true, displayName: "Chief Admin", status: "active" });
      expect(await authenticate(prisma, "chief@example.org", "not the password")).toBeNull();
    });
  });

  it("refuses an email that already has an account (exit 1), changing nothing", async () => {
    const res = await runCli("admin.ts", ["create-admin", "--email", "SOMEONE@example.org", "--password", NEW_PASSWORD], target);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/already exists; nothing was changed/);
    await target.withDb(async (prisma) => {
      expect(await prisma.user.count({ where: { emailKey: "someone@example.org" } })).toBe(1);
      expect(await authenticate(prisma, "someone@example.org", DEFAULT_PASSWORD)).toMatchObject({ isAdmin: false });
    });
  });

  it("with --promote, makes the existing account an administrator and sets its password", async () => {
    const res = await runCli("admin.ts", ["create-admin", "--email", "colleague@example.org", "--password", NEW_PASSWORD, "--promote"], target);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/Made the existing account colleague@example\.org an administrator/);
    await target.withDb(async (prisma) => {
      expect(await authenticate(prisma, "colleague@example.org", DEFAULT_PASSWORD)).toBeNull();
      expect(await authenticate(prisma, "colleague@example.org", NEW_PASSWORD)).toMatchObject({ isAdmin: true });
    });
  });

  it("reports a missing option as a usage error (exit 2)", async () => {
    const res = await runCli("admin.ts", ["create-admin", "--email", "nopass@example.org"], target);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/Missing --password/);
  });
});

describe("set-password", () => {
  it("changes the password: the old one fails, the new one works", async () => {
    const res = await runCli("admin.ts", ["set-password", "--email", "someone@example.org", "--password", NEW_PASSWORD], target);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/Password set for someone@example\.org/);
    await target.withDb(async (prisma) => {
      expect(await authenticate(prisma, "someone@example.org", DEFAULT_PASSWORD)).toBeNull();
      expect(await authenticate(prisma, "someone@example.org", NEW_PASSWORD)).not.toBeNull();
    });
  });

  it("refuses a password that is too short (exit 2), changing nothing", async () => {
    const before = await target.withDb((prisma) => prisma.user.findUniqueOrThrow({ where: { emailKey: "someone@example.org" } }));
    const res = await runCli("admin.ts", ["set-password", "--email", "someone@example.org", "--password", "short"], target);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--password must be at least 10 characters/);
    const after = await target.withDb((prisma) => prisma.user.findUniqueOrThrow({ where: { emailKey: "someone@example.org" } }));
    expect(after.passwordHash).toBe(before.passwordHash);
  });
});

describe("verify-org", () => {
  it("verifies the organisation, matching its name case-insensitively", async () => {
    const res = await runCli("admin.ts", ["verify-org", "--name", "harbour children's NETWORK"], target);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/Organisation "Harbour Children's Network" is verified/);
    await target.withDb(async (prisma) => {
      const org = await prisma.organisation.findUniqueOrThrow({ where: { nameKey: "harbour children's network" } });
      expect(org.verified).toBe(true);
      expect(org.verifiedAt).toBeInstanceOf(Date);
      expect(org.verifiedById).toBeNull();
    });
  });

  it("fails with a message (exit 1) for an unknown organisation", async () => {
    const res = await runCli("admin.ts", ["verify-org", "--name", "No Such Organisation"], target);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/No organisation is named "No Such Organisation"/);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("usage", () => {
  it("prints the usage with --help, documenting what create-admin does with an existing email", async () => {
    const res = await runCli("admin.ts", ["--help"], target);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/Usage: npm run admin -- <command>/);
    expect(res.stdout).toMatch(/--promote/);
    expect(res.stdout).toMatch(/backup --out FILE/);
    expect(res.stdout).toMatch(/restore --in FILE/);
  });

  it("backup needs --out and restore --in (exit 2); a missing backup file is not done (exit 1)", async () => {
    const backup = await runCli("admin.ts", ["backup"], target);
    expect(backup.code).toBe(2);
    expect(backup.stderr).toMatch(/Missing --out/);
    const restore = await runCli("admin.ts", ["restore", "--in"], target);
    expect(restore.code).toBe(2);
    const missing = await runCli("admin.ts", ["restore", "--in", "no-such-backup.tar.gz"], target);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No backup file at .*no-such-backup\.tar\.gz\. Nothing was changed\./);
  });

  it("rejects an unknown command (exit 2)", async () => {
    const res = await runCli("admin.ts", ["delete-everything"], target);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/Unknown command "delete-everything"/);
  });
});

// Only the embedded database has a data folder for the server to hold; PostgreSQL serves many processes.
if (TEST_DB === "pglite") {
  describe("while the server runs on the embedded database", () => {
    it("refuses with the data folder's 'in use' message (exit 1) and changes nothing", async () => {
      const server = await startServer(loadConfig({ NODE_ENV: "test", PORT: "0", HOST: "127.0.0.1", DATA_DIR: target.dataDir!, ...TEST_SERVER_ENV }));
      let res;
      try {
        res = await runCli("admin.ts", ["verify-org", "--name", "Quiet Keys Collective"], target);
      } finally {
        await server.close();
      }
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/is in use by another Roundtable process/);
      expect(res.stderr).not.toMatch(/\n\s+at /);
      await target.withDb(async (prisma) => {
        expect((await prisma.organisation.findUniqueOrThrow({ where: { nameKey: "quiet keys collective" } })).verified).toBe(false);
      });
    });
  });
}
