// Notifications are stored as a message key and parameters: what services write now, and what the mail
// migration made of the English phrases written before (its statements run here on rows shaped like theirs).
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { createUser } from "../support/factories.ts";
import { mailText } from "../../server/mail/messages.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.stop();
});

const MIGRATION = fs.readdirSync("prisma/migrations").find((d) => d.endsWith("_mail"))!;
const conversions = fs
  .readFileSync(`prisma/migrations/${MIGRATION}/migration.sql`, "utf8")
  .split("\n")
  .filter((line) => !line.startsWith("--"))
  .join("\n")
  .split(";")
  .map((s) => s.trim())
  .filter((s) => s.startsWith('UPDATE "notifications"'));

describe("notification keys", () => {
  it("turns every English phrase written before into a key with its parameters, and leaves keys alone", async () => {
    const user = await createUser(t.prisma);
    const legacy: [string, string, unknown][] = [
      ["reply", 'a reply to you in "Scanning, "quoted" and all"', { key: "reply", params: { thread: 'Scanning, "quoted" and all' } }],
      ["decision", 'your contribution in "Détection"', { key: "post", params: { thread: "Détection" } }],
      ["decision", "your organisation's position on question 5", { key: "position", params: { ordinal: 5 } }],
      ["decision", 'the thread "Locked one"', { key: "thread", params: { title: "Locked one" } }],
      ["decision", "your account", { key: "account", params: {} }],
      ["decision", "your amendment to art_1__para_2", { key: "amendment", params: { eId: "art_1__para_2" } }],
      ["decision", 'your participation in "CSA" until 2026-12-01T00:00:00.000Z', { key: "participation", params: { consultation: "CSA", until: "2026-12-01T00:00:00.000Z" } }],
      ["consultation_opened", "Chat control", { key: "consultation", params: { title: "Chat control" } }],
      ["organisation_invitation", "Open Channels", { key: "organisation", params: { name: "Open Channels" } }],
    ];
    const ids = [];
    for (const [kind, about] of legacy) ids.push((await t.prisma.notification.create({ data: { userId: user.id, kind, payload: { about } } })).id);
    const current = await t.prisma.notification.create({ data: { userId: user.id, kind: "reply", payload: { about: { key: "reply", params: { thread: "New" } } } } });
    expect(conversions.length).toBeGreaterThanOrEqual(9);
    for (const sql of conversions) await t.prisma.$executeRawUnsafe(sql);
    for (const [i, [, , expected]] of legacy.entries()) {
      const row = await t.prisma.notification.findUniqueOrThrow({ where: { id: ids[i]! } });
      expect((row.payload as { about: unknown }).about).toEqual(expected);
    }
    expect((await t.prisma.notification.findUniqueOrThrow({ where: { id: current.id } })).payload).toEqual({ about: { key: "reply", params: { thread: "New" } } });
  });

  it("writes keys, not sentences, for new notifications, and the mail says them in each language", async () => {
    const { about } = await import("../../server/notifications/about.ts");
    expect(about.post("Détection")).toEqual({ key: "post", params: { thread: "Détection" } });
    expect(mailText("de", "about.post", { thread: "X" })).toBe("Ihrem Beitrag in „X“");
    expect(mailText("fr", "about.position", { ordinal: 3 })).toBe("la position de votre organisation sur la question 3");
    // Every mail key exists in every language with the same placeholders.
    const { mailCatalogKeys } = await import("../../server/mail/messages.ts");
    const en = mailCatalogKeys("en").sort();
    for (const lang of ["fr", "de"]) {
      expect(mailCatalogKeys(lang).sort()).toEqual(en);
      for (const key of en) {
        const names = (l: string) => [...mailText(l, key).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        expect(names(lang), `${lang} ${key}`).toEqual(names("en"));
      }
    }
  });
});
