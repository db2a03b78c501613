// CSV for staff who open it in Excel: a UTF-8 byte-order mark (without it Excel reads Chinese as
// mojibake), CRLF line ends and RFC 4180 quoting. Cells that a spreadsheet would run as a formula
// (= + - @, tab, CR first) get a leading apostrophe, so a suggestion cannot become a formula.

export type Cell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // numbers are numbers, not text a person typed; a negative one stays a number
  if (typeof value !== 'number' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** A CSV download; `filename` is ASCII (dates and words), so no RFC 5987 encoding is needed. */
export function csvResponse(body: string, filename: string): Response {
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
    },
  });
}
