import { parsePinHash, PIN_RE } from '../../domain/pin';

// Checks a staff PIN against its PBKDF2-SHA256 hash with WebCrypto, offline. Never throws.

const fromB64url = (s: string): Uint8Array<ArrayBuffer> => {
  const b = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  return Uint8Array.from(b, (c) => c.charCodeAt(0));
};

/** Constant-time compare of two byte arrays of the same length. */
function same(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

export async function verifyPin(pin: string, hashText: string, subtle: SubtleCrypto = crypto.subtle): Promise<boolean> {
  const h = parsePinHash(hashText);
  if (!h || !PIN_RE.test(pin)) return false;
  try {
    const key = await subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
    const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: fromB64url(h.salt), iterations: h.iterations }, key, 256);
    return same(new Uint8Array(bits), fromB64url(h.hash));
  } catch {
    return false;
  }
}
