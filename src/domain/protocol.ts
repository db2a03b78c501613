import * as v from 'valibot';
import { BOOKING_REFUSALS } from './booking';
import { ORIENTATIONS } from './config/schema';
import { GYM_ACTIONS } from './events';
import { RESERVE_REFUSALS } from './reservation';
import { LocalizedTextSchema } from './text';

// The wire format between hub and kiosk. Both sides parse with these schemas; nothing is trusted unparsed.

const Iso = v.pipe(v.string(), v.isoTimestamp());
const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(128));
const Text = v.pipe(v.string(), v.maxLength(500));
const Hours = v.nullable(v.object({ open: v.string(), close: v.string() }));

export const ScheduleEntrySchema = v.object({
  id: Id,
  category: Id,
  title: LocalizedTextSchema,
  startsAt: Iso,
  endsAt: Iso,
  room: Id,
  instructor: Text,
  capacity: v.nullable(v.number()),
  placesLeft: v.nullable(v.number()),
  cancelled: v.boolean(),
});

export const TodaySchema = v.object({
  day: v.pipe(v.string(), v.isoDate()), // the center's calendar day (its time zone)
  visits: v.array(Id), // members with a visit recorded today
  attendance: v.array(v.object({ entryId: Id, memberIds: v.array(Id) })), // checked in, per class entry of today
  // today's gym steps as the hub applied them, in order; `id` is `<event id>:<step index>` so a kiosk can
  // merge them with its own not-yet-synced steps without counting one twice
  gym: v.array(v.object({
    id: v.pipe(v.string(), v.maxLength(64)),
    memberId: Id,
    action: v.picklist(GYM_ACTIONS),
    group: Id,
    unit: v.nullable(v.number()),
    at: Iso,
  })),
  names: v.record(Id, Text), // masked names of the members in `gym`, for the head of a queue
});
export type Today = v.InferOutput<typeof TodaySchema>;

const KindRulesWireSchema = v.object({
  slotMinutes: v.optional(v.number()), opens: v.optional(v.string()), closes: v.optional(v.string()), horizonDays: v.optional(v.number()),
  perDayPerKind: v.optional(v.number()), futureMax: v.optional(v.number()),
  checkInOpensMinutesBefore: v.optional(v.number()), noShowReleaseMinutesAfter: v.optional(v.number()),
});

/**
 * Facility bookings (issue 5) whose slot ends after the start of today, up to the horizon, in every
 * status the hub has: confirmed, checked_in, cancelled (by the member or staff, with staff's reason),
 * no_show, refused (an offline booking the hub could not confirm, with the rule), block (staff closed
 * the facility; no member). Member ids only, never names. `id` is the kiosk's booking event id.
 */
export const SnapshotBookingSchema = v.object({
  id: Id,
  facilityId: Id,
  startsAt: Iso,
  endsAt: Iso,
  memberId: v.nullable(Id),
  status: v.picklist(['confirmed', 'checked_in', 'cancelled', 'no_show', 'refused', 'block']),
  code: v.pipe(v.string(), v.maxLength(16)),
  refusal: v.nullable(v.picklist(BOOKING_REFUSALS)),
  cancelledBy: v.nullable(v.picklist(['member', 'staff'])),
  reason: v.nullable(Text), // staff's reason for a cancellation, or what a block is for
});
export type SnapshotBooking = v.InferOutput<typeof SnapshotBookingSchema>;

/**
 * Active class places and waitlist places for entries in the snapshot's schedule (issue 5), and the
 * requests the hub refused in the last day (a kiosk offline thought otherwise: the member is told).
 */
export const SnapshotReservationSchema = v.object({
  id: Id, // the kiosk's class_reserve event id
  entryId: Id,
  memberId: Id,
  status: v.picklist(['reserved', 'waitlisted', 'refused']),
  refusal: v.optional(v.nullable(v.picklist(RESERVE_REFUSALS))),
  at: Iso, // when it was asked for: the waitlist's order
  promotedAt: v.nullable(Iso), // moved from the waitlist to a place: the member is told at the next scan
});
export type SnapshotReservation = v.InferOutput<typeof SnapshotReservationSchema>;

export const SnapshotReplySchema = v.object({
  suggestionId: Id,
  memberId: Id,
  /** when the suggestion was written */
  at: Iso,
  /** the suggestion's text, as the member wrote it (at most 500 characters) */
  text: v.pipe(v.string(), v.maxLength(500)),
  reply: v.pipe(v.string(), v.maxLength(1000)),
  repliedAt: Iso,
});
export type SnapshotReply = v.InferOutput<typeof SnapshotReplySchema>;

/** "You said, we did": a suggestion and what the center did, as staff worded them for everyone. */
export const BoardPostSchema = v.object({
  id: Id,
  said: LocalizedTextSchema,
  did: LocalizedTextSchema,
  at: Iso,
});
export type BoardPost = v.InferOutput<typeof BoardPostSchema>;

/**
 * A poll (意见征集, issue 16) the kiosks show: open now (with the members whose vote counts, so a kiosk
 * offline still says "you already voted"), or closed with its published result. Member ids only.
 */
/** An encoded voter list (domain polls.ts encodeVoters): base-36 steps separated by commas, or nothing. */
const VOTERS_RE = /^(?:[0-9a-z]+(?:,[0-9a-z]+)*)?$/;

