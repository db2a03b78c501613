import { describe, expect, it } from 'vitest';
import { flagMisuse, overallIndex, satisfactionIndex, type RatingFact } from '../../../src/domain/satisfaction';

const s = (sec: number) => sec * 1000;

describe('flagMisuse', () => {
  it('keeps three presses within 10 s unflagged', () => {
    expect(flagMisuse([s(0), s(2), s(4)], 3, 10)).toEqual([false, false, false]);
  });

  it('flags all four presses when a fourth comes within 10 s of the first', () => {
    expect(flagMisuse([s(0), s(2), s(4), s(10)], 3, 10)).toEqual([true, true, true, true]);
  });

  it('does not flag presses spread over more than 10 s', () => {
    expect(flagMisuse([s(0), s(4), s(8), s(12), s(16)], 3, 10)).toEqual([false, false, false, false, false]);
  });

  it('flags only the burst in a longer sequence, whatever the input order', () => {
    expect(flagMisuse([s(100), s(0), s(101), s(102), s(103), s(50)], 3, 10)).toEqual([true, false, true, true, true, false]);
  });
});

describe('satisfactionIndex', () => {
  const at = (iso: string) => Date.parse(iso);
  const r = (iso: string, score: 0 | 1 | 2 | 3, topic: string | null, misuse = false): RatingFact => ({ at: at(iso), score, topic, misuse });
  const ratings = [
    r('2026-11-23T01:10:00Z', 3, 'gym'), // 09:10 Shanghai
    r('2026-11-23T01:20:00Z', 0, 'gym'),
    r('2026-11-23T02:05:00Z', 2, 'courts'), // 10:05
    r('2026-11-23T16:30:00Z', 1, null), // 00:30 on the 24th
    r('2026-11-23T01:30:00Z', 0, 'gym', true),
  ];

  it('counts the share of the two happy faces per day in the center\'s zone, misuse left out', () => {
    expect(satisfactionIndex(ratings, 'day', 'Asia/Shanghai')).toEqual([
      { key: '2026-11-23', count: 3, happy: 2, misuse: 1, index: 2 / 3 },
      { key: '2026-11-24', count: 1, happy: 0, misuse: 0, index: 0 },
    ]);
  });

  it('groups by hour of day and by topic', () => {
    expect(satisfactionIndex(ratings, 'hour', 'Asia/Shanghai').map((x) => [x.key, x.index])).toEqual([
      ['00', 0], ['09', 0.5], ['10', 1],
    ]);
    expect(satisfactionIndex(ratings, 'topic', 'Asia/Shanghai').map((x) => [x.key, x.count])).toEqual([
      ['', 1], ['courts', 1], ['gym', 2],
    ]);
  });

  it('has no index without ratings, and none when all were misuse', () => {
    expect(overallIndex([])).toBeNull();
    expect(overallIndex([r('2026-11-23T01:30:00Z', 3, null, true)])).toBeNull();
    expect(overallIndex(ratings)).toBe(0.5);
  });
});
