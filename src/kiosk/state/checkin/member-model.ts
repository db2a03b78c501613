import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import { checkInToClass, classesOpenNow, identifyFailure, type CheckInOutcome } from '../../../domain/checkin';
import { OUTCOME_TONE, type MemberOutcome, type OutcomeTone } from '../../../domain/outcome';
import { repliesFor } from '../../../domain/voice';
import type { Rules } from '../../../domain/config/defaults';
import { decideGymScan, decideLeaveQueue, memberGym, offerFor, type GymDecision } from '../../../domain/gym-decide';
import { MEMBER_NO_MAX, type PresentedIdentity, type ScanSource } from '../../../domain/identity';
import type { Snapshot, SnapshotReply } from '../../../domain/protocol';
import type { ScheduleEntry } from '../../../domain/schedule';
import type { Clock } from '../../platform/clock';
import type { BookingKnowledge, BookingRecords } from '../book/booking-knowledge';
import type { LocalKnowledge, LocalRecords } from './checkin-knowledge';
import { recordSafely } from '../ports';
import { createBookingActions } from '../book/member-booking-actions';
import { deriveCheckableBookings, deriveNotices, memberIdOf, reservedMembers, type PlaceFreedNotice } from '../book/member-bookings';
import { deriveMemberOptions, type MemberOptions, type MemberSession } from './member-options';
import type { EventSink } from '../ports';
import type { ScanPipeline, Visitor } from './scan-pipeline';
import type { Connection } from '../sync/snapshot-model';

// Identification and check-in at the kiosk (DESIGN §4.1, §4.2). A scan (camera or card reader) or a
// member number identifies someone; every identification records a visit; then, for a badge or a card:
// an open gym session ends, an offered unit is claimed, or the one class open for check-in is checked in;
// or the one booking open for check-in; otherwise the member screen offers classes, equipment, the
// member's bookings and class places (issue 5). Each outcome is written to the outbox
// before it is shown, and known locally at once (journal) so the next scan is answered the same way.

export { deriveMemberOptions, type MemberOptions, type MemberSession } from './member-options';

/** How long an outcome stays on screen. */
export const OUTCOME_SECONDS = 5;

/** not_saved: the outbox refused the write (disk full or failing); the worker is told to ask staff. */
export type ShownCode = MemberOutcome['outcome'] | 'not_saved';

export interface OutcomeView {
  /** counts up with every outcome shown, so the same code twice still sounds twice */
  readonly seq: number;
  readonly code: ShownCode;
  readonly tone: OutcomeTone;
  readonly offline: boolean;
  /** the decision's details (group, unit, class, booking …); null for not_saved */
  readonly outcome: MemberOutcome | null;
}

export function deriveOutcomeView(outcome: MemberOutcome | null, seq: number, offline: boolean): OutcomeView {
  if (outcome === null) return { seq, code: 'not_saved', tone: 'failed', offline, outcome: null };
  return { seq, code: outcome.outcome, tone: OUTCOME_TONE[outcome.outcome], offline: outcome.offline, outcome };
}

/** Whether a member screen would check in to a class by itself: exactly one open that they are not in yet. */
export function deriveAutoClass(entries: readonly ScheduleEntry[], attendance: ReadonlyMap<string, ReadonlySet<string>>, subject: string, now: number, rules: Rules): ScheduleEntry | null {
  const open = classesOpenNow(entries, now, rules).filter((e) => !attendance.get(e.id)?.has(subject));
  return open.length === 1 ? open[0]! : null;
}

export interface MemberModel {
  readonly session: ReadonlySignal<MemberSession | null>;
  readonly options: ReadonlySignal<MemberOptions | null>;
  readonly outcome: ReadonlySignal<OutcomeView | null>;
  /** a decision is being written: taps wait */
  readonly busy: ReadonlySignal<boolean>;
  scan(text: string, source: Exclude<ScanSource, 'keypad'>): Promise<void>;
  keypad(memberNo: string): Promise<void>;
  checkInClass(entryId: string): Promise<void>;
  gym(group: string): Promise<void>;
  leaveQueue(): Promise<void>;
  checkInBooking(bookingId: string): Promise<void>;
  cancelBooking(bookingId: string): Promise<void>;
  /** a place in a class, or the waitlist when it is full */
  reserve(entryId: string): Promise<void>;
  /** gives up a place or a waitlist place */
  cancelPlace(entryId: string): Promise<void>;
  /** places freed and given to the first waiting, for the attract screen */
  readonly notices: ReadonlySignal<readonly PlaceFreedNotice[]>;
  /** the center's answers to this member's signed suggestions, not read yet (issue 16; badge or mapped card only) */
  readonly replies: ReadonlySignal<readonly SnapshotReply[]>;
  /** the member read an answer: it is not shown again, here or (after sync) at any kiosk */
  markReplyRead(suggestionId: string): Promise<void>;
  /** back to the attract screen: the member is forgotten */
  forget(): void;
}

