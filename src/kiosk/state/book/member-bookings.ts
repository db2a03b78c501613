import { bookingRulesOfKind, decideBookingCheckIn, decideCancel, type BookingRefusal, type BookingStatus } from '../../../domain/booking';
import { checkInWindow } from '../../../domain/checkin';
import type { Rules } from '../../../domain/config/defaults';
import type { Identity } from '../../../domain/identity';
import type { Snapshot } from '../../../domain/protocol';
import { decideReserve, decideReserveCancel, placesUsed, waitlistPosition, type ReserveRefusal } from '../../../domain/reservation';
import type { LocalizedText } from '../../../domain/text';
import { addDays, zonedParts, zonedToEpoch } from '../../../domain/time';
import type { BookingKnowledge, KnownBooking } from './booking-knowledge';

// A member's facility bookings and class places at the kiosk (issue 5): what the member screen lists
// and the attract screen's notices, pure with time as an argument. The taps on them are in
// member-booking-actions.ts.

// ---------------------------------------------------------------------------------------------------------
// What the member screen lists

export interface BookingRow {
  readonly id: string;
  readonly code: string;
  readonly facilityId: string;
  readonly startsAt: number;
  readonly endsAt: number;
  /** confirmed, pending (the hub has not decided), checked_in, refused (with the rule), cancelled (by staff), no_show (released); never a staff block */
  readonly status: Exclude<BookingStatus, 'block'>;
  readonly refusal: BookingRefusal | null;
  /** staff's reason when staff cancelled it ('' when they gave none) */
  readonly staffReason: string | null;
  readonly canCancel: boolean;
  readonly canCheckIn: boolean;
  readonly checkInOpensAt: number;
  /** when it is released if nobody has checked in */
  readonly releasedAt: number;
}

/** pending: asked for at this kiosk, the hub has not answered yet */
/** refused: the hub could not keep a place or waitlist place a kiosk offline had taken (with the rule) */
export type PlaceStatus = 'reserved' | 'waitlisted' | 'pending' | 'refused';

export interface PlaceRow {
  readonly entryId: string;
  readonly title: LocalizedText;
  readonly startsAt: string;
  readonly room: string;
  readonly status: PlaceStatus;
  /** what was asked for or given: a place or a waitlist place */
  readonly held: 'reserved' | 'waitlisted';
  readonly position: number | null;
  /** moved up from the waitlist by the hub: "you got a place" */
  readonly promoted: boolean;
  readonly canCancel: boolean;
  /** why the hub refused it, for status refused */
  readonly refusal: ReserveRefusal | null;
}

export interface ReserveOffer {
  readonly entryId: string;
  readonly title: LocalizedText;
  readonly startsAt: string;
  readonly room: string;
  readonly offer: 'reserve' | 'waitlist';
  /** the waitlist place the member would get */
  readonly position: number | null;
  readonly placesLeft: number;
}

export interface MemberBookingsView {
  readonly bookings: readonly BookingRow[];
  readonly places: readonly PlaceRow[];
  readonly offers: readonly ReserveOffer[];
  readonly suspendedUntil: number | null;
}

export interface MemberBookingsInput {
  readonly memberId: string;
  readonly knowledge: BookingKnowledge;
  readonly snapshot: Snapshot | null;
  /** entry id → member ids checked in (today) */
  readonly attendance: ReadonlyMap<string, ReadonlySet<string>>;
  readonly now: number;
  readonly rules: Rules;
  readonly timeZone: string;
}

/** Classes offered for a place: those starting before the end of tomorrow (a longer list does not fit). */
export const RESERVE_DAYS = 2;
export const RESERVE_OFFERS_MAX = 6;

export const rulesOf = (snapshot: Snapshot | null, rules: Rules, kind: string) => bookingRulesOfKind(rules, snapshot?.facilityKinds ?? [], kind);

/** A member's bookings worth showing: those still to come or running, and what the hub or staff decided about them. */
function bookingRows(i: MemberBookingsInput): BookingRow[] {
  type Shown = KnownBooking & { status: BookingRow['status'] };
  const shown = (b: KnownBooking): b is Shown =>
    b.status === 'confirmed' || b.status === 'pending' || b.status === 'checked_in' || b.status === 'refused' || b.status === 'no_show' ||
    (b.status === 'cancelled' && b.cancelledBy === 'staff');
  return i.knowledge.bookings
    .filter((b): b is Shown => b.memberId === i.memberId && b.endsAt > i.now && shown(b))
    .map((b): BookingRow => {
      const rules = rulesOf(i.snapshot, i.rules, b.kind);
      return {
        id: b.id, code: b.code, facilityId: b.facilityId, startsAt: b.startsAt, endsAt: b.endsAt, status: b.status, refusal: b.refusal,
        staffReason: b.status === 'cancelled' ? (b.reason ?? '') : null,
        canCancel: decideCancel(b, i.now).ok,
        canCheckIn: decideBookingCheckIn(b, i.now, rules).ok,
        checkInOpensAt: b.startsAt - rules.checkInOpensMinutesBefore * 60_000,
        releasedAt: b.startsAt + rules.noShowReleaseMinutesAfter * 60_000,
      };
    });
}

