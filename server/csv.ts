/**
 * CSV as spreadsheets and learning-management systems import it: RFC 4180 (CRLF rows, fields with
 * a comma, quote or line break quoted, quotes doubled), UTF-8 with a byte-order mark so that Excel
 * reads Korean names, and safe from formula injection: a text cell that a spreadsheet would run as
 * a formula (=, +, -, @, tab, carriage return first) is prefixed with an apostrophe (OWASP).
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  if (typeof v === "boolean") return v ? "true" : "false";
  let s = typeof v === "string" ? v : JSON.stringify(v);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsvText(rows: readonly (readonly unknown[])[], bom = true): string {
  const body = rows.map((r) => r.map(csvCell).join(",")).join("\r\n");
  return `${bom ? "\uFEFF" : ""}${body}\r\n`;
}
