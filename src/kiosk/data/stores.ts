import { createStore, type UseStore } from 'idb-keyval';

// idb-keyval opens one object store per database (it creates the store only on first open), so each
// store here gets its own database name. The outbox will need its own, opened with strict durability.
export interface KioskStores {
  /** last good snapshot, kiosk id: small values the kiosk can always rebuild from the hub */
  readonly state: UseStore;
}

export function openStores(): KioskStores {
  return { state: createStore('wsc-kiosk', 'state') };
}
