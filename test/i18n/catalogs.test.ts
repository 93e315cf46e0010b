// Every UI string exists in every language: the catalogs under client/src/i18n/locales/<lang>/<ns>.json
// have the same keys, none empty, the same interpolation variables and the same Trans tags; every key the
// client names literally (t("…"), i18nKey="…", "ns:key" strings) is in a catalog; and every value of the
// shared vocabularies the client looks up by template (vocabulary:status.${s} …) has its words.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CONSULTATION_ROLES, STAKEHOLDER_CATEGORIES } from "../../shared/categories.ts";
import { ACCESS_MODES, CONSULTATION_STATUSES, MODERATION_MODES } from "../../shared/schemas/consultations.ts";
import { EVIDENCE_KINDS, STANCES } from "../../shared/schemas/positions.ts";
import { REPLY_TYPES } from "../../shared/schemas/threads.ts";
import { REASON_CODES } from "../../shared/schemas/moderation.ts";
import { EXPORT_JOB_KINDS, EXPORT_JOB_STATUSES, QUESTION_OUTCOMES } from "../../shared/schemas/exports.ts";
import { SEARCH_TYPES } from "../../shared/schemas/search.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const LOCALES = path.join(ROOT, "client/src/i18n/locales");
const SOURCE = path.join(ROOT, "client/src");
const LANGUAGES = fs.readdirSync(LOCALES).filter((d) => fs.statSync(path.join(LOCALES, d)).isDirectory()).sort();
/** Plural forms some languages have and others do not (CLDR): not required everywhere. */
const EXTRA_PLURALS = /_(zero|two|few|many)$/;
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Flat = Map<string, string>;
function flatten(value: unknown, prefix: string, out: Flat) {
  if (typeof value === "string") out.set(prefix, value);
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else out.set(prefix, String(value));
}

/** catalogs[lang][ns] = flat keys */
const catalogs: Record<string, Record<string, Flat>> = {};
for (const lang of LANGUAGES) {
  catalogs[lang] = {};
  for (const file of fs.readdirSync(path.join(LOCALES, lang)).filter((f) => f.endsWith(".json"))) {
    const flat: Flat = new Map();
    flatten(JSON.parse(fs.readFileSync(path.join(LOCALES, lang, file), "utf8")), "", flat);
    catalogs[lang]![file.replace(/\.json$/, "")] = flat;
  }
}
const en = catalogs.en!;
const NAMESPACES = Object.keys(en).sort();

const variables = (s: string) => new Set([...s.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]!));
const tags = (s: string) => new Set([...s.matchAll(/<\/?([a-zA-Z][\w-]*)\s*\/?>/g)].map((m) => m[1]!));
const sorted = (s: Set<string>) => [...s].sort();

function hasKey(ns: string, key: string): boolean {
  const flat = en[ns];
  if (!flat) return false;
  return flat.has(key) || flat.has(`${key}_one`) || flat.has(`${key}_other`);
}

