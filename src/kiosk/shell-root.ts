import { computed, effect, signal, type ReadonlySignal } from '@preact/signals';
import type { Clock } from './platform/clock';
import { blockBrowserGestures, enterFullscreenOnFirstTouch, keepScreenAwake, onUserActivity } from './platform/kiosk-shell';
import { startServiceWorkerBridge, type UpdateState } from './platform/sw-bridge';
import { createIdleModel } from './state/idle-model';
import type { SnapshotModel } from './state/snapshot-model';

// The kiosk around the screens: idle return to the attract screen, updates applied only when idle,
// fullscreen, wake lock and no browser gestures (DESIGN §4.6).

export interface ShellDeps {
  readonly clock: Clock;
  readonly now: ReadonlySignal<number>;
  readonly snapshot: SnapshotModel;
  readonly timeZone: ReadonlySignal<string>;
  readonly onAttract: ReadonlySignal<boolean>;
  /** the idle time ran out on a member screen: forget them, go home */
  readonly onExpire: () => void;
}

export function composeShell(d: ShellDeps) {
  const idle = createIdleModel({
    now: d.now, clockNow: d.clock.now, onAttract: d.onAttract,
    idleSeconds: computed(() => d.snapshot.snapshot.value?.kiosk.idleSeconds ?? d.snapshot.rules.value.idleSeconds),
    countdownSeconds: computed(() => d.snapshot.rules.value.idleCountdownSeconds),
    onExpire: d.onExpire,
  });
  const update = signal<UpdateState>('none');
  const bridge = startServiceWorkerBridge({ clock: d.clock, reload: () => location.reload(), onState: (s) => (update.value = s), register: import.meta.env.PROD && 'serviceWorker' in navigator });
  effect(() => bridge.setPolicy({ ...d.snapshot.rules.value, timeZone: d.timeZone.value }));
  effect(() => bridge.reportIdle(idle.quiet.value));
  onUserActivity(idle.touch);
  enterFullscreenOnFirstTouch();
  keepScreenAwake();
  blockBrowserGestures();
  return { idle, update: update as ReadonlySignal<UpdateState> };
}
