// The languages the interface speaks: client catalogs in client/src/i18n/locales/<code>/, server messages
// in server/i18n/locales/<code>.json. English is the source and the fallback.
export const INTERFACE_LANGUAGES = ["en", "fr", "de"] as const;
export type InterfaceLanguage = (typeof INTERFACE_LANGUAGES)[number];

export function isInterfaceLanguage(value: unknown): value is InterfaceLanguage {
  return typeof value === "string" && (INTERFACE_LANGUAGES as readonly string[]).includes(value);
}

/** The best of our languages for an Accept-Language header ("fr-BE,fr;q=0.9,en;q=0.8" -> "fr"), or null. */
export function pickFromAcceptLanguage(header: string | undefined | null): InterfaceLanguage | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part, i) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.q > 0 && !Number.isNaN(x.q))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.map((x) => x.lang).find(isInterfaceLanguage) ?? null;
}
