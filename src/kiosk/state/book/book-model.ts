import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import { bookingCode, bookingDays, bookingRulesOfKind, decideBooking, type BookingRefusal, type BookingRules, type BookingStatus } from '../../../domain/booking';
import { OUTCOME_TONE, type OutcomeTone } from '../../../domain/outcome';
import type { Rules } from '../../../domain/config/defaults';
import type { ScanSource } from '../../../domain/identity';
import type { Snapshot } from '../../../domain/protocol';
import type { Clock } from '../../platform/clock';
import { memberBookingFacts, takenIntervals, type BookingKnowledge, type BookingRecords } from './booking-knowledge';
import { deriveBookKinds, deriveSlotGrid, type BookKind, type SlotCell, type SlotGrid } from './book-grid';
import { recordSafely, type EventSink } from '../ports';
import type { ScanPipeline, ScanRefusal } from '../checkin/scan-pipeline';

// Booking a facility at the kiosk (DESIGN §4.4, issue 5): kind → day → slot grid → tap a free slot →
// scan a badge or a card to confirm. The kiosk judges the request with the domain's decideBooking from
// what it knows (snapshot + its own requests), writes the `booking` event, and shows the code; the hub
// judges again, and the confirmation turns from pending to confirmed (or refused) as the snapshot says.
// A member number is not accepted: booking needs a verified identity (a signed badge, a mapped card).

export type BookStep = 'kind' | 'grid' | 'scan' | 'result';

/** Why a scan did not book: a rule, an unreadable or unknown identity, an unmapped card, a failed write. */
export type BookFailure = BookingRefusal | ScanRefusal | 'unverified_card';

export type BookResult =
  | {
      readonly type: 'booked';
      readonly bookingId: string;
      readonly code: string;
      readonly facilityId: string;
      readonly startsAt: number;
      readonly endsAt: number;
      readonly name: string | null;
      /** check-in opens then (the kind's rule), and the booking is released this many minutes after its start */
      readonly checkInFrom: number;
      readonly releaseMinutes: number;
    }
  | { readonly type: 'refused'; readonly code: BookFailure; readonly allowsAt: number | null; readonly facilityId: string; readonly startsAt: number; readonly endsAt: number };

/** The sound and colour of a result: booked, refused by a rule or an identity, or not saved at all. */
export function deriveBookTone(r: BookResult): OutcomeTone {
  return OUTCOME_TONE[r.type === 'booked' ? 'booked' : r.code];
}

/** Everything the Book screen shows, as plain values. */
export interface BookView {
  readonly step: BookStep;
  readonly kinds: readonly BookKind[];
  readonly kind: string | null;
  readonly days: readonly string[];
  readonly day: string | null;
  readonly grid: SlotGrid | null;
  readonly selected: SlotCell | null;
  readonly result: BookResult | null;
  /** the booking just made as the kiosk knows it now: pending until the hub's snapshot lists it */
  readonly status: BookingStatus | null;
  /** the rule the hub refused it by, when it did (another kiosk's booking reached it first, say) */
  readonly hubRefusal: BookingRefusal | null;
  /** a scan is being judged and written */
  readonly busy: boolean;
}

export interface BookModel {
  readonly view: ReadonlySignal<BookView>;
  /** the scan step is showing: camera and card reader scans belong here (ignored while one is judged) */
  readonly waiting: ReadonlySignal<boolean>;
  /** counts up with every result, so the same result twice still sounds twice */
  readonly resultSeq: ReadonlySignal<number>;
  chooseKind(kindId: string): void;
  chooseDay(day: string): void;
  /** a free slot only; anything else is ignored */
  chooseSlot(facilityId: string, startsAt: number): void;
  /** from the scan step or a result back to the grid; from the grid back to the kinds */
  back(): void;
  scan(text: string, source: Exclude<ScanSource, 'keypad'>): Promise<void>;
  /** a fresh start: kinds, nobody identified */
  reset(): void;
}

export interface BookPorts {
  readonly sink: EventSink;
  readonly records: Pick<BookingRecords, 'add'>;
  readonly knowledge: ReadonlySignal<BookingKnowledge>;
  readonly snapshot: ReadonlySignal<Snapshot | null>;
  readonly rules: ReadonlySignal<Rules>;
  readonly timeZone: ReadonlySignal<string>;
  readonly clock: Clock;
  /** ticking clock: slots turn past as time goes on */
  readonly now: ReadonlySignal<number>;
  /** scan → identify → visit (recorded as every identification is); this model books with who comes out */
  readonly scans: ScanPipeline;
  /** after a booking is queued: send it now and pull the hub's verdict, so online it is confirmed in seconds */
  readonly flush: () => void;
}

