import { get, set, type UseStore } from 'idb-keyval';
import * as v from 'valibot';
import { SnapshotSchema, type Snapshot } from '../../domain/protocol';

/** The last good snapshot and when this kiosk received it (kiosk clock, epoch ms). */
export interface CachedSnapshot {
  readonly snapshot: Snapshot;
  readonly receivedAt: number;
}

export interface SnapshotCache {
  load(): Promise<CachedSnapshot | null>;
  /** Keeps the snapshot if it is valid; an invalid one is ignored and the previous one stays. */
  save(snapshot: unknown, receivedAt: number): Promise<boolean>;
}

const KEY = 'snapshot';
const CachedSchema = v.object({ snapshot: SnapshotSchema, receivedAt: v.number() });

export function createSnapshotCache(store: UseStore): SnapshotCache {
  return {
    async load() {
      try {
        const parsed = v.safeParse(CachedSchema, await get(KEY, store));
        return parsed.success ? parsed.output : null;
      } catch {
        return null; // storage unavailable: behave as a kiosk that never had a snapshot
      }
    },
    async save(snapshot, receivedAt) {
      const parsed = v.safeParse(SnapshotSchema, snapshot);
      if (!parsed.success || !Number.isFinite(receivedAt)) return false;
      try {
        await set(KEY, { snapshot: parsed.output, receivedAt } satisfies CachedSnapshot, store);
        return true;
      } catch {
        return false;
      }
    },
  };
}
