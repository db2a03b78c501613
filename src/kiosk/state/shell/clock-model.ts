import { signal, type ReadonlySignal } from '@preact/signals';
import type { Clock } from '../../platform/clock';

export interface ClockModel {
  /** epoch ms, updated every second */
  readonly now: ReadonlySignal<number>;
}

export function createClockModel(clock: Clock, tickMs = 1000): ClockModel {
  const now = signal(clock.now());
  clock.every(tickMs, () => (now.value = clock.now()));
  return { now };
}
