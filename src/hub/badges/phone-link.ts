import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/port';
import { sha256 } from '../kiosks/tokens';

// A member's phone badge (issue 11): a personal link, /b/<token>, that staff send to the member. The
// page it opens shows the member's current short badge, large, for the kiosk camera. The token is 256
// random bits; the hub keeps only its sha256, like device tokens. Revoking it (a lost phone) leaves the
// printed badge working; a new badge (Issue a new badge) shows on the same link.

export const PHONE_LINK_RE = /^[A-Za-z0-9_-]{43}$/;

/** A new link for a member; earlier links stay valid until revoked. */
export async function createPhoneLink(db: Queryable, memberId: number, now: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.query('INSERT INTO badge_links (token_hash, member_id, created_at) VALUES ($1, $2, $3)', [sha256(token), memberId, new Date(now)]);
  return token;
}

/** Revokes every link of a member (a lost phone); returns how many were live. */
export async function revokePhoneLinks(db: Queryable, memberId: number, now: number): Promise<number> {
  const rows = await db.query('UPDATE badge_links SET revoked_at = $2 WHERE member_id = $1 AND revoked_at IS NULL RETURNING token_hash', [memberId, new Date(now)]);
  return rows.length;
}

export async function livePhoneLinks(db: Queryable, memberId: number): Promise<number> {
  const [row] = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM badge_links WHERE member_id = $1 AND revoked_at IS NULL', [memberId]);
  return Number(row?.n ?? 0);
}

/** The member a live link opens, with their badge code and masked name; null for a wrong, revoked or suspended one. */
export async function memberOfPhoneLink(db: Queryable, token: string): Promise<{ memberId: number; maskedName: string; code: string | null } | null> {
  if (!PHONE_LINK_RE.test(token)) return null;
  const [row] = await db.query<{ id: number; masked_name: string; badge_code: string | null }>(
    `SELECT m.id, m.masked_name, m.badge_code FROM badge_links l JOIN members m ON m.id = l.member_id
     WHERE l.token_hash = $1 AND l.revoked_at IS NULL AND m.suspended_at IS NULL`,
    [sha256(token)],
  );
  return row ? { memberId: row.id, maskedName: row.masked_name, code: row.badge_code } : null;
}
