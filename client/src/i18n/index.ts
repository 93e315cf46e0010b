// The client's translations: react-i18next with one JSON file per language and namespace under
// locales/<language>/<namespace>.json, all bundled (a few kilobytes each; no request before first paint).
// A feature adds its own namespace file in every language; nothing here needs to change for it.
// To add a language: add locales/<code>/ with every namespace file and list the code in shared/languages.ts.
import i18n from "i18next";
import LanguageDetector from "i18next-browser-languagedetector";
import { initReactI18next } from "react-i18next";
import { INTERFACE_LANGUAGES } from "../../../shared/languages.ts";

export const LANGUAGES = INTERFACE_LANGUAGES;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_NAMES: Record<Language, string> = { en: "English", fr: "Français", de: "Deutsch" };
/** Where the visitor's choice is kept before (and besides) their account. */
export const LANGUAGE_STORAGE_KEY = "roundtable.language";

type Catalog = Record<string, unknown>;
const files = import.meta.glob<Catalog>("./locales/*/*.json", { eager: true, import: "default" });

export const resources: Record<string, Record<string, Catalog>> = {};
for (const [path, catalog] of Object.entries(files)) {
  const match = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
  if (!match) continue;
  const [, language, namespace] = match as unknown as [string, string, string];
  (resources[language] ??= {})[namespace] = catalog;
}
export const NAMESPACES = Object.keys(resources.en ?? {});

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources,
    ns: NAMESPACES,
    defaultNS: "common",
    fallbackLng: "en",
    supportedLngs: [...LANGUAGES],
    nonExplicitSupportedLngs: true, // "fr-BE" from the browser means French
    load: "languageOnly",
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    detection: { order: ["localStorage", "navigator"], lookupLocalStorage: LANGUAGE_STORAGE_KEY, caches: ["localStorage"] },
  });

// Screen readers and hyphenation follow the page's language.
const applyLang = (language: string) => {
  if (typeof document !== "undefined") document.documentElement.lang = language.slice(0, 2);
};
applyLang(i18n.resolvedLanguage ?? "en");
i18n.on("languageChanged", applyLang);

export default i18n;
