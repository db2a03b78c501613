import { err, ok, type Result } from './result';

// The short member badge (issue 11): `W2.` and 16 characters of base32, an 80-bit random secret the hub
// makes, looked up by its hash in the snapshot's card map the way a card is (sha256 → member, masked
// name). Why not a signed token: an Ed25519 signature alone is 86 characters, a QR of version 7 (45×45
// modules), and at the distances workers hold a card to a 65° webcam its modules are smaller than the
// blur (BENCHMARKS.md, camera corpus: no read at all). These 19 characters are a version-1 symbol (21×21)
// in QR alphanumeric mode at error correction M, the largest modules a QR has.
//
// Revocation is removal from the map (a new badge replaces the old one's hash); a badge newer than a
// kiosk's snapshot is accepted offline as unverified, like an unknown card, and the hub resolves it.

export const SHORT_BADGE_PREFIX = 'W2.';
export const SHORT_BADGE_SECRET_BYTES = 10; // 80 bits: guessing one of 50,000 badges takes ~2^64 tries
const SECRET_CHARS = 16;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'; // RFC 4648 base32: all in QR alphanumeric mode
const CODE_RE = /^W2\.([A-Z2-7]{16})$/;

/** The badge text for 10 random bytes (the hub's; time and randomness are the caller's). */
export function formatShortBadge(secret: Uint8Array): string {
  if (secret.length !== SHORT_BADGE_SECRET_BYTES) throw new Error(`a short badge needs ${SHORT_BADGE_SECRET_BYTES} random bytes`);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of secret) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return SHORT_BADGE_PREFIX + out;
}

export type ShortBadgeError = 'not_our_code' | 'malformed';

/**
 * A scanned text as a short badge, in its one spelling (upper case: a keyboard-wedge scanner with caps
 * lock on types it in lower case); 'malformed' for our prefix with a body that is not 16 base32 letters.
 */
export function parseShortBadge(text: string): Result<string, ShortBadgeError> {
  const t = text.trim().toUpperCase();
  if (!t.startsWith(SHORT_BADGE_PREFIX)) return err('not_our_code');
  if (!CODE_RE.test(t) || t.length !== SHORT_BADGE_PREFIX.length + SECRET_CHARS) return err('malformed');
  return ok(t);
}

/** A short badge's id for events and staff: its map key's first 16 hex digits, never the secret. */
export const shortBadgeId = (key: string): string => `code:${key.slice(0, 16)}`;
