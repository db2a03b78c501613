import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { badgeSigningInput, decodeBadgePayload, encodeBadgePayload, formatBadge, type BadgePayload } from '../../src/domain/badge';
import { fromBase64url } from '../../src/domain/bytes';
import { storedRows } from './stored-rows';

// Badges the hub would never hand out, made honestly: an expired one signed with the hub's own key
// (read from its database while it is stopped), and a forged one signed with a key the hub never had.

export interface HubSigningKey {
  readonly kid: number;
  readonly privateKeyPkcs8: Uint8Array;
}

/** The key the hub signs with (its newest active one), from a stopped hub's embedded database. */
export async function hubSigningKey(dataDir: string): Promise<HubSigningKey> {
  const [row] = await storedRows<{ kid: number; private_key: Uint8Array }>(
    dataDir,
    'SELECT kid, private_key FROM signing_keys WHERE active ORDER BY created_at DESC, kid DESC LIMIT 1',
  );
  if (!row) throw new Error('the hub has no active signing key');
  return { kid: row.kid, privateKeyPkcs8: new Uint8Array(row.private_key) };
}

/** A token for `payload` signed with an Ed25519 private key (PKCS#8 DER), the way the hub formats it. */
export function signBadgeToken(payload: BadgePayload, privateKeyPkcs8: Uint8Array): string {
  const bytes = encodeBadgePayload(payload);
  if (!bytes.ok) throw new Error(`cannot encode badge: ${bytes.error}`);
  const key = createPrivateKey({ key: Buffer.from(privateKeyPkcs8), format: 'der', type: 'pkcs8' });
  return formatBadge(bytes.value, new Uint8Array(sign(null, badgeSigningInput(bytes.value), key)));
}

/** The payload of a token, e.g. one the hub issued. */
export function payloadOf(token: string): BadgePayload {
  const [, payload] = token.split('.');
  const decoded = payload ? decodeBadgePayload(fromBase64url(payload) ?? new Uint8Array()) : null;
  if (!decoded) throw new Error(`not a badge: ${token}`);
  return decoded;
}

const DAY_S = 86_400;

/** A badge of the hub's own key for a member that ran out a day before `now` (issued a year before that). */
export function expiredBadge(key: HubSigningKey, member: { id: number; maskedName: string }, now: number): string {
  const expiresAt = Math.floor(now / 1000) - DAY_S;
  return signBadgeToken({ kid: key.kid, memberId: String(member.id), name: member.maskedName, issuedAt: expiresAt - 365 * DAY_S, expiresAt }, key.privateKeyPkcs8);
}

/**
 * A forgery of a real token: the same kid, member and dates, signed with a fresh key that is not the
 * hub's — what someone who copied a badge layout but not the hub's private key can make.
 */
export function forgedBadge(realToken: string): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return signBadgeToken(payloadOf(realToken), new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' })));
}
