// The one rule for every CSV we write (contributions, the audit log, the package's moderation-log.csv):
// spreadsheets run a cell that starts with = + - @ (or a tab or carriage return before one) as a formula,
// and =HYPERLINK(...) or =cmd|... in a cell someone opens is an attack on the reader. Such text gets a
// leading apostrophe, which spreadsheets show as plain text. Numbers stay numbers.
const FORMULA_START = /^[\s]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function csvSafe<T>(value: T): T | string {
  return typeof value === "string" && FORMULA_START.test(value) ? `'${value}` : value;
}

/** Every string value of a record made safe (for writers that pass records by column name). */
export function csvSafeRecord<R extends Record<string, unknown>>(record: R): Record<keyof R, unknown> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, csvSafe(v)])) as Record<keyof R, unknown>;
}
