import { addDays, flagMisuse, indexAlerts, zonedParts, zonedToEpoch, type IndexAlert, type RatingFact, type Rules, type Score } from '../../../domain/index';
import { isoOf, type Queryable } from '../../db/port';

// Ratings of a period with their misuse flags, as the Feedback page and the CSV export read them.

export interface Period {
  readonly from: string; // YYYY-MM-DD, center time
  readonly to: string; // inclusive
}

export interface StoredRating extends RatingFact {
  readonly id: string;
  readonly kioskId: string;
  readonly reasons: readonly string[];
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 366;

const validDate = (s: string) => DATE_RE.test(s) && addDays(s, 0) === s;
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00Z`) - Date.parse(`${a}T00:00Z`)) / 86_400_000);

/** The period asked for; without one, the last 30 days up to today in the center's time zone. */
export function periodOf(from: string | undefined, to: string | undefined, now: number, timeZone: string): Period | null {
  const today = zonedParts(now, timeZone).date;
  const p = { from: from || addDays(to && validDate(to) ? to : today, -29), to: to || today };
  if (!validDate(p.from) || !validDate(p.to)) return null;
  const span = daysBetween(p.from, p.to);
  return span < 0 || span >= MAX_DAYS ? null : p;
}

export function periodBounds(p: Period, timeZone: string): { start: number; end: number } {
  return { start: zonedToEpoch(p.from, '00:00', timeZone), end: zonedToEpoch(addDays(p.to, 1), '00:00', timeZone) };
}

/**
 * Ratings of the period, oldest first. Misuse is judged per kiosk over its presses in time order, and
 * presses just outside the period are read too: a burst that straddles the period's edge is still a
 * burst, so the flags of a rating do not depend on which period staff happen to choose.
 */
export async function ratingsOf(db: Queryable, p: Period, timeZone: string, rules: Pick<Rules, 'misusePresses' | 'misuseWindowSeconds'>): Promise<StoredRating[]> {
  const { start, end } = periodBounds(p, timeZone);
  const margin = rules.misuseWindowSeconds * 1000;
  const rows = await db.query<{ event_id: string; kiosk_id: string; at: unknown; topic: string | null; score: number; reasons: string[] | null }>(
    `SELECT r.event_id, r.kiosk_id, r.at, r.topic, r.score, rr.reasons
       FROM ratings r LEFT JOIN rating_reasons rr ON rr.rating_id = r.event_id AND rr.kiosk_id = r.kiosk_id
      WHERE r.at >= $1 AND r.at < $2 ORDER BY r.at, r.event_id`,
    [new Date(start - margin), new Date(end + margin)],
  );
  const all = rows.map((r) => ({ id: String(r.event_id), kioskId: r.kiosk_id, at: Date.parse(isoOf(r.at)), topic: r.topic, score: Number(r.score) as Score, reasons: r.reasons ?? [] }));
  const misuse = new Set<string>();
  const byKiosk = new Map<string, typeof all>();
  for (const r of all) {
    const list = byKiosk.get(r.kioskId);
    if (list) list.push(r);
    else byKiosk.set(r.kioskId, [r]);
  }
  for (const list of byKiosk.values()) {
    const flags = flagMisuse(list.map((r) => r.at), rules.misusePresses, rules.misuseWindowSeconds);
    list.forEach((r, i) => flags[i] && misuse.add(r.id));
  }
  return all.filter((r) => r.at >= start && r.at < end).map((r) => ({ ...r, misuse: misuse.has(r.id) }));
}

/** How far back the alerts look for each topic's last ratings (issue 16). */
export const ALERT_LOOKBACK_DAYS = 90;

/** Topics whose index over their last ratings is below the center's threshold (domain indexAlerts). */
export async function loadIndexAlerts(db: Queryable, now: number, timeZone: string, rules: Rules): Promise<IndexAlert[]> {
  const today = zonedParts(now, timeZone).date;
  const ratings = await ratingsOf(db, { from: addDays(today, -(ALERT_LOOKBACK_DAYS - 1)), to: today }, timeZone, rules);
  return indexAlerts(ratings, rules.alertLastRatings, rules.alertIndexBelow);
}
