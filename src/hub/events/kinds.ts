import { err, ok, validChoices, type CenterConfig, type EventKind, type KioskEvent, type RejectReason, type Result } from '../../domain/index';
import { applyBookingEvent, prepareBookingEvent, type BookingEvent, type PreparedBooking } from '../bookings/apply';
import { prepareCheckin, resolveWho, type CheckinEvent, type Prepared } from '../checkin/prepare';
import { projectCheckins } from '../checkin/project';
import type { Queryable } from '../db/port';
import { getPoll, recordBallot, type StoredPoll } from '../feedback/polls';
import { insertRatings, insertSuggestions, markRepliesRead, suggestionOwner, upsertRatingReasons } from '../feedback/store';
import { applyReservationEvent, prepareReservationEvent, type PreparedReservation, type ReservationEvent } from '../reservations/apply';

// The one contract for applying a kiosk's event on the hub, one implementation per kind (in the spirit
// of pretix's check providers). `prepare` runs before the event is stored and says why it never can
// be applied (a member, class, facility or group nobody has), or what to apply; `apply` runs after
// the event is stored, in the same transaction, with the plans of newly stored events. Both the batch
// path and the one-by-one path (apply.ts) walk this table; a new kind is one entry here.

export interface ApplyContext {
  /** the center's config; without it events that need it cannot be judged and are `invalid` */
  readonly config: CenterConfig | undefined;
  readonly now: number;
}

export interface KindHandler<E extends KioskEvent, Plan> {
  /**
   * Judged on what the events before it did (a cancel of a booking made in the same batch, a second
   * booking against the first's quota): prepared, stored and applied one by one in the kiosk's order.
   * The others are prepared together, stored in one statement and applied in one call per handler.
   */
  readonly ordered: boolean;
  prepare(tx: Queryable, e: E, ctx: ApplyContext): Promise<Result<Plan, RejectReason>>;
  apply(tx: Queryable, plans: readonly Plan[], ctx: ApplyContext): Promise<void>;
}

const needsConfig = <E extends KioskEvent, P>(prepare: (tx: Queryable, config: CenterConfig, e: E) => Promise<Result<P, RejectReason>>) =>
  (tx: Queryable, e: E, ctx: ApplyContext): Promise<Result<P, RejectReason>> => (ctx.config ? prepare(tx, ctx.config, e) : Promise.resolve(err('invalid')));

type Of<K extends EventKind> = Extract<KioskEvent, { kind: K }>;
const taken = async <E>(_tx: Queryable, e: E) => ok(e);

const ratings: KindHandler<Of<'rating'>, Of<'rating'>> = {
  ordered: false,
  prepare: taken,
  apply: (tx, es) => insertRatings(tx, es.map((e) => ({ eventId: e.id, kioskId: e.kioskId, at: e.at, topic: e.payload.topic, score: e.payload.score }))),
};

const ratingReasons: KindHandler<Of<'rating_reason'>, Of<'rating_reason'>> = {
  ordered: false,
  prepare: taken,
  apply: (tx, es) => upsertRatingReasons(tx, es.map((e) => ({ ratingId: e.payload.ratingId, kioskId: e.kioskId, eventId: e.id, reasons: e.payload.reasons }))),
};

type SignedSuggestion = { readonly e: Of<'suggestion'>; readonly memberId: number | null };

const suggestions: KindHandler<Of<'suggestion'>, SignedSuggestion> = {
  ordered: false,
  // Never refused: a suggestion signed by someone the hub cannot vouch for (an unmapped card, a member
  // id nobody has) keeps its text and is kept anonymous, so its answer reaches nobody it should not.
  prepare: async (tx, e) => {
    const signer = e.payload.signedBy ? await resolveWho(tx, e.payload.signedBy) : null;
    return ok({ e, memberId: signer?.verified ? signer.memberId : null });
  },
  apply: (tx, plans) => insertSuggestions(tx, plans.map(({ e, memberId }) => ({
    id: e.id, kioskId: e.kioskId, source: 'kiosk', at: e.at, topic: e.payload.topic, text: e.payload.text, contact: e.payload.contact, memberId,
  }))),
};

const replyReads: KindHandler<Of<'reply_read'>, Of<'reply_read'>> = {
  ordered: false,
  // a read mark names the suggestion and who read it: only its own member's mark is kept
  prepare: async (tx, e) => {
    const owner = await suggestionOwner(tx, e.payload.suggestionId);
    if (owner === undefined) return err('unknown_suggestion');
    const who = await resolveWho(tx, e.payload.identity);
    return owner !== null && who?.verified && who.memberId === owner ? ok(e) : err('not_your_suggestion');
  },
  apply: (tx, es) => markRepliesRead(tx, es.map((e) => ({ suggestionId: e.payload.suggestionId, at: e.at }))),
};

type Vote = { readonly e: Of<'poll_vote'>; readonly poll: StoredPoll; readonly memberId: number };

const pollVotes: KindHandler<Of<'poll_vote'>, Vote> = {
  // two votes of one member in one batch are judged one after the other, like two batches
  ordered: true,
  // A vote for a poll nobody made, with choices the poll does not have, or from someone the hub cannot
  // vouch for (a typed number, a card it does not know) is refused. Any other vote is kept as a fact;
  // whether it counts is decided when it is applied (domain decideVote).
  prepare: async (tx, e) => {
    const poll = await getPoll(tx, e.payload.pollId);
    if (!poll) return err('unknown_poll');
    if (!validChoices(poll, e.payload.choices)) return err('invalid');
    const who = await resolveWho(tx, e.payload.identity);
    if (!who?.verified || who.memberId === null) return err('unknown_member');
    return ok({ e, poll, memberId: who.memberId });
  },
  apply: async (tx, plans) => {
    for (const { e, poll, memberId } of plans) {
      await recordBallot(tx, poll, { eventId: e.id, pollId: poll.id, memberId, kioskId: e.kioskId, at: e.at, choices: e.payload.choices });
    }
  },
};

const checkins: KindHandler<CheckinEvent, Prepared> = {
  ordered: false,
  prepare: needsConfig(prepareCheckin),
  // the config is there: prepare refused every check-in without it
  apply: (tx, plans, ctx) => projectCheckins(tx, ctx.config!, plans),
};

const bookings: KindHandler<BookingEvent, PreparedBooking> = {
  ordered: true,
  prepare: needsConfig(prepareBookingEvent),
  apply: async (tx, plans, ctx) => { for (const p of plans) await applyBookingEvent(tx, ctx.config!, p, ctx.now); },
};

const places: KindHandler<ReservationEvent, PreparedReservation> = {
  ordered: true,
  prepare: needsConfig((tx, _config, e: ReservationEvent) => prepareReservationEvent(tx, e)),
  apply: async (tx, plans, ctx) => { for (const p of plans) await applyReservationEvent(tx, p, ctx.now); },
};

export const HANDLERS: { readonly [K in EventKind]: KindHandler<Of<K>, unknown> } = {
  rating: ratings,
  rating_reason: ratingReasons,
  suggestion: suggestions,
  visit: checkins,
  class_checkin: checkins,
  gym: checkins,
  scan_failed: checkins,
  booking: bookings,
  booking_cancel: bookings,
  booking_checkin: bookings,
  class_reserve: places,
  class_reserve_cancel: places,
  reply_read: replyReads,
  poll_vote: pollVotes,
};

/** The handler of an event, typed for any event (the table's entries are typed per kind). */
export const handlerOf = (e: KioskEvent) => HANDLERS[e.kind] as KindHandler<KioskEvent, unknown>;
