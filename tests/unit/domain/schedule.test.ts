import { describe, expect, it } from 'vitest';
import type { WeeklyEntry } from '../../../src/domain/config/schema';
import {
  categoriesInUse, deriveFreshness, deriveNowNext, entryStatus, expandWeekly, groupByDay, type ScheduleEntry,
} from '../../../src/domain/schedule';

const SH = 'Asia/Shanghai';
const at = (iso: string) => Date.parse(iso);

function entry(id: string, startsAt: string, endsAt: string, extra: Partial<ScheduleEntry> = {}): ScheduleEntry {
  return {
    id, category: 'fitness', title: { 'zh-CN': id, en: id }, startsAt, endsAt, room: 'activity-room',
    instructor: '', capacity: 10, placesLeft: 10, cancelled: false, ...extra,
  };
}

// Monday 23 November 2026, Shanghai wall clock in the comments.
const yoga = entry('yoga', '2026-11-23T10:30:00Z', '2026-11-23T11:30:00Z'); // 18:30–19:30
const lateFilm = entry('film', '2026-11-23T15:00:00Z', '2026-11-23T16:30:00Z', { category: 'cultural' }); // 23:00–00:30
const taichi = entry('taichi', '2026-11-23T23:30:00Z', '2026-11-24T00:30:00Z'); // Tue 07:30
const cancelled = entry('cancelled', '2026-11-23T11:00:00Z', '2026-11-23T12:00:00Z', { cancelled: true });
const all = [taichi, lateFilm, yoga, cancelled];

describe('deriveNowNext', () => {
  it('shows what is running now and the next entries in start order', () => {
    const r = deriveNowNext(all, at('2026-11-23T10:45:00Z'));
    expect(r.now.map((e) => e.id)).toEqual(['yoga']);
    expect(r.next.map((e) => e.id)).toEqual(['film', 'taichi']);
  });

  it('leaves cancelled entries out of now and next', () => {
    const r = deriveNowNext(all, at('2026-11-23T11:15:00Z'));
    expect(r.now.map((e) => e.id)).toEqual(['yoga']);
    expect(r.next.map((e) => e.id)).not.toContain('cancelled');
  });

  it('treats an entry as over at its end instant', () => {
    const r = deriveNowNext(all, at('2026-11-23T11:30:00Z'));
    expect(r.now).toEqual([]);
  });

  it('looks into tomorrow for next when today is done', () => {
    const r = deriveNowNext(all, at('2026-11-23T16:45:00Z'), 1); // 00:45 Tuesday
    expect(r.next.map((e) => e.id)).toEqual(['taichi']);
  });
});

describe('groupByDay', () => {
  it('groups by the center\'s calendar day, not UTC, and keeps empty days', () => {
    const days = groupByDay(all, at('2026-11-23T01:00:00Z'), SH); // Monday 09:00
    expect(days).toHaveLength(8);
    expect(days[0]).toMatchObject({ date: '2026-11-23', weekday: 1, isToday: true });
    expect(days[0]!.entries.map((e) => e.id)).toEqual(['yoga', 'cancelled', 'film']);
    expect(days[1]!.entries.map((e) => e.id)).toEqual(['taichi']);
    expect(days[7]).toMatchObject({ date: '2026-11-30', entries: [] });
  });

  it('moves today to Tuesday at Shanghai midnight while UTC is still on Monday', () => {
    const days = groupByDay(all, at('2026-11-23T16:00:00Z'), SH);
    expect(days[0]).toMatchObject({ date: '2026-11-24', isToday: true });
    expect(days[0]!.entries.map((e) => e.id)).toEqual(['taichi']);
  });

  it('files a late-evening entry under its start day in a zone behind UTC', () => {
    const days = groupByDay([yoga], at('2026-11-23T10:00:00Z'), 'America/New_York');
    expect(days[0]).toMatchObject({ date: '2026-11-23' });
    expect(days[0]!.entries.map((e) => e.id)).toEqual(['yoga']);
  });

  it('keeps only the chosen category', () => {
    const days = groupByDay(all, at('2026-11-23T01:00:00Z'), SH, 8, 'cultural');
    expect(days.flatMap((d) => d.entries.map((e) => e.id))).toEqual(['film']);
    expect(categoriesInUse(groupByDay(all, at('2026-11-23T01:00:00Z'), SH))).toEqual(['cultural', 'fitness']);
  });
});

describe('entryStatus', () => {
  it('says past, now, upcoming or cancelled', () => {
    expect(entryStatus(yoga, at('2026-11-23T10:00:00Z'))).toBe('upcoming');
    expect(entryStatus(yoga, at('2026-11-23T10:30:00Z'))).toBe('now');
    expect(entryStatus(yoga, at('2026-11-23T12:00:00Z'))).toBe('past');
    expect(entryStatus(cancelled, at('2026-11-23T10:00:00Z'))).toBe('cancelled');
  });
});

describe('expandWeekly', () => {
  const weekly: WeeklyEntry[] = [
    { id: 'yoga-mon', category: 'fitness', title: { 'zh-CN': '瑜伽', en: 'Yoga' }, weekday: 'mon', start: '18:30', minutes: 60, room: 'activity-room', instructor: '李老师', capacity: 20 },
    { id: 'film-sun', category: 'cultural', title: { 'zh-CN': '电影', en: 'Film' }, weekday: 'sun', start: '23:30', minutes: 30, room: 'activity-room', instructor: '', capacity: null },
  ];

  it('dates each weekly entry in the given week in the center\'s zone', () => {
    const [yogaMon, filmSun] = expandWeekly(weekly, '2026-11-23', SH);
    expect(yogaMon).toMatchObject({ id: 'yoga-mon@2026-11-23', startsAt: '2026-11-23T10:30:00.000Z', endsAt: '2026-11-23T11:30:00.000Z', placesLeft: 20 });
    expect(filmSun).toMatchObject({ id: 'film-sun@2026-11-29', startsAt: '2026-11-29T15:30:00.000Z', endsAt: '2026-11-29T16:00:00.000Z', capacity: null });
  });

  it('keeps the wall-clock start across a DST change', () => {
    const [before] = expandWeekly(weekly, '2026-10-19', 'Europe/Berlin');
    const [after] = expandWeekly(weekly, '2026-10-26', 'Europe/Berlin');
    expect(before!.startsAt).toBe('2026-10-19T16:30:00.000Z');
    expect(after!.startsAt).toBe('2026-10-26T17:30:00.000Z');
  });
});

describe('deriveFreshness', () => {
  it('is stale without any snapshot, fresh within the limit and stale after it', () => {
    const t = at('2026-11-23T06:00:00Z');
    expect(deriveFreshness(null, t, 10).stale).toBe(true);
    expect(deriveFreshness(t - 10 * 60_000, t, 10).stale).toBe(false);
    expect(deriveFreshness(t - 10 * 60_000 - 1, t, 10)).toEqual({ updatedAt: t - 600_001, stale: true });
  });
});
