import { createStore, type UseStore } from 'idb-keyval';
import { createStrictStore } from './strict-store';

// idb-keyval opens one object store per database (it creates the store only on first open), so each
// store here gets its own database name.
export interface KioskStores {
  /** the last good snapshot's parts (but the card map), device token: small values */
  readonly state: UseStore;
  /** the snapshot's card map, one row per key (data/snapshot-cache.ts) */
  readonly identity: UseStore;
  /** events not yet at the hub; strict durability */
  readonly outbox: UseStore;
  /** events the hub refused, kept for staff */
  readonly dead: UseStore;
  /** this kiosk's own check-ins of the last two days (data/journal.ts) */
  readonly journal: UseStore;
  /** this kiosk's booking and class-place requests until their time is over (data/booking-journal.ts) */
  readonly bookings: UseStore;
}

export function openStores(): KioskStores {
  return {
    state: createStore('wsc-kiosk', 'state'),
    identity: createStore('wsc-identity', 'cards'),
    outbox: createStrictStore('wsc-outbox', 'events'),
    dead: createStrictStore('wsc-dead', 'events'),
    journal: createStore('wsc-journal', 'records'),
    bookings: createStore('wsc-bookings', 'records'),
  };
}
