import {
  err, ok, type Result,
  decideReserve, decideReserveCancel, duePromotions,
  type CenterConfig, type KioskEvent, type RejectReason, type Reservation, type ReserveCancelRefusal, type ReserveRefusal,
  type SnapshotReservation,
} from '../../domain/index';
import { resolveWho } from '../checkin/prepare';
import { isoOf, type Db, type Queryable } from '../db/port';
import { getEntry, type StoredEntry } from '../schedule/repo';
import { lockClassEntry } from '../db/locks';

// Class places at the hub (issue 5, DESIGN §4.4). The kiosk asks (class_reserve, class_reserve_cancel);
// the hub decides with the domain's rules in the transaction that stores the event, so what it keeps
// is what every kiosk is told by the next snapshot. Every decision about one class runs under that
// class's advisory lock: two kiosks asking for the last place, a cancellation and the promotion timer
// (in one hub process or two) are judged one after the other, never against the same count.

export type ReservationEvent = Extract<KioskEvent, { kind: 'class_reserve' | 'class_reserve_cancel' }>;
export const isReservationEvent = (e: KioskEvent): e is ReservationEvent => e.kind === 'class_reserve' || e.kind === 'class_reserve_cancel';

/** What applying one event did, for the caller's log and the tests. */
export type ReservationApplied =
  | { readonly kind: 'reserve'; readonly status: 'reserved' }
  | { readonly kind: 'reserve'; readonly status: 'waitlisted'; readonly position: number }
  | { readonly kind: 'reserve'; readonly status: 'refused'; readonly refusal: ReserveRefusal }
  | { readonly kind: 'cancel'; readonly status: 'cancelled'; readonly promoted: readonly string[] }
  | { readonly kind: 'cancel'; readonly status: 'refused'; readonly refusal: ReserveCancelRefusal };


/** A notice stays on the attract screen this long after the promotion. */
export const NOTICE_HOURS = 3;

/** A class-place event that can be applied, and whose it is. */
export type PreparedReservation = { readonly e: ReservationEvent; readonly memberId: number };

/**
 * Judges an event before it is stored: why it never can be applied (a member or a class nobody has),
 * or whose it is. A card the hub cannot map to anyone is an unknown member: a place is a member's.
 */
export async function prepareReservationEvent(tx: Queryable, e: ReservationEvent): Promise<Result<PreparedReservation, RejectReason>> {
  const who = await resolveWho(tx, e.payload.identity);
  if (!who || who.memberId === null) return err('unknown_member');
  if (!(await getEntry(tx, e.payload.entryId))) return err('unknown_entry');
  return ok({ e, memberId: who.memberId });
}

type ResRow = { id: string; entry_id: string; member_id: number; status: 'reserved' | 'waitlisted'; requested_at: unknown; promoted_at: unknown };

const toReservation = (r: ResRow): Reservation => ({
  id: String(r.id), entryId: r.entry_id, memberId: String(r.member_id), status: r.status, at: Date.parse(isoOf(r.requested_at)),
});

/** The class's active places and waitlist places, and who is checked in (walk-ins take places too). */
async function stateOf(tx: Queryable, entryId: string): Promise<{ reservations: Reservation[]; checkedIn: string[] }> {
  const rows = await tx.query<ResRow>(
    `SELECT id, entry_id, member_id, status, requested_at, promoted_at FROM class_reservations
      WHERE entry_id = $1 AND status IN ('reserved', 'waitlisted') ORDER BY requested_at, id`,
    [entryId],
  );
  const checkedIn = await tx.query<{ subject: string }>('SELECT subject FROM class_attendance WHERE entry_id = $1 AND counted', [entryId]);
  return { reservations: rows.map(toReservation), checkedIn: checkedIn.map((r) => r.subject) };
}

/**
 * Gives the first waiting their places while places are left (domain duePromotions), under the class's
 * lock the caller holds. Nobody is promoted once the class has started. Returns the promoted ids.
 */
