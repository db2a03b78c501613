import { toBase64url } from '../../domain/bytes';
import type { Db, Queryable } from '../db/port';
import { generateEd25519 } from './ed25519';
import { lockSigningKeys } from '../db/locks';

// The badge signing keys in the database. Kept apart from issuing so the snapshot can list the public
// halves without ever selecting a private key.

// Two hubs starting on one PostgreSQL must not both create "the first" key.

export interface PublicBadgeKey {
  readonly kid: number;
  readonly publicKeyRaw: Uint8Array;
}

export interface SigningKey extends PublicBadgeKey {
  readonly privateKeyPkcs8: Uint8Array;
}

// pg gives bytea as a Buffer, PGlite as a Uint8Array: both become a plain Uint8Array
const bytesOf = (value: unknown) => new Uint8Array(value as Uint8Array);

/** Adds a fresh active key and returns its kid; the newest active key is the one that signs. */
export async function createSigningKey(tx: Queryable, now: number): Promise<number> {
  const pair = await generateEd25519();
  const rows = await tx.query<{ kid: number }>(
    `INSERT INTO signing_keys (kid, public_key, private_key, created_at)
     SELECT COALESCE(MAX(kid), 0) + 1, $1, $2, $3 FROM signing_keys RETURNING kid`,
    [Buffer.from(pair.publicKeyRaw), Buffer.from(pair.privateKeyPkcs8), new Date(now).toISOString()],
  );
  return rows[0]!.kid;
}

/** On start: makes sure one active key exists. Returns the kid created now, or null when there was one. */
export async function ensureSigningKey(db: Db, now: number): Promise<number | null> {
  return db.transaction(async (tx) => {
    await lockSigningKeys(tx);
    const active = await tx.query('SELECT 1 FROM signing_keys WHERE active LIMIT 1');
    return active.length > 0 ? null : createSigningKey(tx, now);
  });
}

/** Every active key's public half, oldest first: what kiosks verify with. */
export async function activeBadgeKeys(db: Queryable): Promise<PublicBadgeKey[]> {
  const rows = await db.query<{ kid: number; public_key: unknown }>('SELECT kid, public_key FROM signing_keys WHERE active ORDER BY kid');
  return rows.map((r) => ({ kid: r.kid, publicKeyRaw: bytesOf(r.public_key) }));
}

/** The newest active key, with its private half; null only before ensureSigningKey ran. */
export async function currentSigningKey(db: Queryable): Promise<SigningKey | null> {
  const rows = await db.query<{ kid: number; public_key: unknown; private_key: unknown }>(
    'SELECT kid, public_key, private_key FROM signing_keys WHERE active ORDER BY created_at DESC, kid DESC LIMIT 1',
  );
  const r = rows[0];
  return r ? { kid: r.kid, publicKeyRaw: bytesOf(r.public_key), privateKeyPkcs8: bytesOf(r.private_key) } : null;
}

/** Stops a key from signing and from being accepted by kiosks at their next snapshot. */
export async function retireSigningKey(db: Queryable, kid: number, now: number): Promise<void> {
  await db.query('UPDATE signing_keys SET active = false, retired_at = $2 WHERE kid = $1 AND active', [kid, new Date(now).toISOString()]);
}

/** The snapshot's form: kid and the raw public key in base64url. */
export const wireKeys = (keys: readonly PublicBadgeKey[]) => keys.map((k) => ({ kid: k.kid, publicKey: toBase64url(k.publicKeyRaw) }));
