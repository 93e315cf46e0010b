// Dates, times and numbers as people read them, in the interface's current language (i18n.language),
// through Intl. Times carry the reader's time zone name, since a deadline means nothing without it.
import i18n from "../i18n/index.ts";

function locale(): string {
  return i18n.resolvedLanguage ?? i18n.language ?? "en";
}

// Intl formatters are costly to build: one per locale and style.
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function dateFormat(style: "dateTime" | "date"): Intl.DateTimeFormat {
  const key = `${locale()}|${style}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f =
      style === "date"
        ? new Intl.DateTimeFormat(locale(), { dateStyle: "long" })
        : new Intl.DateTimeFormat(locale(), { day: "numeric", month: "long", year: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" });
    cache.set(key, f);
  }
  return f;
}

/** "12 March 2026, 17:00 CET" in the reader's time zone; only the date when it is local midnight. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.getHours() === 0 && d.getMinutes() === 0 ? dateFormat("date").format(d) : dateFormat("dateTime").format(d);
}

/** Always with the time and its zone (deadlines, audit entries). */
export function formatDateTimeWithZone(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateFormat("dateTime").format(d);
}

/** A number with the current language's separators ("1,234", "1 234", "1.234"). */
export function formatNumber(n: number, options?: Intl.NumberFormatOptions): string {
  const key = `${locale()}|n|${JSON.stringify(options ?? {})}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(locale(), options);
    cache.set(key, f);
  }
  return f.format(n);
}

/** A duration as people say it: "under a minute", "12 minutes", "3.5 hours", "2 days" (in the current language). */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return i18n.t("common:duration.underAMinute");
  if (seconds < 90) return i18n.t("common:duration.minutes", { count: 1 });
  const minutes = seconds / 60;
  if (minutes < 90) {
    const m = Math.round(minutes);
    return i18n.t("common:duration.minutes", { count: m });
  }
  const hours = minutes / 60;
  if (hours < 48) {
    const h = Math.round(hours * 10) / 10;
    return i18n.t("common:duration.hours", { count: h });
  }
  const days = Math.round(hours / 24);
  return i18n.t("common:duration.days", { count: days });
}

/** The name of a language ("French", "français") in the interface's language. */
export function formatLanguageName(code: string): string {
  try {
    return new Intl.DisplayNames([locale()], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * @deprecated English words only: use a catalog key with `count` ("{{count, number}} threads" under
 * key_one / key_other) so each language says it its own way. Kept for code not yet converted.
 */
export function plural(n: number, one: string, many: string): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}
