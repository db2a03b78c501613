import { describe, expect, it } from 'vitest';
import { indexAlerts, ratingHeat, weeklyIndex, type RatingFact } from '../../../src/domain/satisfaction';

const TZ = 'Asia/Shanghai';
// Monday 2 November 2026, 10:00 in Shanghai
const MON = Date.parse('2026-11-02T02:00:00Z');
const H = 3_600_000;
const r = (at: number, score: 0 | 1 | 2 | 3, topic: string | null = 'gym', misuse = false): RatingFact => ({ at, score, topic, misuse });

describe('the satisfaction charts and alerts', () => {
  it('gives each topic its index per week (from Monday, in the center’s zone), misuse left out', () => {
    const w = weeklyIndex([r(MON, 3), r(MON + H, 0), r(MON + 7 * 24 * H, 2), r(MON, 0, null), r(MON + 2 * H, 0, 'gym', true)], TZ);
    expect(w.weeks).toEqual(['2026-11-02', '2026-11-09']);
    expect(w.topics).toEqual(['', 'gym']);
    expect(w.cells.get('gym|2026-11-02')).toEqual({ count: 2, happy: 1, index: 0.5 });
    expect(w.cells.get('gym|2026-11-09')).toEqual({ count: 1, happy: 1, index: 1 });
    expect(w.cells.get('|2026-11-02')).toEqual({ count: 1, happy: 0, index: 0 });
    expect(w.cells.has('|2026-11-09')).toBe(false);
  });

  it('files a rating under its weekday and hour in the center’s zone (Sunday 23:30 is day 7, hour 23)', () => {
    const sundayLate = Date.parse('2026-11-08T15:30:00Z'); // 23:30 in Shanghai
    const grid = ratingHeat([r(MON, 3), r(MON + 10 * 60_000, 1), r(sundayLate, 2), r(sundayLate, 0, 'gym', true)], TZ);
    expect(grid).toHaveLength(7);
    expect(grid[0]![10]).toEqual({ count: 2, happy: 1, index: 0.5 });
    expect(grid[6]![23]).toEqual({ count: 1, happy: 1, index: 1 });
    expect(grid.flat().reduce((n, c) => n + c.count, 0)).toBe(3);
  });

  it('raises a topic whose last N ratings are less happy than the threshold, and judges no topic with fewer', () => {
    const gym = [...Array.from({ length: 10 }, (_, i) => r(MON + i * H, 3)), ...Array.from({ length: 5 }, (_, i) => r(MON + (20 + i) * H, 0))];
    const courts = Array.from({ length: 4 }, (_, i) => r(MON + i * H, 0, 'courts'));
    // the last 5 of the gym are all unhappy: 0 %; over its last 10, 5 of 10: 50 %
    expect(indexAlerts([...gym, ...courts], 5, 0.6)).toEqual([{ topic: 'gym', index: 0, count: 5 }]);
    expect(indexAlerts([...gym, ...courts], 10, 0.6)).toEqual([{ topic: 'gym', index: 0.5, count: 10 }]);
    expect(indexAlerts([...gym, ...courts], 10, 0.5)).toEqual([]); // 50 % is not below 50 %
    expect(indexAlerts([...gym, ...courts], 4, 0.6).map((a) => a.topic)).toEqual(['courts', 'gym']);
  });
});
