// The staff PIN is stored as a PBKDF2-SHA256 hash so the kiosk can check it offline with WebCrypto
// (which has PBKDF2, not scrypt). Format: "pbkdf2-sha256$<iterations>$<salt b64url>$<hash b64url>".

export interface PinHash {
  readonly iterations: number;
  readonly salt: string; // base64url
  readonly hash: string; // base64url of 32 bytes
}

export const PIN_ITERATIONS = 100_000;
export const PIN_RE = /^\d{4,8}$/;

export function parsePinHash(text: string): PinHash | null {
  const m = /^pbkdf2-sha256\$(\d{4,7})\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{43})$/.exec(text);
  return m ? { iterations: Number(m[1]), salt: m[2]!, hash: m[3]! } : null;
}

export function formatPinHash(h: PinHash): string {
  return `pbkdf2-sha256$${h.iterations}$${h.salt}$${h.hash}`;
}

/** Seconds to wait before the next PIN try after `failures` wrong ones: 0, 0, 2, 4, 8 … capped at 60. */
export function pinDelaySeconds(failures: number): number {
  return failures < 2 ? 0 : Math.min(60, 2 ** (failures - 1));
}
