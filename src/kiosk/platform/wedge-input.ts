import { WEDGE_DEFAULTS, WEDGE_IDLE, wedgeStep, type WedgeOptions } from '../../domain/wedge';

// The keyboard-wedge reader (USB card reader, 2D scanner) as input on every screen (DESIGN §4.1): one
// capture-phase keydown listener on the window feeds domain wedgeStep. Keys that continue a fast run are
// held back from a focused field and the completing Enter never reaches it (no form submit, no button
// click). The first key of a run cannot be told from typing, so it reaches the field; on a scan it is
// taken out again. If a held-back run turns out to be a person after all (fast roll-over, a short burst),
// the held characters are put into the field where they would have gone, in order.

export interface WedgeInputPorts {
  readonly window: Window & typeof globalThis;
  /** a scan was read: the text without the Enter */
  readonly onScan: (text: string) => void;
  /** false: every key passes untouched (not enrolled, no check-in feature) */
  readonly active: () => boolean;
  readonly options?: WedgeOptions;
}

type TextField = HTMLInputElement | HTMLTextAreaElement;

/** Starts listening; returns the function that stops. */
export function listenWedge(p: WedgeInputPorts): () => void {
  const opts = p.options ?? WEDGE_DEFAULTS;
  const win = p.window;
  let state = WEDGE_IDLE;
  let held = ''; // continuation characters kept from the field
  let heldField: TextField | null = null;
  let leak: { field: TextField; at: number; text: string } | null = null; // the run's first character
  let timer: ReturnType<typeof setTimeout> | undefined;

  const focusedField = (): TextField | null => {
    const el = win.document.activeElement;
    if (!(el instanceof win.HTMLTextAreaElement || el instanceof win.HTMLInputElement) || el.readOnly || el.disabled) return null;
    try {
      return typeof el.selectionStart === 'number' ? el : null; // number, checkbox …: no caret, no text
    } catch {
      return null;
    }
  };

  const edit = (field: TextField, text: string, start: number, end: number) => {
    field.setRangeText(text, start, end, 'end');
    // controlled inputs (Preact onInput) follow the value through the input event
    field.dispatchEvent(new win.InputEvent('input', { bubbles: true, inputType: text ? 'insertText' : 'deleteContentBackward', data: text || null }));
  };

  const release = () => {
    clearTimeout(timer);
    if (held && heldField?.isConnected) edit(heldField, held, heldField.selectionStart ?? 0, heldField.selectionEnd ?? 0);
    held = '';
    heldField = null;
  };

  const takeBackLeak = () => {
    if (!leak) return;
    const { field, at, text } = leak;
    leak = null;
    if (field.isConnected && field.value.slice(at, at + text.length) === text) edit(field, '', at, at + text.length);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (!p.active()) {
      state = WEDGE_IDLE;
      release();
      leak = null;
      return;
    }
    const before = state;
    const r = wedgeStep(state, e.key, e.timeStamp, opts);
    state = r.state;
    if (r.emit) {
      e.preventDefault();
      e.stopPropagation();
      clearTimeout(timer);
      held = '';
      heldField = null;
      takeBackLeak();
      p.onScan(r.emit.text);
      return;
    }
    if (r.state === before && e.key !== 'Enter') return; // a modifier (Shift before a capital): the run goes on
    const isChar = [...e.key].length === 1;
    if (r.fast && isChar) {
      e.preventDefault();
      if (!held) heldField = focusedField();
      held += e.key;
      clearTimeout(timer);
      // a reader's next key comes within maxGapMs; nothing by then: it was a person typing fast
      timer = setTimeout(release, opts.maxGapMs + 15);
      return;
    }
    release(); // before this key's own default action, so the characters keep their order
    const field = isChar ? focusedField() : null;
    leak = field ? { field, at: Math.min(field.selectionStart ?? 0, field.selectionEnd ?? 0), text: e.key } : null;
  };

  win.addEventListener('keydown', onKeyDown, { capture: true });
  return () => {
    win.removeEventListener('keydown', onKeyDown, { capture: true });
    clearTimeout(timer);
  };
}
