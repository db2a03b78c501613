import type { UseStore } from 'idb-keyval';
import * as v from 'valibot';
import { createRecordStore, type RecordStore } from './record-store';

// This kiosk's own booking requests and class-place requests (issue 5), kept until their slot or class
// is over, so a booking taken offline shows as *pending* after a reload until the hub's snapshot lists
// its verdict. The outbox holds the events themselves; these are a small index of what they asked for,
// keyed by the event id. Member ids only, no names (DESIGN §7).

const S = (max: number) => v.pipe(v.string(), v.maxLength(max));
const Base = { id: S(80), at: v.number(), memberId: S(80) };

export const BookingRecordSchema = v.variant('kind', [
  v.object({ kind: v.literal('booking'), ...Base, facilityId: S(64), facilityKind: S(64), startsAt: v.number(), endsAt: v.number() }),
  v.object({ kind: v.literal('booking_cancel'), ...Base, bookingId: S(80), endsAt: v.number() }),
  v.object({ kind: v.literal('booking_checkin'), ...Base, bookingId: S(80), endsAt: v.number() }),
  // status: what this kiosk decided from what it knew (domain decideReserve); the hub decides again
  v.object({ kind: v.literal('class_reserve'), ...Base, entryId: S(128), endsAt: v.number(), status: v.picklist(['reserved', 'waitlisted']) }),
  v.object({ kind: v.literal('class_reserve_cancel'), ...Base, entryId: S(128), endsAt: v.number() }),
]);
export type BookingRecord = v.InferOutput<typeof BookingRecordSchema>;

export type BookingJournal = RecordStore<BookingRecord>;

export const createBookingJournal = (store: UseStore): BookingJournal => createRecordStore(store, BookingRecordSchema);
