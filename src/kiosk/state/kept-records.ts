import { signal, type ReadonlySignal } from '@preact/signals';
import type { RecordStore } from '../data/record-store';

// What this kiosk accepted, known at once and kept in IndexedDB until it no longer matters (check-ins
// for two center days, bookings until their time is over), so a reload forgets nothing the hub's
// snapshot does not list yet.

export interface KeptRecords<T extends { readonly id: string }> {
  readonly records: ReadonlySignal<readonly T[]>;
  /** reads the store and deletes what `expired` says is no longer needed */
  start(): Promise<void>;
  /** known at once; written to the store after (the outbox already holds the event) */
  add(records: readonly T[]): void;
}

export function createKeptRecords<T extends { readonly id: string }>(p: { store: RecordStore<T>; expired: (all: readonly T[]) => string[] }): KeptRecords<T> {
  const records = signal<readonly T[]>([]);
  return {
    records,
    async start() {
      const loaded = await p.store.load();
      const ids = new Set(records.value.map((r) => r.id));
      const all = [...loaded.filter((r) => !ids.has(r.id)), ...records.value];
      const expired = new Set(p.expired(all));
      records.value = all.filter((r) => !expired.has(r.id));
      if (expired.size > 0) await p.store.remove([...expired]).catch(() => {});
    },
    add(list) {
      records.value = [...records.value, ...list];
      void p.store.add(list).catch(() => {}); // lost only if the disk fails: the snapshot lists it after the sync
    },
  };
}
