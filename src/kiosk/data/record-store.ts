import { delMany, setMany, values, type UseStore } from 'idb-keyval';
import * as v from 'valibot';

// An IndexedDB store of small records keyed by id, read back through a schema: the check-in journal
// and the booking journal are both this. The outbox holds the events; these index what they decided.

export interface RecordStore<T extends { readonly id: string }> {
  /** every record kept; unreadable ones are skipped, a failing store reads as empty */
  load(): Promise<T[]>;
  add(records: readonly T[]): Promise<void>;
  remove(ids: readonly string[]): Promise<void>;
}

export function createRecordStore<T extends { readonly id: string }>(store: UseStore, schema: v.GenericSchema<unknown, T>): RecordStore<T> {
  return {
    async load() {
      try {
        return (await values(store)).flatMap((x) => {
          const parsed = v.safeParse(schema, x);
          return parsed.success ? [parsed.output] : [];
        });
      } catch {
        return [];
      }
    },
    add: (records) => setMany(records.map((r) => [r.id, r]), store),
    remove: (ids) => delMany([...ids], store),
  };
}
