import { createHash } from 'node:crypto';
import type { CenterConfig } from '../../domain/index';
import { CONFIG_FIELDS, DAY_FIELDS, pickFields, syncTag, type PartVersions } from '../../domain/sync';
import { activeBadgeKeys, wireKeys } from '../badges/keys';
import { bookingsForSnapshot, suspensionsForSnapshot } from '../bookings/snapshot';
import { loadToday } from '../checkin/today';
import type { Db } from '../db/port';
import { noticesForSnapshot, reservationsForSnapshot } from '../reservations/apply';
import { listEntries } from '../schedule/repo';
import { buildSnapshot, snapshotWindow, type SnapshotResult } from '../snapshot';
import { answerIdentity, ensureSyncEpoch, loadIdentityPart, loadSyncIdentityPart } from './identity';

// What a kiosk's pull answers (issue 14): one route, /api/v1/sync, answers every part the kiosk does not
// hold at its current version, and 304 when it holds them all. The legacy /api/v1/snapshot (kiosks of an
// older version, until they update) is the same reads assembled in one piece.

/** What the hub keeps between pulls: its database's epoch and the last full identity part it built. */
export interface SyncState {
  epoch: string | null;
  full: { readonly epoch: string; readonly seq: number; readonly json: string } | null;
}

export const createSyncState = (): SyncState => ({ epoch: null, full: null });

/** The snapshot's reads of config and day, and identity in full when `withIdentity` (the legacy pull). */
export async function readSnapshot(db: Db, config: CenterConfig, kioskId: string, now: number, withIdentity: boolean): Promise<SnapshotResult> {
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
  };
  return buildSnapshot(config, kioskId, entries, now, identity, booking);
}

const versionOf = (json: string) => createHash('sha256').update(json).digest('base64url').slice(0, 22);

export type SyncAnswer =
  | { readonly kind: 'unknown_kiosk' }
  | { readonly kind: 'unchanged'; readonly tag: string }
  | { readonly kind: 'parts'; readonly tag: string; readonly body: string };

/** The answer to a kiosk holding `held` (null: nothing, a first pull). The body is JSON (SyncResponse). */
export async function answerSync(db: Db, config: CenterConfig, state: SyncState, kioskId: string, held: PartVersions | null, now: number): Promise<SyncAnswer> {
  state.epoch ??= await ensureSyncEpoch(db);
  const epoch = state.epoch;
  // the identity log's position is read before anything else (sync/identity.ts: why)
  const identity = await answerIdentity(db, epoch, held?.identity ?? null);
  const snapshot = await readSnapshot(db, config, kioskId, now, false);
  if (!snapshot.ok) return { kind: 'unknown_kiosk' };
  const configJson = JSON.stringify(pickFields(snapshot.snapshot, CONFIG_FIELDS));
  const dayJson = JSON.stringify(pickFields(snapshot.snapshot, DAY_FIELDS));
  const versions: PartVersions = { config: versionOf(configJson), identity: identity.version, day: versionOf(dayJson) };
  const tag = syncTag(versions);
  if (held && held.config === versions.config && held.day === versions.day && identity.kind === 'unchanged') return { kind: 'unchanged', tag };

  // assembled as text: a full identity part is megabytes of JSON made once per change, not once per pull
  const pieces = [`"serverTime":${JSON.stringify(snapshot.snapshot.serverTime)}`];
  if (held?.config !== versions.config) pieces.push(`"config":{"version":"${versions.config}","data":${configJson}}`);
  if (held?.day !== versions.day) pieces.push(`"day":{"version":"${versions.day}","data":${dayJson}}`);
  if (identity.kind === 'changes') {
    pieces.push(`"identity":${JSON.stringify({ version: identity.version, since: identity.since, changes: identity.changes })}`);
  } else if (identity.kind === 'full') {
    if (state.full?.epoch !== epoch || state.full.seq !== identity.seq) {
      state.full = { epoch, seq: identity.seq, json: JSON.stringify(await loadSyncIdentityPart(db)) };
    }
    pieces.push(`"identity":{"version":"${identity.version}","full":${state.full.json}}`);
  }
  return { kind: 'parts', tag, body: `{${pieces.join(',')}}` };
}
