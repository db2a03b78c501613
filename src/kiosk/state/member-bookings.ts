import type { ReadonlySignal } from '@preact/signals';
import { bookingRulesOfKind, decideBookingCheckIn, decideCancel, type BookingRefusal, type BookingStatus } from '../../domain/booking';
import { checkInWindow, type OutcomeTone } from '../../domain/checkin';
import type { Rules } from '../../domain/config/defaults';
import type { Identity, PresentedIdentity } from '../../domain/identity';
import type { Snapshot } from '../../domain/protocol';
import { decideReserve, decideReserveCancel, placesUsed, waitlistPosition, type ReserveRefusal } from '../../domain/reservation';
import type { LocalizedText } from '../../domain/text';
import { addDays, zonedParts, zonedToEpoch } from '../../domain/time';
import type { BookingKnowledge, BookingRecords, KnownBooking } from './booking-knowledge';
import { recordSafely } from './feedback-topic';
import type { EventSink } from './ports';

// A member's facility bookings and class places at the kiosk (issue 5): what the member screen lists
// (pure, time as an argument) and the taps on it (cancel, check in, reserve, give up a place). The
// kiosk decides with the domain rules from what it knows; each accepted tap is an event for the hub,
// which judges it again, and a record so this kiosk knows the answer at once.

// ---------------------------------------------------------------------------------------------------------
// Outcomes of the taps: kiosk words only (the events carry no outcome; the hub decides on its own)

export const BOOKING_ACTION_OUTCOMES = [
  'booking_checked_in', 'booking_too_early', 'booking_too_late', 'booking_not_checkable',
  'booking_cancelled', 'booking_not_cancellable', 'booking_started',
  'place_reserved', 'place_waitlisted', 'place_cancelled',
  'reserve_class_cancelled', 'reserve_class_started', 'reserve_no_reservation_needed', 'reserve_already_reserved',
  'reserve_already_waitlisted', 'reserve_not_reserved',
] as const;
export type BookingActionCode = (typeof BOOKING_ACTION_OUTCOMES)[number];

export const BOOKING_ACTION_TONE: { readonly [K in BookingActionCode]: OutcomeTone } = {
  booking_checked_in: 'success', booking_too_early: 'refused', booking_too_late: 'refused', booking_not_checkable: 'refused',
  booking_cancelled: 'info', booking_not_cancellable: 'refused', booking_started: 'refused',
  place_reserved: 'success', place_waitlisted: 'info', place_cancelled: 'info',
  reserve_class_cancelled: 'refused', reserve_class_started: 'refused', reserve_no_reservation_needed: 'info',
  reserve_already_reserved: 'info', reserve_already_waitlisted: 'info', reserve_not_reserved: 'info',
};

export const isBookingActionCode = (code: string): code is BookingActionCode => (BOOKING_ACTION_OUTCOMES as readonly string[]).includes(code);

type BookingRef = { readonly offline: boolean; readonly bookingId: string; readonly facilityId: string; readonly startsAt: number };
type ReserveCode = `reserve_${ReserveRefusal | 'not_reserved'}`;

export type BookingActionOutcome =
  | ({ readonly outcome: 'booking_checked_in' | 'booking_cancelled' | 'booking_too_late' | 'booking_not_checkable' | 'booking_not_cancellable' | 'booking_started' } & BookingRef)
  | ({ readonly outcome: 'booking_too_early'; readonly opensAt: number } & BookingRef)
  | { readonly outcome: 'place_reserved' | 'place_cancelled' | ReserveCode; readonly offline: boolean; readonly entryId: string }
  | { readonly outcome: 'place_waitlisted'; readonly offline: boolean; readonly entryId: string; readonly position: number };

// ---------------------------------------------------------------------------------------------------------
// What the member screen lists

