// The server's messages in the reader's language. Errors are thrown in English everywhere (one place to
// read them); on the way out, the error handler looks the message up in server/i18n/locales/<lang>.json,
// whose keys are the English messages, with {name} standing for the parts that vary. The `code` of an
// error never changes: clients decide on it, people read the message.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Request } from "express";
import { INTERFACE_LANGUAGES, isInterfaceLanguage, pickFromAcceptLanguage, type InterfaceLanguage } from "../../shared/languages.ts";

const LOCALES = path.join(path.dirname(fileURLToPath(import.meta.url)), "locales");

interface Template {
  pattern: RegExp;
  names: string[];
  translation: string;
}
interface Catalog {
  exact: Map<string, string>;
  templates: Template[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function loadCatalog(language: string): Catalog {
  const file = path.join(LOCALES, `${language}.json`);
  const entries = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>) : {};
  const catalog: Catalog = { exact: new Map(), templates: [] };
  for (const [english, translation] of Object.entries(entries)) {
    const names = [...english.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    if (names.length === 0) catalog.exact.set(english, translation);
    else catalog.templates.push({ pattern: new RegExp(`^${escape(english).replace(/\\\{\w+\\\}/g, "(.+?)")}$`, "s"), names, translation });
  }
  return catalog;
}

const catalogs = new Map<string, Catalog>(INTERFACE_LANGUAGES.map((l) => [l, loadCatalog(l)]));

/** `message` in `language`; the English message itself when the catalog has no translation for it. */
export function translateMessage(message: string, language: InterfaceLanguage): string {
  if (language === "en") return message;
  const catalog = catalogs.get(language);
  if (!catalog) return message;
  const exact = catalog.exact.get(message);
  if (exact !== undefined) return exact;
  for (const t of catalog.templates) {
    const m = t.pattern.exec(message);
    if (m) return t.names.reduce((out, name, i) => out.replace(`{${name}}`, m[i + 1]!), t.translation);
  }
  return message;
}

/** The request's language: the account's choice, else the browser's Accept-Language, else English. */
export function requestLanguage(req: Request): InterfaceLanguage {
  const chosen = (req.user as { language?: unknown } | undefined)?.language; // (tests call the handler with a bare request)
  if (isInterfaceLanguage(chosen)) return chosen;
  return pickFromAcceptLanguage(req.headers?.["accept-language"]) ?? "en";
}

/** Every English message of the catalogs, for the test that keeps the languages complete. */
export function catalogKeys(language: string): string[] {
  const c = catalogs.get(language) ?? loadCatalog(language);
  return [...c.exact.keys(), ...c.templates.map((t) => t.pattern.source)];
}
