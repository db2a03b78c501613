import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/port';

export const SESSION_HOURS = 12;

export interface Session {
  readonly username: string;
  readonly csrfToken: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Creates a session; returns the id for the cookie. Only its sha256 is stored. */
export async function createSession(db: Db, username: string, now: number): Promise<{ id: string; csrfToken: string }> {
  const id = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  // expired sessions are swept here rather than by a timer: logins are rare and this is cheap
  await db.query('DELETE FROM admin_sessions WHERE expires_at < $1', [new Date(now).toISOString()]);
  await db.query('INSERT INTO admin_sessions (id_hash, username, csrf_token, expires_at) VALUES ($1, $2, $3, $4)', [
    sha256(id), username, csrfToken, new Date(now + SESSION_HOURS * 3_600_000).toISOString(),
  ]);
  return { id, csrfToken };
}

export async function findSession(db: Db, id: string | undefined, now: number): Promise<Session | null> {
  if (!id || id.length > 100) return null;
  const rows = await db.query<{ username: string; csrf_token: string }>(
    'SELECT username, csrf_token FROM admin_sessions WHERE id_hash = $1 AND expires_at > $2',
    [sha256(id), new Date(now).toISOString()],
  );
  const r = rows[0];
  return r ? { username: r.username, csrfToken: r.csrf_token } : null;
}

export async function deleteSession(db: Db, id: string | undefined): Promise<void> {
  if (id) await db.query('DELETE FROM admin_sessions WHERE id_hash = $1', [sha256(id)]);
}

/** Ends every session of a user (log out everywhere, a new password); returns how many ended. */
export async function deleteSessionsOf(db: Db, username: string): Promise<number> {
  const rows = await db.query('DELETE FROM admin_sessions WHERE username = $1 RETURNING id_hash', [username]);
  return rows.length;
}
