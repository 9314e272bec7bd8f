/**
 * CSV for people who open it in a spreadsheet (issue 25: the staff's exports). Excel in an Indonesian locale reads
 * `;` as the list separator (the decimal mark is `,`), so a `;`-separated file opens in columns there by a double
 * click; the UTF-8 BOM makes Excel read the names' accents as UTF-8. Lines end in CRLF (RFC 4180).
 *
 * A cell that a spreadsheet would take for a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return)
 * is neutralised with a leading apostrophe (OWASP's CSV injection advice): a body's name is typed by people outside
 * the commission, and the file is opened by its staff.
 */

export const CSV_SEPARATOR = ';';
const BOM = '\uFEFF';

/** A cell safe to open: no formula, quoted when it holds the separator, a quote or a line break. */
export function csvCell(value: string, separator = CSV_SEPARATOR): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return safe.includes(separator) || /["\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A whole file: the BOM, the header, then one line per row. */
export function csvDocument(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  separator = CSV_SEPARATOR,
) {
  const line = (cells: readonly string[]) => cells.map((c) => csvCell(c, separator)).join(separator);
  return `${BOM}${[header, ...rows].map(line).join('\r\n')}\r\n`;
}
