import * as v from 'valibot';
import { IDENTIFY_FAILURES } from './checkin';
import { UUID_RE } from './ids';
import { IdentitySchema, PresentedIdentitySchema, SCAN_SOURCES } from './identity';
import { InstantSchema, storedInt, storedText, storedToken } from './storable';

// Everything a kiosk accepts is an event (DESIGN §5). The envelope and each kind's payload are parsed
// with these schemas by the kiosk before it queues and by the hub before it applies.

const Id = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/));
const Iso = InstantSchema;
export const EventIdSchema = v.pipe(v.string(), v.regex(UUID_RE, 'must be a lowercase UUID'));

export const SCORES = [0, 1, 2, 3] as const; // very unhappy … very happy; no neutral middle
export type Score = (typeof SCORES)[number];
export const isLowScore = (score: Score) => score <= 1;

/** Why a low score was given: chips offered for a few seconds after it. */
export const RATING_REASONS = ['waiting', 'crowded', 'dirty', 'broken', 'staff', 'other'] as const;
export type RatingReason = (typeof RATING_REASONS)[number];

export const SUGGESTION_MAX = 500;
export const CONTACT_MAX = 100;

export const RatingPayloadSchema = v.strictObject({
  topic: v.nullable(Id), // null: the center as a whole
  score: v.picklist(SCORES),
});
export const RatingReasonPayloadSchema = v.strictObject({
  ratingId: EventIdSchema,
  reasons: v.pipe(v.array(v.picklist(RATING_REASONS)), v.minLength(1), v.maxLength(RATING_REASONS.length)),
});
export const SuggestionPayloadSchema = v.strictObject({
  topic: v.nullable(Id),
  text: storedText(SUGGESTION_MAX, { min: 1 }),
  contact: v.nullable(storedText(CONTACT_MAX)),
  // issue 16: signed with a badge or card "to get the answer here"; absent, it is anonymous as before
  signedBy: v.optional(PresentedIdentitySchema),
});
/** The member read the center's answer to their suggestion on the member screen (issue 16). */
export const ReplyReadPayloadSchema = v.strictObject({ identity: PresentedIdentitySchema, suggestionId: EventIdSchema });

/** A vote in a poll (issue 16): the options chosen, confirmed with a badge or card (domain polls.ts). */
export const PollVotePayloadSchema = v.strictObject({
  identity: PresentedIdentitySchema,
  pollId: EventIdSchema,
  choices: v.pipe(v.array(Id), v.minLength(1), v.maxLength(6)),
});

// Check-in (issue 4). Every outcome the kiosk showed is one event, refusals included, so staff see what
// workers were told. The kiosk's decision travels as `outcome`; the hub decides again from its own
// records and keeps any disagreement as a fact for staff (two offline kiosks can both have been right).

export const VISIT_OUTCOMES = ['visit_recorded', 'visit_already_today'] as const;
export const CLASS_OUTCOMES = ['checked_in', 'already_checked_in', 'too_early', 'too_late', 'full', 'class_cancelled'] as const;
// queue_left: the member tapped "leave the queue" on the member screen
export const GYM_OUTCOMES = ['session_started', 'session_ended', 'queued', 'already_queued', 'unit_offered', 'no_free_unit', 'queue_left'] as const;
/** One step of the gym state machine (domain gym.ts GymEvent without member and time: the event has both). */
export const GYM_ACTIONS = ['session_start', 'session_end', 'queue_join', 'queue_leave', 'claim'] as const;
export const GYM_STEPS_MAX = 4;
const EntryId = storedToken(128, 1);

export const VisitPayloadSchema = v.strictObject({ identity: IdentitySchema, outcome: v.picklist(VISIT_OUTCOMES) });
export const ClassCheckinPayloadSchema = v.strictObject({
  identity: PresentedIdentitySchema,
  entryId: EntryId,
  outcome: v.picklist(CLASS_OUTCOMES),
});
export const GymStepSchema = v.strictObject({
  action: v.picklist(GYM_ACTIONS),
  group: Id,
  unit: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(999))), // null for queue steps
});
export const GymPayloadSchema = v.strictObject({
  identity: PresentedIdentitySchema,
  group: Id, // the group the member asked for
  outcome: v.picklist(GYM_OUTCOMES),
  // what the decision changed, in order (decideGymScan's events); empty for already_queued and no_free_unit
  steps: v.pipe(v.array(GymStepSchema), v.maxLength(GYM_STEPS_MAX)),
});
/** A code that identified nobody: the reason only, never what the code said (DESIGN §4.1). */
export const ScanFailedPayloadSchema = v.strictObject({
  reason: v.picklist(IDENTIFY_FAILURES),
  source: v.picklist(SCAN_SOURCES),
});

// Booking (issue 5). A booking or a class place is asked for by an event like everything else; its id
// is the event id. The kiosk queues it as pending; the hub decides (confirmed/refused, reserved/
// waitlisted) in the transaction that stores it and the kiosk learns the answer from the next
// snapshot. The hub's refusal of a rule is not a rejected event: the request was real, it is kept,
// and the member is told at their next scan.
const IsoTime = Iso;
export const BookingPayloadSchema = v.strictObject({
  identity: PresentedIdentitySchema,
  facilityId: Id,
  startsAt: IsoTime,
  endsAt: IsoTime,
});
export const BookingActionPayloadSchema = v.strictObject({ identity: PresentedIdentitySchema, bookingId: EventIdSchema });
export const ClassReservePayloadSchema = v.strictObject({ identity: PresentedIdentitySchema, entryId: EntryId });

// seq is an `integer` column; at is a real instant (issue 10: values the schema passed once failed in the database)
const envelope = { id: EventIdSchema, kioskId: Id, seq: storedInt(1), at: Iso };

