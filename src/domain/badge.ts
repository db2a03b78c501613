import { fromBase64url, toBase64url, utf8Decode, utf8Encode } from './bytes';
import { err, ok, type Result } from './result';

// The member badge (DESIGN §4.1): `WSC1.<payload>.<signature>`, both parts base64url without padding.
//
// Why binary and not JSON: the Ed25519 signature alone is 86 characters, "WSC1." and the second dot 6
// more, and a QR of version 7 at error correction M holds 122 bytes. That leaves 30 characters, i.e.
// 22 payload bytes. Layout, in order:
//   kid        unsigned LEB128 varint   (1 byte below 128)
//   memberId   unsigned LEB128 varint   (3 bytes up to 2 097 151)
//   issuedAt   uint32 big-endian, Unix seconds (good until 2106)
//   validFor   unsigned LEB128 varint, seconds after issuedAt (4 bytes for a year)
//   name       the masked display name, UTF-8, the rest of the payload (张*明 is 7 bytes, 欧阳*华 10)
//
// The signature covers the ASCII text `WSC1.<payload>`, not only the payload bytes, so the version tag
// is signed too and a later format can never be read as this one.

export const BADGE_PREFIX = 'WSC1.';
/** The largest payload that keeps the whole token in a QR of version ≤ 7 at error correction M. */
export const BADGE_PAYLOAD_FIT_BYTES = 22;
/** Hard limit on the payload; anything longer is not a badge the hub made. */
const PAYLOAD_MAX_BYTES = 64;
/** Longer text is refused before any decoding: a scanner may hand over a whole page of text. */
export const BADGE_MAX_CHARS = 256;
const SIGNATURE_BYTES = 64;
const NAME_MAX_CHARS = 24;
const UINT32_MAX = 0xffff_ffff;
// C0/C1 controls, bidi overrides and line separators have no place in a name shown on a screen
const UNSAFE_NAME = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

export interface BadgePayload {
  /** the signing key's id, as listed in the snapshot's badgeKeys */
  readonly kid: number;
  /** the hub's member id, decimal digits */
  readonly memberId: string;
  /** masked for screens already (张*明); never the full name */
  readonly name: string;
  /** Unix seconds */
  readonly issuedAt: number;
  /** Unix seconds */
  readonly expiresAt: number;
}

export type BadgeEncodeError = 'bad_kid' | 'bad_member_id' | 'bad_times' | 'bad_name';
export type BadgeParseError = 'not_our_code' | 'malformed';
export type BadgeCheckError = 'expired_badge' | 'revoked_badge' | 'unknown_key' | 'bad_signature' | 'suspended_member';
export type BadgeError = BadgeParseError | BadgeCheckError;

export interface ParsedBadge {
  readonly payload: BadgePayload;
  /** the exact bytes the signature covers (ASCII `WSC1.<payload>`) */
  readonly signedBytes: Uint8Array;
  readonly signature: Uint8Array;
}

/** A badge's own id, for revoking one badge rather than a member: member id and issue second. */
export const badgeIdOf = (p: Pick<BadgePayload, 'memberId' | 'issuedAt'>): string => `${p.memberId}@${p.issuedAt}`;

const isUint32 = (n: number) => Number.isInteger(n) && n >= 0 && n <= UINT32_MAX;
const MEMBER_ID_RE = /^(0|[1-9][0-9]{0,9})$/;

function pushVarint(out: number[], n: number): void {
  let rest = n;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
}

/** Reads a varint of at most 5 bytes and at most 2^32−1; null when it runs off the end or is too big. */
function readVarint(bytes: Uint8Array, at: number): { value: number; next: number } | null {
  let value = 0;
  for (let k = 0; k < 5; k++) {
    const b = bytes[at + k];
    if (b === undefined) return null;
    value += (b & 0x7f) * 2 ** (7 * k);
    if ((b & 0x80) === 0) {
      // a trailing zero byte would be a second spelling of a smaller varint
      if (k > 0 && b === 0) return null;
      return value <= UINT32_MAX ? { value, next: at + k + 1 } : null;
    }
  }
  return null;
}

function nameProblem(name: string): boolean {
  const chars = [...name].length;
  return chars === 0 || chars > NAME_MAX_CHARS || UNSAFE_NAME.test(name) || name.trim() !== name;
}

/** The payload bytes of a badge (not yet base64url). */
export function encodeBadgePayload(p: BadgePayload): Result<Uint8Array, BadgeEncodeError> {
  if (!isUint32(p.kid)) return err('bad_kid');
  if (!MEMBER_ID_RE.test(p.memberId) || Number(p.memberId) > UINT32_MAX) return err('bad_member_id');
  if (!isUint32(p.issuedAt) || !isUint32(p.expiresAt) || p.expiresAt < p.issuedAt) return err('bad_times');
  if (nameProblem(p.name)) return err('bad_name');
  const out: number[] = [];
  pushVarint(out, p.kid);
  pushVarint(out, Number(p.memberId));
  out.push((p.issuedAt >>> 24) & 0xff, (p.issuedAt >>> 16) & 0xff, (p.issuedAt >>> 8) & 0xff, p.issuedAt & 0xff);
  pushVarint(out, p.expiresAt - p.issuedAt);
  out.push(...utf8Encode(p.name));
  if (out.length > PAYLOAD_MAX_BYTES) return err('bad_name');
  return ok(Uint8Array.from(out));
}

