import 'fake-indexeddb/auto';
import { createStore, entries, get, set, type UseStore } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { splitSnapshot, type HeldParts } from '../../../src/domain/sync';
import { applyChanges } from '../../fixtures/identity-changes';
import { createSnapshotCache, type CachedParts } from '../../../src/kiosk/data/snapshot-cache';
import { snapshot } from '../../fixtures/snapshot';

let n = 0;
const freshStores = () => ({ state: createStore(`wsc-kiosk-test-${++n}`, 'state'), identity: createStore(`wsc-identity-test-${n}`, 'cards') });
const key = (i: number) => i.toString(16).padStart(32, '0'); // map keys
const wholeKey = (i: number) => key(i) + 'e'.repeat(32);

/** Parts holding `members` cards, versioned `v`. */
function parts(v: string, members = 3): HeldParts {
  const cardMap = Object.fromEntries(Array.from({ length: members }, (_, i) => [key(i + 1), { memberId: String(i + 1), maskedName: `会员${i + 1}` }]));
  const p = splitSnapshot({ ...snapshot(), cardMap, revokedMembers: [], revokedBadges: [] });
  return { config: { ...p.config, version: `c-${v}` }, day: { ...p.day, version: `d-${v}` }, identity: { ...p.identity, version: `e.${v}` } };
}
const cached = (p: HeldParts, receivedAt = 1000): CachedParts => ({ parts: p, serverTime: '2026-05-12T06:00:00.000Z', receivedAt });
const rows = async (s: UseStore) => (await entries(s)).length;

describe('snapshot cache by parts (IndexedDB)', () => {
  it('has nothing before the first pull', async () => {
    expect(await createSnapshotCache(freshStores()).load()).toBeNull();
  });

  it('keeps the parts, one card-map row per key, and reads them back after a reload', async () => {
    const stores = freshStores();
    expect(await createSnapshotCache(stores).save({ ...cached(parts('1')), identity: { kind: 'full' } })).toBe(true);
    expect(await rows(stores.identity)).toBe(3);
    expect(await createSnapshotCache(stores).load()).toEqual(cached(parts('1')));
  });

  it('writes only the rows a change touched', async () => {
    const stores = freshStores();
    const cache = createSnapshotCache(stores);
    const before = parts('1', 200);
    await cache.save({ ...cached(before), identity: { kind: 'full' } });
    const edit = applyChanges(before.identity.data, { members: [{ memberId: '7', maskedName: '会员7', keys: [key(999)], suspended: false }], removed: ['8'], gone: [key(7), key(8)], revokedBadges: [] });
    const ops = { put: 0, delete: 0, clear: 0 };
    const counting: UseStore = (mode, fn) => stores.identity(mode, (s) => {
      for (const op of ['put', 'delete', 'clear'] as const) {
        const real = s[op].bind(s) as (...a: unknown[]) => IDBRequest;
        (s as unknown as Record<string, unknown>)[op] = (...a: unknown[]) => (ops[op]++, real(...a));
      }
      return fn(s);
    });
    const after: HeldParts = { ...before, identity: { version: 'e.2', data: edit.next } };
    await createSnapshotCache({ state: stores.state, identity: counting }).save({ ...cached(after, 2000), identity: { kind: 'edit', edit } });
    expect(ops).toEqual({ put: 1, delete: 2, clear: 0 }); // member 7's old card and member 8's out, the new card in: 197 rows untouched
    const loaded = await cache.load();
    expect(loaded?.parts.identity).toEqual(after.identity);
    expect(Object.keys(loaded!.parts.identity.data.cardMap)).toHaveLength(199);
  });

  it('reads a record whose card rows were never finished as one needing a full pull', async () => {
    const stores = freshStores();
    // what a kiosk stopped half way through a full write leaves: the record without an identity version
    await createSnapshotCache(stores).save({ ...cached(parts('1')), identity: { kind: 'full' } });
    const record = (await get('parts', stores.state)) as { identity: { version: string } };
    await set('parts', { ...record, identity: { ...record.identity, version: 'none' } }, stores.state);
    expect((await createSnapshotCache(stores).load())?.parts.identity.version).toBe('none');
  });

  it('moves a whole snapshot kept by an older version into parts, so the kiosk still works offline after updating', async () => {
    const stores = freshStores();
    const old = { ...snapshot({ version: 'old' }), cardMap: { [wholeKey(5)]: { memberId: '5', maskedName: '王*' } }, revokedMembers: ['9'], revokedBadges: [] };
    await set('snapshot', { snapshot: old, receivedAt: 77 }, stores.state);
    const loaded = await createSnapshotCache(stores).load();
    expect(loaded?.receivedAt).toBe(77);
    expect(loaded?.parts.identity.data.cardMap).toEqual({ [key(5)]: { memberId: '5', maskedName: '王*' } });
    expect(loaded?.parts.identity.version).toBe('legacy'); // the next pull is answered in full
    expect(await get('snapshot', stores.state)).toBeUndefined();
    expect((await createSnapshotCache(stores).load())?.parts.config.data.kiosk).toEqual(old.kiosk);
  });

  it('reads a corrupted record as no snapshot, and leaves a corrupted row out', async () => {
    const stores = freshStores();
    await set('parts', { config: 1 }, stores.state);
    expect(await createSnapshotCache(stores).load()).toBeNull();
    await createSnapshotCache(stores).save({ ...cached(parts('1')), identity: { kind: 'full' } });
    await set(key(2), { memberId: 2 }, stores.identity);
    expect(Object.keys((await createSnapshotCache(stores).load())!.parts.identity.data.cardMap)).toEqual([key(1), key(3)]);
  });

  it('keeps card-map rows written with whole keys by an older version under their map keys, rewritten once', async () => {
    const stores = freshStores();
    await createSnapshotCache(stores).save({ ...cached(parts('1', 1)), identity: { kind: 'full' } });
    await set(wholeKey(8), { memberId: '8', maskedName: '赵*' }, stores.identity);
    const loaded = await createSnapshotCache(stores).load();
    expect(loaded!.parts.identity.data.cardMap[key(8)]).toEqual({ memberId: '8', maskedName: '赵*' });
    expect(loaded!.parts.identity.version).toBe('e.1'); // the map is whole: no full pull needed
    expect((await entries(stores.identity)).map(([k]) => k).sort()).toEqual([key(1), key(8)]);
  });
});
