import {
  err, ok, type Result, bookingCode, bookingRulesOfKind, decideBooking, decideBookingCheckIn, decideCancel,
  zonedParts, type BookingRules, type CenterConfig, type KioskEvent, type MemberBooking, type MemberBookingFacts, type RejectReason,
} from '../../domain/index';
import { insertFact } from '../checkin/project';
import type { Queryable } from '../db/port';
import { resolveWho } from '../checkin/prepare';
import { getBooking, type BookingRow } from './repo';
import { lockBookingMember, lockFacility } from '../db/locks';

// Applying a kiosk's booking events (DESIGN §4.4). The hub judges a booking with the same pure rules
// the kiosk used (decideBooking), on the member's facts read in the transaction that inserts, under an
// advisory lock per member so two kiosks cannot both fit under one quota. Whether the slot is free is
// left to the exclusion constraint: the insert either holds the slot or fails with 23P01, and then the
// request is kept as refused (slot_taken). A rule refusal is never a rejected event: the member asked,
// the hub said no, and the member is told at their next scan.

export type BookingEvent = Extract<KioskEvent, { kind: 'booking' | 'booking_cancel' | 'booking_checkin' }>;
export const isBookingEvent = (e: KioskEvent): e is BookingEvent =>
  e.kind === 'booking' || e.kind === 'booking_cancel' || e.kind === 'booking_checkin';

export type PreparedBooking =
  | { readonly kind: 'booking'; readonly e: Extract<BookingEvent, { kind: 'booking' }>; readonly memberId: number; readonly facility: { readonly id: string; readonly kind: string } }
  | { readonly kind: 'booking_cancel' | 'booking_checkin'; readonly e: BookingEvent; readonly memberId: number; readonly booking: BookingRow };

export type BookingPreparation = Result<PreparedBooking, RejectReason>;
export const rulesOfFacilityKind = (config: CenterConfig, kind: string): BookingRules => bookingRulesOfKind(config.rules, config.facilityKinds, kind);

/**
 * Whom and what a booking event is about, before it is stored: a member nobody has, a facility that
 * is not bookable, a booking nobody made or someone else's booking can never be applied (rejected).
 */
export async function prepareBookingEvent(tx: Queryable, config: CenterConfig, e: BookingEvent): Promise<BookingPreparation> {
  const who = await resolveWho(tx, e.payload.identity);
  if (!who || who.memberId === null) return err('unknown_member');
  if (e.kind === 'booking') {
    const facility = config.facilities.find((f) => f.id === e.payload.facilityId);
    const bookable = facility && config.facilityKinds.some((k) => k.id === facility.kind && k.bookable);
    if (!facility || !bookable) return err('unknown_facility');
    // the stored time is a range; one that is empty or reversed no kiosk version makes
    if (!(Date.parse(e.payload.startsAt) < Date.parse(e.payload.endsAt))) return err('invalid');
    return ok({ kind: 'booking', e, memberId: who.memberId, facility: { id: facility.id, kind: facility.kind } });
  }
  const booking = await getBooking(tx, e.payload.bookingId);
  if (!booking || booking.memberId === null) return err('unknown_booking');
  if (booking.memberId !== who.memberId) return err('not_your_booking');
  return ok({ kind: e.kind, e, memberId: who.memberId, booking });
}

const asMemberBooking = (b: BookingRow): MemberBooking => ({
  id: b.id, facilityId: b.facilityId, kind: b.facilityKind, startsAt: b.startsAt, endsAt: b.endsAt,
  // a block never belongs to a member; what is left are the statuses domain and hub share
  status: b.status === 'block_lifted' ? 'cancelled' : b.status,
});

/**
 * What decideBooking needs to know about a member at `at`: bookings holding a place, no-shows, a
 * booking suspension, and whether staff suspended the membership (a kiosk with an older snapshot may
 * still have taken the booking).
 */
export async function memberFacts(tx: Queryable, memberId: number, at: number): Promise<MemberBookingFacts> {
  const bookings = await tx.query<{ id: string; facility_id: string; facility_kind: string; starts_at: Date; ends_at: Date; status: 'confirmed' | 'checked_in' }>(
    `SELECT id::text AS id, facility_id, facility_kind, lower(during) AS starts_at, upper(during) AS ends_at, status
     FROM bookings WHERE member_id = $1 AND status IN ('confirmed', 'checked_in')`,
    [memberId],
  );
  const noShows = await tx.query<{ at: Date }>('SELECT at FROM booking_no_shows WHERE member_id = $1', [memberId]);
  const [suspension] = await tx.query<{ until_at: Date | null }>(
    'SELECT max(until_at) AS until_at FROM booking_suspensions WHERE member_id = $1 AND lifted_at IS NULL AND starts_at <= $2',
    [memberId, new Date(at)],
  );
  const [member] = await tx.query<{ suspended: boolean }>('SELECT suspended_at IS NOT NULL AS suspended FROM members WHERE id = $1', [memberId]);
  return {
    memberSuspended: member?.suspended === true,
    bookings: bookings.map((b) => ({
      id: b.id, facilityId: b.facility_id, kind: b.facility_kind, startsAt: new Date(b.starts_at).getTime(), endsAt: new Date(b.ends_at).getTime(), status: b.status,
    })),
    noShowsAt: noShows.map((n) => new Date(n.at).getTime()),
    suspendedUntil: suspension?.until_at ? new Date(suspension.until_at).getTime() : null,
  };
}

const isExclusionViolation = (e: unknown) => typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23P01';

