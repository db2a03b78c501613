import type { Score } from './events';
import { startOfWeek, zonedParts } from './time';

// The satisfaction index: the share of the two happy faces among ratings, misuse left out.
// Kiosk and hub flag misuse with the same function, so the admin page and a kiosk never disagree.

/**
 * Flags presses that are part of a burst: more than `presses` presses whose times all fall within
 * `windowSeconds` of the first of them (inclusive). Every press of such a burst is flagged, not only the
 * extra ones, because a burst says the whole sequence is not a considered opinion. Times in ms, any order.
 */
export function flagMisuse(times: readonly number[], presses: number, windowSeconds: number): boolean[] {
  const order = times.map((t, i) => [t, i] as const).sort((a, b) => a[0] - b[0]);
  const flags = new Array<boolean>(times.length).fill(false);
  let end = 0;
  for (let start = 0; start < order.length; start++) {
    end = Math.max(end, start);
    while (end + 1 < order.length && order[end + 1]![0] - order[start]![0] <= windowSeconds * 1000) end++;
    if (end - start + 1 > presses) for (let k = start; k <= end; k++) flags[order[k]![1]] = true;
  }
  return flags;
}

export interface RatingFact {
  readonly at: number; // epoch ms
  readonly score: Score;
  readonly topic: string | null;
  readonly misuse: boolean;
}

export interface IndexRow {
  readonly key: string; // 'YYYY-MM-DD', 'HH' (00–23), or a topic id ('' for the center as a whole)
  readonly count: number; // ratings counted (misuse excluded)
  readonly happy: number; // of which scored 2 or 3
  readonly misuse: number; // left out
  readonly index: number | null; // happy / count, null without ratings
}

export type IndexBy = 'day' | 'hour' | 'topic';

export function satisfactionIndex(ratings: readonly RatingFact[], by: IndexBy, timeZone: string): IndexRow[] {
  const rows = new Map<string, { count: number; happy: number; misuse: number }>();
  for (const r of ratings) {
    const p = by === 'topic' ? null : zonedParts(r.at, timeZone);
    const key = by === 'topic' ? (r.topic ?? '') : by === 'day' ? p!.date : p!.time.slice(0, 2);
    const row = rows.get(key) ?? { count: 0, happy: 0, misuse: 0 };
    if (r.misuse) row.misuse++;
    else {
      row.count++;
      if (r.score >= 2) row.happy++;
    }
    rows.set(key, row);
  }
  return [...rows]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, r]) => ({ key, ...r, index: r.count === 0 ? null : r.happy / r.count }));
}

/** The index over all ratings given, as one number (null without ratings). */
export function overallIndex(ratings: readonly RatingFact[]): number | null {
  const counted = ratings.filter((r) => !r.misuse);
  return counted.length === 0 ? null : counted.filter((r) => r.score >= 2).length / counted.length;
}

// ---------------------------------------------------------------------------------------------------------
// Charts and alerts (issue 16): the same index, by week and topic, by weekday and hour, and over the last
// ratings of each topic. Misuse is left out everywhere, as in the index itself.

export interface IndexCell {
  readonly count: number;
  readonly happy: number;
  readonly index: number | null;
}

const cell = (count: number, happy: number): IndexCell => ({ count, happy, index: count === 0 ? null : happy / count });

/** The index of each topic ('' for the center as a whole) in each week (its Monday), weeks in order. */
export function weeklyIndex(ratings: readonly RatingFact[], timeZone: string): { readonly weeks: string[]; readonly topics: string[]; readonly cells: ReadonlyMap<string, IndexCell> } {
  const sums = new Map<string, { count: number; happy: number }>();
  const weeks = new Set<string>();
  const topics = new Set<string>();
  for (const r of ratings) {
    if (r.misuse) continue;
    const week = startOfWeek(zonedParts(r.at, timeZone).date);
    const topic = r.topic ?? '';
    weeks.add(week);
    topics.add(topic);
    const s = sums.get(`${topic}|${week}`) ?? { count: 0, happy: 0 };
    s.count++;
    if (r.score >= 2) s.happy++;
    sums.set(`${topic}|${week}`, s);
  }
  const cells = new Map([...sums].map(([k, s]) => [k, cell(s.count, s.happy)]));
  return { weeks: [...weeks].sort(), topics: [...topics].sort(), cells };
}

/** Ratings by weekday (1 Monday … 7 Sunday) and hour (0–23): a 7 × 24 grid, for the heat map. */
export function ratingHeat(ratings: readonly RatingFact[], timeZone: string): IndexCell[][] {
  const counts = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => ({ count: 0, happy: 0 })));
  for (const r of ratings) {
    if (r.misuse) continue;
    const p = zonedParts(r.at, timeZone);
    const c = counts[p.weekday - 1]![Math.floor(p.minuteOfDay / 60)]!;
    c.count++;
    if (r.score >= 2) c.happy++;
  }
  return counts.map((row) => row.map((c) => cell(c.count, c.happy)));
}

export interface IndexAlert {
  readonly topic: string; // '' for the center as a whole
  readonly index: number;
  readonly count: number;
}

/**
 * Topics whose index over their last `lastN` ratings (misuse left out) is below `threshold`: the admin
 * home and the Feedback page say so. A topic with fewer than `lastN` ratings is not judged yet.
 */
export function indexAlerts(ratings: readonly RatingFact[], lastN: number, threshold: number): IndexAlert[] {
  const byTopic = new Map<string, RatingFact[]>();
  for (const r of ratings) {
    if (r.misuse) continue;
    const list = byTopic.get(r.topic ?? '');
    if (list) list.push(r);
    else byTopic.set(r.topic ?? '', [r]);
  }
  const alerts: IndexAlert[] = [];
  for (const [topic, list] of [...byTopic].sort(([a], [b]) => a.localeCompare(b))) {
    if (lastN < 1 || list.length < lastN) continue;
    const last = [...list].sort((a, b) => a.at - b.at).slice(-lastN);
    const index = last.filter((r) => r.score >= 2).length / last.length;
    if (index < threshold) alerts.push({ topic, index, count: last.length });
  }
  return alerts;
}
