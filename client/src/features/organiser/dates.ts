// Dates in the organiser's forms: <input type="datetime-local"> speaks the browser's local time with no
// zone, the API speaks ISO 8601 with an offset. The form names the zone so nobody guesses.

/** "2026-03-12T17:00" in local time, for a datetime-local input; "" for no date. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The ISO instant of a datetime-local value read in local time; null for an empty field, undefined if unreadable. */
export function fromLocalInput(value: string): string | null | undefined {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** The browser's IANA time zone, e.g. "Europe/Brussels". */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * A date and time with its time zone in the interface's language: "12 Mar 2026, 17:00 CET". Spelled
 * out by component: Intl refuses timeZoneName together with dateStyle/timeStyle (a TypeError).
 */
export function formatWithZone(iso: string, language: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" }).format(d);
}
