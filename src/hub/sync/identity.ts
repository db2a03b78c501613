import { randomBytes } from 'node:crypto';
import { mapKey } from '../../domain/card';
import { identityVersion, mapKeyed, parseIdentityVersion, type IdentityChanges, type IdentityPart, type MemberIdentity } from '../../domain/sync';
import { revokedBadgeKeys } from '../badges/issue';
import { loadCardMap } from '../checkin/today';
import type { Queryable } from '../db/port';
import { suspendedMemberIds } from '../members/repo';

// The identity part of a kiosk's pull (issue 14): in full, or as the changes since the kiosk's version,
// read from the change log the triggers of migration 009 write.
//
// Reads take the log's position first and the data after it. Data read later may already hold a change
// logged after that position; the kiosk then gets it once more at its next pull, which changes nothing
// (a member's state is set, never added to). The other order could lose a change.

/** More changed members than this since a kiosk's version: it gets the part in full (as large, and simpler). */
export const FULL_AFTER_MEMBERS = 10_000;
/** How many changes the log keeps (a few imports of the whole union): a kiosk behind by more gets the part in full. */
export const LOG_KEEP = 200_000;

/** This database's epoch, made at its first start (and after a restore, which leaves sync_state out). */
export async function ensureSyncEpoch(db: Queryable): Promise<string> {
  await db.query('INSERT INTO sync_state (id, epoch) VALUES (1, $1) ON CONFLICT (id) DO NOTHING', [randomBytes(6).toString('base64url')]);
  return (await db.query<{ epoch: string }>('SELECT epoch FROM sync_state WHERE id = 1'))[0]!.epoch;
}

/** The change log's last position (0 when empty). */
export async function identitySeq(db: Queryable): Promise<number> {
  return Number((await db.query<{ seq: string | number | null }>('SELECT max(seq) AS seq FROM sync_identity_log'))[0]?.seq ?? 0);
}

/** The identity part with whole card keys, as the legacy /snapshot sends it to kiosks of an older version. */
export async function loadIdentityPart(db: Queryable): Promise<IdentityPart> {
  return { revokedMembers: await suspendedMemberIds(db), revokedBadges: await revokedBadgeKeys(db), cardMap: await loadCardMap(db) };
}

/** The identity part as /sync sends it: the card map keyed by map keys (domain card.ts: why). */
export async function loadSyncIdentityPart(db: Queryable): Promise<IdentityPart> {
  const part = await loadIdentityPart(db);
  return { ...part, cardMap: mapKeyed(part.cardMap) };
}

export type IdentityAnswer =
  | { readonly kind: 'unchanged'; readonly version: string }
  | { readonly kind: 'changes'; readonly version: string; readonly since: string; readonly changes: IdentityChanges }
  | { readonly kind: 'full'; readonly version: string; readonly seq: number };

/**
 * What a kiosk at `held` (null: none) needs of the identity part. `full` leaves building the part to the
 * caller, which keeps one per log position for every kiosk that needs it.
 */
export async function answerIdentity(db: Queryable, epoch: string, held: string | null): Promise<IdentityAnswer> {
  const seq = await identitySeq(db);
  const version = identityVersion(epoch, seq);
  const h = held === null ? null : parseIdentityVersion(held);
  // another database (restored, replaced), a position it never reached, or none: in full
  if (!h || h.epoch !== epoch || h.seq > seq) return { kind: 'full', version, seq };
  if (h.seq === seq) return { kind: 'unchanged', version };
  const oldest = Number((await db.query<{ seq: string | number | null }>('SELECT min(seq) AS seq FROM sync_identity_log'))[0]?.seq ?? seq);
  if (h.seq < oldest - 1) return { kind: 'full', version, seq }; // what it missed was pruned
  const logged = await db.query<{ member_id: number | null; badge_hash: string | null; old_card_hash: string | null; old_badge_hash: string | null; logged_old: boolean }>(
    'SELECT DISTINCT member_id, badge_hash, old_card_hash, old_badge_hash, logged_old FROM sync_identity_log WHERE seq > $1 AND seq <= $2',
    [h.seq, seq],
  );
  // a change logged before its old keys were (migration 010): the kiosk could not drop them
  if (logged.some((r) => r.member_id !== null && !r.logged_old)) return { kind: 'full', version, seq };
  const ids = [...new Set(logged.flatMap((r) => (r.member_id === null ? [] : [r.member_id])))];
  if (ids.length > FULL_AFTER_MEMBERS) return { kind: 'full', version, seq };
  const rows = ids.length === 0 ? [] : await db.query<{ id: number; masked_name: string; card_hash: string | null; badge_hash: string | null; suspended: boolean }>(
    'SELECT id, masked_name, card_hash, badge_hash, suspended_at IS NOT NULL AS suspended FROM members WHERE id = ANY($1::int[]) ORDER BY id',
    [ids],
  );
  const members: MemberIdentity[] = rows.map((r) => ({
    memberId: String(r.id), maskedName: r.masked_name, keys: [r.card_hash, r.badge_hash].filter((k): k is string => k !== null).map(mapKey), suspended: r.suspended,
  }));
  const present = new Set(rows.map((r) => r.id));
  const changes: IdentityChanges = {
    members,
    removed: ids.filter((id) => !present.has(id)).map(String),
    // every key a changed member held at the kiosk's version is among these: each change logs the keys it replaced
    gone: [...new Set(logged.flatMap((r) => [r.old_card_hash, r.old_badge_hash].filter((k): k is string => k !== null).map(mapKey)))].sort(),
    revokedBadges: [...new Set(logged.flatMap((r) => (r.badge_hash === null ? [] : [r.badge_hash])))].sort(),
  };
  return { kind: 'changes', version, since: held!, changes };
}

/** Keeps the newest LOG_KEEP changes. By count, not age: the hub's clock may be given to it, the database's is not. */
export async function pruneIdentityLog(db: Queryable, keep = LOG_KEEP): Promise<number> {
  const rows = await db.query<{ seq: number }>('DELETE FROM sync_identity_log WHERE seq <= (SELECT max(seq) FROM sync_identity_log) - $1 RETURNING seq', [keep]);
  return rows.length;
}
