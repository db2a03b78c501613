import { randomBytes } from 'node:crypto';
import { bookingCode, err, ok, uuidv7, type BookingRefusal, type CenterConfig, type Result } from '../../domain/index';
import type { Db, Queryable } from '../db/port';
import { lockFacility } from '../db/locks';

// Facility bookings as staff see and change them (the admin page) and as the apply path and the
// snapshot read them. Every write that frees or takes a slot goes through the database's exclusion
// constraint (migration 006): a staff block racing a kiosk booking meets it there, not in a check here.

export type StoredBookingStatus = 'confirmed' | 'checked_in' | 'cancelled' | 'no_show' | 'refused' | 'block' | 'block_lifted';

export interface BookingRow {
  readonly id: string;
  readonly facilityId: string;
  readonly facilityKind: string;
  /** null for a block */
  readonly memberId: number | null;
  readonly memberNo: string | null;
  readonly memberName: string | null;
  readonly maskedName: string | null;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly status: StoredBookingStatus;
  readonly code: string;
  readonly refusal: BookingRefusal | null;
  readonly source: 'kiosk' | 'admin';
  readonly kioskId: string | null;
  readonly requestedAt: number;
  readonly decidedAt: number;
  readonly checkedInAt: number | null;
  readonly cancelledAt: number | null;
  readonly cancelledBy: 'member' | 'staff' | null;
  readonly reason: string | null;
  readonly staffUser: string | null;
}

type Row = {
  id: string; facility_id: string; facility_kind: string; member_id: number | null; member_no: string | null; name: string | null;
  masked_name: string | null; starts_at: unknown; ends_at: unknown; status: StoredBookingStatus; code: string; refusal: string | null;
  source: 'kiosk' | 'admin'; kiosk_id: string | null; requested_at: unknown; decided_at: unknown; checked_in_at: unknown;
  cancelled_at: unknown; cancelled_by: 'member' | 'staff' | null; reason: string | null; staff_user: string | null;
};

export const SELECT_BOOKINGS = `
  SELECT b.id::text AS id, b.facility_id, b.facility_kind, b.member_id, m.member_no, m.name, m.masked_name,
         lower(b.during) AS starts_at, upper(b.during) AS ends_at, b.status, b.code, b.refusal, b.source, b.kiosk_id,
         b.requested_at, b.decided_at, b.checked_in_at, b.cancelled_at, b.cancelled_by, b.reason, b.staff_user
  FROM bookings b LEFT JOIN members m ON m.id = b.member_id`;

const ms = (v: unknown) => (v instanceof Date ? v.getTime() : Date.parse(String(v)));
const msOrNull = (v: unknown) => (v === null || v === undefined ? null : ms(v));

export const toBookingRow = (r: Row): BookingRow => ({
  id: r.id, facilityId: r.facility_id, facilityKind: r.facility_kind, memberId: r.member_id, memberNo: r.member_no,
  memberName: r.name, maskedName: r.masked_name, startsAt: ms(r.starts_at), endsAt: ms(r.ends_at), status: r.status, code: r.code,
  refusal: r.refusal as BookingRefusal | null, source: r.source, kioskId: r.kiosk_id, requestedAt: ms(r.requested_at),
  decidedAt: ms(r.decided_at), checkedInAt: msOrNull(r.checked_in_at), cancelledAt: msOrNull(r.cancelled_at),
  cancelledBy: r.cancelled_by, reason: r.reason, staffUser: r.staff_user,
});

/** Every booking and block (all statuses) whose time overlaps [fromMs, toMs), by facility and start. */
export async function listBookings(q: Queryable, fromMs: number, toMs: number): Promise<BookingRow[]> {
  const rows = await q.query<Row>(
    `${SELECT_BOOKINGS} WHERE b.during && tstzrange($1::timestamptz, $2::timestamptz, '[)') ORDER BY b.facility_id, lower(b.during), b.decided_at`,
    [new Date(fromMs), new Date(toMs)],
  );
  return rows.map(toBookingRow);
}