async function promoteUnderLock(tx: Queryable, entry: StoredEntry, now: number): Promise<string[]> {
  const { reservations, checkedIn } = await stateOf(tx, entry.id);
  const due = duePromotions(entry, reservations, checkedIn, now);
  if (due.length === 0) return [];
  // status = 'waitlisted' again: a row someone else changed meanwhile is not promoted twice
  const rows = await tx.query<{ id: string }>(
    `UPDATE class_reservations SET status = 'reserved', promoted_at = $2
      WHERE id = ANY($1::uuid[]) AND status = 'waitlisted' RETURNING id`,
    [due.map((r) => r.id), new Date(now).toISOString()],
  );
  return rows.map((r) => String(r.id));
}

/**
 * Applies a stored class_reserve or class_reserve_cancel (prepareReservationEvent said it can be).
 * Rules are judged at the event's time (the member asked then, maybe offline); a refusal is stored,
 * not rejected: the request was real and the member is told at the next scan. A cancellation frees
 * the place and gives it to the first waiting at once, in the same transaction.
 */
export async function applyReservationEvent(tx: Queryable, { e, memberId: member }: PreparedReservation, now: number): Promise<ReservationApplied> {
  const entryId = e.payload.entryId;
  await lockClassEntry(tx, entryId);
  const entry = await getEntry(tx, entryId);
  if (!entry) throw new Error(`class reservation event ${e.id}: no entry ${entryId} (prepareReservationEvent rejects it)`);
  const memberId = String(member);
  const asked = Date.parse(e.at);
  const { reservations, checkedIn } = await stateOf(tx, entryId);
  const decidedAt = new Date(now).toISOString();

  if (e.kind === 'class_reserve') {
    const d = decideReserve(entry, memberId, reservations, checkedIn, asked);
    await tx.query(
      `INSERT INTO class_reservations (id, entry_id, member_id, status, refusal, requested_at, decided_at, event_id, kiosk_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $1, $8) ON CONFLICT (id) DO NOTHING`,
      [e.id, entryId, member, d.ok ? d.value.status : 'refused', d.ok ? null : d.error, e.at, decidedAt, e.kioskId],
    );
    if (!d.ok) return { kind: 'reserve', status: 'refused', refusal: d.error };
    return d.value.status === 'reserved' ? { kind: 'reserve', status: 'reserved' } : { kind: 'reserve', status: 'waitlisted', position: d.value.position };
  }

  const d = decideReserveCancel(entry, memberId, reservations, asked);
  if (!d.ok) return { kind: 'cancel', status: 'refused', refusal: d.error };
  await tx.query(
    `UPDATE class_reservations SET status = 'cancelled', cancelled_at = $2, cancelled_by = 'member' WHERE id = $1 AND status IN ('reserved', 'waitlisted')`,
    [d.value.id, e.at],
  );
  return { kind: 'cancel', status: 'cancelled', promoted: await promoteUnderLock(tx, entry, now) };
}

/**
 * Staff give up a member's place or waitlist place (the member rang, a mistake): like the member's own
 * cancellation, under the class's lock, and a freed place goes to the first waiting at once. Allowed
 * until the class starts; a place given up already (two staff, a double click) is `unknown_place`.
 */
export async function cancelPlaceByStaff(db: Db, id: string, now: number): Promise<Result<{ promoted: readonly string[] }, 'unknown_place' | 'class_started'>> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ entry_id: string }>(`SELECT entry_id FROM class_reservations WHERE id = $1 AND status IN ('reserved', 'waitlisted')`, [id]);
    if (!row) return err('unknown_place');
    await lockClassEntry(tx, row.entry_id);
    const entry = await getEntry(tx, row.entry_id);
    if (!entry) return err('unknown_place');
    if (now >= Date.parse(entry.startsAt)) return err('class_started');
    const done = await tx.query(
      `UPDATE class_reservations SET status = 'cancelled', cancelled_at = $2, cancelled_by = 'staff' WHERE id = $1 AND status IN ('reserved', 'waitlisted') RETURNING id`,
      [id, new Date(now).toISOString()],
    );
    if (done.length === 0) return err('unknown_place');
    return ok({ promoted: await promoteUnderLock(tx, entry, now) });
  });
}

/**
 * The promotion timer: for every class that has people waiting and has not started, gives freed places
 * (a cancellation applied elsewhere, a raised capacity, a check-in undone) to the first waiting. One
 * transaction per class under its lock, so two hub processes running it at once promote each person
 * once and never more people than places. Returns how many it promoted.
 */
