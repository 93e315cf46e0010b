// The interface language per account, and server messages in the reader's language: GET /api/me says
// who is logged in (null when nobody is, with a 200), PATCH /api/me keeps the language, and errors keep
// their code while the message follows the account's language, else Accept-Language, else English.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { createUser, logIn } from "../support/factories.ts";
import { pickFromAcceptLanguage } from "../../shared/languages.ts";
import { translateMessage } from "../../server/i18n/messages.ts";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

describe("GET /api/me", () => {
  it("answers 200 { user: null } when signed out, and the account with its language when signed in", async () => {
    const anon = await t.client().get("/api/me");
    expect(anon.status).toBe(200);
    expect(anon.body).toEqual({ user: null });
    const user = await createUser(t.prisma);
    const c = t.client();
    await logIn(c, user);
    const me = await c.get("/api/me");
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ id: user.id, language: null });
  });
});

describe("PATCH /api/me", () => {
  it("keeps the language; refuses an unknown one and changes nothing; needs a login", async () => {
    const user = await createUser(t.prisma);
    const c = t.client();
    await logIn(c, user);
    const saved = await c.patch("/api/me", { language: "fr" });
    expect(saved.status).toBe(200);
    expect(saved.body.user.language).toBe("fr");
    expect((await c.get("/api/me")).body.user.language).toBe("fr");

    const bad = await c.patch("/api/me", { language: "xx" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_input");
    const extra = await c.patch("/api/me", { language: "de", isAdmin: true });
    expect(extra.status).toBe(400);
    const row = await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.language).toBe("fr");
    expect(row.isAdmin).toBe(false);

    const anon = await t.client().patch("/api/me", { language: "de" });
    expect(anon.status).toBe(401);
  });
});

describe("server messages in the reader's language", () => {
  it("follows the account, else Accept-Language, else English; the code never changes", async () => {
    const path = "/api/consultations/doesnotexist0";
    const english = await t.client().get(path);
    expect(english.status).toBe(404);
    expect(english.body.error).toMatchObject({ code: "not_found", message: "Consultation not found." });

    const german = await t.client().raw("GET", path, { headers: { "accept-language": "de-AT,de;q=0.9,en;q=0.5" } });
    expect(german.body.error).toMatchObject({ code: "not_found", message: "Konsultation nicht gefunden." });
    expect(german.headers.get("content-language")).toBe("de");

    const user = await createUser(t.prisma);
    const c = t.client();
    await logIn(c, user);
    await c.patch("/api/me", { language: "fr" });
    // The account's choice wins over the browser's header.
    const french = await c.raw("GET", path, { headers: { "accept-language": "de" } });
    expect(french.body.error).toMatchObject({ code: "not_found", message: "Consultation introuvable." });
    // A message with a varying part keeps it.
    expect(translateMessage("Too many requests. Try again in 12 seconds.", "fr")).toBe("Trop de requêtes. Réessayez dans 12 secondes.");
    expect(translateMessage("A message nobody translated.", "de")).toBe("A message nobody translated.");
  });

  it("has every server message in every language, with the same {placeholders}", () => {
    const read = (l: string) => JSON.parse(fs.readFileSync(new URL(`../../server/i18n/locales/${l}.json`, import.meta.url), "utf8")) as Record<string, string>;
    const en = read("en");
    expect(Object.keys(en).length).toBeGreaterThan(50);
    for (const l of ["fr", "de"]) {
      const other = read(l);
      expect(Object.keys(other).sort(), l).toEqual(Object.keys(en).sort());
      for (const [k, v] of Object.entries(other)) {
        expect(v.trim(), `${l}: ${k}`).not.toBe("");
        expect([...v.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort(), `${l}: ${k}`).toEqual([...k.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort());
      }
    }
  });

  it("picks our language from an Accept-Language header by quality", () => {
    expect(pickFromAcceptLanguage("fr-BE,fr;q=0.9,en;q=0.8")).toBe("fr");
    expect(pickFromAcceptLanguage("es,de;q=0.5,fr;q=0.4")).toBe("de");
    expect(pickFromAcceptLanguage("es, it")).toBeNull();
    expect(pickFromAcceptLanguage(undefined)).toBeNull();
  });
});
