import { BOOKING_REFUSALS } from './booking';
import { CHECKIN_OUTCOMES, type CheckInOutcome } from './checkin';
import type { ReserveRefusal } from './reservation';

// Every answer a kiosk shows after a scan or a tap, in one closed set with one tone table: check-in
// (identification, visit, class, gym; checkin.ts), the member screen's taps on bookings and class places,
// the Book screen's result, and the one failure all share: the outbox refused the write. The screen
// (words, colour, sound) is a function of the outcome alone.

/** The member screen's taps on a booking or a class place (the events carry no outcome; the hub decides again). */
export const PLACE_OUTCOMES = [
  'booking_checked_in', 'booking_too_early', 'booking_too_late', 'booking_not_checkable',
  'booking_cancelled', 'booking_not_cancellable', 'booking_started',
  'place_reserved', 'place_waitlisted', 'place_cancelled',
  'reserve_class_cancelled', 'reserve_class_started', 'reserve_no_reservation_needed', 'reserve_already_reserved',
  'reserve_already_waitlisted', 'reserve_already_checked_in', 'reserve_not_reserved',
] as const;
export type PlaceOutcomeCode = (typeof PLACE_OUTCOMES)[number];

/** The Book screen's result: booked, refused by a booking rule, or a card the hub has not mapped to anyone. */
export const BOOK_OUTCOMES = ['booked', ...BOOKING_REFUSALS, 'unverified_card'] as const;
export type BookOutcomeCode = (typeof BOOK_OUTCOMES)[number];

export const KIOSK_OUTCOMES = [...CHECKIN_OUTCOMES, ...PLACE_OUTCOMES, ...BOOK_OUTCOMES, 'not_saved'] as const;
export type KioskOutcomeCode = (typeof KIOSK_OUTCOMES)[number];

/** How the screen should feel: success (green, happy sound), info (neutral), refused (amber), failed (red). */
export type OutcomeTone = 'success' | 'info' | 'refused' | 'failed';

export const OUTCOME_TONE: { readonly [K in KioskOutcomeCode]: OutcomeTone } = {
  // identification: a code that is not a member's is a failure; a suspended member is a refusal
  not_our_code: 'failed', malformed: 'failed', bad_signature: 'failed', unknown_key: 'failed', expired_badge: 'failed',
  revoked_badge: 'failed', unknown_member: 'failed', suspended_member: 'refused',
  visit_recorded: 'success', visit_already_today: 'info',
  checked_in: 'success', already_checked_in: 'info', too_early: 'refused', too_late: 'refused', full: 'refused',
  class_cancelled: 'refused',
  session_started: 'success', session_ended: 'success', queued: 'info', already_queued: 'info',
  unit_offered: 'success', no_free_unit: 'refused', queue_left: 'info',
  booking_checked_in: 'success', booking_too_early: 'refused', booking_too_late: 'refused', booking_not_checkable: 'refused',
  booking_cancelled: 'info', booking_not_cancellable: 'refused', booking_started: 'refused',
  place_reserved: 'success', place_waitlisted: 'info', place_cancelled: 'info',
  reserve_class_cancelled: 'refused', reserve_class_started: 'refused', reserve_no_reservation_needed: 'info',
  reserve_already_reserved: 'info', reserve_already_waitlisted: 'info', reserve_already_checked_in: 'info', reserve_not_reserved: 'info',
  booked: 'success', not_a_slot: 'refused', past: 'refused', beyond_horizon: 'refused', slot_taken: 'refused', quota_day: 'refused',
  quota_future: 'refused', suspended: 'refused', member_suspended: 'refused', unverified_card: 'refused',
  not_saved: 'failed',
};

type BookingRef = { readonly offline: boolean; readonly bookingId: string; readonly facilityId: string; readonly startsAt: number };
type ReserveCode = `reserve_${ReserveRefusal | 'not_reserved'}`;

export type PlaceOutcome =
  | ({ readonly outcome: 'booking_checked_in' | 'booking_cancelled' | 'booking_too_late' | 'booking_not_checkable' | 'booking_not_cancellable' | 'booking_started' } & BookingRef)
  | ({ readonly outcome: 'booking_too_early'; readonly opensAt: number } & BookingRef)
  | { readonly outcome: 'place_reserved' | 'place_cancelled' | ReserveCode; readonly offline: boolean; readonly entryId: string }
  | { readonly outcome: 'place_waitlisted'; readonly offline: boolean; readonly entryId: string; readonly position: number };

/** What the member screen shows after a scan or a tap, with the details its words need. */
export type MemberOutcome = CheckInOutcome | PlaceOutcome;
