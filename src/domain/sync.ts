import * as v from 'valibot';
import { mapKey, type CardMap, type CardMapEntry } from './card';
import { SnapshotSchema, type Snapshot } from './protocol';

// Sync by parts (issue 14). What a kiosk pulls is split by how often it changes, each part with a version
// of its own, so a poll where nothing changed costs a 304 and a change costs only its part:
//   config    the center, this kiosk, rules, facilities, topics, badge keys: when staff change the config
//   identity  card map, revoked members and badges: when members change; sent as the changes since the
//             kiosk's version (a change log in the hub's database), in full when it is too far behind
//   day       schedule, today's facts, bookings, places, notices: all day long
// The kiosk joins the parts into the Snapshot every model reads; both sides use the shapes here.

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(128));
const Key = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/));
/** A card map key (domain card.ts mapKey): the first 128 bits of a card or short-badge key. */
export const MapKeySchema = v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/));
/** A part's version: a content hash (config, day) or `<epoch>.<sequence>` (identity). */
const Version = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.-]{1,64}$/));

export const CONFIG_FIELDS = ['center', 'kiosk', 'rules', 'categories', 'facilityKinds', 'facilities', 'equipment', 'feedbackTopics', 'badgeKeys'] as const;
export const DAY_FIELDS = ['schedule', 'today', 'bookings', 'bookingSuspensions', 'reservations', 'notices', 'replies', 'board', 'polls'] as const;

export const ConfigPartSchema = v.pick(SnapshotSchema, CONFIG_FIELDS);
export const DayPartSchema = v.pick(SnapshotSchema, DAY_FIELDS);
export const IdentityPartSchema = v.object({
  revokedMembers: v.array(Id),
  revokedBadges: v.array(Key),
  cardMap: v.record(MapKeySchema, v.object({ memberId: Id, maskedName: v.pipe(v.string(), v.maxLength(500)) })),
});
export type ConfigPart = v.InferOutput<typeof ConfigPartSchema>;
export type DayPart = v.InferOutput<typeof DayPartSchema>;
export type IdentityPart = v.InferOutput<typeof IdentityPartSchema>;

/** One member as the identity part has them now: their keys (cards, short badges) and whether refused. */
export const MemberIdentitySchema = v.object({
  memberId: Id,
  maskedName: v.pipe(v.string(), v.maxLength(500)),
  keys: v.array(MapKeySchema),
  suspended: v.boolean(),
});
export type MemberIdentity = v.InferOutput<typeof MemberIdentitySchema>;

/**
 * What changed in the identity part since a version: members as they are now, members gone, the keys the
 * changed members held before (every key a kiosk at that version holds for them is among these), badges replaced.
 */
export const IdentityChangesSchema = v.object({
  members: v.array(MemberIdentitySchema),
  removed: v.array(Id),
  gone: v.array(MapKeySchema),
  revokedBadges: v.array(Key),
});
export type IdentityChanges = v.InferOutput<typeof IdentityChangesSchema>;

export const SyncResponseSchema = v.object({
  serverTime: v.pipe(v.string(), v.isoTimestamp()),
  // a part left out is unchanged
  config: v.optional(v.object({ version: Version, data: ConfigPartSchema })),
  day: v.optional(v.object({ version: Version, data: DayPartSchema })),
  identity: v.optional(
    v.union([
      v.object({ version: Version, full: IdentityPartSchema }),
      v.object({ version: Version, since: Version, changes: IdentityChangesSchema }),
    ]),
  ),
});
export type SyncResponse = v.InferOutput<typeof SyncResponseSchema>;

export interface PartVersions {
  readonly config: string;
  readonly identity: string;
  readonly day: string;
}

const TAG_RE = /^"([A-Za-z0-9_.-]{1,64})~([A-Za-z0-9_.-]{1,64})~([A-Za-z0-9_.-]{1,64})"$/;

/** The versions a kiosk holds, as the ETag it sends in If-None-Match (and the hub answers with). */
export const syncTag = (p: PartVersions): string => `"${p.config}~${p.identity}~${p.day}"`;

