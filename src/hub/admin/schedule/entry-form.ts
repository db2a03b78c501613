import * as v from 'valibot';
import { err, isDate, isTime, minutesOf, ok, textProblem, zonedParts, zonedToEpoch, type CenterConfig, type Result } from '../../../domain/index';
import type { EntryInput, StoredEntry } from '../../schedule/repo';
import type { MessageKey } from '../i18n';

// The add/edit form: its raw fields (as the browser posts them), their validation, and the way back
// from a stored entry to form values when editing.

export const ENTRY_FIELDS = ['title_zh', 'title_en', 'category', 'date', 'start', 'minutes', 'room', 'instructor', 'capacity'] as const;
export type EntryField = (typeof ENTRY_FIELDS)[number];
export type EntryValues = Record<EntryField, string>;
export interface FieldError {
  readonly key: MessageKey;
  readonly params?: Record<string, string | number>;
}
export type EntryErrors = Partial<Record<EntryField, FieldError>>;

const Text = (max: number, required: boolean) =>
  v.pipe(
    v.string('schedule.errRequired'),
    v.check((s) => textProblem(s) === null, 'schedule.errChars'), // domain storable.ts: what the database may hold
    v.normalize('NFC'),
    v.trim(),
    v.minLength(required ? 1 : 0, 'schedule.errRequired'),
    v.maxLength(max, 'schedule.errTooLong'),
  );

// Messages are catalog keys, so the page can show them in the admin's language.
const EntryFormSchema = v.object({
  title_zh: Text(120, true),
  title_en: Text(120, true),
  category: v.pipe(v.string('schedule.errCategory'), v.minLength(1, 'schedule.errCategory')),
  date: v.pipe(v.string('schedule.errDate'), v.trim(), v.check(isDate, 'schedule.errDate')),
  start: v.pipe(v.string('schedule.errTime'), v.trim(), v.check(isTime, 'schedule.errTime')),
  minutes: v.pipe(v.string('schedule.errMinutes'), v.trim(), v.regex(/^\d{1,4}$/, 'schedule.errMinutes'), v.transform(Number), v.minValue(5, 'schedule.errMinutes'), v.maxValue(720, 'schedule.errMinutes')),
  room: v.pipe(v.string('schedule.errRoom'), v.minLength(1, 'schedule.errRoom')),
  instructor: Text(80, false),
  capacity: v.pipe(
    v.string('schedule.errCapacity'),
    v.trim(),
    v.check((s) => s === '' || /^\d{1,5}$/.test(s), 'schedule.errCapacity'),
    v.transform((s) => (s === '' ? null : Number(s))),
    v.check((n) => n === null || n <= 10_000, 'schedule.errCapacity'),
  ),
});

export function valuesOf(body: Record<string, unknown>): EntryValues {
  const out = {} as EntryValues;
  for (const f of ENTRY_FIELDS) out[f] = typeof body[f] === 'string' ? body[f] : '';
  return out;
}

export type ParsedEntry = Result<EntryInput, EntryErrors>;

/**
 * Checks the form against the schema and the config (category and room must exist; the entry must
 * end by midnight). `earliest` is the first allowed start (now for a new entry); the database checks
 * (overlaps) come after, in the same transaction as the write.
 */
export function parseEntryForm(raw: Record<string, unknown>, config: CenterConfig, earliest: number | null): ParsedEntry {
  const errors: EntryErrors = {};
  const result = v.safeParse(EntryFormSchema, raw, { abortPipeEarly: true });
  if (!result.success) {
    for (const issue of result.issues) {
      const field = issue.path?.[0]?.key as EntryField | undefined;
      if (!field || errors[field]) continue;
      const key = issue.message as MessageKey;
      errors[field] = key === 'schedule.errTooLong' ? { key, params: { n: field === 'instructor' ? 80 : 120 } } : { key };
    }
    return err(errors);
  }
  const f = result.output;
  if (!config.categories.some((c) => c.id === f.category)) errors.category = { key: 'schedule.errCategory' };
  if (!config.facilities.some((r) => r.id === f.room)) errors.room = { key: 'schedule.errRoom' };
  if (minutesOf(f.start) + f.minutes > 24 * 60) errors.minutes = { key: 'schedule.errPastMidnight' };
  const tz = config.center.timeZone;
  const startsAt = zonedToEpoch(f.date, f.start, tz);
  // Decision: staff may not put a new entry in the past (a typo in the date is the likely cause), but
  // may edit an entry that has begun as long as its start is not moved earlier than `earliest`.
  if (earliest !== null && startsAt < earliest && !errors.minutes) errors.start = { key: 'schedule.errPast' };
  if (Object.keys(errors).length > 0) return err(errors);
  return ok({
    category: f.category,
    titleZh: f.title_zh,
    titleEn: f.title_en,
    startsAt,
    endsAt: startsAt + f.minutes * 60_000,
    room: f.room,
    instructor: f.instructor,
    capacity: f.capacity,
  });
}

/** Form values showing a stored entry, in the center's time zone. */
export function valuesFromEntry(e: StoredEntry, timeZone: string): EntryValues {
  const start = zonedParts(Date.parse(e.startsAt), timeZone);
  return {
    title_zh: e.title['zh-CN'],
    title_en: e.title.en,
    category: e.category,
    date: start.date,
    start: start.time,
    minutes: String(Math.round((Date.parse(e.endsAt) - Date.parse(e.startsAt)) / 60_000)),
    room: e.room,
    instructor: e.instructor,
    capacity: e.capacity === null ? '' : String(e.capacity),
  };
}

export function emptyValues(config: CenterConfig, today: string): EntryValues {
  return {
    title_zh: '', title_en: '', category: config.categories[0]?.id ?? '', date: today, start: '18:00',
    minutes: '60', room: config.facilities[0]?.id ?? '', instructor: '', capacity: '',
  };
}

/** Zoned start time for display, used by the overlap message. */
export function describeWhen(e: StoredEntry, timeZone: string): string {
  const s = zonedParts(Date.parse(e.startsAt), timeZone);
  const end = zonedParts(Date.parse(e.endsAt), timeZone);
  return `${s.date} ${s.time}–${end.time}`;
}
