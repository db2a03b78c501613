import { createStore } from 'idb-keyval';
import { createHubApi } from '../../../src/kiosk/data/api';
import { createOutbox } from '../../../src/kiosk/data/outbox';
import { createStrictStore } from '../../../src/kiosk/data/strict-store';
import { systemClock } from '../../../src/kiosk/platform/clock';
import { createSyncModel } from '../../../src/kiosk/state/sync/sync-model';

// The kiosk's own outbox and sync modules in a bare page, driven by tests/bench/outbox.ts through
// Playwright: real IndexedDB with strict durability in real Chromium, draining to a real hub.

const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
const outbox = createOutbox({
  outbox: createStrictStore('bench-outbox', 'events'),
  dead: createStore('bench-dead', 'dead'),
  now: () => Date.now(),
  random,
});

async function enqueue(kioskId: string, n: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    // one at a time, as taps come: each write is committed before the next starts
    const r = await outbox.record(kioskId, 'rating', { topic: 'gym', score: (i % 4) as 0 | 1 | 2 | 3 });
    if (!r.ok) throw new Error(r.error);
  }
  return performance.now() - t0;
}

async function drain(kioskId: string, token: string): Promise<number> {
  const api = createHubApi({ token: () => token });
  const sync = createSyncModel({ outbox, postEvents: api.postEvents, kioskId: () => kioskId, clock: systemClock, random: Math.random, intervalMs: 3_600_000 });
  const t0 = performance.now();
  for (let guard = 0; guard < 100; guard++) {
    await sync.flush('manual');
    if ((await outbox.stats()).pending === 0) return performance.now() - t0;
  }
  throw new Error(`outbox not drained: ${JSON.stringify(await outbox.stats())}`);
}

(window as unknown as { bench: object }).bench = { enqueue, drain, stats: () => outbox.stats() };
document.body.dataset.ready = 'yes';
