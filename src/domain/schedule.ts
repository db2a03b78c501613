import type { WeeklyEntry } from './config/schema';
import { WEEKDAY_KEYS } from './config/schema';
import type { LocalizedText } from './text';
import { addDays, minutesOf, weekdayOf, zonedParts, zonedToEpoch, type Weekday } from './time';

/** One dated entry of the schedule, as the hub stores it and the snapshot carries it. */
export interface ScheduleEntry {
  readonly id: string;
  readonly category: string;
  readonly title: LocalizedText;
  readonly startsAt: string; // ISO instant
  readonly endsAt: string; // ISO instant
  readonly room: string; // facility id
  readonly instructor: string;
  readonly capacity: number | null; // null: open to all, no places counted
  readonly placesLeft: number | null;
  readonly cancelled: boolean;
}

export type EntryStatus = 'past' | 'now' | 'upcoming' | 'cancelled';

export interface DayGroup {
  readonly date: string;
  readonly weekday: Weekday;
  readonly isToday: boolean;
  readonly entries: readonly ScheduleEntry[];
}

export interface NowNext {
  readonly now: readonly ScheduleEntry[];
  readonly next: readonly ScheduleEntry[];
}

const startMs = (e: ScheduleEntry) => Date.parse(e.startsAt);
const endMs = (e: ScheduleEntry) => Date.parse(e.endsAt);
const byStart = (a: ScheduleEntry, b: ScheduleEntry) => startMs(a) - startMs(b) || a.id.localeCompare(b.id);

export function entryStatus(entry: ScheduleEntry, now: number): EntryStatus {
  if (entry.cancelled) return 'cancelled';
  if (endMs(entry) <= now) return 'past';
  return startMs(entry) <= now ? 'now' : 'upcoming';
}

/** What is on now, and the next few entries still to start (any day ahead), cancelled ones left out. */
export function deriveNowNext(entries: readonly ScheduleEntry[], now: number, nextCount = 3): NowNext {
  const live = entries.filter((e) => !e.cancelled).sort(byStart);
  return {
    now: live.filter((e) => entryStatus(e, now) === 'now'),
    next: live.filter((e) => startMs(e) > now).slice(0, nextCount),
  };
}

/**
 * Today and the following days in the center's time zone, each with its entries by start time.
 * Days without entries are kept so the screen can say "nothing on".
 */
export function groupByDay(
  entries: readonly ScheduleEntry[],
  now: number,
  timeZone: string,
  days = 8,
  category: string | null = null,
): DayGroup[] {
  const today = zonedParts(now, timeZone).date;
  const groups = new Map<string, ScheduleEntry[]>();
  for (let i = 0; i < days; i++) groups.set(addDays(today, i), []);
  for (const e of entries) {
    if (category !== null && e.category !== category) continue;
    groups.get(zonedParts(startMs(e), timeZone).date)?.push(e);
  }
  return [...groups].map(([date, list]) => ({
    date,
    weekday: weekdayOf(date),
    isToday: date === today,
    entries: list.sort(byStart),
  }));
}

/** The categories that have at least one entry in the given days: the filter offers only those. */
export function categoriesInUse(groups: readonly DayGroup[]): string[] {
  return [...new Set(groups.flatMap((g) => g.entries.map((e) => e.category)))].sort();
}

/** Dated entries of the weekly timetable for the seven days starting on `monday`. */
export function expandWeekly(weekly: readonly WeeklyEntry[], monday: string, timeZone: string): ScheduleEntry[] {
  return weekly.map((w) => {
    const date = addDays(monday, WEEKDAY_KEYS.indexOf(w.weekday));
    const start = zonedToEpoch(date, w.start, timeZone);
    const endClock = minutesOf(w.start) + w.minutes;
    const end = zonedToEpoch(date, `${String(Math.floor(endClock / 60)).padStart(2, '0')}:${String(endClock % 60).padStart(2, '0')}`, timeZone);
    return {
      id: `${w.id}@${date}`,
      category: w.category,
      title: w.title,
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(endClock >= 24 * 60 ? start + w.minutes * 60_000 : end).toISOString(),
      room: w.room,
      instructor: w.instructor,
      capacity: w.capacity,
      placesLeft: w.capacity,
      cancelled: false,
    };
  });
}

export interface Freshness {
  /** epoch ms of the last good snapshot, or null if the kiosk never had one */
  readonly updatedAt: number | null;
  readonly stale: boolean;
}

/** Whether the kiosk must tell workers its schedule may be out of date. */
export function deriveFreshness(lastGoodAt: number | null, now: number, staleAfterMinutes: number): Freshness {
  return { updatedAt: lastGoodAt, stale: lastGoodAt === null || now - lastGoodAt > staleAfterMinutes * 60_000 };
}