export const EventSchema = v.variant('kind', [
  v.strictObject({ ...envelope, kind: v.literal('rating'), payload: RatingPayloadSchema }),
  v.strictObject({ ...envelope, kind: v.literal('rating_reason'), payload: RatingReasonPayloadSchema }),
  v.strictObject({ ...envelope, kind: v.literal('suggestion'), payload: SuggestionPayloadSchema }),
  v.strictObject({ ...envelope, kind: v.literal('visit'), payload: VisitPayloadSchema }),
  v.strictObject({ ...envelope, kind: v.literal('class_checkin'), payload: ClassCheckinPayloadSchema }),
  v.strictObject({ ...envelope, kind: v.literal('gym'), payload: GymPayloadSchema }),
  v.strictObject({ ...envelope, kind: v.literal('scan_failed'), payload: ScanFailedPayloadSchema }),
  v.strictObject({ ...envelope, kind: v.literal('booking'), payload: BookingPayloadSchema }),
  v.strictObject({ ...envelope, kind: v.literal('booking_cancel'), payload: BookingActionPayloadSchema }),
  v.strictObject({ ...envelope, kind: v.literal('booking_checkin'), payload: BookingActionPayloadSchema }),
  v.strictObject({ ...envelope, kind: v.literal('class_reserve'), payload: ClassReservePayloadSchema }),
  v.strictObject({ ...envelope, kind: v.literal('class_reserve_cancel'), payload: ClassReservePayloadSchema }),
  v.strictObject({ ...envelope, kind: v.literal('reply_read'), payload: ReplyReadPayloadSchema }),
  v.strictObject({ ...envelope, kind: v.literal('poll_vote'), payload: PollVotePayloadSchema }),
]);
export type KioskEvent = v.InferOutput<typeof EventSchema>;
export type EventKind = KioskEvent['kind'];
export type PayloadOf<K extends EventKind> = Extract<KioskEvent, { kind: K }>['payload'];

export const EVENT_BATCH_MAX = 100;
export const EventsRequestSchema = v.strictObject({
  events: v.pipe(v.array(EventSchema), v.minLength(1, 'has no events'), v.maxLength(EVENT_BATCH_MAX, `has more than ${EVENT_BATCH_MAX} events`)),
});
export type EventsRequest = v.InferOutput<typeof EventsRequestSchema>;

/**
 * What the hub reads first: a list of up to 100 things that each carry an event id. Each is then parsed
 * with EventSchema on its own, so one malformed event is answered `rejected: invalid` and the others in
 * its batch are still applied; only a batch whose shape or ids are unreadable is refused whole (400).
 */
export const EventsEnvelopeSchema = v.strictObject({
  events: v.pipe(
    v.array(v.looseObject({ id: EventIdSchema })),
    v.minLength(1, 'has no events'),
    v.maxLength(EVENT_BATCH_MAX, `has more than ${EVENT_BATCH_MAX} events`),
  ),
});

/** Why the hub refused an event; the kiosk moves it to its dead-letter store with this reason. */
export const REJECT_REASONS = [
  'id_conflict', 'kiosk_mismatch', 'unknown_topic', 'unknown_rating', 'invalid',
  // check-in: impossible whatever any kiosk knew (a forged member id, a class or group that never existed)
  'unknown_member', 'unknown_entry', 'unknown_group',
  // booking: a facility that does not exist, a booking id nobody made, another member's booking
  'unknown_facility', 'unknown_booking', 'not_your_booking',
  // issue 10: an event of a kind the kiosk's device file does not offer; an event that breaks the
  // schema on its own (the batch around it is still applied); one the database refused to store
  'feature_off', 'unstorable',
  // issue 16: a read mark for a suggestion nobody made, or another member's
  'unknown_suggestion', 'not_your_suggestion',
  // issue 16: a vote in a poll nobody made, or with choices the poll does not have
  'unknown_poll',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export const EventResultSchema = v.variant('status', [
  v.object({ id: v.string(), status: v.literal('applied') }),
  v.object({ id: v.string(), status: v.literal('duplicate') }),
  // detail: what was wrong in plain words, for staff mode and the dead letters (hubs since issue 10)
  v.object({ id: v.string(), status: v.literal('rejected'), reason: v.string(), detail: v.optional(v.string()) }),
]);
export type EventResult = v.InferOutput<typeof EventResultSchema>;
export const EventsResponseSchema = v.object({ results: v.array(EventResultSchema) });
export type EventsResponse = v.InferOutput<typeof EventsResponseSchema>;

const Bytes = v.pipe(v.number(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));
export const HeartbeatSchema = v.strictObject({
  version: storedToken(64),
  pending: storedInt(0),
  oldestPendingAt: v.nullable(Iso),
  deadLetters: storedInt(0),
  lastSyncAt: v.nullable(Iso),
  lastError: v.nullable(storedText(500)),
  storage: v.strictObject({ persisted: v.boolean(), usage: v.nullable(Bytes), quota: v.nullable(Bytes) }),
  camera: storedToken(64),
  // events the hub keeps failing on (issue 10): how many, since when, and the oldest, for the Kiosks page
  stuck: v.optional(v.nullable(v.strictObject({
    count: storedInt(1),
    since: Iso,
    eventId: EventIdSchema,
    kind: storedToken(32, 1),
    seq: storedInt(1),
    status: v.nullable(storedInt(100, 599)),
  }))),
});
export type Heartbeat = v.InferOutput<typeof HeartbeatSchema>;

export const API_EVENTS = '/api/v1/events';
export const API_HEARTBEAT = '/api/v1/heartbeat';
