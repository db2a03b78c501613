import { computed, effect, signal, type ReadonlySignal } from '@preact/signals';
import type { HubApi } from './data/api';
import type { Clock } from './platform/clock';
import type { StorageState } from './platform/storage';
import type { BridgeOptions, ServiceWorkerBridge, UpdateState } from './platform/sw-bridge';
import { createHeartbeatModel } from './state/sync/heartbeat-model';
import { createIdleModel } from './state/shell/idle-model';
import type { SnapshotModel } from './state/sync/snapshot-model';
import type { SyncModel } from './state/sync/sync-model';

// The kiosk around the screens: idle return to the attract screen, updates applied only when idle,
// heartbeats to the hub, fullscreen, wake lock and no browser gestures (DESIGN §4.6, §5). Built last:
// it watches the screens (are they idle?) and the scanner (for the heartbeat).

/** The browser as a kiosk: what the shell does to the page (platform/kiosk-shell.ts in the browser). */
export interface KioskShellPort {
  onUserActivity(fn: () => void): void;
  /** fullscreen on the first touch, the screen kept awake, browser gestures blocked */
  lockDown(): void;
}

export interface ShellDeps {
  readonly clock: Clock;
  readonly now: ReadonlySignal<number>;
  readonly snapshot: SnapshotModel;
  readonly timeZone: ReadonlySignal<string>;
  readonly onAttract: ReadonlySignal<boolean>;
  /** the idle time ran out on a member screen: forget them, go home */
  readonly onExpire: () => void;
  readonly shell: KioskShellPort;
  readonly serviceWorker: (o: Pick<BridgeOptions, 'clock' | 'onState'>) => ServiceWorkerBridge;
  readonly version: string;
  readonly sync: Pick<SyncModel, 'stats' | 'lastSuccessAt' | 'lastError' | 'syncing'>;
  readonly enrolled: () => boolean;
  readonly postHeartbeat: HubApi['postHeartbeat'];
  readonly readStorage: () => Promise<StorageState>;
  /** the camera scanner's state for the heartbeat */
  readonly camera: () => string;
}

export function composeShell(d: ShellDeps) {
  const idle = createIdleModel({
    now: d.now, clockNow: d.clock.now, onAttract: d.onAttract,
    idleSeconds: computed(() => d.snapshot.snapshot.value?.kiosk.idleSeconds ?? d.snapshot.rules.value.idleSeconds),
    countdownSeconds: computed(() => d.snapshot.rules.value.idleCountdownSeconds),
    onExpire: d.onExpire,
  });
  const update = signal<UpdateState>('none');
  const bridge = d.serviceWorker({ clock: d.clock, onState: (s) => (update.value = s) });
  effect(() => bridge.setPolicy({ ...d.snapshot.rules.value, timeZone: d.timeZone.value }));
  effect(() => bridge.reportIdle(idle.quiet.value));
  d.shell.onUserActivity(idle.touch);
  d.shell.lockDown();
  const heartbeat = createHeartbeatModel({
    version: d.version, enrolled: d.enrolled, stats: d.sync.stats, lastSuccessAt: d.sync.lastSuccessAt, lastError: d.sync.lastError,
    syncing: d.sync.syncing, readStorage: d.readStorage, post: d.postHeartbeat, clock: d.clock, camera: d.camera,
  });
  return { idle, update: update as ReadonlySignal<UpdateState>, heartbeat };
}