/** The versions in an If-None-Match header; null for anything else (a first pull). */
export function parseSyncTag(header: string | null | undefined): PartVersions | null {
  const m = TAG_RE.exec((header ?? '').trim());
  return m ? { config: m[1]!, identity: m[2]!, day: m[3]! } : null;
}

/** An identity version: the database's epoch (a new one after a restore) and the change-log position. */
export const identityVersion = (epoch: string, seq: number): string => `${epoch}.${seq}`;

export function parseIdentityVersion(version: string): { epoch: string; seq: number } | null {
  const m = /^([A-Za-z0-9_-]{1,40})\.(\d{1,15})$/.exec(version);
  return m ? { epoch: m[1]!, seq: Number(m[2]) } : null;
}

/** The parts a kiosk holds, each with its version. */
export interface HeldParts {
  readonly config: { readonly version: string; readonly data: ConfigPart };
  readonly identity: { readonly version: string; readonly data: IdentityPart };
  readonly day: { readonly version: string; readonly data: DayPart };
}

/** The one Snapshot the kiosk's models read, from the parts; its version is the tag of the parts. */
export function joinParts(parts: HeldParts, serverTime: string): Snapshot {
  return {
    version: syncTag({ config: parts.config.version, identity: parts.identity.version, day: parts.day.version }).slice(1, -1),
    serverTime,
    ...parts.config.data,
    ...parts.day.data,
    ...parts.identity.data,
  };
}

/** The fields of one part, taken from a whole snapshot (those it has). */
export const pickFields = <K extends keyof Snapshot>(s: Snapshot, keys: readonly K[]) =>
  Object.fromEntries(keys.filter((k) => s[k] !== undefined).map((k) => [k, s[k]])) as Pick<Snapshot, K>;

/** A full snapshot (the legacy pull, or one cached by a kiosk before issue 14) cut into parts. */
export function splitSnapshot(s: Snapshot): HeldParts {
  // no versions of its own: the first pull after it answers every part in full
  return {
    config: { version: 'legacy', data: pickFields(s, CONFIG_FIELDS) },
    day: { version: 'legacy', data: pickFields(s, DAY_FIELDS) },
    identity: { version: 'legacy', data: { revokedMembers: s.revokedMembers ?? [], revokedBadges: s.revokedBadges ?? [], cardMap: mapKeyed(s.cardMap ?? {}) } },
  };
}

/** A card map keyed by map keys (the legacy snapshot's whole keys cut to their first 128 bits). */
export const mapKeyed = (map: CardMap): CardMap => Object.fromEntries(Object.entries(map).map(([k, e]) => [mapKey(k), e]));

/** The card-map rows to write and to delete for a set of changes, and the identity part's lists after them. */
export interface IdentityEdit {
  readonly put: readonly (readonly [string, CardMapEntry])[];
  readonly del: readonly string[];
  readonly revokedMembers: string[];
  readonly revokedBadges: string[];
}

/**
 * The edit that brings an identity part to the hub's after `changes`, in time that grows with the
 * changes, not with the map: the changed members' old keys come with the changes, so the kiosk of a
 * 50,000-member union never looks through its map for them (one pass over it is a 50 ms task). Each
 * changed member's keys are replaced by the ones they have now (none while suspended), a member gone
 * loses theirs, replaced badges are refused.
 */
export function identityEdit(current: Pick<IdentityPart, 'revokedMembers' | 'revokedBadges'>, changes: IdentityChanges): IdentityEdit {
  const touched = new Set([...changes.members.map((m) => m.memberId), ...changes.removed]);
  const del = new Set(changes.gone);
  const put: [string, CardMapEntry][] = [];
  for (const m of changes.members) {
    if (m.suspended) continue;
    for (const k of m.keys) {
      put.push([k, { memberId: m.memberId, maskedName: m.maskedName }]);
      del.delete(k);
    }
  }
  const revokedMembers = [...current.revokedMembers.filter((id) => !touched.has(id)), ...changes.members.filter((m) => m.suspended).map((m) => m.memberId)].sort();
  const revokedBadges = [...new Set([...current.revokedBadges, ...changes.revokedBadges])].sort();
  return { put, del: [...del], revokedMembers, revokedBadges };
}