describe("translation catalogs", () => {
  it("has English, French and German, with the same namespaces", () => {
    expect(LANGUAGES).toEqual(expect.arrayContaining(["de", "en", "fr"]));
    for (const lang of LANGUAGES) expect(Object.keys(catalogs[lang]!).sort(), lang).toEqual(NAMESPACES);
  });

  it("has every key in every language, and no empty text", () => {
    const problems: string[] = [];
    for (const ns of NAMESPACES) {
      const keysOf = (lang: string) => new Set([...(catalogs[lang]![ns]?.keys() ?? [])].filter((k) => !EXTRA_PLURALS.test(k)));
      const reference = keysOf("en");
      for (const lang of LANGUAGES) {
        const keys = keysOf(lang);
        for (const k of reference) if (!keys.has(k)) problems.push(`${lang}/${ns}.json lacks "${k}"`);
        for (const k of keys) if (!reference.has(k)) problems.push(`${lang}/${ns}.json has "${k}", which en/${ns}.json lacks`);
        for (const [k, v] of catalogs[lang]![ns] ?? []) if (v.trim() === "") problems.push(`${lang}/${ns}.json: "${k}" is empty`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("uses the same interpolation variables and markup in every language", () => {
    const problems: string[] = [];
    for (const ns of NAMESPACES) {
      for (const [key, text] of en[ns]!) {
        for (const lang of LANGUAGES) {
          const other = catalogs[lang]![ns]?.get(key);
          if (other === undefined) continue;
          const a = variables(text);
          const b = variables(other);
          // A singular form may say "one" in words instead of the number.
          if (/_one$/.test(key)) {
            a.delete("count");
            b.delete("count");
          }
          if (sorted(a).join() !== sorted(b).join()) problems.push(`${lang}/${ns}.json "${key}": {{${sorted(b).join(", ")}}} instead of {{${sorted(a).join(", ")}}}`);
          if (sorted(tags(text)).join() !== sorted(tags(other)).join()) problems.push(`${lang}/${ns}.json "${key}": tags <${sorted(tags(other)).join(", ")}> instead of <${sorted(tags(text)).join(", ")}>`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("has every key the client names in its code", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(entry.name)) files.push(p);
      }
    };
    walk(SOURCE);
    const missing: string[] = [];
    let checked = 0;
    for (const file of files) {
      const src = fs.readFileSync(file, "utf8");
      const rel = path.relative(ROOT, file);
      // The file's default namespace: useTranslation("ns"), else common.
      const defaultNs = /useTranslation\(\s*"([\w-]+)"/.exec(src)?.[1] ?? "common";
      const check = (raw: string, where: string) => {
        const m = /^([\w-]+):(.+)$/.exec(raw);
        const [ns, key] = m && NAMESPACES.includes(m[1]!) ? [m[1]!, m[2]!] : [defaultNs, raw];
        checked += 1;
        if (!hasKey(ns, key)) missing.push(`${rel}: ${where} "${raw}" (namespace ${ns})`);
      };
      // t("key"), tr("key"), i18n.t("key"), and both branches of t(cond ? "a" : "b")
      for (const m of src.matchAll(/\b(?:t|tr|i18n\.t)\(\s*"([^"$]+)"/g)) check(m[1]!, "t()");
      for (const m of src.matchAll(/\b(?:t|tr|i18n\.t)\(\s*[\w.!]+\s*\?\s*"([^"$]+)"\s*:\s*"([^"$]+)"/g)) {
        check(m[1]!, "t()");
        check(m[2]!, "t()");
      }
      for (const m of src.matchAll(/i18nKey="([^"]+)"/g)) check(m[1]!, "i18nKey");
      for (const m of src.matchAll(/i18nKey=\{[\w.!=" ]+\?\s*"([^"]+)"\s*:\s*"([^"]+)"\s*\}/g)) {
        check(m[1]!, "i18nKey");
        check(m[2]!, "i18nKey");
      }
      // Keys kept in data ("consultations:lifecycle.open"): any string literal naming a namespace.
      for (const m of src.matchAll(/"([\w-]+):(\w+\.[\w.]+)"/g)) if (NAMESPACES.includes(m[1]!)) check(`${m[1]}:${m[2]}`, "key");
    }
    expect(checked).toBeGreaterThan(300); // positive control: the scan finds the keys at all
    expect(missing).toEqual([]);
  });

  it("names every value of the shared vocabularies the client looks up by template", () => {
    const need: [string, readonly string[]][] = [
      ["vocabulary:status", CONSULTATION_STATUSES],
      ["vocabulary:access", ACCESS_MODES],
      ["vocabulary:accessDescription", ACCESS_MODES],
      ["vocabulary:moderationMode", MODERATION_MODES],
      ["vocabulary:role", CONSULTATION_ROLES],
      ["vocabulary:category", STAKEHOLDER_CATEGORIES],
      ["vocabulary:stance", STANCES],
      ["vocabulary:evidenceKind", EVIDENCE_KINDS],
      ["vocabulary:replyType", REPLY_TYPES],
      ["vocabulary:reason", REASON_CODES],
      ["vocabulary:outcome", QUESTION_OUTCOMES],
      ["exports:job.kind", EXPORT_JOB_KINDS],
      ["exports:job.status", EXPORT_JOB_STATUSES],
      ["search:type", SEARCH_TYPES],
      ["search:typePlural", SEARCH_TYPES],
      ["threads:postStatus", ["pending", "hidden", "rejected", "withdrawn"]],
      ["moderation:appealStatus", ["open", "upheld", "overturned"]],
    ];
    const missing: string[] = [];
    for (const [prefix, values] of need) {
      const [ns, base] = prefix.split(":") as [string, string];
      for (const v of values) if (!hasKey(ns, `${base}.${v}`)) missing.push(`${prefix}.${v}`);
    }
    expect(missing).toEqual([]);
  });

  it("fails on a key missing from a language (the check itself works)", () => {
    // Positive control for the comparison above, on a made-up pair of catalogs.
    const a = new Set(["x", "y_one", "y_other"]);
    const b = new Set(["x", "y_one", "y_other", "y_many"].filter((k) => !EXTRA_PLURALS.test(k)));
    expect([...a].filter((k) => !b.has(k))).toEqual([]);
    b.delete("x");
    expect([...a].filter((k) => !b.has(k))).toEqual(["x"]);
    expect(PLURAL.test("y_other")).toBe(true);
    expect(sorted(variables("{{count, number}} of {{max}}"))).toEqual(["count", "max"]);
  });
});
