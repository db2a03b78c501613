import { createHash } from 'node:crypto';
import type { CenterConfig, ScheduleEntry } from '../../domain/index';
import { CONFIG_FIELDS, DAY_FIELDS, pickFields, syncTag, type PartVersions } from '../../domain/sync';
import { activeBadgeKeys, wireKeys } from '../badges/keys';
import { bookingsForSnapshot, suspensionsForSnapshot } from '../bookings/snapshot';
import { loadToday } from '../checkin/today';
import type { Db } from '../db/port';
import { noticesForSnapshot, reservationsForSnapshot } from '../reservations/apply';
import { boardForSnapshot } from '../feedback/board';
import { pollsForSnapshot } from '../feedback/polls';
import { repliesForSnapshot } from '../feedback/replies';
import { listEntries } from '../schedule/repo';
import { buildSnapshot, snapshotWindow, type SnapshotBookings, type SnapshotIdentity, type SnapshotResult } from '../snapshot';
import { answerIdentity, ensureSyncEpoch, loadIdentityPart, loadSyncIdentityPart } from './identity';

// What a kiosk's pull answers (issue 14): one route, /api/v1/sync, answers every part the kiosk does not
// hold at its current version, and 304 when it holds them all. The legacy /api/v1/snapshot (kiosks of an
// older version, until they update) is the same reads assembled in one piece.

/** The config and day parts of one kiosk, as text, with their versions. */
interface KioskFacts {
  readonly configJson: string;
  readonly dayJson: string;
  readonly versions: { readonly config: string; readonly day: string };
}

/**
 * How long the config and day parts, once read, answer pulls while nothing is written: what depends on
 * the time alone (a booking that starts, a notice that expires) is at most this late, far less than
 * the kiosks' poll of 60 s. A write through the hub (an event, an admin form) ends it at once.
 */
export const FACTS_FRESH_MS = 10_000;

/** What the hub keeps between pulls: its database's epoch, the last full identity part, the facts read last. */
export interface SyncState {
  epoch: string | null;
  /** the identity part in full as JSON, one per log position: kiosks pulling it at once share one read */
  full: { readonly epoch: string; readonly seq: number; readonly json: Promise<string> } | null;
  /** writes through the hub (app.ts counts every request that may change what kiosks pull) */
  writes: number;
  /** the config and day parts read at `key` (writes, and the time in FACTS_FRESH_MS steps), and per kiosk as text */
  facts: { readonly key: string; readonly reads: Promise<SnapshotReads>; readonly kiosks: Map<string, KioskFacts | null> } | null;
}

export const createSyncState = (): SyncState => ({ epoch: null, full: null, writes: 0, facts: null });

/** What a snapshot is made of, read from the database: the same for every kiosk. */
type SnapshotReads = Readonly<{ entries: ScheduleEntry[]; identity: SnapshotIdentity; booking: SnapshotBookings }>;

/** The snapshot's reads of config and day, and identity in full when `withIdentity` (the legacy pull). */
async function readFacts(db: Db, config: CenterConfig, now: number, withIdentity: boolean): Promise<SnapshotReads> {
  const { from, to } = snapshotWindow(config.center.timeZone, now);
  const entries = await listEntries(db, from, to);
  const full = withIdentity ? await loadIdentityPart(db) : { revokedMembers: [], revokedBadges: [], cardMap: undefined };
  const identity = {
    badgeKeys: wireKeys(await activeBadgeKeys(db)), revokedMembers: full.revokedMembers, revokedBadges: full.revokedBadges,
    ...(full.cardMap ? { cardMap: full.cardMap } : {}), today: await loadToday(db, config, now),
  };
  const booking = {
    bookings: await bookingsForSnapshot(db, config, now), bookingSuspensions: await suspensionsForSnapshot(db, now),
    reservations: await reservationsForSnapshot(db, entries.map((e) => e.id), now), notices: await noticesForSnapshot(db, now),
    replies: await repliesForSnapshot(db, now), board: await boardForSnapshot(db), polls: await pollsForSnapshot(db, now),
  };
  return { entries, identity, booking };
}

