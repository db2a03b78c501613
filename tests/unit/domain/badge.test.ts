import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BADGE_MAX_CHARS, badgeIdOf, badgeSigningInput, checkBadge, encodeBadgePayload, formatBadge, parseBadge, verifyBadge,
  type BadgeContext, type BadgePayload,
} from '../../../src/domain/badge';
import { fromBase64url, toBase64url, utf8Decode, utf8Encode } from '../../../src/domain/bytes';
import { generateEd25519, signEd25519, verifyEd25519, type Ed25519KeyPair } from '../../../src/hub/badges/ed25519';

const NOW = Date.parse('2026-03-04T02:00:00Z');
const NOW_S = NOW / 1000;
const YEAR = 365 * 86_400;
const PAYLOAD: BadgePayload = { kid: 1, memberId: '1234', name: '张*明', issuedAt: NOW_S - 86_400, expiresAt: NOW_S - 86_400 + YEAR };

let key: Ed25519KeyPair;
let other: Ed25519KeyPair;
beforeAll(async () => {
  [key, other] = await Promise.all([generateEd25519(), generateEd25519()]);
});

async function sign(p: BadgePayload, with_ = key): Promise<string> {
  const bytes = encodeBadgePayload(p);
  if (!bytes.ok) throw new Error(bytes.error);
  return formatBadge(bytes.value, await signEd25519(with_.privateKeyPkcs8, badgeSigningInput(bytes.value)));
}
const ctx = (extra: Partial<BadgeContext> = {}): BadgeContext => ({ keys: new Map([[1, key.publicKeyRaw]]), now: NOW, ...extra });
const verify = (text: unknown, c = ctx()) => verifyBadge(text, c, verifyEd25519);
/** flips one character of the token part `index` (1 = payload, 2 = signature) to another base64url char */
function tamper(token: string, index: 1 | 2, at = 3): string {
  const parts = token.split('.');
  const s = parts[index]!;
  const bytes = fromBase64url(s)!;
  bytes[at] = bytes[at]! ^ 0x01;
  parts[index] = toBase64url(bytes);
  return parts.join('.');
}

describe('badge bytes', () => {
  it('round-trips base64url and UTF-8, and refuses padding, foreign characters and non-canonical tails', () => {
    for (const n of [0, 1, 2, 3, 22, 64]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff);
      expect(fromBase64url(toBase64url(bytes))).toEqual(bytes);
    }
    expect(toBase64url(utf8Encode('\u00ff\u00fe'))).toBe(Buffer.from('\u00ff\u00fe').toString('base64url'));
    expect(fromBase64url('AA==')).toBeNull();
    expect(fromBase64url('A+/A')).toBeNull();
    expect(fromBase64url('AB')).toBeNull(); // trailing bits set: a second spelling of "AA"
    expect(fromBase64url('A')).toBeNull();
    expect(utf8Decode(utf8Encode('欧阳*华 J*** S 😀'))).toBe('欧阳*华 J*** S 😀');
    expect(utf8Decode(Uint8Array.from([0xc0, 0x80]))).toBeNull();
    expect(utf8Decode(Uint8Array.from([0xe5, 0xbc]))).toBeNull();
    expect(utf8Decode(Uint8Array.from([0xed, 0xa0, 0x80]))).toBeNull();
  });
});

