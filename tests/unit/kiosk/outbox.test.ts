import 'fake-indexeddb/auto';
import type { UseStore } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { createOutbox, type OutboxDeps } from '../../../src/kiosk/data/outbox';
import { createStrictStore, openDatabase } from '../../../src/kiosk/data/strict-store';

let n = 0;
const rnd = (bytes: number) => Uint8Array.from({ length: bytes }, (_, i) => (i * 37 + n) & 255);

function deps(name = `wsc-outbox-test-${++n}`, overrides: Partial<OutboxDeps> = {}) {
  let t = Date.UTC(2025, 10, 23, 6, 0, 0);
  return {
    name,
    deps: { outbox: createStrictStore(name, 'events'), dead: createStrictStore(`${name}-dead`, 'events'), now: () => (t += 1000), random: rnd, ...overrides },
  };
}

const rating = (score: 0 | 1 | 2 | 3) => ({ topic: 'gym', score });

describe('outbox (IndexedDB, strict durability)', () => {
  it('numbers events per kiosk and reads them oldest first, across a reopen', async () => {
    const { name, deps: d } = deps();
    const box = createOutbox(d);
    for (const s of [0, 1, 2] as const) expect((await box.record('lobby-1', 'rating', rating(s))).ok).toBe(true);
    // a reload: new store objects, new connections, same databases
    const again = createOutbox({ ...d, outbox: createStrictStore(name, 'events'), dead: createStrictStore(`${name}-dead`, 'events') });
    await again.record('lobby-1', 'suggestion', { topic: null, text: '  more towels ', contact: null });
    const pending = await again.pending(100);
    expect(pending.map((q) => [q.event.seq, q.event.kind])).toEqual([[1, 'rating'], [2, 'rating'], [3, 'rating'], [4, 'suggestion']]);
    expect(pending.map((q) => q.position)).toEqual([1, 2, 3, 4]);
    expect(pending[3]!.event.payload).toEqual({ topic: null, text: 'more towels', contact: null }); // parsed, trimmed
    expect(new Set(pending.map((q) => q.event.id)).size).toBe(4);
    expect(pending[0]!.event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(pending[0]!.event.at).toBe('2025-11-23T06:00:01.000Z');
  });

  it('keeps seq counting after events leave the queue', async () => {
    const box = createOutbox(deps().deps);
    await box.record('lobby-1', 'rating', rating(3));
    await box.remove((await box.pending()).map((q) => q.position));
    await box.record('lobby-1', 'rating', rating(2));
    expect((await box.pending()).map((q) => q.event.seq)).toEqual([2]);
  });

  it('reads in batches of at most the limit', async () => {
    const box = createOutbox(deps().deps);
    for (let i = 0; i < 7; i++) await box.record('lobby-1', 'rating', rating(1));
    expect((await box.pending(5)).map((q) => q.event.seq)).toEqual([1, 2, 3, 4, 5]);
    expect((await box.stats()).pending).toBe(7);
  });

  it('resolves record only once the transaction committed: another connection sees the event', async () => {
    const { name, deps: d } = deps();
    const result = await createOutbox(d).record('lobby-1', 'rating', rating(0));
    const db = await openDatabase(name, 'events');
    const stored = await new Promise((resolve) => {
      const r = db.transaction('events').objectStore('events').get(1);
      r.onsuccess = () => resolve(r.result);
    });
    db.close();
    expect(result.ok && stored).toEqual(result.ok && result.value);
  });

  it('opens its transactions with strict durability', async () => {
    const { deps: d } = deps();
    await createOutbox(d).stats(); // the database opened and created before we watch
    const options: unknown[] = [];
    const original = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      options.push([args[1], args[2]]);
      return original.apply(this, args);
    } as IDBDatabase['transaction'];
    try {
      await createOutbox(d).record('lobby-1', 'rating', rating(0));
    } finally {
      IDBDatabase.prototype.transaction = original;
    }
    expect(options).toEqual([['readwrite', { durability: 'strict' }]]);
  });

  it('answers storage_full when the disk is full, and writes nothing', async () => {
    const { deps: d } = deps();
    const full: UseStore = (mode, cb) =>
      d.outbox(mode, (os) => {
        os.put = () => {
          throw new DOMException('quota', 'QuotaExceededError');
        };
        return cb(os);
      });
    const box = createOutbox({ ...d, outbox: full });
    expect(await box.record('lobby-1', 'rating', rating(2))).toEqual({ ok: false, error: 'storage_full' });
    expect((await createOutbox(d).stats()).pending).toBe(0);
  });

  it('refuses an invalid event without using a seq', async () => {
    const box = createOutbox(deps().deps);
    expect(await box.record('lobby-1', 'rating', { topic: 'gym', score: 7 as 0 })).toEqual({ ok: false, error: 'storage_failed' });
    await box.record('lobby-1', 'rating', rating(1));
    expect((await box.pending()).map((q) => q.event.seq)).toEqual([1]);
  });

  it('moves rejected events to the dead letters with the reason', async () => {
    const box = createOutbox(deps().deps);
    await box.record('lobby-1', 'rating', rating(1));
    await box.record('lobby-1', 'rating', rating(2));
    const [first] = await box.pending();
    await box.deadLetter([{ ...first!, reason: 'id_conflict' }]);
    expect((await box.pending()).map((q) => q.event.seq)).toEqual([2]);
    const dead = await box.deadLetters();
    expect(dead.map((x) => [x.event.id, x.reason])).toEqual([[first!.event.id, 'id_conflict']]);
    const stats = await box.stats();
    expect(stats).toEqual({ pending: 1, oldestAt: (await box.pending())[0]!.event.at, deadLetters: 1, stuck: null });
  });
});
