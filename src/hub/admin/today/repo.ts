import { addDays, deriveOccupancy, isDate, zonedParts, zonedToEpoch, type CenterConfig, type GroupOccupancy } from '../../../domain/index';
import { gymSessionLog, type SessionRecord } from '../../../domain/gym-log';
import { gymGroupsOf, gymStepsOf, toGymEvent } from '../../checkin/gym-steps';
import { dayBounds } from '../../checkin/today';
import { isoOf, isoOrNull, type Queryable } from '../../db/port';
import { getMembersByIds } from '../../members/repo';
import { listEntries, type StoredEntry } from '../../schedule/repo';

// One center day of check-in as staff read it on the Today page and in its CSV files: visits, class
// attendance, equipment sessions and occupancy, and the facts the hub kept. People are shown by masked
// name and member number; someone the hub could not resolve by what the kiosk sent (card key, number).

export interface Person {
  readonly subject: string;
  readonly memberNo: string | null;
  readonly maskedName: string | null;
  /** for an unresolved person: how the kiosk named them */
  readonly unresolved: { readonly via: 'card' | 'keypad'; readonly value: string } | null;
}

export interface VisitView { readonly person: Person; readonly at: number; readonly kioskId: string; readonly via: string; readonly verified: boolean }
export interface ClassView {
  readonly entry: StoredEntry;
  readonly people: readonly { readonly person: Person; readonly at: number; readonly kioskId: string; readonly hubOutcome: string }[];
  /** check-ins the kiosks refused (full, too early …): shown as a count */
  readonly refused: number;
}
export interface SessionView extends SessionRecord { readonly person: Person }
export interface FactView {
  readonly id: string;
  readonly kind: string;
  readonly person: Person;
  readonly entryId: string | null;
  readonly group: string | null;
  readonly unit: number | null;
  readonly kioskId: string | null;
  readonly at: number;
  readonly flagged: boolean;
  readonly resolvedAt: string | null;
  readonly resolvedBy: string | null;
  readonly note: string | null;
}

export interface TodayView {
  readonly day: string;
  readonly isToday: boolean;
  readonly visits: readonly VisitView[];
  readonly classes: readonly ClassView[];
  readonly sessions: readonly SessionView[];
  /** equipment as it is now (today) or was at the end of the day */
  readonly occupancy: readonly GroupOccupancy[];
  readonly facts: readonly FactView[];
}

/** The day asked for (YYYY-MM-DD, a real date), or today in the center's zone; null for anything else. */
export function dayOf(raw: string | undefined, now: number, timeZone: string): string | null {
  if (raw === undefined || raw === '') return zonedParts(now, timeZone).date;
  return isDate(raw) ? raw : null;
}

const ms = (v: unknown) => Date.parse(isoOf(v));

export async function loadTodayView(db: Queryable, config: CenterConfig, day: string, now: number): Promise<TodayView> {
  const tz = config.center.timeZone;
  const [from, to] = dayBounds(day, config);
  const visits = await db.query<{ subject: string; member_id: number | null; at: unknown; kiosk_id: string; via: string; verified: boolean }>(
    'SELECT subject, member_id, at, kiosk_id, via, verified FROM visits WHERE day = $1 ORDER BY at, subject', [day]);
  const entries = await listEntries(db, from.getTime(), to.getTime());
  const attendance = await db.query<{ entry_id: string; subject: string; member_id: number | null; at: unknown; kiosk_id: string; hub_outcome: string; counted: boolean }>(
    `SELECT a.entry_id, a.subject, a.member_id, a.at, a.kiosk_id, a.hub_outcome, a.counted FROM class_attendance a
       JOIN schedule_entries e ON e.id = a.entry_id WHERE e.starts_at >= $1 AND e.starts_at < $2 ORDER BY a.at, a.event_id`, [from, to]);
  const steps = await gymStepsOf(db, day);
  const facts = await db.query<{
    id: string | number; kind: string; subject: string; member_id: number | null; entry_id: string | null; gym_group: string | null; unit: number | null;
    kiosk_id: string | null; at: unknown; flagged: boolean; resolved_at: unknown; resolved_by: string | null; note: string | null;
  }>('SELECT * FROM checkin_facts WHERE day = $1 ORDER BY flagged DESC, (resolved_at IS NULL) DESC, at, id', [day]);

  const ids = [...visits, ...attendance, ...steps, ...facts].flatMap((r) => (r.member_id === null ? [] : [r.member_id]));
  const members = new Map((await getMembersByIds(db, [...new Set(ids)])).map((m) => [String(m.id), m]));
  const person = (subject: string): Person => {
    const m = members.get(subject);
    if (m) return { subject, memberNo: m.memberNo, maskedName: m.maskedName, unresolved: null };
    if (subject.startsWith('card:')) return { subject, memberNo: null, maskedName: null, unresolved: { via: 'card', value: subject.slice(5, 17) } };
    if (subject.startsWith('no:')) return { subject, memberNo: null, maskedName: null, unresolved: { via: 'keypad', value: subject.slice(3) } };
    return { subject, memberNo: null, maskedName: null, unresolved: null };
  };

  const start = zonedToEpoch(day, '00:00', tz);
  const end = zonedToEpoch(addDays(day, 1), '00:00', tz);
  const until = Math.min(now, end);
  const log = gymSessionLog(gymGroupsOf(config), config.rules, steps.map(toGymEvent), start, Math.max(until, start));
  return {
    day,
    isToday: now >= start && now < end,
    visits: visits.map((v) => ({ person: person(v.subject), at: ms(v.at), kioskId: v.kiosk_id, via: v.via, verified: v.verified })),
    classes: entries.map((entry) => {
      const rows = attendance.filter((a) => a.entry_id === entry.id);
      return {
        entry,
        people: rows.filter((a) => a.counted).map((a) => ({ person: person(a.subject), at: ms(a.at), kioskId: a.kiosk_id, hubOutcome: a.hub_outcome })),
        refused: rows.filter((a) => !a.counted).length,
      };
    }),
    sessions: log.sessions.map((s) => ({ ...s, person: person(s.memberId) })),
    occupancy: deriveOccupancy(log.state, Math.max(until, start)),
    facts: facts.map((f) => ({
      id: String(f.id), kind: f.kind, person: person(f.subject), entryId: f.entry_id, group: f.gym_group, unit: f.unit, kioskId: f.kiosk_id,
      at: ms(f.at), flagged: f.flagged, resolvedAt: isoOrNull(f.resolved_at), resolvedBy: f.resolved_by, note: f.note,
    })),
  };
}

/** Marks a flagged fact resolved once, with who did it and their note; false when there is no such open fact. */
export async function resolveFact(db: Queryable, id: string, username: string, note: string, now: number): Promise<boolean> {
  const rows = await db.query(
    `UPDATE checkin_facts SET resolved_at = $2, resolved_by = $3, note = $4 WHERE id = $1 AND flagged AND resolved_at IS NULL RETURNING id`,
    [id, new Date(now).toISOString(), username, note === '' ? null : note],
  );
  return rows.length > 0;
}
