import type { Db } from '../../db/port';
import { generatePassword, hashPassword, verifyPassword } from './password';
import { deleteSessionsOf } from './sessions';

export const ADMIN_USER = 'admin';

/** What the console should say about logging in. */
export type AdminBootstrap =
  | { kind: 'generated'; password: string } // first start: shown once, only its hash is kept
  | { kind: 'from_env'; changed: boolean } // changed: a new password, so every old session was ended
  | { kind: 'existing' };

/**
 * Makes sure the admin user exists. ADMIN_PASSWORD, when set, (re)sets its hash at every start, which
 * is also how a forgotten password is reset. Without it, the first start generates one.
 */
export async function ensureAdmin(db: Db, envPassword: string | undefined): Promise<AdminBootstrap> {
  if (envPassword) {
    const stored = await passwordHashOf(db, ADMIN_USER);
    if (stored !== null && (await verifyPassword(envPassword, stored))) return { kind: 'from_env', changed: false };
    const hash = await hashPassword(envPassword);
    await db.query(
      `INSERT INTO admin_users (username, password_hash) VALUES ($1, $2)
       ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash, updated_at = now()`,
      [ADMIN_USER, hash],
    );
    // a session made with the old password must not outlive it (issue 10)
    await deleteSessionsOf(db, ADMIN_USER);
    return { kind: 'from_env', changed: stored !== null };
  }
  const password = generatePassword();
  const hash = await hashPassword(password);
  // DO NOTHING: two hubs starting at once on one database must not both claim to have set it
  const rows = await db.query(
    'INSERT INTO admin_users (username, password_hash) VALUES ($1, $2) ON CONFLICT (username) DO NOTHING RETURNING username',
    [ADMIN_USER, hash],
  );
  return rows.length > 0 ? { kind: 'generated', password } : { kind: 'existing' };
}

export async function passwordHashOf(db: Db, username: string): Promise<string | null> {
  const rows = await db.query<{ password_hash: string }>('SELECT password_hash FROM admin_users WHERE username = $1', [username]);
  return rows[0]?.password_hash ?? null;
}