export interface BookingRow {
  readonly id: string;
  readonly code: string;
  readonly facilityId: string;
  readonly startsAt: number;
  readonly endsAt: number;
  /** confirmed, pending (the hub has not decided), checked_in, refused (with the rule), cancelled (by staff), no_show (released) */
  readonly status: BookingStatus;
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

const rulesOf = (snapshot: Snapshot | null, rules: Rules, kind: string) => bookingRulesOfKind(rules, snapshot?.facilityKinds ?? [], kind);

/** A member's bookings worth showing: those still to come or running, and what the hub or staff decided about them. */
function bookingRows(i: MemberBookingsInput): BookingRow[] {
  const shown = (b: KnownBooking) =>
    b.status === 'confirmed' || b.status === 'pending' || b.status === 'checked_in' || b.status === 'refused' || b.status === 'no_show' ||
    (b.status === 'cancelled' && b.cancelledBy === 'staff');
  return i.knowledge.bookings
    .filter((b) => b.memberId === i.memberId && b.endsAt > i.now && shown(b))
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
// The taps

export interface BookingActionPorts {
  readonly sink: EventSink;
  readonly bookings: ReadonlySignal<BookingKnowledge>;
  readonly bookingRecords: Pick<BookingRecords, 'add'>;
  readonly snapshot: ReadonlySignal<Snapshot | null>;
  readonly rules: ReadonlySignal<Rules>;
  /** entry id → member ids checked in */
  readonly attendance: () => ReadonlyMap<string, ReadonlySet<string>>;
  readonly offline: () => boolean;
}

/** undefined: nothing to answer (not the member's, gone); null: the outbox refused the write. */
export type ActionResult = Promise<BookingActionOutcome | null | undefined>;

export interface BookingActions {
  checkIn(memberId: string, identity: PresentedIdentity, bookingId: string, now: number): ActionResult;
  cancel(memberId: string, identity: PresentedIdentity, bookingId: string, now: number): ActionResult;
  reserve(memberId: string, identity: PresentedIdentity, entryId: string, now: number): ActionResult;
  cancelPlace(memberId: string, identity: PresentedIdentity, entryId: string, now: number): ActionResult;
}

export function createBookingActions(p: BookingActionPorts): BookingActions {
  const own = (memberId: string, bookingId: string) => p.bookings.value.bookings.find((b) => b.id === bookingId && b.memberId === memberId);
  const entryOf = (entryId: string) => p.snapshot.value?.schedule.find((e) => e.id === entryId);
  const ref = (b: KnownBooking) => ({ offline: p.offline(), bookingId: b.id, facilityId: b.facilityId, startsAt: b.startsAt });

  return {
    async checkIn(memberId, identity, bookingId, now) {
      const b = own(memberId, bookingId);
      if (!b) return undefined;
      const d = decideBookingCheckIn(b, now, rulesOf(p.snapshot.value, p.rules.value, b.kind));
      if (!d.ok) {
        return d.error.code === 'too_early'
          ? { outcome: 'booking_too_early', opensAt: d.error.allowsAt ?? b.startsAt, ...ref(b) }
          : { outcome: d.error.code === 'too_late' ? 'booking_too_late' : 'booking_not_checkable', ...ref(b) };
      }
      const saved = await recordSafely(p.sink, 'booking_checkin', { identity, bookingId });
      if (!saved.ok) return null;
      p.bookingRecords.add([{ kind: 'booking_checkin', id: saved.value.id, at: now, memberId, bookingId, endsAt: b.endsAt }]);
      return { outcome: 'booking_checked_in', ...ref(b) };
    },
    async cancel(memberId, identity, bookingId, now) {
      const b = own(memberId, bookingId);
      if (!b) return undefined;
      const d = decideCancel(b, now);
      if (!d.ok) return { outcome: d.error === 'started' ? 'booking_started' : 'booking_not_cancellable', ...ref(b) };
      const saved = await recordSafely(p.sink, 'booking_cancel', { identity, bookingId });
      if (!saved.ok) return null;
      p.bookingRecords.add([{ kind: 'booking_cancel', id: saved.value.id, at: now, memberId, bookingId, endsAt: b.endsAt }]);
      return { outcome: 'booking_cancelled', ...ref(b) };
    },
    async reserve(memberId, identity, entryId, now) {
      const e = entryOf(entryId);
      if (!e) return undefined;
      const d = decideReserve(e, memberId, p.bookings.value.reservations, p.attendance().get(entryId) ?? [], now);
      if (!d.ok) return { outcome: `reserve_${d.error}`, offline: p.offline(), entryId };
      const saved = await recordSafely(p.sink, 'class_reserve', { identity, entryId });
      if (!saved.ok) return null;
      p.bookingRecords.add([{ kind: 'class_reserve', id: saved.value.id, at: now, memberId, entryId, endsAt: Date.parse(e.endsAt), status: d.value.status }]);
      return d.value.status === 'reserved'
        ? { outcome: 'place_reserved', offline: p.offline(), entryId }
        : { outcome: 'place_waitlisted', offline: p.offline(), entryId, position: d.value.position };
    },
    async cancelPlace(memberId, identity, entryId, now) {
      const e = entryOf(entryId);
      if (!e) return undefined;
      const d = decideReserveCancel(e, memberId, p.bookings.value.reservations, now);
      if (!d.ok) return { outcome: `reserve_${d.error}`, offline: p.offline(), entryId };
      const saved = await recordSafely(p.sink, 'class_reserve_cancel', { identity, entryId });
      if (!saved.ok) return null;
      p.bookingRecords.add([{ kind: 'class_reserve_cancel', id: saved.value.id, at: now, memberId, entryId, endsAt: Date.parse(e.endsAt) }]);
      return { outcome: 'place_cancelled', offline: p.offline(), entryId };
    },
  };
}

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
