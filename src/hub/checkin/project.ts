import {
  checkInToClass, replayGym, zonedToEpoch, type CenterConfig, type GymFactKind,
} from '../../domain/index';
import type { Queryable } from '../db/port';
import type { Prepared } from './prepare';
import { lockCheckins } from '../db/locks';
import { gymGroupsOf, gymStepsOf, toGymEvent } from './gym-steps';

// The second half of applying check-in events, after they are stored: the read models (visits,
// attendance, gym steps, failed scans) and the facts staff must see. The hub decides again from its own
// records with the domain's rules; when it disagrees with what a kiosk told a member, the event still
// counts (the member was let in) and the disagreement becomes a fact. Nothing a kiosk accepted is dropped.

// Check-ins from concurrent batches are applied one transaction at a time, so two kiosks' last places
// in a class or two starts on one unit are judged in some order, never both against the same count.

/** Time alone did these, or they change nothing staff must act on: kept for the record, not flagged. */
const INFO_GYM_FACTS: ReadonlySet<GymFactKind> = new Set(['auto_ended', 'offer_expired', 'no_open_session', 'out_of_order']);

export interface FactRow {
  readonly kind: string;
  readonly day: string;
  readonly subject: string;
  readonly memberId: number | null;
  readonly entryId?: string | null;
  readonly group?: string | null;
  readonly unit?: number | null;
  readonly eventId: string | null;
  readonly kioskId: string | null;
  readonly at: string;
  readonly flagged: boolean;
  readonly dedupeKey?: string | null;
}

export async function insertFact(tx: Queryable, f: FactRow): Promise<void> {
  await tx.query(
    `INSERT INTO checkin_facts (kind, day, subject, member_id, entry_id, gym_group, unit, event_id, kiosk_id, at, flagged, dedupe_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (dedupe_key) DO NOTHING`,
    [f.kind, f.day, f.subject, f.memberId, f.entryId ?? null, f.group ?? null, f.unit ?? null, f.eventId, f.kioskId, f.at, f.flagged, f.dedupeKey ?? null],
  );
}

async function projectOne(tx: Queryable, config: CenterConfig, p: Prepared): Promise<void> {
  const { e, day } = p;
  const base = { day, eventId: e.id, kioskId: e.kioskId, at: e.at };
  switch (p.kind) {
    case 'scan_failed':
      await tx.query('INSERT INTO scan_failures (event_id, kiosk_id, at, reason, source) VALUES ($1, $2, $3, $4, $5)', [e.id, e.kioskId, e.at, p.e.payload.reason, p.e.payload.source]);
      return;
    case 'visit': {
      const { who } = p;
      // the first identification of the day is the visit; a second kiosk's "first" is simply the same visit
      await tx.query(
        `INSERT INTO visits (day, subject, member_id, event_id, kiosk_id, at, via, verified) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (day, subject) DO NOTHING`,
        [day, who.subject, who.memberId, e.id, e.kioskId, e.at, who.via, who.verified],
      );
      // identity facts ride on the visit: every identification writes one, so each shows once per scan
      for (const kind of who.facts) await insertFact(tx, { ...base, kind, subject: who.subject, memberId: who.memberId, flagged: true });
      return;
    }
    case 'class_checkin': {
      const { who, entry } = p;
      const kioskSaid = p.e.payload.outcome;
      const inRows = await tx.query<{ subject: string }>('SELECT subject FROM class_attendance WHERE entry_id = $1 AND counted', [entry.id]);
      // reserved places count as taken for walk-ins, and a member holding one is let in to a full class
      const reserved = await tx.query<{ member_id: number }>(`SELECT member_id FROM class_reservations WHERE entry_id = $1 AND status = 'reserved'`, [entry.id]);
      const attendance = { checkedIn: inRows.map((r) => r.subject), reserved: reserved.map((r) => String(r.member_id)) };
      const hub = checkInToClass(entry, who.subject, attendance, Date.parse(e.at), config.rules).outcome;
      // a member a kiosk let in is in the class, whatever the hub thinks, unless they were in already
      const counted = kioskSaid === 'checked_in' && hub !== 'already_checked_in';
      await tx.query(
        `INSERT INTO class_attendance (event_id, entry_id, subject, member_id, kiosk_id, at, via, kiosk_outcome, hub_outcome, counted)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [e.id, entry.id, who.subject, who.memberId, e.kioskId, e.at, who.via, kioskSaid, hub, counted],
      );
      if (kioskSaid === 'checked_in' && hub !== 'checked_in') {
        // over capacity, outside the window by the event's time, a cancelled class: staff decide.
        // Already in (two kiosks both let them in): counted once, nothing to act on, so information only.
        await insertFact(tx, { ...base, kind: hub, subject: who.subject, memberId: who.memberId, entryId: entry.id, flagged: hub !== 'already_checked_in' });
      }
      return;
    }
    case 'gym': {
      const { who } = p;
      const steps = p.e.payload.steps;
      for (const [i, s] of steps.entries()) {
        await tx.query(
          `INSERT INTO gym_steps (id, event_id, day, subject, member_id, action, gym_group, unit, at, kiosk_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [`${e.id}:${i}`, e.id, day, who.subject, who.memberId, s.action, s.group, s.unit, e.at, e.kioskId],
        );
      }
      return;
    }
  }
}

/**
 * Replays the whole day (events from several kiosks arrive late and out of order) and keeps every fact
 * the reducer finds: a unit two kiosks gave to two members, an offer someone else took, a second open
 * session. Facts found by an earlier replay are not stored twice; one a later, earlier-dated event
 * explains away stays, since staff may already have acted on it.
 */
async function replayDay(tx: Queryable, config: CenterConfig, day: string): Promise<void> {
  const rows = await gymStepsOf(tx, day);
  const events = rows.map(toGymEvent);
  const state = replayGym(gymGroupsOf(config), config.rules, events, zonedToEpoch(day, '00:00', config.center.timeZone));
  const memberOf = new Map(rows.map((r) => [r.subject, r.member_id]));
  for (const f of state.facts) {
    // the step that caused it (same person, group and instant); none for what time alone did
    const i = INFO_GYM_FACTS.has(f.kind) && f.kind !== 'no_open_session' ? -1 : events.findIndex((x) => x.memberId === f.memberId && x.group === f.group && x.at === f.at);
    const step = i >= 0 ? rows[i] : undefined;
    await insertFact(tx, {
      kind: f.kind, day, subject: f.memberId, memberId: memberOf.get(f.memberId) ?? null, group: f.group, unit: f.unit,
      eventId: step ? String(step.event_id) : null, kioskId: step?.kiosk_id ?? null, at: new Date(f.at).toISOString(),
      flagged: !INFO_GYM_FACTS.has(f.kind), dedupeKey: `gym|${f.kind}|${f.memberId}|${f.group}|${f.unit ?? ''}|${f.at}`,
    });
  }
}

/** Projects freshly stored check-in events in request order, then replays each day that got gym steps. */
export async function projectCheckins(tx: Queryable, config: CenterConfig, fresh: readonly Prepared[]): Promise<void> {
  if (fresh.length === 0) return;
  await lockCheckins(tx);
  for (const p of fresh) await projectOne(tx, config, p);
  const days = new Set(fresh.filter((p) => p.kind === 'gym' && p.e.payload.steps.length > 0).map((p) => p.day));
  for (const day of [...days].sort()) await replayDay(tx, config, day);
}