async function applyBooking(tx: Queryable, config: CenterConfig, p: Extract<PreparedBooking, { kind: 'booking' }>, now: number): Promise<void> {
  const { e, memberId, facility } = p;
  const at = Date.parse(e.at);
  const requested = { startsAt: Date.parse(e.payload.startsAt), endsAt: Date.parse(e.payload.endsAt) };
  await lockBookingMember(tx, memberId);
  const rules = rulesOfFacilityKind(config, facility.kind);
  // time rules at the kiosk's time of the request: an offline booking is judged as of when it was made.
  // Whether the slot is free is the constraint's to say (taken: none here), so a race has one winner.
  const verdict = decideBooking({ facilityId: facility.id, kind: facility.kind, startsAt: requested.startsAt }, await memberFacts(tx, memberId, at), [], at, config.center.timeZone, rules);
  // a slot the kiosk described with another end than the grid's is not one of ours
  const refusal = !verdict.ok ? verdict.error.code : verdict.value.endsAt !== requested.endsAt ? 'not_a_slot' : null;
  const insert = (status: 'confirmed' | 'refused', why: string | null) => tx.query(
    `INSERT INTO bookings (id, facility_id, facility_kind, member_id, during, status, code, refusal, source, kiosk_id, event_id, requested_at, decided_at)
     VALUES ($1, $2, $3, $4, tstzrange($5::timestamptz, $6::timestamptz, '[)'), $7, $8, $9, 'kiosk', $10, $1, $11, $12)`,
    [e.id, facility.id, facility.kind, memberId, new Date(requested.startsAt), new Date(requested.endsAt), status, bookingCode(e.id), why, e.kioskId, e.at, new Date(now)],
  );
  if (refusal) {
    await insert('refused', refusal);
    return;
  }
  await lockFacility(tx, facility.id);
  await tx.query('SAVEPOINT booking_insert');
  try {
    await insert('confirmed', null);
    await tx.query('RELEASE SAVEPOINT booking_insert');
  } catch (error) {
    if (!isExclusionViolation(error)) throw error;
    await tx.query('ROLLBACK TO SAVEPOINT booking_insert');
    await insert('refused', 'slot_taken');
  }
}

/**
 * Applies a prepared booking event in the transaction that stored it. Cancel and check-in are judged
 * at the kiosk's time; one the rules do not allow (already started, outside the window, not a booking
 * that holds its slot) changes nothing, and the member sees the booking as it is at the next scan.
 */
export async function applyBookingEvent(tx: Queryable, config: CenterConfig, p: PreparedBooking, now: number): Promise<void> {
  if (p.kind === 'booking') return applyBooking(tx, config, p, now);
  const at = Date.parse(p.e.at);
  await lockBookingMember(tx, p.memberId);
  // read again under the lock: the housekeeping timer may have released it since it was prepared
  const current = await getBooking(tx, p.booking.id);
  if (!current) return;
  const b = asMemberBooking(current);
  // the same cancel or check-in from a second kiosk finds it done already: nothing to tell staff
  const flag = () => insertFact(tx, {
    kind: `${p.kind}_refused`, day: zonedParts(at, config.center.timeZone).date, subject: String(p.memberId), memberId: p.memberId,
    eventId: p.e.id, kioskId: p.e.kioskId, at: p.e.at, flagged: true,
  });
  if (p.kind === 'booking_cancel') {
    if (current.status === 'cancelled') return;
    if (!decideCancel(b, at).ok) return flag();
    await tx.query(
      `UPDATE bookings SET status = 'cancelled', cancelled_at = $2, cancelled_by = 'member' WHERE id = $1 AND status = 'confirmed'`,
      [current.id, new Date(at)],
    );
    return;
  }
  if (current.status === 'checked_in') return;
  const rules = rulesOfFacilityKind(config, current.facilityKind);
  if (current.status === 'no_show') {
    if (!(await undoNoShow(tx, current, at, decideBookingCheckIn({ ...b, status: 'confirmed' }, at, rules).ok))) await flag();
    return;
  }
  // a kiosk let the member in to a booking the hub no longer holds (staff cancelled it meanwhile) or
  // outside its window: someone may be on a court the hub thinks free, which staff should look at
  if (!decideBookingCheckIn(b, at, rules).ok) return flag();
  await tx.query(`UPDATE bookings SET status = 'checked_in', checked_in_at = $2 WHERE id = $1 AND status = 'confirmed'`, [current.id, new Date(at)]);
}

/**
 * A check-in made in time at a kiosk that was offline, heard after the hub released the booking: the
 * member came, so the no-show and the suspension it caused are taken back. Unless someone booked the
 * freed slot meanwhile (the constraint says so): then it stays released, as the slot is theirs now.
 */
async function undoNoShow(tx: Queryable, b: BookingRow, at: number, inWindow: boolean): Promise<boolean> {
  if (!inWindow) return false;
  await lockFacility(tx, b.facilityId);
  await tx.query('SAVEPOINT undo_no_show');
  try {
    await tx.query(`UPDATE bookings SET status = 'checked_in', checked_in_at = $2 WHERE id = $1 AND status = 'no_show'`, [b.id, new Date(at)]);
    await tx.query('RELEASE SAVEPOINT undo_no_show');
  } catch (error) {
    if (!isExclusionViolation(error)) throw error;
    await tx.query('ROLLBACK TO SAVEPOINT undo_no_show');
    return false;
  }
  // a suspension staff lifted already stays on record as lifted
  await tx.query('DELETE FROM booking_suspensions WHERE cause_booking_id = $1 AND lifted_at IS NULL', [b.id]);
  await tx.query('UPDATE booking_suspensions SET cause_booking_id = NULL WHERE cause_booking_id = $1', [b.id]);
  await tx.query('DELETE FROM booking_no_shows WHERE booking_id = $1', [b.id]);
  return true;
}
