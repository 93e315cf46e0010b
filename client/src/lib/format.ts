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

/** A duration as people say it: "under a minute", "12 minutes", "3.5 hours", "2 days". */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return "under a minute";
  if (seconds < 90) return "1 minute";
  const minutes = seconds / 60;
  if (minutes < 90) return plural(Math.round(minutes), "minute", "minutes");
  const hours = minutes / 60;
  if (hours < 48) {
    const rounded = Math.round(hours * 10) / 10;
    return `${rounded.toLocaleString(LOCALE)} ${rounded === 1 ? "hour" : "hours"}`;
  }
  return plural(Math.round(hours / 24), "day", "days");
}
