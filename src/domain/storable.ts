import * as v from 'valibot';
import { isDate } from './time';

// What text and numbers the system stores (issue 10). One rule for the event and heartbeat schemas, the
// phone form and the admin forms, so a value either passes here or is refused with a field message: it
// never reaches the database to be refused there as a 500. PostgreSQL (and PGlite) refuse NUL in text
// and jsonb, lone surrogates in jsonb, integers past 2^31-1 in `integer` columns, and instants before
// year 1 or with an offset it cannot read; the rest (other controls, bidi overrides) is stored but
// misleads a reader, so free text refuses it too.

/** The largest value of an `integer` column. */
export const INT4_MAX = 2_147_483_647;

export type TextProblem = 'control' | 'surrogate' | 'bidi';

// C0 controls but tab and newline (CR is folded into newline by forms, so it is refused here), and DEL
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069): they make a line read differently
// from what was typed (the "Trojan Source" trick); the plain marks LRM/RLM/ALM only nudge and are allowed
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

/** Browsers post a textarea's line breaks as CRLF: forms fold them to one newline before the rule is applied. */
export const foldNewlines = (s: string) => s.replace(/\r\n?/g, '\n');

/** Why a text cannot be stored as typed, or null when it can. */
export function textProblem(s: string): TextProblem | null {
  if (CONTROL.test(s)) return 'control';
  if (LONE_SURROGATE.test(s)) return 'surrogate';
  if (BIDI_CONTROL.test(s)) return 'bidi';
  return null;
}

/**
 * The text with what cannot be stored taken out: for a kiosk box, where such a character can only have
 * come from a paste or an odd keyboard, is invisible, and a worker cannot be asked to find it.
 */
export function stripUnstorable(s: string): string {
  return foldNewlines(s).replace(new RegExp(`${CONTROL.source}|${LONE_SURROGATE.source}|${BIDI_CONTROL.source}`, 'g'), '');
}

/** What a field message says of each problem (the admin pages translate these by code). */
export const TEXT_PROBLEM_MESSAGES: Readonly<Record<TextProblem, string>> = {
  control: 'contains a control character',
  surrogate: 'contains a broken character (lone surrogate)',
  bidi: 'contains a text-direction control character',
};

const storableCheck = v.check(
  (s: string) => textProblem(s) === null,
  (issue) => TEXT_PROBLEM_MESSAGES[textProblem(issue.input as string) ?? 'control'],
);

/**
 * Free text a person typed (a suggestion, a contact, a reply, a title): refused when it holds a control,
 * a lone surrogate or a bidi control; stored in Unicode NFC, trimmed, at most `max` characters.
 */
export function storedText(max: number, opts: { min?: number; tooLong?: string } = {}) {
  return v.pipe(
    v.string(),
    storableCheck,
    v.normalize('NFC'),
    v.trim(),
    v.minLength(opts.min ?? 0, 'is empty'),
    v.maxLength(max, opts.tooLong ?? `is longer than ${max} characters`),
  );
}

/** A short machine-made string stored as is (a version, an entry id): the same refusals, no reshaping. */
export function storedToken(max: number, min = 0) {
  return v.pipe(v.string(), storableCheck, v.minLength(min, 'is empty'), v.maxLength(max, `is longer than ${max} characters`));
}

/** An integer the database holds in an `integer` column. */
export function storedInt(min = 0, max = INT4_MAX) {
  return v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(min), v.maxValue(max, `is larger than ${max}`));
}

// An RFC 3339 instant as kiosks write it (toISOString) and people may: date, T, time with seconds and
// an optional fraction, then Z or an offset.
const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|([+-])(\d{2}):(\d{2}))$/;
/** Real offsets run from −12:00 to +14:00; anything past ±14:00 is a typo or an attack. */
export const OFFSET_MAX_MINUTES = 14 * 60;
/** Years the kiosks' instants may carry: the database stores far more, but nothing here is older or newer. */
export const INSTANT_YEARS = { min: 1970, max: 9999 } as const;

/** Whether a string is an instant the system stores: a real calendar day and time, a sane offset and year. */
export function isStorableInstant(s: string): boolean {
  const m = INSTANT_RE.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  if (year < INSTANT_YEARS.min || year > INSTANT_YEARS.max) return false;
  if (!isDate(`${m[1]}-${m[2]}-${m[3]}`)) return false;
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) return false;
  if (m[8] !== 'Z') {
    const hh = Number(m[10]);
    const mm = Number(m[11]);
    if (mm > 59 || hh * 60 + mm > OFFSET_MAX_MINUTES) return false;
  }
  return Number.isFinite(Date.parse(s));
}

export const InstantSchema = v.pipe(
  v.string(),
  v.check(isStorableInstant, 'must be a real instant like 2026-03-04T10:00:00Z (offset within ±14:00, year 1970–9999)'),
);

/** Every string inside a JSON value (keys too) passes textProblem for controls and lone surrogates: jsonb can hold it. */
export function jsonStorable(value: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (typeof value === 'string') {
    const p = textProblem(value);
    return p === null || p === 'bidi';
  }
  if (Array.isArray(value)) return value.every((x) => jsonStorable(x, depth + 1));
  if (value && typeof value === 'object') {
    return Object.entries(value).every(([k, x]) => jsonStorable(k, depth + 1) && jsonStorable(x, depth + 1));
  }
  return true;
}
