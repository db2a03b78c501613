import { clear, del, delMany, entries, get, set, setMany, type UseStore } from 'idb-keyval';
import * as v from 'valibot';
import { mapKey, type CardMapEntry } from '../../domain/card';
import { SnapshotSchema } from '../../domain/protocol';
import { ConfigPartSchema, DayPartSchema, MapKeySchema, splitSnapshot, type HeldParts, type IdentityEdit } from '../../domain/sync';

// The last good parts of the snapshot (issue 14, domain/sync.ts) and when this kiosk received them. The
// card map, 50,000 entries in a large union, lives in a store of its own, one row per key, so a change
// writes the rows it touches and nothing else; config, day and the identity part's small fields sit in one
// record beside it. A poll answered 304 writes nothing at all.
//
// The two stores cannot share a transaction, so the record is written last: a kiosk that stops between
// the two has rows newer than its record's identity version and pulls those changes again, which sets
// the same rows once more. Before the rows are replaced in full the record's identity version is cleared
// first, so a stop half way through a full write leads to a full pull, never to a half map.

export interface CachedParts {
  readonly parts: HeldParts;
  readonly serverTime: string;
  readonly receivedAt: number; // kiosk clock, epoch ms
}

/** What a pull changed: the record is written again (it is small), the card-map rows only as `identity` says. */
export interface PartsWrite extends CachedParts {
  /** the card-map rows: replaced in full, edited, or untouched */
  readonly identity: { readonly kind: 'full' } | { readonly kind: 'edit'; readonly edit: IdentityEdit } | null;
}

export interface SnapshotCache {
  load(): Promise<CachedParts | null>;
  save(write: PartsWrite): Promise<boolean>;
}

const PARTS = 'parts';
const LEGACY = 'snapshot'; // a whole snapshot, as kiosks kept it before issue 14
const Key = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/));
const RecordSchema = v.object({
  config: v.object({ version: v.string(), data: ConfigPartSchema }),
  day: v.object({ version: v.string(), data: DayPartSchema }),
  identity: v.object({ version: v.string(), revokedMembers: v.array(v.string()), revokedBadges: v.array(Key) }),
  serverTime: v.string(),
  receivedAt: v.number(),
});
const EntrySchema = v.object({ memberId: v.string(), maskedName: v.string() });
const LegacySchema = v.object({ snapshot: SnapshotSchema, receivedAt: v.number() });

export function createSnapshotCache(stores: { readonly state: UseStore; readonly identity: UseStore }): SnapshotCache {
  const record = (w: CachedParts, identityVersion = w.parts.identity.version): v.InferOutput<typeof RecordSchema> => ({
    config: w.parts.config,
    day: w.parts.day,
    identity: { version: identityVersion, revokedMembers: [...w.parts.identity.data.revokedMembers], revokedBadges: [...w.parts.identity.data.revokedBadges] },
    serverTime: w.serverTime,
    receivedAt: w.receivedAt,
  });

  const writeCards = async (w: PartsWrite) => {
    if (w.identity?.kind === 'full') {
      await set(PARTS, record(w, 'none'), stores.state); // no version while the rows are half written
      await clear(stores.identity);
      await setMany(Object.entries(w.parts.identity.data.cardMap), stores.identity);
    } else if (w.identity?.kind === 'edit') {
      const { put, del: gone } = w.identity.edit;
      if (gone.length > 0) await delMany([...gone], stores.identity);
      if (put.length > 0) await setMany(put.map(([k, e]) => [k, e]), stores.identity);
    }
  };

  /** Moves a whole snapshot kept by an older version into parts, so a kiosk updated offline still works. */
  const fromLegacy = async (): Promise<CachedParts | null> => {
    const legacy = v.safeParse(LegacySchema, await get(LEGACY, stores.state));
    if (!legacy.success) return null;
    const cached = { parts: splitSnapshot(legacy.output.snapshot), serverTime: legacy.output.snapshot.serverTime, receivedAt: legacy.output.receivedAt };
    await writeCards({ ...cached, identity: { kind: 'full' } });
    await set(PARTS, record(cached), stores.state);
    await del(LEGACY, stores.state);
    return cached;
  };

  return {
    async load() {
      try {
        const r = v.safeParse(RecordSchema, await get(PARTS, stores.state));
        if (!r.success) return await fromLegacy();
        const cardMap: Record<string, CardMapEntry> = {};
        const whole: string[] = [];
        for (const [k, e] of await entries<string, unknown>(stores.identity)) {
          // a row that is not one is left out: the kiosk then treats that card as unknown, as offline
          if (typeof k !== 'string' || !v.is(EntrySchema, e)) continue;
          if (v.is(MapKeySchema, k)) cardMap[k] = e;
          else if (v.is(Key, k)) {
            // kept by a version before map keys: the same entry under its map key, written back once
            cardMap[mapKey(k)] = e;
            whole.push(k);
          }
        }
        if (whole.length > 0) {
          await setMany(whole.map((k) => [mapKey(k), cardMap[mapKey(k)]]), stores.identity);
          await delMany(whole, stores.identity);
        }
        const { config, day, identity, serverTime, receivedAt } = r.output;
        return {
          parts: { config, day, identity: { version: identity.version, data: { revokedMembers: identity.revokedMembers, revokedBadges: identity.revokedBadges, cardMap } } },
          serverTime,
          receivedAt,
        };
      } catch {
        return null; // storage unavailable: behave as a kiosk that never had a snapshot
      }
    },
    async save(w) {
      if (!Number.isFinite(w.receivedAt)) return false;
      try {
        await writeCards(w);
        await set(PARTS, record(w), stores.state);
        return true;
      } catch {
        return false;
      }
    },
  };
}
