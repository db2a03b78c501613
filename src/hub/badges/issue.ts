import { randomBytes } from 'node:crypto';
import { BADGE_PAYLOAD_FIT_BYTES, badgeSigningInput, encodeBadgePayload, formatBadge, type BadgePayload } from '../../domain/badge';
import { formatShortBadge, SHORT_BADGE_SECRET_BYTES } from '../../domain/badge-code';
import { err, ok, type Result } from '../../domain/result';
import type { Db, Queryable } from '../db/port';
import { sha256 } from '../kiosks/tokens';
import { signEd25519 } from './ed25519';
import { currentSigningKey, type SigningKey } from './keys';

/**
 * How long a printed badge stays valid. A hub constant rather than a center rule: it is fixed at
 * printing time and a badge cannot be changed afterwards, so a config edit would not reach old badges.
 */
export const BADGE_VALID_DAYS = 365;

export interface BadgeMember {
  readonly id: number;
  readonly maskedName: string;
}

export type IssueError = 'no_signing_key' | 'bad_member';

/**
 * The masked name, shortened until the payload fits a version-7 QR (DESIGN §4.1). maskName keeps names
 * short already; this only bites for unusual names (long words in 4-byte characters, huge member ids).
 */
function fitted(p: BadgePayload): Result<Uint8Array, IssueError> {
  let chars = [...p.name];
  for (;;) {
    const bytes = encodeBadgePayload({ ...p, name: chars.join('') });
    if (!bytes.ok) return err('bad_member');
    if (bytes.value.length <= BADGE_PAYLOAD_FIT_BYTES || chars.length <= 2) return ok(bytes.value);
    chars = [...chars.slice(0, -2), '*'];
  }
}

/** Signs a badge for a member with the given key. Pure apart from the crypto. */
export async function signBadge(member: BadgeMember, key: SigningKey, now: number): Promise<Result<string, IssueError>> {
  const issuedAt = Math.floor(now / 1000);
  const payload = { kid: key.kid, memberId: String(member.id), name: member.maskedName, issuedAt, expiresAt: issuedAt + BADGE_VALID_DAYS * 86_400 };
  const bytes = fitted(payload);
  if (!bytes.ok) return bytes;
  return ok(formatBadge(bytes.value, await signEd25519(key.privateKeyPkcs8, badgeSigningInput(bytes.value))));
}

/** A fresh badge token for a member, signed with the newest active key. */
export async function issueBadge(db: Queryable, member: BadgeMember, now: number): Promise<Result<string, IssueError>> {
  const key = await currentSigningKey(db);
  return key ? signBadge(member, key, now) : err('no_signing_key');
}

/** Writes a fresh short badge for a member; `onlyIfNone`: leave a member who has one as they are. */
async function writeShortBadge(q: Queryable, memberId: number, now: number, onlyIfNone: boolean): Promise<void> {
  const code = formatShortBadge(new Uint8Array(randomBytes(SHORT_BADGE_SECRET_BYTES)));
  await q.query(
    `UPDATE members SET badge_code = $2, badge_hash = $3, badge_issued_at = $4, updated_at = $4
     WHERE id = $1 ${onlyIfNone ? 'AND badge_code IS NULL' : ''}`,
    [memberId, code, sha256(code), new Date(now)],
  );
}

/**
 * A new short badge for a member (domain badge-code.ts), replacing any earlier one: the old code joins
 * the revocations every kiosk refuses from its next snapshot on, offline too. One transaction, so a
 * member is never left with the old code revoked and no new one.
 */
export async function issueShortBadge(db: Db, memberId: number, now: number): Promise<string | null> {
  return db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO revoked_badges (badge_hash, member_id, revoked_at)
       SELECT badge_hash, id, $2 FROM members WHERE id = $1 AND badge_hash IS NOT NULL ON CONFLICT DO NOTHING`,
      [memberId, new Date(now)],
    );
    await writeShortBadge(tx, memberId, now, false);
    return codeOf(tx, memberId);
  });
}

/**
 * The member's short badge, issued now if they have none yet (printing, the Badge page). Only where
 * there is none: two pages printing at once must not both issue, or the first printed card would be void.
 */
export async function shortBadgeOf(db: Queryable, memberId: number, now: number): Promise<string | null> {
  await writeShortBadge(db, memberId, now, true);
  return codeOf(db, memberId);
}

async function codeOf(q: Queryable, memberId: number): Promise<string | null> {
  const [row] = await q.query<{ badge_code: string | null }>('SELECT badge_code FROM members WHERE id = $1', [memberId]);
  return row?.badge_code ?? null;
}

/** Keys of replaced short badges, for the snapshot: kiosks refuse them even offline. */
export async function revokedBadgeKeys(db: Queryable): Promise<string[]> {
  return (await db.query<{ badge_hash: string }>('SELECT badge_hash FROM revoked_badges ORDER BY badge_hash')).map((r) => r.badge_hash);
}
