// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listenWedge } from '../../../src/kiosk/platform/wedge-input';

// The browser's part is simulated: a keydown nobody prevented types its character into the focused
// field, as Chromium does. Times are KeyboardEvent.timeStamp values in ms.

let scans: string[];
let active: boolean;
let stop: () => void;
let inputs: string[];

beforeEach(() => {
  document.body.innerHTML = '<textarea id="t"></textarea><button id="b">ok</button>';
  scans = [];
  inputs = [];
  active = true;
  document.getElementById('t')!.addEventListener('input', (e) => inputs.push((e.target as HTMLTextAreaElement).value));
  stop = listenWedge({ window: window as unknown as Window & typeof globalThis, onScan: (t) => scans.push(t), active: () => active });
});
afterEach(() => stop());

const field = () => document.getElementById('t') as HTMLTextAreaElement;

function key(k: string, at: number): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true });
  Object.defineProperty(e, 'timeStamp', { value: at });
  (document.activeElement ?? document.body).dispatchEvent(e);
  const f = document.activeElement;
  if (!e.defaultPrevented && [...k].length === 1 && f instanceof HTMLTextAreaElement) {
    f.setRangeText(k, f.selectionStart, f.selectionEnd, 'end');
  }
  return e;
}

/** keys `gap` ms apart from `start`; returns the last event (the Enter when the text ends with one). */
function typeRun(text: string, start: number, gap: number, enter = true): KeyboardEvent {
  let last!: KeyboardEvent;
  [...text].forEach((ch, i) => (last = key(ch, start + i * gap)));
  if (enter) last = key('Enter', start + text.length * gap);
  return last;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('keyboard-wedge input on the page', () => {
  it('reads a card number typed at reader speed with no field focused', () => {
    const enter = typeRun('0012345678', 1000, 10);
    expect(scans).toEqual(['0012345678']);
    expect(enter.defaultPrevented).toBe(true);
  });

  it('keeps a scan out of a focused field: the first character is taken back and the input event follows', () => {
    field().focus();
    typeRun('hi ', 0, 200, false); // a person, slowly
    typeRun('0012345678', 5000, 10);
    expect(scans).toEqual(['0012345678']);
    expect(field().value).toBe('hi ');
    expect(inputs.at(-1)).toBe('hi ');
  });

  it('leaves slow typing in the field and reads no scan, Enter included', () => {
    field().focus();
    const enter = typeRun('0012345678', 0, 150);
    expect(scans).toEqual([]);
    expect(field().value).toBe('0012345678');
    expect(enter.defaultPrevented).toBe(false);
  });

  it('gives a fast typist their rolled-over characters back, in order', async () => {
    field().focus();
    key('t', 0);
    key('h', 20); // roll-over: held back for a moment
    await wait(80);
    key('e', 300);
    expect(field().value).toBe('the');
    expect(scans).toEqual([]);
  });

  it('puts held characters back before the next slow key so nothing is reordered', () => {
    field().focus();
    key('a', 0);
    key('b', 10);
    key('c', 200);
    expect(field().value).toBe('abc');
  });

  it('reads a badge token with capitals (Shift between the keys) as one scan', () => {
    let t = 0;
    for (const ch of 'WSC1.Ab') {
      if (ch !== ch.toLowerCase()) key('Shift', (t += 5));
      key(ch, (t += 5));
    }
    key('Enter', t + 5);
    expect(scans).toEqual(['WSC1.Ab']);
  });

  it('does nothing while inactive: keys reach the field untouched', () => {
    active = false;
    field().focus();
    typeRun('0012345678', 0, 10);
    expect(scans).toEqual([]);
    expect(field().value).toBe('0012345678');
  });

  it('stops a completing Enter from clicking a focused button', () => {
    let clicked = 0;
    const button = document.getElementById('b')!;
    button.addEventListener('keydown', (e) => e.key === 'Enter' && clicked++);
    button.focus();
    typeRun('98765432', 0, 8);
    expect(scans).toEqual(['98765432']);
    expect(clicked).toBe(0);
  });
});
