import { addDays, expandWeekly, startOfWeek, zonedParts, type CenterConfig } from '../../domain/index';
import type { Db } from '../db/port';

/**
 * Writes the weekly timetable of the config as dated entries for the current and the next week
 * (center time zone). Existing rows are never touched (ON CONFLICT DO NOTHING), so staff edits and
 * cancellations survive restarts; an occurrence that would overlap a non-cancelled entry staff put in
 * the same room is skipped. Returns how many rows were inserted.
 */
export async function materialiseWeeks(db: Db, config: CenterConfig, now: number): Promise<number> {
  const tz = config.center.timeZone;
  const monday = startOfWeek(zonedParts(now, tz).date);
  let inserted = 0;
  for (const week of [monday, addDays(monday, 7)]) {
    const entries = expandWeekly(config.weekly, week, tz);
    for (const [i, e] of entries.entries()) {
      const template = config.weekly[i]!;
      const occursOn = e.id.slice(template.id.length + 1);
      const rows = await db.query(
        `INSERT INTO schedule_entries
           (id, template_id, occurs_on, category, title_zh, title_en, starts_at, ends_at, room, instructor, capacity)
         SELECT $1, $2, $3::date, $4, $5, $6, $7::timestamptz, $8::timestamptz, $9, $10, $11
          WHERE NOT EXISTS (SELECT 1 FROM schedule_entries o
                             WHERE o.room = $9 AND o.cancelled_at IS NULL AND o.starts_at < $8::timestamptz AND o.ends_at > $7::timestamptz
                               AND o.id <> $1)
         ON CONFLICT DO NOTHING
         RETURNING id`,
        [e.id, template.id, occursOn, e.category, e.title['zh-CN'], e.title.en, e.startsAt, e.endsAt, e.room, e.instructor, e.capacity],
      );
      inserted += rows.length;
    }
  }
  return inserted;
}
