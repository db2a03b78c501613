import { signal, type ReadonlySignal } from '@preact/signals';

// Large text (大字, issue 12): one tap on any screen makes all text about 1.4× larger, for the older
// workers the center serves (China's 适老化 guidance; EN 301 549's large-text mode for closed kiosks).
// Like the language it belongs to the person at the screen, so it ends when they walk away.

/** How much larger large text is (the stylesheet's root size: 24 px → 33.6 px at 1080p). */
export const LARGE_TEXT_SCALE = 1.4;

export interface TextSizeModel {
  readonly large: ReadonlySignal<boolean>;
  toggle(): void;
  /** Back to normal text (when a worker walks away). */
  reset(): void;
}

export function createTextSizeModel(): TextSizeModel {
  const large = signal(false);
  return {
    large,
    toggle: () => (large.value = !large.value),
    reset: () => (large.value = false),
  };
}
