import { describe, expect, it } from 'vitest';
import { formatPinHash, parsePinHash, pinDelaySeconds } from '../../../src/domain/pin';

describe('staff PIN hash', () => {
  it('reads back what it writes', () => {
    const h = { iterations: 100_000, salt: 'c2FsdHNhbHRzYWx0c2FsdA', hash: 'A'.repeat(43) };
    expect(parsePinHash(formatPinHash(h))).toEqual(h);
  });

  it('refuses a plain PIN, another algorithm and a cut hash', () => {
    expect(parsePinHash('2468')).toBeNull();
    expect(parsePinHash(`scrypt$16384$c2FsdHNhbHRzYWx0c2FsdA$${'A'.repeat(43)}`)).toBeNull();
    expect(parsePinHash(`pbkdf2-sha256$100000$c2FsdHNhbHRzYWx0c2FsdA$${'A'.repeat(40)}`)).toBeNull();
  });

  it('makes each wrong PIN after the second wait longer, up to a minute', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 10].map(pinDelaySeconds)).toEqual([0, 0, 2, 4, 8, 16, 32, 60, 60]);
  });
});
