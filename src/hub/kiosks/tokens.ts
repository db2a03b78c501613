import { createHash, randomBytes } from 'node:crypto';
import type { Db, Queryable } from '../db/port';

// Device tokens and one-time enrollment codes. Only sha256 of either is stored: a copy of the database
// does not let anyone act as a kiosk.

export const ENROLLMENT_CODE_HOURS = 24;

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const secret = () => randomBytes(32).toString('base64url');

/** A new one-time code for a kiosk; the kiosk's current token stays valid until the code is redeemed. */
export async function issueEnrollmentCode(db: Queryable, kioskId: string, now: number): Promise<string> {
  const code = secret();
  await db.query(
    'INSERT INTO enrollment_codes (code_hash, kiosk_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
    [sha256(code), kioskId, new Date(now), new Date(now + ENROLLMENT_CODE_HOURS * 3_600_000)],
  );
  return code;
}

export type RedeemError = 'bad_enrollment_code';

/** Redeems a code once: a fresh device token replaces the kiosk's old one. */
export async function redeemEnrollmentCode(db: Db, code: string, now: number): Promise<{ kioskId: string; token: string } | RedeemError> {
  return db.transaction(async (tx) => {
    // the UPDATE … RETURNING claims the code atomically: two redemptions cannot both succeed
    const [row] = await tx.query<{ kiosk_id: string }>(
      'UPDATE enrollment_codes SET used_at = $2 WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING kiosk_id',
      [sha256(code), new Date(now)],
    );
    if (!row) return 'bad_enrollment_code' as const;
    const token = secret();
    await tx.query(
      `INSERT INTO kiosks (id, token_hash, enrolled_at) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET token_hash = EXCLUDED.token_hash, enrolled_at = EXCLUDED.enrolled_at`,
      [row.kiosk_id, sha256(token), new Date(now)],
    );
    return { kioskId: row.kiosk_id, token };
  });
}

/** The kiosk a bearer token belongs to, or null; marks it seen. */
export async function kioskOfToken(db: Queryable, token: string, now: number): Promise<string | null> {
  const [row] = await db.query<{ id: string }>(
    'UPDATE kiosks SET last_seen_at = $2 WHERE token_hash = $1 RETURNING id',
    [sha256(token), new Date(now)],
  );
  return row?.id ?? null;
}
