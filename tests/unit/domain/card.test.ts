import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cardKey, maskName, normaliseCard, resolveCard, type CardMap } from '../../../src/domain/card';

const nodeSha256 = async (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const webSha256 = async (text: string) => {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('').toUpperCase(); // case must not matter
};

describe('normaliseCard', () => {
  it('trims and keeps leading zeros', () => {
    expect(normaliseCard('  0012345678\n')).toEqual({ ok: true, value: '0012345678' });
  });

  it('reads full-width digits typed with a Chinese input method as ASCII digits', () => {
    expect(normaliseCard('００１２３４５６')).toEqual({ ok: true, value: '00123456' });
  });

  it('refuses empty input, letters and inner spaces, too few and too many digits', () => {
    expect(normaliseCard('   ')).toEqual({ ok: false, error: 'empty' });
    expect(normaliseCard('12AB34')).toEqual({ ok: false, error: 'not_digits' });
    expect(normaliseCard('1234 5678')).toEqual({ ok: false, error: 'not_digits' });
    expect(normaliseCard('-1234')).toEqual({ ok: false, error: 'not_digits' });
    expect(normaliseCard('123')).toEqual({ ok: false, error: 'too_short' });
    expect(normaliseCard('1'.repeat(33))).toEqual({ ok: false, error: 'too_long' });
  });
});

describe('cardKey', () => {
  it('is the lowercase hex sha256 of the normalised number', async () => {
    expect(await cardKey(' 0012345678 ', nodeSha256)).toEqual({ ok: true, value: await nodeSha256('0012345678') });
  });

  it('gives kiosk (WebCrypto) and hub (node:crypto) the same key', async () => {
    const a = await cardKey('0012345678', nodeSha256);
    const b = await cardKey('００１２３４５６７８', webSha256);
    expect(a).toEqual(b);
  });

  it('keeps cards that differ only by leading zeros apart', async () => {
    expect(await cardKey('0012345678', nodeSha256)).not.toEqual(await cardKey('12345678', nodeSha256));
  });

  it('does not hash input that is not a card number', async () => {
    let called = false;
    const r = await cardKey('https://example.com', async () => ((called = true), ''));
    expect(r).toEqual({ ok: false, error: 'not_digits' });
    expect(called).toBe(false);
  });
});

describe('resolveCard', () => {
  const map: CardMap = { abc: { memberId: 'm1', maskedName: '张*明' } };

  it('finds a known card online and offline', () => {
    expect(resolveCard('abc', map, false)).toEqual({ kind: 'member', key: 'abc', memberId: 'm1', maskedName: '张*明' });
    expect(resolveCard('abc', map, true).kind).toBe('member');
  });

  it('refuses an unknown card online and accepts it as unverified offline', () => {
    expect(resolveCard('zzz', map, false)).toEqual({ kind: 'unknown', key: 'zzz' });
    expect(resolveCard('zzz', map, true)).toEqual({ kind: 'unverified', key: 'zzz' });
  });

  it('does not mistake inherited object keys for cards', () => {
    expect(resolveCard('constructor', map, false).kind).toBe('unknown');
    expect(resolveCard('__proto__', map, false).kind).toBe('unknown');
  });
});

describe('maskName', () => {
  it('masks Chinese names: surname and last character kept, one star', () => {
    expect(maskName('张小明')).toBe('张*明');
    expect(maskName('李四')).toBe('李*');
    expect(maskName('欧阳小华')).toBe('欧阳*华');
  });

  it('keeps a compound surname whole', () => {
    expect(maskName('欧阳华')).toBe('欧阳*');
    expect(maskName('司马相如')).toBe('司马*如');
  });

  it('hides the length of long names and ignores spaces and the middle dot', () => {
    expect(maskName(' 王 小 明 ')).toBe('王*明');
    expect(maskName('爱新觉罗溥仪')).toBe('爱*仪');
    expect(maskName('迪丽热巴·迪力木拉提')).toBe('迪*提');
  });

  it('masks Latin names as first initial, *** and last initial, in capitals', () => {
    expect(maskName('John Smith')).toBe('J*** S.');
    expect(maskName('  mary  ann   smith ')).toBe('M*** S.');
    expect(maskName('Jean-Luc Picard')).toBe('J*** P.');
    expect(maskName('Élodie Durand')).toBe('É*** D.');
    expect(maskName('E\u0301lodie Durand')).toBe('É*** D.'); // decomposed accent, as some CSV exports have it
    expect(maskName('Madonna')).toBe('M***');
  });

  it('never shows more than the surname of a one-character name, and a star for an empty one', () => {
    expect(maskName('张')).toBe('张*');
    expect(maskName('   ')).toBe('*');
  });

  it('stays short enough for the badge payload (at most 4 characters for Chinese names)', () => {
    for (const n of ['张小明', '欧阳小华', '爱新觉罗溥仪', '迪丽热巴·迪力木拉提']) expect([...maskName(n)].length).toBeLessThanOrEqual(4);
  });
});