export function decodeBadgePayload(bytes: Uint8Array): BadgePayload | null {
  if (bytes.length > PAYLOAD_MAX_BYTES) return null;
  const kid = readVarint(bytes, 0);
  const member = kid && readVarint(bytes, kid.next);
  if (!kid || !member || member.next + 4 > bytes.length) return null;
  const i = member.next;
  const issuedAt = bytes[i]! * 0x100_0000 + ((bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!);
  const valid = readVarint(bytes, i + 4);
  if (!valid || issuedAt + valid.value > UINT32_MAX) return null;
  const name = utf8Decode(bytes.subarray(valid.next));
  if (name === null || nameProblem(name)) return null;
  return { kid: kid.value, memberId: String(member.value), name, issuedAt, expiresAt: issuedAt + valid.value };
}

/** The text `WSC1.<payload>` that gets signed, as ASCII bytes. */
export function badgeSigningInput(payloadBytes: Uint8Array): Uint8Array {
  return utf8Encode(`${BADGE_PREFIX}${toBase64url(payloadBytes)}`);
}

/** The full token from the payload bytes and their signature over badgeSigningInput(payloadBytes). */
export function formatBadge(payloadBytes: Uint8Array, signature: Uint8Array): string {
  return `${BADGE_PREFIX}${toBase64url(payloadBytes)}.${toBase64url(signature)}`;
}

/**
 * Reads scanned text as a badge. Anything that does not start with `WSC1.` (a URL, another QR, a card
 * number) is `not_our_code`; something that does but is broken (truncated, not base64url, wrong sizes) is
 * `malformed`. The length is checked before anything else is done with the text.
 */
export function parseBadge(text: unknown): Result<ParsedBadge, BadgeParseError> {
  if (typeof text !== 'string') return err('not_our_code');
  if (text.length > BADGE_MAX_CHARS) return err(text.startsWith(BADGE_PREFIX) ? 'malformed' : 'not_our_code');
  // a wedge scanner ends with Enter and some add a space; nothing else is forgiven
  const token = text.trim();
  if (!token.startsWith(BADGE_PREFIX)) return err('not_our_code');
  const parts = token.slice(BADGE_PREFIX.length).split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return err('malformed');
  const payloadBytes = fromBase64url(parts[0]);
  const signature = fromBase64url(parts[1]);
  if (!payloadBytes || !signature || signature.length !== SIGNATURE_BYTES) return err('malformed');
  const payload = decodeBadgePayload(payloadBytes);
  if (!payload) return err('malformed');
  return ok({ payload, signedBytes: badgeSigningInput(payloadBytes), signature });
}

type IdSet = ReadonlySet<string> | readonly string[];
const has = (set: IdSet | undefined, id: string) => (set === undefined ? false : Array.isArray(set) ? set.includes(id) : (set as ReadonlySet<string>).has(id));

export interface BadgeContext {
  /** kid → raw 32-byte Ed25519 public key; several at once while keys rotate */
  readonly keys: ReadonlyMap<number, Uint8Array>;
  /** member ids whose every badge is revoked */
  readonly revokedMembers?: IdSet;
  /** single badges, by badgeIdOf */
  readonly revokedBadges?: IdSet;
  /** member ids suspended as of the last snapshot */
  readonly suspendedMembers?: IdSet;
  /** epoch milliseconds, like every clock in the domain */
  readonly now: number;
}

/**
 * The verdict on a parsed badge once its signature has been checked (`verified`). Order matters: a
 * badge we cannot vouch for says nothing about the member, so key and signature come first.
 */
export function checkBadge(parsed: ParsedBadge, ctx: BadgeContext, verified: boolean): Result<BadgePayload, BadgeCheckError> {
  const p = parsed.payload;
  if (!ctx.keys.has(p.kid)) return err('unknown_key');
  if (!verified) return err('bad_signature');
  if (has(ctx.revokedMembers, p.memberId) || has(ctx.revokedBadges, badgeIdOf(p))) return err('revoked_badge');
  if (has(ctx.suspendedMembers, p.memberId)) return err('suspended_member');
  if (ctx.now >= p.expiresAt * 1000) return err('expired_badge');
  return ok(p);
}

/** The signature check, a port: WebCrypto is async and lives outside the domain. */
export type VerifyEd25519 = (publicKeyRaw: Uint8Array, signature: Uint8Array, data: Uint8Array) => Promise<boolean>;

/** parse → key lookup → signature → revocation, suspension and expiry. A throwing verifier counts as a bad signature. */
export async function verifyBadge(text: unknown, ctx: BadgeContext, verify: VerifyEd25519): Promise<Result<BadgePayload, BadgeError>> {
  const parsed = parseBadge(text);
  if (!parsed.ok) return parsed;
  const key = ctx.keys.get(parsed.value.payload.kid);
  if (!key) return err('unknown_key');
  const verified = await verify(key, parsed.value.signature, parsed.value.signedBytes).catch(() => false);
  return checkBadge(parsed.value, ctx, verified);
}
