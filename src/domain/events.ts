import * as v from 'valibot';
import { UUID_RE } from './ids';

// Everything a kiosk accepts is an event (DESIGN §5). The envelope and each kind's payload are parsed
// with these schemas by the kiosk before it queues and by the hub before it applies.

const Id = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/));
const Iso = v.pipe(v.string(), v.isoTimestamp());
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
  text: v.pipe(v.string(), v.trim(), v.minLength(1, 'is empty'), v.maxLength(SUGGESTION_MAX, `is longer than ${SUGGESTION_MAX} characters`)),
  contact: v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(CONTACT_MAX))),
});

const envelope = { id: EventIdSchema, kioskId: Id, seq: v.pipe(v.number(), v.integer(), v.minValue(1)), at: Iso };

export const EventSchema = v.variant('kind', [
  v.strictObject({ ...envelope, kind: v.literal('rating'), payload: RatingPayloadSchema }),
  v.strictObject({ ...envelope, kind: v.literal('rating_reason'), payload: RatingReasonPayloadSchema }),
  v.strictObject({ ...envelope, kind: v.literal('suggestion'), payload: SuggestionPayloadSchema }),
]);
export type KioskEvent = v.InferOutput<typeof EventSchema>;
export type EventKind = KioskEvent['kind'];
export type PayloadOf<K extends EventKind> = Extract<KioskEvent, { kind: K }>['payload'];

export const EVENT_BATCH_MAX = 100;
export const EventsRequestSchema = v.strictObject({
  events: v.pipe(v.array(EventSchema), v.minLength(1, 'has no events'), v.maxLength(EVENT_BATCH_MAX, `has more than ${EVENT_BATCH_MAX} events`)),
});
export type EventsRequest = v.InferOutput<typeof EventsRequestSchema>;

/** Why the hub refused an event; the kiosk moves it to its dead-letter store with this reason. */
export const REJECT_REASONS = ['id_conflict', 'kiosk_mismatch', 'unknown_topic', 'unknown_rating', 'invalid'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export const EventResultSchema = v.variant('status', [
  v.object({ id: v.string(), status: v.literal('applied') }),
  v.object({ id: v.string(), status: v.literal('duplicate') }),
  v.object({ id: v.string(), status: v.literal('rejected'), reason: v.string() }),
]);
export type EventResult = v.InferOutput<typeof EventResultSchema>;
export const EventsResponseSchema = v.object({ results: v.array(EventResultSchema) });
export type EventsResponse = v.InferOutput<typeof EventsResponseSchema>;

export const HeartbeatSchema = v.strictObject({
  version: v.pipe(v.string(), v.maxLength(64)),
  pending: v.pipe(v.number(), v.integer(), v.minValue(0)),
  oldestPendingAt: v.nullable(Iso),
  deadLetters: v.pipe(v.number(), v.integer(), v.minValue(0)),
  lastSyncAt: v.nullable(Iso),
  lastError: v.nullable(v.pipe(v.string(), v.maxLength(500))),
  storage: v.strictObject({ persisted: v.boolean(), usage: v.nullable(v.number()), quota: v.nullable(v.number()) }),
  camera: v.pipe(v.string(), v.maxLength(64)),
});
export type Heartbeat = v.InferOutput<typeof HeartbeatSchema>;

export const API_EVENTS = '/api/v1/events';
export const API_HEARTBEAT = '/api/v1/heartbeat';