export function deriveMemberBookings(i: MemberBookingsInput): MemberBookingsView {
  const schedule = i.snapshot?.schedule ?? [];
  const all = i.knowledge.reservations;
  const mine = new Map(all.filter((r) => r.memberId === i.memberId).map((r) => [r.entryId, r]));
  const places: PlaceRow[] = [];
  for (const e of schedule) {
    const r = mine.get(e.id);
    // listed until check-in closes, unless the member is in already
    if (!r || i.now >= checkInWindow(e, i.rules).closesAt || i.attendance.get(e.id)?.has(i.memberId)) continue;
    places.push({
      entryId: e.id, title: e.title, startsAt: e.startsAt, room: e.room,
      status: r.pending ? 'pending' : r.status, held: r.status,
      position: r.status === 'waitlisted' ? waitlistPosition(all, e.id, i.memberId) : null,
      promoted: r.status === 'reserved' && r.promotedAt !== null,
      canCancel: decideReserveCancel(e, i.memberId, all, i.now).ok,
      refusal: null,
    });
  }
  for (const x of i.knowledge.refusedPlaces) {
    const e = schedule.find((s) => s.id === x.entryId);
    if (x.memberId !== i.memberId || !e || mine.has(e.id) || i.now >= checkInWindow(e, i.rules).closesAt) continue;
    places.push({
      entryId: e.id, title: e.title, startsAt: e.startsAt, room: e.room, status: 'refused', held: 'reserved',
      position: null, promoted: false, canCancel: false, refusal: x.refusal,
    });
  }
  const until = zonedToEpoch(addDays(zonedParts(i.now, i.timeZone).date, RESERVE_DAYS), '00:00', i.timeZone);
  const offers: ReserveOffer[] = [];
  for (const e of schedule) {
    if (e.capacity === null || mine.has(e.id) || Date.parse(e.startsAt) >= until) continue;
    const checkedIn = i.attendance.get(e.id) ?? new Set<string>();
    const d = decideReserve(e, i.memberId, all, checkedIn, i.now);
    if (!d.ok) continue;
    offers.push({
      entryId: e.id, title: e.title, startsAt: e.startsAt, room: e.room, offer: d.value.status === 'reserved' ? 'reserve' : 'waitlist',
      position: d.value.status === 'waitlisted' ? d.value.position : null,
      placesLeft: Math.max(0, e.capacity - placesUsed(all, e.id, checkedIn)),
    });
  }
  const byStart = <T extends { startsAt: string; entryId: string }>(a: T, b: T) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.entryId.localeCompare(b.entryId);
  const suspendedUntil = i.knowledge.suspensions.get(i.memberId) ?? null;
  return {
    bookings: bookingRows(i),
    places: places.sort(byStart),
    offers: offers.sort(byStart).slice(0, RESERVE_OFFERS_MAX),
    suspendedUntil: suspendedUntil !== null && suspendedUntil > i.now ? suspendedUntil : null,
  };
}

/**
 * The bookings a scan checks in to by itself: the member's, open for check-in now, not yet checked in.
 * Like a class, the kiosk acts alone only when this is the one thing the member can have come for.
 */
export function deriveCheckableBookings(k: BookingKnowledge, memberId: string, snapshot: Snapshot | null, now: number, rules: Rules): KnownBooking[] {
  return k.bookings.filter((b) => b.memberId === memberId && decideBookingCheckIn(b, now, rulesOf(snapshot, rules, b.kind)).ok);
}

/** Members holding a place in a class (the hub's and this kiosk's own requests): let in even when it is full. */
export function reservedMembers(k: BookingKnowledge, entryId: string): Set<string> {
  return new Set(k.reservations.filter((r) => r.entryId === entryId && r.status === 'reserved').map((r) => r.memberId));
}

/** The member a booking or a place is for: a badge, or a card the hub has mapped; else none (the hub would refuse). */
export const memberIdOf = (identity: Identity): string | null => (identity.via === 'keypad' ? null : identity.memberId);

// ---------------------------------------------------------------------------------------------------------
// The attract screen's notices

export interface PlaceFreedNotice {
  readonly entryId: string;
  readonly maskedName: string;
  readonly title: LocalizedText;
  readonly startsAt: string;
  readonly at: number;
}

export const NOTICE_HOURS = 3;
export const NOTICES_MAX = 3;

/**
 * Places freed and given to the first waiting, for the attract screen: newest first, only while the
 * class has not started (after that the news is no use) and for NOTICE_HOURS after the promotion, even
 * when the snapshot is old.
 */
export function deriveNotices(snapshot: Snapshot | null, now: number): PlaceFreedNotice[] {
  const entries = new Map((snapshot?.schedule ?? []).map((e) => [e.id, e]));
  const list: PlaceFreedNotice[] = [];
  for (const n of snapshot?.notices ?? []) {
    const e = entries.get(n.entryId);
    const at = Date.parse(n.at);
    if (!e || e.cancelled || now >= Date.parse(e.startsAt) || now - at >= NOTICE_HOURS * 3_600_000) continue;
    list.push({ entryId: n.entryId, maskedName: n.maskedName, title: e.title, startsAt: e.startsAt, at });
  }
  return list.sort((a, b) => b.at - a.at).slice(0, NOTICES_MAX);
}
