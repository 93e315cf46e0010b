// Dates and counts as people read them. One locale for the whole interface (it is written in English).
const LOCALE = "en-GB";

const dateTime = new Intl.DateTimeFormat(LOCALE, { dateStyle: "long", timeStyle: "short" });
const date = new Intl.DateTimeFormat(LOCALE, { dateStyle: "long" });

/** "12 March 2026 at 17:00" in the reader's time zone; only the date when it is local midnight. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.getHours() === 0 && d.getMinutes() === 0 ? date.format(d) : dateTime.format(d);
}

export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString(LOCALE)} ${n === 1 ? one : many}`;
}
