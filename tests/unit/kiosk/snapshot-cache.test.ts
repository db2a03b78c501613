import 'fake-indexeddb/auto';
import { createStore, set } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { createSnapshotCache } from '../../../src/kiosk/data/snapshot-cache';
import { snapshot } from './snapshot-fixture';

let n = 0;
const freshStore = () => createStore(`wsc-kiosk-test-${++n}`, 'state');

describe('snapshot cache (IndexedDB)', () => {
  it('has nothing before the first snapshot', async () => {
    expect(await createSnapshotCache(freshStore()).load()).toBeNull();
  });

  it('keeps the last good snapshot with the time it was received', async () => {
    const cache = createSnapshotCache(freshStore());
    expect(await cache.save(snapshot({ version: 'a' }), 1000)).toBe(true);
    expect(await cache.save(snapshot({ version: 'b' }), 2000)).toBe(true);
    const loaded = await cache.load();
    expect(loaded?.snapshot.version).toBe('b');
    expect(loaded?.receivedAt).toBe(2000);
  });

  it('ignores an invalid snapshot and keeps the previous good one', async () => {
    const cache = createSnapshotCache(freshStore());
    await cache.save(snapshot({ version: 'good' }), 1000);
    expect(await cache.save({ ...snapshot(), schedule: 'nope' }, 3000)).toBe(false);
    expect(await cache.save(null, 3000)).toBe(false);
    expect((await cache.load())?.snapshot.version).toBe('good');
  });

  it('survives a new cache object on the same store, as after a reload', async () => {
    const store = freshStore();
    await createSnapshotCache(store).save(snapshot({ version: 'kept' }), 1000);
    expect((await createSnapshotCache(store).load())?.snapshot.version).toBe('kept');
  });

  it('reads a corrupted stored value as no snapshot', async () => {
    const store = freshStore();
    await set('snapshot', { snapshot: { version: 1 }, receivedAt: 'x' }, store);
    expect(await createSnapshotCache(store).load()).toBeNull();
  });
});
