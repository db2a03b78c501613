import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { InstantSchema, isStorableInstant, jsonStorable, storedInt, storedText, stripUnstorable, textProblem } from '../../../src/domain/storable';
import { MemberIdSchema } from '../../../src/domain/identity';

describe('what text the system stores', () => {
  it('refuses C0 controls but keeps newline and tab', () => {
    for (const c of ['\u0000', '\u0001', '\u0007', '\u000b', '\u000c', '\r', '\u001b', '\u007f']) expect(textProblem(`a${c}b`)).toBe('control');
    expect(textProblem('line one\nline two\tend')).toBeNull();
  });

  it('refuses lone surrogates and keeps characters outside the BMP', () => {
    expect(textProblem('\ud800')).toBe('surrogate');
    expect(textProblem('a\udfff')).toBe('surrogate');
    expect(textProblem('\udc00\ud800')).toBe('surrogate');
    expect(textProblem('𠮷野家 😀')).toBeNull();
  });

  it('refuses bidi embeddings, overrides and isolates, and keeps the plain direction marks and Arabic or Hebrew text', () => {
    for (const c of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']) expect(textProblem(`x${c}y`)).toBe('bidi');
    expect(textProblem('שלום \u200f مرحبا \u200e')).toBeNull();
  });

  it('stores free text in NFC, trimmed, and says why it refuses', () => {
    const schema = storedText(10, { min: 1 });
    expect(v.parse(schema, '  cafe\u0301 ')).toBe('café');
    const r = v.safeParse(schema, 'a\u0000');
    expect(r.success).toBe(false);
    expect(r.issues?.[0]?.message).toBe('contains a control character');
    expect(v.safeParse(schema, '\u202e').issues?.[0]?.message).toBe('contains a text-direction control character');
    expect(v.safeParse(schema, '   ').issues?.[0]?.message).toBe('is empty');
    expect(v.safeParse(schema, 'x'.repeat(11)).issues?.[0]?.message).toBe('is longer than 10 characters');
  });

  it('takes out what cannot be stored and keeps the rest, emoji and line breaks included', () => {
    expect(stripUnstorable('a\u0000b\u202ec\r\nd\ud800e 😀\u200f')).toBe('abc\nde 😀\u200f');
    expect(textProblem(stripUnstorable('\u0007\u2066\udfff'))).toBeNull();
  });

  it('finds an unstorable string anywhere in a JSON value, keys included', () => {
    expect(jsonStorable({ a: ['ok', { b: 'fine' }] })).toBe(true);
    expect(jsonStorable({ a: ['ok', { b: 'n\u0000ul' }] })).toBe(false);
    expect(jsonStorable({ ['k\ud800']: 1 })).toBe(false);
  });
});

describe('what numbers and instants the system stores', () => {
  it('holds integers to the integer column', () => {
    const s = storedInt(1);
    expect(v.safeParse(s, 2147483647).success).toBe(true);
    for (const bad of [2147483648, 1e308, 0, -1, 1.5, Number.NaN]) expect(v.safeParse(s, bad).success).toBe(false);
  });

  it('holds member ids to the integer column', () => {
    expect(v.safeParse(MemberIdSchema, '2147483647').success).toBe(true);
    expect(v.safeParse(MemberIdSchema, '2147483648').success).toBe(false);
    expect(v.safeParse(MemberIdSchema, '9999999999').success).toBe(false);
  });

  it('accepts the instants kiosks write and real offsets', () => {
    for (const ok of ['2026-03-04T02:00:00.000Z', '2026-03-04T10:00:00+08:00', '2026-03-04T10:00:00-12:00', '2026-12-31T23:59:59.123456Z', '2024-02-29T00:00:00+14:00']) {
      expect(isStorableInstant(ok)).toBe(true);
    }
  });

  it('refuses impossible days, times, offsets and years', () => {
    for (const bad of [
      '0000-01-01T00:00:00Z', '2026-02-30T10:00:00Z', '2025-02-29T00:00:00Z', '2026-03-04T10:00:00+23:59', '2026-03-04T10:00:00+14:01',
      '2026-03-04T24:00:00Z', '2026-03-04T10:60:00Z', '2026-03-04T10:00:60Z', '1969-12-31T23:59:59Z', '+275760-09-13T00:00:00Z',
      '2026-03-04 10:00:00Z', '2026-03-04T10:00Z', '2026-03-04T10:00:00', '2026-03-04T10:00:00+0800', '',
    ]) expect([bad, isStorableInstant(bad)]).toEqual([bad, false]);
    expect(v.safeParse(InstantSchema, 42).success).toBe(false);
  });
});