describe('badge encode and parse', () => {
  it('reads back every field it writes, and the signed bytes are the "WSC1.<payload>" text', async () => {
    const token = await sign(PAYLOAD);
    expect(token).toMatch(/^WSC1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/);
    const parsed = parseBadge(token);
    expect(parsed.ok && parsed.value.payload).toEqual(PAYLOAD);
    expect(parsed.ok && new TextDecoder().decode(parsed.value.signedBytes)).toBe(token.slice(0, token.lastIndexOf('.')));
  });

  it('fits a QR of version ≤ 7 at error correction M with a four-character Chinese name, a large member id and a year of validity', async () => {
    const long = { ...PAYLOAD, kid: 127, memberId: '2097151', name: '欧阳*华' };
    const token = await sign(long);
    expect(encodeBadgePayload(long).ok && (encodeBadgePayload(long) as { value: Uint8Array }).value.length).toBe(22);
    expect(QRCode.create(token, { errorCorrectionLevel: 'M' }).version).toBeLessThanOrEqual(7);
    expect(token.length).toBeLessThanOrEqual(122);
  });

  it('refuses to encode a bad member id, reversed times, an empty or control-character name', () => {
    expect(encodeBadgePayload({ ...PAYLOAD, memberId: '01' })).toEqual({ ok: false, error: 'bad_member_id' });
    expect(encodeBadgePayload({ ...PAYLOAD, memberId: '99999999999' })).toEqual({ ok: false, error: 'bad_member_id' });
    expect(encodeBadgePayload({ ...PAYLOAD, expiresAt: PAYLOAD.issuedAt - 1 })).toEqual({ ok: false, error: 'bad_times' });
    expect(encodeBadgePayload({ ...PAYLOAD, name: '' })).toEqual({ ok: false, error: 'bad_name' });
    expect(encodeBadgePayload({ ...PAYLOAD, name: 'A\u202eB' })).toEqual({ ok: false, error: 'bad_name' });
    expect(encodeBadgePayload({ ...PAYLOAD, kid: -1 })).toEqual({ ok: false, error: 'bad_kid' });
  });

  it('calls other QR content not_our_code: a URL, a card number, a Wi-Fi code, empty text, a non-string', () => {
    for (const text of ['https://example.com/?WSC1.abc', '0012345678', 'WIFI:S:net;T:WPA;P:x;;', '', 'wsc1.AAAA.BBBB', 42, null]) {
      expect(parseBadge(text)).toEqual({ ok: false, error: 'not_our_code' });
    }
  });

  it('calls a truncated, non-base64 or wrongly sized token malformed', async () => {
    const token = await sign(PAYLOAD);
    expect(parseBadge(token.slice(0, 40))).toEqual({ ok: false, error: 'malformed' });
    expect(parseBadge(token.slice(0, -10))).toEqual({ ok: false, error: 'malformed' });
    expect(parseBadge(token.slice(0, token.lastIndexOf('.') + 1))).toEqual({ ok: false, error: 'malformed' });
    expect(parseBadge('WSC1.')).toEqual({ ok: false, error: 'malformed' });
    expect(parseBadge(token.replace('WSC1.', 'WSC1.!'))).toEqual({ ok: false, error: 'malformed' });
    expect(parseBadge(`${token}.extra`)).toEqual({ ok: false, error: 'malformed' });
    expect(parseBadge(token.replace(/\.([^.]+)$/, '.$1=='))).toEqual({ ok: false, error: 'malformed' });
    // a payload cut inside its fixed-size issue time
    expect(parseBadge(formatBadge(Uint8Array.from([1, 2, 3]), new Uint8Array(64)))).toEqual({ ok: false, error: 'malformed' });
  });

  it('refuses huge input by its length alone, quickly', () => {
    const started = performance.now();
    expect(parseBadge(`WSC1.${'A'.repeat(10_000_000)}.${'B'.repeat(86)}`)).toEqual({ ok: false, error: 'malformed' });
    expect(parseBadge('x'.repeat(BADGE_MAX_CHARS + 1))).toEqual({ ok: false, error: 'not_our_code' });
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('forgives the Enter and spaces a wedge scanner adds around a token', async () => {
    const token = await sign(PAYLOAD);
    expect((await verify(` ${token}\r\n`)).ok).toBe(true);
  });
});

describe('badge verification', () => {
  it('accepts a good badge and gives back its payload', async () => {
    expect(await verify(await sign(PAYLOAD))).toEqual({ ok: true, value: PAYLOAD });
  });

  it('refuses a tampered payload and a tampered signature as bad_signature', async () => {
    const token = await sign(PAYLOAD);
    const payloadTampered = tamper(token, 1, 5); // inside the issue time: still parses
    expect(parseBadge(payloadTampered).ok).toBe(true);
    expect(await verify(payloadTampered)).toEqual({ ok: false, error: 'bad_signature' });
    expect(await verify(tamper(token, 2, 10))).toEqual({ ok: false, error: 'bad_signature' });
  });

  it('refuses a badge signed by a key the kiosk does not know, or signed by another key under a known kid', async () => {
    expect(await verify(await sign({ ...PAYLOAD, kid: 9 }))).toEqual({ ok: false, error: 'unknown_key' });
    expect(await verify(await sign(PAYLOAD, other))).toEqual({ ok: false, error: 'bad_signature' });
  });

  it('accepts badges of both keys while keys rotate', async () => {
    const keys = new Map([[1, key.publicKeyRaw], [2, other.publicKeyRaw]]);
    expect((await verify(await sign(PAYLOAD), ctx({ keys }))).ok).toBe(true);
    expect((await verify(await sign({ ...PAYLOAD, kid: 2 }, other), ctx({ keys }))).ok).toBe(true);
  });

  it('refuses an expired badge from its expiry second on, not before', async () => {
    const token = await sign(PAYLOAD);
    expect((await verify(token, ctx({ now: PAYLOAD.expiresAt * 1000 - 1 }))).ok).toBe(true);
    expect(await verify(token, ctx({ now: PAYLOAD.expiresAt * 1000 }))).toEqual({ ok: false, error: 'expired_badge' });
  });

  it('refuses a revoked member, a revoked single badge and a suspended member, each with its own reason', async () => {
    const token = await sign(PAYLOAD);
    expect(await verify(token, ctx({ revokedMembers: ['1234'] }))).toEqual({ ok: false, error: 'revoked_badge' });
    expect(await verify(token, ctx({ revokedBadges: new Set([badgeIdOf(PAYLOAD)]) }))).toEqual({ ok: false, error: 'revoked_badge' });
    expect(await verify(token, ctx({ revokedBadges: [badgeIdOf({ ...PAYLOAD, issuedAt: 1 })] }))).toMatchObject({ ok: true });
    expect(await verify(token, ctx({ suspendedMembers: new Set(['1234']) }))).toEqual({ ok: false, error: 'suspended_member' });
  });

  it('puts the signature before everything else: a forged badge for a suspended member is bad_signature', async () => {
    const parsed = parseBadge(await sign(PAYLOAD));
    if (!parsed.ok) throw new Error('parse');
    expect(checkBadge(parsed.value, ctx({ suspendedMembers: ['1234'], now: 4e12 }), false)).toEqual({ ok: false, error: 'bad_signature' });
  });

  it('treats a verifier that throws, or a garbage key, as a bad signature', async () => {
    const token = await sign(PAYLOAD);
    expect(await verifyBadge(token, ctx(), () => Promise.reject(new Error('boom')))).toEqual({ ok: false, error: 'bad_signature' });
    expect(await verify(token, ctx({ keys: new Map([[1, new Uint8Array(5)]]) }))).toEqual({ ok: false, error: 'bad_signature' });
  });
});