export function createBookModel(p: BookPorts): BookModel {
  const chosenKind = signal<string | null>(null);
  const chosenDay = signal<string | null>(null);
  const selected = signal<SlotCell | null>(null);
  const result = signal<BookResult | null>(null);
  const member = signal<string | null>(null); // identified at this screen: their bookings show as theirs
  const busy = signal(false);
  const resultSeq = signal(0);
  let generation = 0; // a reset while a scan is judged: its result belongs to nobody on screen

  const kinds = computed(() => deriveBookKinds(p.snapshot.value));
  const kind = computed(() => (kinds.value.some((k) => k.id === chosenKind.value) ? chosenKind.value : null));
  const rules = computed<BookingRules | null>(() => (kind.value === null ? null : bookingRulesOfKind(p.rules.value, p.snapshot.value?.facilityKinds ?? [], kind.value)));
  // the day list changes at midnight only: compare by value so the grid is not derived every second for nothing
  const today = computed(() => (rules.value === null ? [] : bookingDays(p.now.value, p.timeZone.value, rules.value)).join(' '));
  const days = computed(() => (today.value === '' ? [] : today.value.split(' ')));
  const day = computed(() => (chosenDay.value !== null && days.value.includes(chosenDay.value) ? chosenDay.value : (days.value[0] ?? null)));
  const grid = computed(() => {
    const r = rules.value;
    if (kind.value === null || day.value === null || r === null) return null;
    return deriveSlotGrid({
      facilities: p.snapshot.value?.facilities ?? [], kindId: kind.value, day: day.value, bookings: p.knowledge.value.bookings,
      memberId: member.value, now: p.now.value, timeZone: p.timeZone.value, rules: r,
    });
  });
  const step = computed<BookStep>(() => (result.value ? 'result' : selected.value ? 'scan' : kind.value ? 'grid' : 'kind'));
  const known = computed(() => {
    const r = result.value;
    if (r?.type !== 'booked') return null;
    const b = p.knowledge.value.bookings.find((x) => x.id === r.bookingId);
    return { status: b?.status ?? 'pending', refusal: b?.refusal ?? null };
  });

  const show = (r: BookResult, gen: number) => {
    if (gen !== generation) return;
    batch(() => {
      result.value = r;
      resultSeq.value++;
    });
  };

  const judge = async (slot: SlotCell, text: string, source: Exclude<ScanSource, 'keypad'>, gen: number) => {
    const refuse = (code: BookFailure, allowsAt: number | null = null) =>
      show({ type: 'refused', code, allowsAt, facilityId: slot.facilityId, startsAt: slot.startsAt, endsAt: slot.endsAt }, gen);
    const now = p.clock.now();
    const snap = p.snapshot.value;
    const id = await p.scans.identify(text, source, now);
    if (!id.ok) return refuse(id.error);
    const identity = id.value.identity;
    // a card the hub has not mapped is only a guess at who it is: not enough to hold a court
    if (identity.via === 'keypad' || identity.memberId === null) return refuse('unverified_card');
    const memberId = identity.memberId;
    if (gen === generation) member.value = memberId;
    const facility = snap?.facilities.find((f) => f.id === slot.facilityId);
    if (!facility) return refuse('not_a_slot');
    const r = bookingRulesOfKind(p.rules.value, snap?.facilityKinds ?? [], facility.kind);
    const k = p.knowledge.value;
    const decision = decideBooking(
      { facilityId: facility.id, kind: facility.kind, startsAt: slot.startsAt }, memberBookingFacts(k, memberId),
      takenIntervals(k, facility.id), now, p.timeZone.value, r,
    );
    if (!decision.ok) return refuse(decision.error.code, decision.error.allowsAt ?? null);
    const { startsAt, endsAt } = decision.value;
    const saved = await recordSafely(p.sink, 'booking', { identity, facilityId: facility.id, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(endsAt).toISOString() });
    if (!saved.ok) return refuse('not_saved');
    const bookingId = saved.value.id;
    p.records.add([{ kind: 'booking', id: bookingId, at: now, memberId, facilityId: facility.id, facilityKind: facility.kind, startsAt, endsAt }]);
    const checkInFrom = startsAt - r.checkInOpensMinutesBefore * 60_000;
    show({ type: 'booked', bookingId, code: bookingCode(bookingId), facilityId: facility.id, startsAt, endsAt, name: id.value.name, checkInFrom, releaseMinutes: r.noShowReleaseMinutesAfter }, gen);
    p.flush();
  };

  return {
    view: computed(() => ({
      step: step.value, kinds: kinds.value, kind: kind.value, days: days.value, day: day.value, grid: grid.value,
      selected: selected.value, result: result.value, status: known.value?.status ?? null, hubRefusal: known.value?.refusal ?? null, busy: busy.value,
    })),
    waiting: computed(() => step.value === 'scan'),
    resultSeq,
    chooseKind(kindId) {
      batch(() => {
        chosenKind.value = kindId;
        chosenDay.value = null;
        selected.value = null;
        result.value = null;
      });
    },
    chooseDay(d) {
      chosenDay.value = d;
    },
    chooseSlot(facilityId, startsAt) {
      if (busy.value || result.value) return;
      const cell = grid.value?.rows.find((r) => r.facilityId === facilityId)?.cells.find((c) => c.startsAt === startsAt);
      if (cell?.state !== 'free') return;
      selected.value = cell;
      p.scans.forgetSeen(); // a new slot is a new question: the badge just refused may answer it
    },
    back() {
      if (busy.value) return;
      batch(() => {
        if (result.value || selected.value) {
          result.value = null;
          selected.value = null;
        } else {
          chosenKind.value = null;
          chosenDay.value = null;
        }
      });
    },
    async scan(text, source) {
      const slot = selected.value;
      if (slot === null || result.value !== null || busy.value || !p.scans.accept(text, p.clock.now())) return;
      busy.value = true;
      try {
        await judge(slot, text.trim(), source, generation);
      } finally {
        busy.value = false;
      }
    },
    reset() {
      generation++;
      batch(() => {
        chosenKind.value = null;
        chosenDay.value = null;
        selected.value = null;
        result.value = null;
        member.value = null;
        busy.value = false;
      });
    },
  };
}