export async function getBooking(q: Queryable, id: string): Promise<BookingRow | null> {
  if (!UUID.test(id)) return null;
  const [row] = await q.query<Row>(`${SELECT_BOOKINGS} WHERE b.id = $1`, [id]);
  return row ? toBookingRow(row) : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type StaffCancelError = 'unknown_booking' | 'not_cancellable' | 'reason_required';

/**
 * Staff cancel a member's booking with a reason the member reads at their next scan. A booking that
 * holds its slot (confirmed, or checked in) can be cancelled; one already over in another way cannot.
 */
export async function cancelByStaff(db: Queryable, id: string, reason: string, user: string, now: number): Promise<Result<BookingRow, StaffCancelError>> {
  const why = reason.trim();
  if (why === '') return err('reason_required');
  if (!UUID.test(id)) return err('unknown_booking');
  const updated = await db.query<{ id: string }>(
    `UPDATE bookings SET status = 'cancelled', cancelled_at = $2, cancelled_by = 'staff', reason = $3, staff_user = $4
     WHERE id = $1 AND status IN ('confirmed', 'checked_in') RETURNING id`,
    [id, new Date(now), why, user],
  );
  const row = await getBooking(db, id);
  if (!row || row.memberId === null) return err('unknown_booking');
  return updated.length === 1 ? ok(row) : err('not_cancellable');
}

export interface BlockInput {
  readonly facilityId: string;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly reason: string;
}

export type BlockError =
  | { readonly code: 'unknown_facility' }
  | { readonly code: 'invalid_interval' }
  | { readonly code: 'reason_required' }
  /** bookings or blocks already hold part of that time: staff cancel them first, or pick another time */
  | { readonly code: 'overlaps'; readonly clashes: readonly BookingRow[] };

// lockFacility (db/locks.ts) is taken right before a write that holds a slot. Two transactions inserting
// overlapping rows at the same moment would each wait for the other at the exclusion constraint, a
// deadlock PostgreSQL breaks by failing one; one after the other, the second meets the first's committed
// row and fails with 23P01 at once, which is what becomes slot_taken.

const isExclusionViolation = (e: unknown) => typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23P01';

async function clashesOf(q: Queryable, facilityId: string, startsAt: number, endsAt: number): Promise<BookingRow[]> {
  const rows = await q.query<Row>(
    `${SELECT_BOOKINGS} WHERE b.facility_id = $1 AND b.during && tstzrange($2::timestamptz, $3::timestamptz, '[)')
       AND b.status IN ('confirmed', 'checked_in', 'block') ORDER BY lower(b.during)`,
    [facilityId, new Date(startsAt), new Date(endsAt)],
  );
  return rows.map(toBookingRow);
}

/**
 * Staff close a facility for maintenance or an event: a booking of its own kind (no member), so the
 * exclusion constraint keeps kiosks off it. It never overrides a member's booking: an overlap is an
 * error naming the clashing bookings.
 */
export async function addBlock(db: Db, config: CenterConfig, input: BlockInput, user: string, now: number): Promise<Result<BookingRow, BlockError>> {
  const facility = config.facilities.find((f) => f.id === input.facilityId);
  if (!facility) return err({ code: 'unknown_facility' });
  if (!(Number.isFinite(input.startsAt) && Number.isFinite(input.endsAt) && input.startsAt < input.endsAt)) return err({ code: 'invalid_interval' });
  const reason = input.reason.trim();
  if (reason === '') return err({ code: 'reason_required' });
  const id = uuidv7(now, randomBytes(10));
  return db.transaction(async (tx) => {
    // the lock bookings take before they hold a slot (apply.ts), so a block and a booking meet at the
    // constraint one after the other, never waiting for each other there
    await lockFacility(tx, facility.id);
    const clashes = await clashesOf(tx, facility.id, input.startsAt, input.endsAt);
    if (clashes.length > 0) return err({ code: 'overlaps', clashes } as const);
    await tx.query('SAVEPOINT block_insert');
    try {
      await tx.query(
        `INSERT INTO bookings (id, facility_id, facility_kind, member_id, during, status, code, source, requested_at, decided_at, reason, staff_user)
         VALUES ($1, $2, $3, NULL, tstzrange($4::timestamptz, $5::timestamptz, '[)'), 'block', $6, 'admin', $7, $7, $8, $9)`,
        [id, facility.id, facility.kind, new Date(input.startsAt), new Date(input.endsAt), bookingCode(id), new Date(now), reason, user],
      );
    } catch (e) {
      if (!isExclusionViolation(e)) throw e;
      // a kiosk booking won the slot between the look and the insert
      await tx.query('ROLLBACK TO SAVEPOINT block_insert');
      return err({ code: 'overlaps', clashes: await clashesOf(tx, facility.id, input.startsAt, input.endsAt) } as const);
    }
    return ok((await getBooking(tx, id))!);
  });
}

/** Opens a blocked facility again (the row stays, as block_lifted, for the record). */
export async function liftBlock(db: Queryable, id: string, user: string, now: number): Promise<Result<true, 'unknown_block'>> {
  if (!UUID.test(id)) return err('unknown_block');
  const rows = await db.query(
    `UPDATE bookings SET status = 'block_lifted', cancelled_at = $2, cancelled_by = 'staff', staff_user = $3
     WHERE id = $1 AND status = 'block' RETURNING id`,
    [id, new Date(now), user],
  );
  return rows.length === 1 ? ok(true) : err('unknown_block');
}

export interface NoShowRow {
  readonly bookingId: string;
  readonly memberId: number;
  readonly memberNo: string;
  readonly memberName: string;
  readonly maskedName: string;
  readonly facilityId: string;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly code: string;
  /** when the hub released it */
  readonly at: number;
}

/** No-shows released at or after `sinceMs`, newest first. */
export async function listNoShows(q: Queryable, sinceMs: number): Promise<NoShowRow[]> {
  const rows = await q.query<{ booking_id: string; member_id: number; member_no: string; name: string; masked_name: string; facility_id: string; starts_at: unknown; ends_at: unknown; code: string; at: unknown }>(
    `SELECT n.booking_id::text AS booking_id, n.member_id, m.member_no, m.name, m.masked_name, b.facility_id,
            lower(b.during) AS starts_at, upper(b.during) AS ends_at, b.code, n.at
     FROM booking_no_shows n JOIN bookings b ON b.id = n.booking_id JOIN members m ON m.id = n.member_id
     WHERE n.at >= $1 ORDER BY n.at DESC, n.booking_id`,
    [new Date(sinceMs)],
  );
  return rows.map((r) => ({
    bookingId: r.booking_id, memberId: r.member_id, memberNo: r.member_no, memberName: r.name, maskedName: r.masked_name,
    facilityId: r.facility_id, startsAt: ms(r.starts_at), endsAt: ms(r.ends_at), code: r.code, at: ms(r.at),
  }));
}

export interface SuspensionRow {
  readonly id: number;
  readonly memberId: number;
  readonly memberNo: string;
  readonly memberName: string;
  readonly maskedName: string;
  readonly startsAt: number;
  readonly untilAt: number;
  readonly causeBookingId: string | null;
}

/** Booking suspensions still in force at `now` (not over, not lifted), ending soonest first. */
export async function listSuspensions(q: Queryable, now: number): Promise<SuspensionRow[]> {
  const rows = await q.query<{ id: number | string; member_id: number; member_no: string; name: string; masked_name: string; starts_at: unknown; until_at: unknown; cause: string | null }>(
    `SELECT s.id, s.member_id, m.member_no, m.name, m.masked_name, s.starts_at, s.until_at, s.cause_booking_id::text AS cause
     FROM booking_suspensions s JOIN members m ON m.id = s.member_id
     WHERE s.lifted_at IS NULL AND s.until_at > $1 ORDER BY s.until_at, s.id`,
    [new Date(now)],
  );
  return rows.map((r) => ({
    id: Number(r.id), memberId: r.member_id, memberNo: r.member_no, memberName: r.name, maskedName: r.masked_name,
    startsAt: ms(r.starts_at), untilAt: ms(r.until_at), causeBookingId: r.cause,
  }));
}

/** Staff lift a suspension early; the member may book again from the next snapshot. */
export async function liftSuspension(db: Queryable, id: number, user: string, now: number): Promise<Result<true, 'unknown_suspension'>> {
  if (!Number.isSafeInteger(id)) return err('unknown_suspension');
  const rows = await db.query(
    'UPDATE booking_suspensions SET lifted_at = $2, lifted_by = $3 WHERE id = $1 AND lifted_at IS NULL AND until_at > $2 RETURNING id',
    [id, new Date(now), user],
  );
  return rows.length === 1 ? ok(true) : err('unknown_suspension');
}
