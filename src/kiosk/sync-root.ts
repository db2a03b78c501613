import { effect, type ReadonlySignal } from '@preact/signals';
import type { HubApi, HubApiOptions } from './data/api';
import { createDeviceStore } from './data/device';
import { createOutbox } from './data/outbox';
import type { KioskStores } from './data/stores';
import type { Clock } from './platform/clock';
import { createEnrollmentModel } from './state/sync/enrollment-model';
import { createSyncModel } from './state/sync/sync-model';

// What writes to the hub: enrollment and the device token, the hub's API, the outbox and its sync.
// Built first: the snapshot pulls through this API and every screen records into this outbox.

export interface SyncDeps {
  readonly stores: KioskStores;
  readonly clock: Clock;
  readonly online: ReadonlySignal<boolean>;
  readonly hubApi: (o: HubApiOptions) => HubApi;
  readonly page: { readonly search: string; readonly href: string; replaceAddress(url: string): void };
  readonly random: (n: number) => Uint8Array;
  readonly persistStorage: () => Promise<unknown>;
}

export function composeSync(d: SyncDeps) {
  const enrollment = createEnrollmentModel({
    // redeeming a code needs no token: an API of its own, so enrollment is built before the token's API
    devices: createDeviceStore(d.stores.state), enroll: d.hubApi({ token: () => null }).enroll, clock: d.clock,
    search: d.page.search, href: d.page.href, replaceAddress: d.page.replaceAddress,
  });
  const api = d.hubApi({ token: enrollment.token, onUnauthorized: enrollment.markRefused });
  const outbox = createOutbox({ outbox: d.stores.outbox, dead: d.stores.dead, now: d.clock.now, random: d.random });
  const sync = createSyncModel({
    outbox, postEvents: api.postEvents, kioskId: () => enrollment.device.value?.kioskId ?? null, clock: d.clock,
    random: Math.random, browserOnline: d.online,
  });
  /** reads the device token (or redeems a code), then sends what waits; onEnrolled: a new token arrived */
  const start = async (onEnrolled: () => void) => {
    void d.persistStorage();
    await enrollment.start();
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
  };
  return { api, enrollment, outbox, sync, start };
}
