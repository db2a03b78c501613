import type { KioskFeature } from './config/schema';
import type { EventKind } from './events';

// Which kiosk features make each event kind (issue 10): a kiosk's device file says what it offers, and
// the hub holds it to that, so a buggy or stolen kiosk token cannot post what its screens never show.
// Any one of the listed features is enough. Kept next to the kiosk's own gating (member-model.ts:
// identifying needs `checkin`, equipment needs `gym`; the Book screen identifies by scan on its own).
export const EVENT_FEATURES: Readonly<Record<EventKind, readonly KioskFeature[]>> = {
  rating: ['rate'],
  rating_reason: ['rate'],
  suggestion: ['suggest'],
  // a scan on the attract screen, the Book screen, or a suggestion's or poll's sign step records the
  // visit, or the failed scan
  visit: ['checkin', 'book', 'suggest'],
  scan_failed: ['checkin', 'book', 'suggest'],
  class_checkin: ['checkin'],
  gym: ['gym'],
  booking: ['book'],
  // a booking is cancelled or checked in to from the member screen (after a scan) too
  booking_cancel: ['book', 'checkin'],
  booking_checkin: ['book', 'checkin'],
  class_reserve: ['checkin'],
  class_reserve_cancel: ['checkin'],
  // the member screen shows the center's answers after a scan
  reply_read: ['checkin'],
  // polls live with the suggestion box (意见征集): the attract screen's poll button opens them
  poll_vote: ['suggest'],
};

/** Whether a kiosk with these features can have made an event of this kind. */
export function eventAllowed(kind: EventKind, features: readonly string[]): boolean {
  return EVENT_FEATURES[kind].some((f) => features.includes(f));
}
