// Wall-clock arithmetic in a named time zone, without a clock: every instant is an argument.
// Dates are 'YYYY-MM-DD' strings, times 'HH:MM', instants epoch milliseconds.

export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7; // ISO: Monday = 1 … Sunday = 7

export interface ZonedParts {
  readonly date: string;
  readonly time: string;
  readonly weekday: Weekday;
  readonly minuteOfDay: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

function wallClock(ms: number, timeZone: string) {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return { y: p.year!, mo: p.month!, d: p.day!, h: p.hour! % 24, mi: p.minute!, s: p.second! };
}

const pad = (n: number) => String(n).padStart(2, '0');

export function zonedParts(ms: number, timeZone: string): ZonedParts {
  const w = wallClock(ms, timeZone);
  const date = `${w.y}-${pad(w.mo)}-${pad(w.d)}`;
  return { date, time: `${pad(w.h)}:${pad(w.mi)}`, weekday: weekdayOf(date), minuteOfDay: w.h * 60 + w.mi };
}

/** Offset of the zone from UTC at an instant, in minutes (Asia/Shanghai: +480). */
export function offsetMinutes(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const asUtc = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / MINUTE);
}

/**
 * The instant a wall-clock time happens in a zone. A time skipped by a DST jump maps to the instant
 * just after the jump; a repeated hour maps to its first occurrence.
 */
export function zonedToEpoch(date: string, time: string, timeZone: string): number {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const local = Date.UTC(y, mo - 1, d, h, mi);
  // The offsets a day before and after bracket any transition on this date.
  const candidates = [local - offsetMinutes(local - DAY, timeZone) * MINUTE, local - offsetMinutes(local + DAY, timeZone) * MINUTE];
  const matching = candidates.filter((ms) => zonedParts(ms, timeZone).time === time);
  return matching.length > 0 ? Math.min(...matching) : Math.max(...candidates);
}

export function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, mo, d] = value.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

export function isTime(value: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}

export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

export function addDays(date: string, days: number): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, mo - 1, d) + days * DAY).toISOString().slice(0, 10);
}

export function weekdayOf(date: string): Weekday {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const js = new Date(Date.UTC(y, mo - 1, d)).getUTCDay(); // Sunday = 0
  return (js === 0 ? 7 : js) as Weekday;
}

/** The Monday of the week that contains `date`. */
export function startOfWeek(date: string): string {
  return addDays(date, 1 - weekdayOf(date));
}