export interface MemberPorts {
  readonly sink: EventSink;
  readonly records: Pick<LocalRecords, 'add'>;
  readonly knowledge: LocalKnowledge;
  /** bookings and class places: the snapshot's verdicts and this kiosk's own requests */
  readonly bookings: ReadonlySignal<BookingKnowledge>;
  readonly bookingRecords: Pick<BookingRecords, 'add'>;
  readonly clock: Clock;
  /** ticking clock for what the screen lists (class windows open and close) */
  readonly now: ReadonlySignal<number>;
  readonly snapshot: ReadonlySignal<Snapshot | null>;
  readonly rules: ReadonlySignal<Rules>;
  readonly timeZone: ReadonlySignal<string>;
  readonly connection: ReadonlySignal<Connection>;
  /** the kiosk's configured features: `checkin` to identify at all, `gym` for equipment */
  readonly features: ReadonlySignal<readonly string[]>;
  /** scan → identify → visit; this model routes what comes out */
  readonly scans: ScanPipeline;
}

const KEYPAD_RE = new RegExp(`^[0-9]{1,${MEMBER_NO_MAX}}$`);

export function createMemberModel(p: MemberPorts): MemberModel {
  const session = signal<MemberSession | null>(null);
  const outcome = signal<OutcomeView | null>(null);
  const busy = signal(false);
  let seq = 0;
  const replies = computed(() => {
    const s = session.value;
    return s ? repliesFor(s.identity, p.snapshot.value?.replies ?? [], p.knowledge.knowledge.value.repliesRead, p.now.value) : [];
  });
  let chain: Promise<void> = Promise.resolve();
  let cancelOutcome = () => {};

  const has = (feature: string) => p.features.value.includes(feature);
  const offline = () => p.connection.value === 'offline';
  const presented = (s: MemberSession | null): PresentedIdentity | null => (s && s.identity.via !== 'keypad' ? s.identity : null);

  const show = (o: MemberOutcome | null) => {
    cancelOutcome();
    outcome.value = deriveOutcomeView(o, ++seq, offline());
    cancelOutcome = p.clock.after(OUTCOME_SECONDS * 1000, () => (outcome.value = null));
  };

  // one at a time: a scan, a keypad entry or a tap waits for the decision before it to be written
  const serial = (fn: () => Promise<void>): Promise<void> => {
    const run = chain.then(async () => {
      busy.value = true;
      try {
        await fn();
      } finally {
        busy.value = false;
      }
    });
    chain = run.catch(() => {});
    return run;
  };

  const classDecision = async (s: MemberSession, identity: PresentedIdentity, entry: ScheduleEntry, now: number): Promise<CheckInOutcome | null> => {
    const attendance = p.knowledge.knowledge.value.attendance.get(entry.id) ?? new Set<string>();
    const reserved = reservedMembers(p.bookings.value, entry.id);
    const o = checkInToClass(entry, s.subject, { checkedIn: attendance, reserved }, now, p.rules.value, offline());
    const saved = await recordSafely(p.sink, 'class_checkin', { identity, entryId: entry.id, outcome: o.outcome });
    if (!saved.ok) return null;
    if (o.outcome === 'checked_in') p.records.add([{ kind: 'class', id: saved.value.id, at: now, subject: s.subject, name: s.name, entryId: entry.id }]);
    return o;
  };

  const gymDecision = async (s: MemberSession, identity: PresentedIdentity, group: string, d: GymDecision, now: number): Promise<CheckInOutcome | null> => {
    const steps = d.events.map((e) => ({ action: e.kind, group: e.group, unit: 'unit' in e ? e.unit : null }));
    const saved = await recordSafely(p.sink, 'gym', { identity, group, outcome: d.outcome.outcome, steps });
    if (!saved.ok) return null;
    const id = saved.value.id;
    p.records.add(steps.map((x, i) => ({ kind: 'gym' as const, id: `${id}:${i}`, at: now, subject: s.subject, name: s.name, ...x })));
    return d.outcome;
  };

  const bookingActions = createBookingActions({
    sink: p.sink, bookings: p.bookings, bookingRecords: p.bookingRecords, snapshot: p.snapshot, rules: p.rules, offline,
    attendance: () => p.knowledge.knowledge.value.attendance,
  });

  // after the visit, for a badge or a card: end a session, claim an offer, or the one open class or booking
  const automatic = async (s: MemberSession, identity: PresentedIdentity, now: number): Promise<MemberOutcome | null | undefined> => {
    if (has('gym')) {
      const state = p.knowledge.gym.value;
      const group = memberGym(state, s.subject, now).session?.group ?? offerFor(state, s.subject, now)?.group;
      if (group !== undefined) return gymDecision(s, identity, group, decideGymScan(state, s.subject, group, now, offline()), now);
    }
    const entry = deriveAutoClass(p.snapshot.value?.schedule ?? [], p.knowledge.knowledge.value.attendance, s.subject, now, p.rules.value);
    const memberId = memberIdOf(identity);
    const bookings = memberId === null ? [] : deriveCheckableBookings(p.bookings.value, memberId, p.snapshot.value, now, p.rules.value);
    // one thing the member can have come for: do it; a class and a court at once: the screen asks
    if (entry && bookings.length === 0) return classDecision(s, identity, entry, now);
    if (!entry && bookings.length === 1 && memberId !== null) return bookingActions.checkIn(memberId, identity, bookings[0]!.id, now);
    return undefined;
  };

  const identified = async (who: Visitor, now: number) => {
    const s: MemberSession = { identity: who.identity, subject: who.subject, name: who.name, verified: who.verified, visit: who.visit };
    const identity = presented(s);
    const action = identity ? await automatic(s, identity, now) : undefined;
    batch(() => {
      session.value = s;
      show(action === undefined ? who.visit : action);
    });
  };

  const onMember = (fn: (s: MemberSession, identity: PresentedIdentity, now: number) => Promise<MemberOutcome | null | undefined>) =>
    serial(async () => {
      const s = session.value;
      const identity = presented(s);
      if (!s || !identity) return;
      const o = await fn(s, identity, p.clock.now());
      if (o !== undefined) show(o);
    });
  const onKnownMember = (fn: (memberId: string, identity: PresentedIdentity, now: number) => Promise<MemberOutcome | null | undefined>) =>
    onMember(async (_s, identity, now) => {
      const memberId = memberIdOf(identity);
      return memberId === null ? undefined : fn(memberId, identity, now);
    });

  return {
    session,
    outcome,
    busy,
    options: computed(() => deriveMemberOptions({
      session: session.value, snapshot: p.snapshot.value, knowledge: p.knowledge.knowledge.value, gym: p.knowledge.gym.value,
      bookings: p.bookings.value, now: p.now.value, rules: p.rules.value, timeZone: p.timeZone.value, gymEnabled: has('gym'),
    })),
    scan(text, source) {
      const now = p.clock.now();
      if (!has('checkin') || !p.scans.accept(text, now)) return Promise.resolve();
      return serial(async () => {
        const r = await p.scans.identify(text, source, now);
        if (r.ok) return identified(r.value, now);
        show(r.error === 'not_saved' ? null : identifyFailure(r.error, offline()));
      });
    },
    keypad(memberNo) {
      if (!has('checkin') || !KEYPAD_RE.test(memberNo)) return Promise.resolve();
      return serial(async () => {
        const now = p.clock.now();
        const r = await p.scans.visit({ identity: { via: 'keypad', memberNo }, name: null, verified: false }, now);
        return r.ok ? identified(r.value, now) : show(null);
      });
    },
    checkInClass: (entryId) =>
      onMember(async (s, identity, now) => {
        const entry = p.snapshot.value?.schedule.find((e) => e.id === entryId);
        return entry ? classDecision(s, identity, entry, now) : undefined;
      }),
    gym: (group) =>
      onMember(async (s, identity, now) =>
        has('gym') ? gymDecision(s, identity, group, decideGymScan(p.knowledge.gym.value, s.subject, group, now, offline()), now) : undefined),
    leaveQueue: () =>
      onMember(async (s, identity, now) => {
        const d = decideLeaveQueue(p.knowledge.gym.value, s.subject, now, offline());
        return d ? gymDecision(s, identity, d.outcome.group, d, now) : undefined;
      }),
    checkInBooking: (id) => onKnownMember((m, identity, now) => bookingActions.checkIn(m, identity, id, now)),
    cancelBooking: (id) => onKnownMember((m, identity, now) => bookingActions.cancel(m, identity, id, now)),
    reserve: (entryId) => onKnownMember((m, identity, now) => bookingActions.reserve(m, identity, entryId, now)),
    cancelPlace: (entryId) => onKnownMember((m, identity, now) => bookingActions.cancelPlace(m, identity, entryId, now)),
    notices: computed(() => deriveNotices(p.snapshot.value, p.now.value)),
    replies,
    markReplyRead: (suggestionId) =>
      onMember(async (s, identity, now) => {
        if (!replies.value.some((r) => r.suggestionId === suggestionId)) return undefined;
        const saved = await recordSafely(p.sink, 'reply_read', { identity, suggestionId });
        if (!saved.ok) return null;
        p.records.add([{ kind: 'reply_read', id: saved.value.id, at: now, subject: s.subject, name: s.name, suggestionId }]);
        return undefined;
      }),
    forget() {
      session.value = null;
    },
  };
}
