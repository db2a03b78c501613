import * as v from 'valibot';
import { err, ok, textProblem, type Result } from '../../domain/index';
import type { MessageKey } from '../admin/i18n';
import type { MemberInput } from './repo';

// Validation of a member, shared by the add/edit form and the CSV import so both accept the same things.
// Problems are message keys, so the page can say them in the admin's language.

// a name is one line: beyond what no stored text may hold (domain storable.ts), no C1 controls or line separators
const NOT_IN_A_NAME = /[\u0080-\u009f\u2028\u2029\n\t]/;
const MemberNo = v.pipe(v.string(), v.trim(), v.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/));
const Name = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(64), v.check((s) => textProblem(s) === null && !NOT_IN_A_NAME.test(s)));
const Card = v.pipe(v.string(), v.trim(), v.regex(/^[A-Za-z0-9]{4,32}$/));

export type MemberField = 'memberNo' | 'name' | 'card';
export type MemberErrors = Partial<Record<MemberField, MessageKey>>;
export interface MemberValues { memberNo: string; name: string; card: string; removeCard: boolean }

const text = (value: unknown) => (typeof value === 'string' ? value : '');

export function memberValuesOf(body: Record<string, unknown>): MemberValues {
  return { memberNo: text(body.memberNo), name: text(body.name), card: text(body.card), removeCard: body.removeCard === 'on' };
}

/** An empty card keeps the stored card (or none for a new member); `removeCard` takes it away. */
export function parseMember(values: MemberValues): Result<MemberInput, MemberErrors> {
  const errors: MemberErrors = {};
  const no = v.safeParse(MemberNo, values.memberNo);
  if (!no.success) errors.memberNo = 'members.errMemberNo';
  const name = v.safeParse(Name, values.name);
  if (!name.success) errors.name = 'members.errName';
  const cardText = values.card.trim();
  const card = cardText === '' ? null : v.safeParse(Card, cardText);
  if (card && !card.success) errors.card = 'members.errCard';
  if (!no.success || !name.success || (card && !card.success)) return err(errors);
  const cardValue = card ? card.output : values.removeCard ? null : undefined;
  return ok({ memberNo: no.output, name: name.output, card: cardValue });
}

export interface BadRow { readonly line: number; readonly reason: MessageKey; readonly params?: Record<string, string | number> }
export interface GoodRow { readonly line: number; readonly input: MemberInput }

/** A union's whole list in one file (issue 14: 50,000 members); the upload limit is 16 MiB. */
export const IMPORT_MAX_ROWS = 100_000;

/** RFC 4180 rows with their starting line numbers; a quoted cell may hold commas, quotes and line breaks. */
export function csvRows(text: string): { line: number; cells: string[]; unclosed?: boolean }[] {
  const rows: { line: number; cells: string[]; unclosed?: boolean }[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const start = line;
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    let unclosed = false;
    for (;;) {
      const ch = text[i];
      if (quoted) {
        if (ch === undefined) { unclosed = true; break; }
        if (ch === '"' && text[i + 1] === '"') { cell += '"'; i += 2; continue; }
        if (ch === '"') { quoted = false; i++; continue; }
        if (ch === '\n') line++;
        cell += ch; i++; continue;
      }
      if (ch === '"' && cell === '') { quoted = true; i++; continue; }
      if (ch === ',') { cells.push(cell); cell = ''; i++; continue; }
      if (ch === undefined || ch === '\n' || ch === '\r') {
        if (ch === '\r' && text[i + 1] === '\n') i++;
        if (ch !== undefined) { i++; line++; }
        break;
      }
      cell += ch; i++;
    }
    cells.push(cell);
    rows.push(unclosed ? { line: start, cells, unclosed } : { line: start, cells });
  }
  return rows;
}

/** The rows at these line numbers, written again as CSV: what staff get back to fix and import again. */
export function rowsText(text: string, lines: ReadonlySet<number>): string {
  const cell = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return csvRows(text.replace(/^\uFEFF/, '')).filter((r) => lines.has(r.line)).map((r) => r.cells.map(cell).join(',')).join('\n');
}

const HEADER = /^(member[ _-]?(no|number|id)?|会员号|会员编号|工号|编号)$/i;

/** Reads import text (BOM or not) into rows to apply and rows refused with a reason, by line number. */
export function parseImport(text: string): { good: GoodRow[]; bad: BadRow[] } {
  const good: GoodRow[] = [];
  const bad: BadRow[] = [];
  const seen = new Map<string, number>();
  const rows = csvRows(text.replace(/^\uFEFF/, ''));
  for (const [index, row] of rows.entries()) {
    const blank = row.cells.every((c) => c.trim() === '');
    if (blank) continue;
    if (index === 0 && HEADER.test(row.cells[0]!.trim())) continue;
    if (good.length + bad.length >= IMPORT_MAX_ROWS) {
      // every row past the limit is one not imported, and the report counts each
      for (const rest of rows.slice(index)) if (!rest.cells.every((c) => c.trim() === '')) bad.push({ line: rest.line, reason: 'members.rowTooMany', params: { n: IMPORT_MAX_ROWS } });
      break;
    }
    if (row.unclosed) { bad.push({ line: row.line, reason: 'members.rowQuote' }); continue; }
    // a trailing empty column (a spreadsheet's extra comma) is forgiven; missing ones are not
    const cells = row.cells.length === 4 && row.cells[3]!.trim() === '' ? row.cells.slice(0, 3) : row.cells;
    if (cells.length !== 3 && cells.length !== 2) {
      bad.push({ line: row.line, reason: 'members.rowColumns', params: { n: cells.length } });
      continue;
    }
    const parsed = parseMember({ memberNo: cells[0]!, name: cells[1]!, card: cells[2] ?? '', removeCard: false });
    if (!parsed.ok) {
      bad.push({ line: row.line, reason: parsed.error.memberNo ?? parsed.error.name ?? parsed.error.card! });
      continue;
    }
    const earlier = seen.get(parsed.value.memberNo);
    if (earlier !== undefined) {
      bad.push({ line: row.line, reason: 'members.rowRepeated', params: { line: earlier } });
      continue;
    }
    seen.set(parsed.value.memberNo, row.line);
    good.push({ line: row.line, input: parsed.value });
  }
  return { good, bad };
}