export async function promoteWaitlists(db: Db, _config: CenterConfig, now: number): Promise<number> {
  const entries = await db.query<{ entry_id: string }>(
    `SELECT DISTINCT r.entry_id FROM class_reservations r JOIN schedule_entries e ON e.id = r.entry_id
      WHERE r.status = 'waitlisted' AND e.starts_at > $1 AND e.cancelled_at IS NULL AND e.capacity IS NOT NULL
      ORDER BY r.entry_id`,
    [new Date(now).toISOString()],
  );
  let promoted = 0;
  for (const { entry_id } of entries) {
    promoted += await db.transaction(async (tx) => {
      await lockClassEntry(tx, entry_id);
      const entry = await getEntry(tx, entry_id);
      return entry ? (await promoteUnderLock(tx, entry, now)).length : 0;
    });
  }
  return promoted;
}

/** How long a refused request stays in snapshots: long enough for the member's next scan that day. */
export const REFUSED_SHOWN_HOURS = 24;

/**
 * Active places and waitlist places of the given classes, waitlist order first. With `now`, waitlist
 * places of classes that have started are left out: nobody is promoted after the start, so they will
 * never become places.
 */

export async function reservationsForSnapshot(q: Queryable, entryIds: readonly string[], now?: number): Promise<SnapshotReservation[]> {
  if (entryIds.length === 0) return [];
  // refused requests too (a kiosk offline promised a place or a waitlist place): the member is told at
  // the next scan, unless they hold or wait for a place in that class anyway
  const rows = await q.query<Omit<ResRow, 'status'> & { status: 'reserved' | 'waitlisted' | 'refused'; refusal: ReserveRefusal | null }>(
    `SELECT r.id, r.entry_id, r.member_id, r.status, r.refusal, r.requested_at, r.promoted_at FROM class_reservations r
       JOIN schedule_entries e ON e.id = r.entry_id
      WHERE r.entry_id = ANY($1::text[]) AND (r.status = 'reserved'
         OR (r.status = 'waitlisted' AND ($2::timestamptz IS NULL OR e.starts_at > $2))
         OR (r.status = 'refused' AND ($2::timestamptz IS NULL OR r.decided_at > $3::timestamptz)
             AND NOT EXISTS (SELECT 1 FROM class_reservations a WHERE a.entry_id = r.entry_id AND a.member_id = r.member_id
                               AND a.status IN ('reserved', 'waitlisted'))))
      ORDER BY r.entry_id, r.requested_at, r.id`,
    [entryIds, now === undefined ? null : new Date(now).toISOString(), now === undefined ? null : new Date(now - REFUSED_SHOWN_HOURS * 3_600_000).toISOString()],
  );
  return rows.map((r) => ({
    id: String(r.id), entryId: r.entry_id, memberId: String(r.member_id), status: r.status,
    ...(r.status === 'refused' ? { refusal: r.refusal } : {}),
    at: isoOf(r.requested_at), promotedAt: r.promoted_at === null ? null : isoOf(r.promoted_at),
  }));
}

export type PlaceFreedNotice = { kind: 'place_freed'; entryId: string; maskedName: string; at: string };

/** Places given to the first waiting in the last NOTICE_HOURS, newest first, with masked names only. */
export async function noticesForSnapshot(q: Queryable, now: number): Promise<PlaceFreedNotice[]> {
  const rows = await q.query<{ entry_id: string; masked_name: string; promoted_at: unknown }>(
    `SELECT r.entry_id, m.masked_name, r.promoted_at FROM class_reservations r JOIN members m ON m.id = r.member_id
      WHERE r.status = 'reserved' AND r.promoted_at > $1 AND r.promoted_at <= $2
      ORDER BY r.promoted_at DESC, r.id`,
    [new Date(now - NOTICE_HOURS * 3_600_000).toISOString(), new Date(now).toISOString()],
  );
  return rows.map((r) => ({ kind: 'place_freed', entryId: r.entry_id, maskedName: r.masked_name, at: isoOf(r.promoted_at) }));
}