/** The whole snapshot of one kiosk (the legacy pull with `withIdentity`). */
export async function readSnapshot(db: Db, config: CenterConfig, kioskId: string, now: number, withIdentity: boolean): Promise<SnapshotResult> {
  const r = await readFacts(db, config, now, withIdentity);
  return buildSnapshot(config, kioskId, r.entries, now, r.identity, r.booking);
}

const versionOf = (json: string) => createHash('sha256').update(json).digest('base64url').slice(0, 22);

export type SyncAnswer =
  | { readonly kind: 'unknown_kiosk' }
  | { readonly kind: 'unchanged'; readonly tag: string }
  | { readonly kind: 'parts'; readonly tag: string; readonly body: string };

/**
 * A kiosk's config and day parts: read once per write and FACTS_FRESH_MS, however many kiosks pull (20
 * kiosks pulling at once read them once, not 20 times, and the database stays free for events and
 * /healthz). Pulls that arrive while the parts are being read wait for that one read.
 */
async function factsFor(db: Db, config: CenterConfig, state: SyncState, kioskId: string, now: number): Promise<KioskFacts | null> {
  const key = `${state.writes}:${Math.floor(now / FACTS_FRESH_MS)}`;
  if (state.facts?.key !== key) {
    const reads = readFacts(db, config, now, false);
    const facts = { key, reads, kiosks: new Map<string, KioskFacts | null>() };
    // a failed read is not kept: the next pull reads again
    reads.catch(() => state.facts === facts && (state.facts = null));
    state.facts = facts;
  }
  const { kiosks, reads } = state.facts;
  const r = await reads;
  if (!kiosks.has(kioskId)) {
    const s = buildSnapshot(config, kioskId, r.entries, now, r.identity, r.booking);
    if (!s.ok) return null;
    const configJson = JSON.stringify(pickFields(s.snapshot, CONFIG_FIELDS));
    const dayJson = JSON.stringify(pickFields(s.snapshot, DAY_FIELDS));
    kiosks.set(kioskId, { configJson, dayJson, versions: { config: versionOf(configJson), day: versionOf(dayJson) } });
  }
  return kiosks.get(kioskId) ?? null;
}

/** The answer to a kiosk holding `held` (null: nothing, a first pull). The body is JSON (SyncResponse). */
export async function answerSync(db: Db, config: CenterConfig, state: SyncState, kioskId: string, held: PartVersions | null, now: number): Promise<SyncAnswer> {
  state.epoch ??= await ensureSyncEpoch(db);
  const epoch = state.epoch;
  // the identity log's position is read before anything else (sync/identity.ts: why)
  const identity = await answerIdentity(db, epoch, held?.identity ?? null);
  const facts = await factsFor(db, config, state, kioskId, now);
  if (!facts) return { kind: 'unknown_kiosk' };
  const { configJson, dayJson } = facts;
  const versions: PartVersions = { ...facts.versions, identity: identity.version };
  const tag = syncTag(versions);
  if (held && held.config === versions.config && held.day === versions.day && identity.kind === 'unchanged') return { kind: 'unchanged', tag };

  // assembled as text: a full identity part is megabytes of JSON made once per change, not once per pull
  const pieces = [`"serverTime":${JSON.stringify(new Date(now).toISOString())}`];
  if (held?.config !== versions.config) pieces.push(`"config":{"version":"${versions.config}","data":${configJson}}`);
  if (held?.day !== versions.day) pieces.push(`"day":{"version":"${versions.day}","data":${dayJson}}`);
  if (identity.kind === 'changes') {
    pieces.push(`"identity":${JSON.stringify({ version: identity.version, since: identity.since, changes: identity.changes })}`);
  } else if (identity.kind === 'full') {
    if (state.full?.epoch !== epoch || state.full.seq !== identity.seq) {
      const full = { epoch, seq: identity.seq, json: loadSyncIdentityPart(db).then((p) => JSON.stringify(p)) };
      full.json.catch(() => state.full === full && (state.full = null)); // not kept when it failed
      state.full = full;
    }
    pieces.push(`"identity":{"version":"${identity.version}","full":${await state.full.json}}`);
  }
  return { kind: 'parts', tag, body: `{${pieces.join(',')}}` };
}