export const SnapshotPollSchema = v.object({
  id: Id,
  question: LocalizedTextSchema,
  options: v.array(v.object({ id: Id, label: LocalizedTextSchema })),
  multiple: v.boolean(),
  changeable: v.boolean(),
  opensAt: Iso,
  closesAt: Iso,
  // open: the members whose vote counts, encoded (domain polls.ts encodeVoters); empty once closed
  voters: v.pipe(v.string(), v.maxLength(2_000_000), v.regex(VOTERS_RE)),
  // published after closing: votes per option (in option order) and how many members voted
  result: v.nullable(v.object({ counts: v.array(v.number()), voters: v.number() })),
});
export type SnapshotPoll = v.InferOutput<typeof SnapshotPollSchema>;

export const SnapshotSchema = v.object({
  // changes whenever anything in the snapshot changes; the kiosk skips a render when it is unchanged
  version: Id,
  serverTime: Iso,
  center: v.object({
    id: Id,
    name: LocalizedTextSchema,
    timeZone: v.string(),
    openingHours: v.object({ mon: Hours, tue: Hours, wed: Hours, thu: Hours, fri: Hours, sat: Hours, sun: Hours }),
  }),
  kiosk: v.object({
    id: Id,
    name: Text,
    features: v.array(v.string()),
    idleSeconds: v.number(),
    staffPinHash: v.optional(v.string()),
    camera: v.string(),
    // optional: a hub from before issue 12 sends neither
    orientation: v.optional(v.picklist(ORIENTATIONS)),
    cameraPreview: v.optional(v.boolean()),
  }),
  rules: v.record(v.string(), v.union([v.number(), v.string()])),
  categories: v.array(v.object({ id: Id, name: LocalizedTextSchema, color: v.string() })),
  facilityKinds: v.array(v.object({ id: Id, name: LocalizedTextSchema, bookable: v.boolean(), rules: v.optional(KindRulesWireSchema) })),
  facilities: v.array(v.object({ id: Id, kind: Id, name: LocalizedTextSchema })),
  equipment: v.array(v.object({ id: Id, name: LocalizedTextSchema, units: v.number(), outOfService: v.array(v.number()) })),
  feedbackTopics: v.array(v.object({ id: Id, name: LocalizedTextSchema })),
  schedule: v.array(ScheduleEntrySchema),
  // Identity (issue 4), optional so a kiosk and a hub of different versions still understand each other.
  // Every active badge signing key: Ed25519, raw 32 bytes in base64url; several while keys rotate.
  badgeKeys: v.optional(v.array(v.object({ kid: v.pipe(v.number(), v.integer(), v.minValue(0)), publicKey: v.pipe(v.string(), v.maxLength(64)) }))),
  // member ids whose badges are refused: suspended members, as of this snapshot
  revokedMembers: v.optional(v.array(Id)),
  // card-map keys of short badges replaced by a new one (issue 11): refused offline too
  revokedBadges: v.optional(v.array(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)))),
  // card key (sha256 hex of the normalised number) → member, so a card works offline (DESIGN §4.1)
  // keyed by map key (domain mapKey); the legacy /snapshot still sends whole keys, which splitSnapshot cuts
  cardMap: v.optional(v.record(v.pipe(v.string(), v.regex(/^[0-9a-f]{32}(?:[0-9a-f]{32})?$/)), v.object({ memberId: Id, maskedName: Text }))),
  // what the hub knows of the center's current day, so every kiosk answers "already", "full" and
  // "who is on which machine" the same way; member ids only, names masked
  today: v.optional(TodaySchema),
  // Booking (issue 5), optional for the same reason as identity.
  bookings: v.optional(v.array(SnapshotBookingSchema)),
  // member id → until when booking is suspended (no-shows), for suspensions not yet over or lifted
  bookingSuspensions: v.optional(v.record(Id, Iso)),
  reservations: v.optional(v.array(SnapshotReservationSchema)),
  // for the attract screen: places freed and given to the first waiting, in the last hours (masked names)
  notices: v.optional(v.array(v.object({ kind: v.literal('place_freed'), entryId: Id, maskedName: Text, at: Iso }))),
  // issue 16: the center's answers to signed suggestions not yet read, each bound to its member's id;
  // a kiosk shows one only on that member's screen after a badge or mapped card (domain voice.ts)
  replies: v.optional(v.array(SnapshotReplySchema)),
  // issue 16: "you said, we did" (您说我们做): answered suggestions in staff's own words, no names, newest first
  board: v.optional(v.array(BoardPostSchema)),
  // issue 16: polls open now and published results (domain polls.ts)
  polls: v.optional(v.array(SnapshotPollSchema)),
});
export type Snapshot = v.InferOutput<typeof SnapshotSchema>;

/** The body of every error answer of the hub's API. */
export const ApiErrorSchema = v.object({ error: v.string(), message: v.string() });
export type ApiError = v.InferOutput<typeof ApiErrorSchema>;

export const API_SNAPSHOT = '/api/v1/snapshot'; // the whole snapshot: kiosks from before issue 14
export const API_SYNC = '/api/v1/sync'; // by parts (domain/sync.ts)
