import { addDays, zonedParts, zonedToEpoch, type CardMap, type CenterConfig, type Today } from '../../domain/index';
import { isoOf, type Queryable } from '../db/port';
import { gymStepsOf } from './gym-steps';

// What the snapshot carries of check-in: the card map (so a card works offline) and the center's current
// day (so every kiosk answers "already here", "full" and "who is on which machine" alike).

/** Card key → member and masked name; suspended members are left out, so their cards fail like unknown ones. */
export async function loadCardMap(db: Queryable): Promise<CardMap> {
  const rows = await db.query<{ id: number; masked_name: string; card_hash: string }>(
    // cards and short badges in one map: both are sha256 keys (a card's digits never hash like "W2.…")
    `SELECT id, masked_name, card_hash FROM members WHERE card_hash IS NOT NULL AND suspended_at IS NULL
     UNION ALL
     SELECT id, masked_name, badge_hash FROM members WHERE badge_hash IS NOT NULL AND suspended_at IS NULL
     ORDER BY card_hash`,
  );
  return Object.fromEntries(rows.map((r) => [r.card_hash, { memberId: String(r.id), maskedName: r.masked_name }]));
}

/**
 * The center's current day at `now`: who visited, who is in which class, and the day's gym steps in the
 * order the hub applied them. People are named by subject (member id, or the kiosk's `card:`/`no:` key
 * while unresolved), the way kiosks file them (domain subjectOf).
 */
export async function loadToday(db: Queryable, config: CenterConfig, now: number): Promise<Today> {
  const day = zonedParts(now, config.center.timeZone).date;
  const visits = await db.query<{ subject: string }>('SELECT subject FROM visits WHERE day = $1 ORDER BY at, subject', [day]);
  const attendance = await db.query<{ entry_id: string; subject: string }>(
    `SELECT a.entry_id, a.subject FROM class_attendance a JOIN schedule_entries e ON e.id = a.entry_id
      WHERE a.counted AND e.starts_at >= $1 AND e.starts_at < $2 ORDER BY a.entry_id, a.at, a.subject`,
    dayBounds(day, config),
  );
  const byEntry = new Map<string, string[]>();
  for (const r of attendance) byEntry.set(r.entry_id, [...(byEntry.get(r.entry_id) ?? []), r.subject]);
  const steps = await gymStepsOf(db, day);
  const ids = [...new Set(steps.flatMap((s) => (s.member_id === null ? [] : [s.member_id])))];
  const names = ids.length === 0 ? [] : await db.query<{ id: number; masked_name: string }>('SELECT id, masked_name FROM members WHERE id = ANY($1::int[]) ORDER BY id', [ids]);
  return {
    day,
    visits: visits.map((r) => r.subject),
    attendance: [...byEntry].map(([entryId, memberIds]) => ({ entryId, memberIds })),
    gym: steps.map((s) => ({ id: s.id, memberId: s.subject, action: s.action, group: s.gym_group, unit: s.unit, at: isoOf(s.at) })),
    names: Object.fromEntries(names.map((n) => [String(n.id), n.masked_name])),
  };
}

/** The instants a center day spans, [start, end), as query parameters. */
export function dayBounds(day: string, config: CenterConfig): [Date, Date] {
  const tz = config.center.timeZone;
  return [new Date(zonedToEpoch(day, '00:00', tz)), new Date(zonedToEpoch(addDays(day, 1), '00:00', tz))];
}
