import { computed, effect, signal, untracked, type ReadonlySignal } from '@preact/signals';

export interface IdleInput {
  readonly onAttract: boolean;
  readonly lastActivityAt: number;
  readonly now: number;
  readonly idleSeconds: number;
  readonly countdownSeconds: number;
}

export interface IdleView {
  /** whole seconds left, shown only in the last countdownSeconds of a non-attract screen */
  readonly countdown: number | null;
  /** time to go back to the attract screen */
  readonly expired: boolean;
  /** on the attract screen and untouched for idleSeconds: nobody is using the kiosk */
  readonly quiet: boolean;
}

export function deriveIdle(i: IdleInput): IdleView {
  const idleMs = Math.max(1, i.idleSeconds) * 1000;
  const elapsed = Math.max(0, i.now - i.lastActivityAt);
  if (i.onAttract) return { countdown: null, expired: false, quiet: elapsed >= idleMs };
  const left = Math.ceil((idleMs - elapsed) / 1000);
  if (left <= 0) return { countdown: null, expired: true, quiet: false };
  return { countdown: left <= i.countdownSeconds ? left : null, expired: false, quiet: false };
}

export interface IdleModel {
  readonly countdown: ReadonlySignal<number | null>;
  readonly quiet: ReadonlySignal<boolean>;
  /** a touch or key press: the timer starts over */
  touch(): void;
}

export interface IdlePorts {
  readonly now: ReadonlySignal<number>;
  readonly clockNow: () => number;
  readonly onAttract: ReadonlySignal<boolean>;
  readonly idleSeconds: ReadonlySignal<number>;
  readonly countdownSeconds: ReadonlySignal<number>;
  /** called once each time the idle time runs out on a member screen */
  readonly onExpire: () => void;
}

export function createIdleModel(p: IdlePorts): IdleModel {
  const lastActivityAt = signal(p.clockNow());
  const view = computed(() =>
    deriveIdle({
      onAttract: p.onAttract.value,
      lastActivityAt: lastActivityAt.value,
      now: Math.max(p.now.value, lastActivityAt.value),
      idleSeconds: p.idleSeconds.value,
      countdownSeconds: p.countdownSeconds.value,
    }),
  );
  let wasAttract = p.onAttract.peek();
  effect(() => {
    // leaving the attract screen starts the idle time: a camera scan opens the member screen without a
    // touch, after the kiosk may have stood untouched for an hour
    const attract = p.onAttract.value;
    if (wasAttract && !attract) untracked(() => (lastActivityAt.value = p.clockNow()));
    wasAttract = attract;
    if (view.value.expired) untracked(() => {
      lastActivityAt.value = p.clockNow();
      p.onExpire();
    });
  });
  return {
    countdown: computed(() => view.value.countdown),
    quiet: computed(() => view.value.quiet),
    touch: () => (lastActivityAt.value = p.clockNow()),
  };
}
