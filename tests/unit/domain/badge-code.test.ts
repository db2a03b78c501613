import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { formatShortBadge, parseShortBadge, shortBadgeId, SHORT_BADGE_SECRET_BYTES } from '../../../src/domain/badge-code';

const bytes = (...b: number[]) => new Uint8Array([...b, ...Array(SHORT_BADGE_SECRET_BYTES - b.length).fill(0)]);

describe('the short badge (W2.)', () => {
  it('spells 80 random bits as 16 base32 letters after W2.', () => {
    expect(formatShortBadge(bytes())).toBe('W2.AAAAAAAAAAAAAAAA');
    expect(formatShortBadge(new Uint8Array(10).fill(255))).toBe('W2.7777777777777777');
    expect(formatShortBadge(bytes(0b00001000, 0b01000010))).toBe('W2.BBBAAAAAAAAAAAAA');
    expect(() => formatShortBadge(new Uint8Array(9))).toThrow();
  });

  it('fits a version-1 QR (21×21 modules) at error correction M in alphanumeric mode', () => {
    const code = formatShortBadge(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    const qr = QRCode.create(code, { errorCorrectionLevel: 'M' });
    expect(qr.version).toBe(1);
    expect(qr.modules.size).toBe(21);
  });

  it('reads its one spelling back, in any case and with spaces around (a wedge scanner with caps lock)', () => {
    const code = formatShortBadge(bytes(9, 8, 7));
    expect(parseShortBadge(code)).toEqual({ ok: true, value: code });
    expect(parseShortBadge(` ${code.toLowerCase()}\n`)).toEqual({ ok: true, value: code });
  });

  it('says not_our_code for other texts and malformed for our prefix with a wrong body', () => {
    for (const t of ['WSC1.abc.def', '0012345678', 'https://example.com', '', 'W2']) expect(parseShortBadge(t)).toEqual({ ok: false, error: 'not_our_code' });
    for (const t of ['W2.', 'W2.AAAAAAAAAAAAAAA', 'W2.AAAAAAAAAAAAAAAAA', 'W2.AAAAAAAAAAAAAAA1', 'W2.AAAAAAAA AAAAAAA', 'W2.AAAAAAAAAAAAAAA\u0000']) {
      expect([t, parseShortBadge(t)]).toEqual([t, { ok: false, error: 'malformed' }]);
    }
  });

  it('names a badge by its key, never by its secret', () => {
    expect(shortBadgeId('0123456789abcdef0123456789abcdef')).toBe('code:0123456789abcdef');
  });
});
