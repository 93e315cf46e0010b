// Mail in the reader's language. A mail is a message key and its parameters; each language has one
// catalog (server/mail/locales/<lang>.json) of subject and body templates with {name} placeholders.
// Links are written relative to "{site}" and completed at delivery with PUBLIC_URL (the outbox holds
// no address of the server, and the same row is right wherever the site moves).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { INTERFACE_LANGUAGES, isInterfaceLanguage, type InterfaceLanguage } from "../../shared/languages.ts";

const LOCALES = path.join(path.dirname(fileURLToPath(import.meta.url)), "locales");

export const MAIL_KEYS = [
  "verify_email",
  "register_existing",
  "reset_password",
  "reply",
  "decision",
  "appeal_outcome",
  /** A new version changed units one commented on or amended (server/texts/notify.ts). */
  "text_changed",
  "digest",
  /** The digest of a single notification (the catalogs have no plural forms: one key per form). */
  "digest_one",
  "organisation_invitation",
  "consultation_invitation",
  /** "Submitted in my name without my consent": the link that confirms the report (server/responses/integrity.ts). */
  "impersonation_report",
] as const;
export type MailKey = (typeof MAIL_KEYS)[number];

type Catalog = Record<string, string>;
const catalogs = new Map<string, Catalog>(
  INTERFACE_LANGUAGES.map((l) => [l, JSON.parse(fs.readFileSync(path.join(LOCALES, `${l}.json`), "utf8")) as Catalog]),
);

/** The catalog entry `key` in `language` (English when missing), its {placeholders} filled in. */
export function mailText(language: string | null | undefined, key: string, params: Record<string, string | number> = {}): string {
  const lang: InterfaceLanguage = isInterfaceLanguage(language) ? language : "en";
  const template = catalogs.get(lang)?.[key] ?? catalogs.get("en")?.[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Subject and body of a mail. Parameters are people's own words (titles, names): used as plain text only. */
export function renderMail(language: string | null | undefined, key: MailKey, params: Record<string, string | number>) {
  return { subject: mailText(language, `${key}.subject`, params).replace(/[\r\n]+/g, " "), text: mailText(language, `${key}.text`, params) };
}

/** For the catalog test: every key of a language. */
export function mailCatalogKeys(language: string): string[] {
  return Object.keys(catalogs.get(language) ?? {});
}

export function completeLinks(text: string, publicUrl: string): string {
  return text.replaceAll("{site}", publicUrl);
}
