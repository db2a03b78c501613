import { describe, expect, it } from 'vitest';
import { addDays, isDate, offsetMinutes, startOfWeek, weekdayOf, zonedParts, zonedToEpoch } from '../../../src/domain/time';

const SH = 'Asia/Shanghai';
const BERLIN = 'Europe/Berlin';

describe('zoned time', () => {
  it('reads the wall clock of Shanghai eight hours ahead of UTC, across midnight', () => {
    expect(zonedParts(Date.parse('2026-11-22T16:30:00Z'), SH)).toEqual({
      date: '2026-11-23', time: '00:30', weekday: 1, minuteOfDay: 30,
    });
    expect(zonedParts(Date.parse('2026-11-22T15:59:00Z'), SH).date).toBe('2026-11-22');
  });

  it('turns a Shanghai wall-clock time into its instant all year round (no DST)', () => {
    expect(new Date(zonedToEpoch('2026-07-01', '18:30', SH)).toISOString()).toBe('2026-07-01T10:30:00.000Z');
    expect(new Date(zonedToEpoch('2026-01-01', '00:00', SH)).toISOString()).toBe('2025-12-31T16:00:00.000Z');
  });

  it('follows Berlin into summer time and back', () => {
    expect(offsetMinutes(Date.parse('2026-03-29T00:30:00Z'), BERLIN)).toBe(60);
    expect(offsetMinutes(Date.parse('2026-03-29T01:30:00Z'), BERLIN)).toBe(120);
    expect(new Date(zonedToEpoch('2026-03-29', '12:00', BERLIN)).toISOString()).toBe('2026-03-29T10:00:00.000Z');
    expect(new Date(zonedToEpoch('2026-10-25', '12:00', BERLIN)).toISOString()).toBe('2026-10-25T11:00:00.000Z');
  });

  it('maps a wall-clock time skipped by the spring jump to just after the jump', () => {
    expect(new Date(zonedToEpoch('2026-03-29', '02:30', BERLIN)).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('maps a repeated autumn hour to its first occurrence', () => {
    expect(new Date(zonedToEpoch('2026-10-25', '02:30', BERLIN)).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('does calendar arithmetic across month and year ends', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(weekdayOf('2026-11-23')).toBe(1);
    expect(weekdayOf('2026-11-29')).toBe(7);
    expect(startOfWeek('2026-11-29')).toBe('2026-11-23');
    expect(startOfWeek('2026-11-23')).toBe('2026-11-23');
  });

  it('tells real dates from impossible ones', () => {
    expect(isDate('2026-02-29')).toBe(false);
    expect(isDate('2028-02-29')).toBe(true);
    expect(isDate('2026-13-01')).toBe(false);
  });
});
