// A USB card reader or barcode scanner in keyboard-wedge mode "types" its code and presses Enter, far
// faster and more evenly than a person can. The kiosk feeds every keydown (KeyboardEvent.key and
// timeStamp) through wedgeStep; a burst of at least `minLength` characters whose every gap, including the
// one before Enter, is at most `maxGapMs` is a scan. A slower key starts a new burst, so a person typing
// and then a reader firing is read as the reader's code alone.

export interface WedgeOptions {
  readonly minLength: number; // shorter bursts are ignored (a person's key roll-over can be fast)
  readonly maxGapMs: number; // readers type a key every 8–20 ms; a person rarely keeps under 35 ms
  readonly maxBurstMs: number; // a guard against a stuck key repeating: no code takes this long
  readonly maxLength: number; // a guard against endless input: a badge token fits well within this
}

export const WEDGE_DEFAULTS: WedgeOptions = { minLength: 4, maxGapMs: 35, maxBurstMs: 8000, maxLength: 1024 };

export interface WedgeState {
  readonly text: string; // the current fast run of characters
  readonly startedAt: number | null;
  readonly lastAt: number | null;
}

export const WEDGE_IDLE: WedgeState = { text: '', startedAt: null, lastAt: null };

export interface WedgeStepResult {
  readonly state: WedgeState;
  /** Set on the Enter that completes a scan. The kiosk then removes `text` from a focused field if it leaked in. */
  readonly emit?: { readonly text: string };
  /**
   * This key continues a fast run (it came within maxGapMs of the previous one). The kiosk may hold back
   * such keys from a focused field; the first key of a run cannot be told apart from typing yet.
   */
  readonly fast: boolean;
}

// Keys that arrive with a reader's characters but are not characters: ignored without breaking the run.
const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'Process', 'Unidentified', 'Dead']);

/**
 * One keydown. `key` is KeyboardEvent.key, `at` its time in ms (KeyboardEvent.timeStamp is best: it is
 * taken when the key arrived, not when the page got round to handling it).
 */
export function wedgeStep(state: WedgeState, key: string, at: number, options: WedgeOptions = WEDGE_DEFAULTS): WedgeStepResult {
  if (MODIFIERS.has(key)) return { state, fast: state.lastAt !== null && at - state.lastAt <= options.maxGapMs };
  const gap = state.lastAt === null ? Infinity : Math.max(0, at - state.lastAt);
  const fast = gap <= options.maxGapMs;

  if (key === 'Enter') {
    const text = state.text;
    const isScan =
      fast &&
      state.startedAt !== null &&
      [...text].length >= options.minLength &&
      at - state.startedAt <= options.maxBurstMs;
    return isScan ? { state: WEDGE_IDLE, emit: { text }, fast } : { state: WEDGE_IDLE, fast };
  }

  // Any other named key (Backspace, Tab, arrows, Escape …) is a person at the keyboard: start over.
  if ([...key].length !== 1) return { state: WEDGE_IDLE, fast: false };

  if (!fast || state.startedAt === null || [...state.text].length >= options.maxLength || at - state.startedAt > options.maxBurstMs) {
    return { state: { text: key, startedAt: at, lastAt: at }, fast: false };
  }
  return { state: { text: state.text + key, startedAt: state.startedAt, lastAt: at }, fast: true };
}

/** Feeds a whole sequence; returns every code read. For tests and for replaying a recorded sequence. */
export function wedgeRun(keys: readonly (readonly [key: string, at: number])[], options: WedgeOptions = WEDGE_DEFAULTS): string[] {
  let state = WEDGE_IDLE;
  const codes: string[] = [];
  for (const [key, at] of keys) {
    const r = wedgeStep(state, key, at, options);
    state = r.state;
    if (r.emit) codes.push(r.emit.text);
  }
  return codes;
}
