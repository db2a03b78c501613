import { effect, type ReadonlySignal } from '@preact/signals';
import { createHubApi } from './data/api';
import { createDeviceStore } from './data/device';
import { createOutbox } from './data/outbox';
import type { KioskStores } from './data/stores';
import { replaceAddress } from './platform/address-bar';
import type { Clock } from './platform/clock';
import { downloadText } from './platform/download';
import { verifyPin } from './platform/pin-crypto';
import { readStorage, requestPersistence } from './platform/storage';
import { createEnrollmentModel } from './state/enrollment-model';
import { createHeartbeatModel } from './state/heartbeat-model';
import { createStaffModel } from './state/staff-model';
import { createSyncModel } from './state/sync-model';

// Second half of the composition root: enrollment, the outbox and its sync, heartbeats, staff mode.
// main.tsx builds the screens' models; this builds what writes to the hub. Adapters in, models out.

export const APP_VERSION = __APP_VERSION__;

/** `camera`: the scanner's state for the heartbeat (checkin-root). */
export function composeSync(stores: KioskStores, clock: Clock, now: ReadonlySignal<number>, pinHash: () => string | null, camera: () => string) {
  const enrollment = createEnrollmentModel({
    devices: createDeviceStore(stores.state), enroll: (code) => api.enroll(code), clock,
    search: location.search, href: location.href, replaceAddress,
  });
  const api = createHubApi({ token: enrollment.token, onUnauthorized: enrollment.markRefused });
  const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
  const outbox = createOutbox({ outbox: stores.outbox, dead: stores.dead, now: clock.now, random });
  const sync = createSyncModel({
    outbox, postEvents: api.postEvents, kioskId: () => enrollment.device.value?.kioskId ?? null, clock,
    random: Math.random, onFlushed: () => heartbeat.soon(),
  });
  const heartbeat = createHeartbeatModel({
    version: APP_VERSION, enrolled: () => enrollment.token() !== null, stats: sync.stats, lastSuccessAt: sync.lastSuccessAt,
    lastError: sync.lastError, readStorage, post: api.postHeartbeat, clock, camera,
  });
  const staff = createStaffModel({
    pinHash, verify: verifyPin, now, clockNow: clock.now,
    kioskId: () => enrollment.device.value?.kioskId ?? null, readStorage, loadDeadLetters: outbox.deadLetters,
    loadPending: async () => (await outbox.all()).map((q) => q.event), flush: () => sync.flush('manual'), download: downloadText,
  });
  const start = async (onEnrolled: () => void) => {
    void requestPersistence();
    await enrollment.start();
    // a new token (first enrollment or a new one): fetch the kiosk's snapshot, send what waits
    let token = enrollment.token();
    effect(() => {
      const next = enrollment.device.value?.token ?? null;
      if (next !== null && next !== token) {
        token = next;
        onEnrolled();
        void sync.flush('manual');
      }
    });
    sync.start();
    heartbeat.start();
    window.addEventListener('online', () => void sync.flush('online'));
  };
  return { api, enrollment, sync, staff, start };
}
