import { describe, expect, it } from 'vitest';
import { WEDGE_DEFAULTS, WEDGE_IDLE, wedgeRun, wedgeStep } from '../../../src/domain/wedge';

type Keys = [string, number][];

/** Keys of `text` then Enter, starting at `start`, each gap taken in turn from `gaps` (cycled). */
function typed(text: string, start: number, gaps: readonly number[], enter = true): Keys {
  const keys: Keys = [];
  let t = start;
  const all = [...text, ...(enter ? ['Enter'] : [])];
  all.forEach((k, i) => {
    if (i > 0) t += gaps[(i - 1) % gaps.length]!;
    keys.push([k, t]);
  });
  return keys;
}

const READER = [8, 12, 9, 20, 11, 16, 10, 14]; // a USB reader: 8–20 ms a key, a little jitter
const FAST_HUMAN = [60, 95, 150, 72, 110, 64, 130, 88]; // a quick typist
const ROLLOVER = [70, 22, 140, 18, 95, 30, 120, 25]; // a typist whose rolled keys land close together

describe('wedge classifier', () => {
  it('reads a card number typed by a reader at 8–20 ms a key', () => {
    expect(wedgeRun(typed('0012345678', 1000, READER))).toEqual(['0012345678']);
  });

  it('reads a long badge token typed by a 2D scanner, capital letters with their Shift keys', () => {
    const token = 'WSC1.eyJtIjoiMTIzNCJ9.AbC-dE_f';
    const keys: Keys = [];
    let t = 5000;
    for (const ch of token) {
      if (ch >= 'A' && ch <= 'Z') keys.push(['Shift', t++]);
      keys.push([ch, t]);
      t += 9;
    }
    keys.push(['Enter', t]);
    expect(wedgeRun(keys)).toEqual([token]);
  });

  it('does not read a fast person typing digits and Enter as a scan', () => {
    expect(wedgeRun(typed('0012345678', 1000, FAST_HUMAN))).toEqual([]);
  });

  it('does not read a person whose rolled keys come close together as a scan', () => {
    expect(wedgeRun(typed('zhangsan12', 1000, ROLLOVER))).toEqual([]);
  });

  it('lets a person press Enter on its own without a scan', () => {
    const r = wedgeStep(WEDGE_IDLE, 'Enter', 1000);
    expect(r.emit).toBeUndefined();
    expect(r.state).toEqual(WEDGE_IDLE);
  });

  it('does not count a person\'s Enter that comes a moment after a fast run', () => {
    // the characters came fast (pasted? a reader without its own Enter) but the Enter 200 ms later is a person's
    const keys = typed('12345678', 1000, READER, false);
    keys.push(['Enter', keys[keys.length - 1]![1] + 200]);
    expect(wedgeRun(keys)).toEqual([]);
  });

  it('reads only the reader\'s code when a person was typing just before it fired', () => {
    const human = typed('hello', 1000, FAST_HUMAN, false);
    const reader = typed('87654321', human[human.length - 1]![1] + 120, READER);
    expect(wedgeRun([...human, ...reader])).toEqual(['87654321']);
  });

  it('reads two swipes in a row as two codes', () => {
    const first = typed('11112222', 1000, READER);
    const second = typed('33334444', 3000, READER);
    expect(wedgeRun([...first, ...second])).toEqual(['11112222', '33334444']);
  });

  it('ignores codes shorter than 4 characters, and reads one of exactly 4', () => {
    expect(wedgeRun(typed('123', 1000, READER))).toEqual([]);
    expect(wedgeRun(typed('1234', 1000, READER))).toEqual(['1234']);
  });

  it('accepts a gap of exactly 35 ms and starts over after one of 36 ms', () => {
    expect(wedgeRun(typed('12345678', 1000, [35]))).toEqual(['12345678']);
    // a 36 ms pause in the middle: only what follows it counts
    const keys: Keys = [['1', 0], ['2', 10], ['3', 20], ['4', 56], ['5', 66], ['6', 76], ['7', 86], ['Enter', 96]];
    expect(wedgeRun(keys)).toEqual(['4567']);
  });

  it('throws away a half-typed burst after a pause, so stale characters never prefix a later code', () => {
    const stale = typed('999', 1000, READER, false);
    const later = typed('55556666', 60_000, READER);
    expect(wedgeRun([...stale, ...later])).toEqual(['55556666']);
  });

  it('starts over on Backspace or another named key (a person editing)', () => {
    const keys: Keys = [['1', 0], ['2', 10], ['3', 20], ['Backspace', 30], ['4', 40], ['5', 50], ['6', 60], ['Enter', 70]];
    expect(wedgeRun(keys)).toEqual([]);
  });

  it('marks keys that continue a fast run, so the kiosk can keep them out of a focused field', () => {
    let state = WEDGE_IDLE;
    const fast: boolean[] = [];
    for (const [k, t] of typed('1234', 1000, READER)) {
      const r = wedgeStep(state, k, t);
      state = r.state;
      fast.push(r.fast);
    }
    expect(fast).toEqual([false, true, true, true, true]);
  });

  it('gives up on a key held down past the burst limit instead of growing without end', () => {
    const held = typed('1'.repeat(2000), 0, [5]);
    const codes = wedgeRun(held);
    expect(codes).toHaveLength(1);
    expect(codes[0]!.length).toBeLessThanOrEqual(WEDGE_DEFAULTS.maxLength);
  });

  it('accepts events with equal timestamps (the browser delivered them together)', () => {
    expect(wedgeRun(typed('24681357', 1000, [0]))).toEqual(['24681357']);
  });

  it('follows custom options', () => {
    expect(wedgeRun(typed('12', 1000, READER), { ...WEDGE_DEFAULTS, minLength: 2 })).toEqual(['12']);
    expect(wedgeRun(typed('12345678', 1000, [50]), { ...WEDGE_DEFAULTS, maxGapMs: 60 })).toEqual(['12345678']);
  });
});
