// CSV cells computed by the database, for exports written by `COPY ... TO STDOUT (FORMAT csv)` (copyOut).
// PostgreSQL's CSV quoting is csvField's (a field is quoted when it holds a quote, a comma, a CR or an LF);
// what is left to the statement is csvSafe's formula guard and writing empty text as no value (COPY
// writes an empty string as "", csvField as nothing). Statements for COPY take no parameters, hence
// the literals.
import type { Prisma } from "./generated/client.ts";

/** A constant as an SQL literal (standard_conforming_strings: only the quote needs doubling). */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A statement with its parameters written in as literals (for COPY, which takes none). */
export function inlined(query: Prisma.Sql): string {
  return query.text.replace(/\$(\d+)/g, (_, n: string) => {
    const value: unknown = query.values[Number(n) - 1];
    if (typeof value === "string") return literal(value);
    if (typeof value === "number" && Number.isFinite(value)) return String(value);
    if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
    throw new Error(`inlined: a parameter of type ${typeof value} cannot be written as a literal`);
  });
}

// csvSafe's FORMULA_START (/^[\s]*[=+\-@\t\r＝＋－＠]/) without a regular expression: strip the leading
// white space other than tab and CR (JavaScript's \s), and look at the first character left. A tab or CR
// in the leading white space matches too, as it does in the expression (the \s* gives it back).
const SPACE_NOT_TAB_CR = " \n\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";
const FORMULA_FIRST = ["=", "+", "-", "@", "\t", "\r", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"];

/** A text cell as csvField(csvSafe(cell)) writes it: formula-like text gets a leading apostrophe; empty is no value. */
export function guardedCell(cell: string): string {
  // Most cells start with a letter or a digit: those are settled by their first character's code alone.
  const settled = `ascii(${cell}) BETWEEN 65 AND 159 OR ascii(${cell}) BETWEEN 161 AND 5759 OR ascii(${cell}) BETWEEN 48 AND 57`;
  const formulaLike = `left(ltrim(${cell}, ${literal(SPACE_NOT_TAB_CR)}), 1) IN (${FORMULA_FIRST.map(literal).join(", ")})`;
  return `NULLIF(CASE WHEN ${settled} THEN ${cell} WHEN ${formulaLike} THEN '''' || ${cell} ELSE ${cell} END, '')`;
}
