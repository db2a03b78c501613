import 'fake-indexeddb/auto';
import { signal, type ReadonlySignal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import type { EventsResponse, KioskEvent } from '../../../src/domain/events';
import { err, ok, type Result } from '../../../src/domain/result';
import type { ApiFailure } from '../../../src/kiosk/data/api';
import { createOutbox } from '../../../src/kiosk/data/outbox';
import { createStrictStore } from '../../../src/kiosk/data/strict-store';
import { createSyncModel, decideSend } from '../../../src/kiosk/state/sync/sync-model';
import { fakeClock } from './fake-clock';

type Answer = Result<EventsResponse, ApiFailure> | ((events: readonly KioskEvent[]) => Result<EventsResponse, ApiFailure>);
const applied = (events: readonly KioskEvent[]) => ok({ results: events.map((e) => ({ id: e.id, status: 'applied' as const })) });
const http = (status: number, retryAfter: string | null = null, message: string | null = null) => err({ kind: 'http' as const, status, retryAfter, message });

let n = 0;
function setup(answers: Answer[] = [], opts: { kioskId?: string | null; random?: number; online?: ReadonlySignal<boolean> } = {}) {
  const c = fakeClock();
  const name = `sync-test-${++n}`;
  const outbox = createOutbox({ outbox: createStrictStore(name, 'events'), dead: createStrictStore(`${name}-dead`, 'events'), now: c.clock.now, random: (k) => crypto.getRandomValues(new Uint8Array(k)) });
  const sent: KioskEvent[][] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let gate: Promise<void> | null = null;
  const sync = createSyncModel({
    outbox,
    clock: c.clock,
    random: () => opts.random ?? 0.5,
    kioskId: () => (opts.kioskId === undefined ? 'lobby-1' : opts.kioskId),
    ...(opts.online && { browserOnline: opts.online }),
    postEvents: async (events) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      sent.push([...events]);
      if (gate) await gate;
      inFlight--;
      const a = answers.shift() ?? applied;
      return typeof a === 'function' ? a(events) : a;
    },
  });
  const rate = (score: 0 | 1 | 2 | 3 = 3) => sync.record('rating', { topic: null, score });
  return { ...c, outbox, sync, sent, rate, maxInFlight: () => maxInFlight, hold: (p: Promise<void>) => (gate = p) };
}

describe('decideSend', () => {
  it('settles a 200, retries network, timeouts, 408, 429 and 5xx, stops on 401/403', () => {
    expect(decideSend(ok({ results: [] }), 1, 0).type).toBe('settle');
    expect(decideSend(err({ kind: 'network' }), 5, 0)).toEqual({ type: 'retry', retryAfterMs: null, error: { kind: 'network' } });
    expect(decideSend(err({ kind: 'timeout' }), 5, 0).type).toBe('retry');
    for (const s of [408, 429, 500, 502, 503]) expect(decideSend(http(s), 5, 0).type, String(s)).toBe('retry');
    expect(decideSend(http(503, '7'), 5, 0)).toMatchObject({ type: 'retry', retryAfterMs: 7000 });
    expect(decideSend(http(401), 5, 0)).toMatchObject({ type: 'stop', error: { kind: 'auth', status: 401 } });
    expect(decideSend(http(403), 5, 0).type).toBe('stop');
  });

  it('splits a refused batch and dead-letters a refused single event with the hub message', () => {
    expect(decideSend(http(400, null, 'bad'), 3, 0)).toEqual({ type: 'split' });
    expect(decideSend(http(400, null, 'events[0].payload.score: bad'), 1, 0)).toEqual({ type: 'dead', reason: 'bad_request: events[0].payload.score: bad' });
    expect(decideSend(http(413), 2, 0)).toEqual({ type: 'split' });
    expect(decideSend(http(404), 1, 0).type).toBe('retry'); // never dropped for an odd status
  });
});

describe('SyncModel', () => {
  it('counts a recorded event as pending by the time record resolves', async () => {
    const s = setup();
    await s.rate();
    expect(s.sync.pending.value).toBe(1);
    await s.rate();
    expect(s.sync.pending.value).toBe(2);
  });

  it('sends what waits as soon as the browser says the network is back', async () => {
    const online = signal(false);
    const s = setup([err({ kind: 'network' })], { online });
    s.sync.start();
    await s.settle();
    await s.rate();
    await s.settle();
    await s.advance(1_000); // the debounced send fails: offline
    expect(s.sent).toHaveLength(1);
    expect(s.sync.pending.value).toBe(1);
    online.value = true;
    await s.settle();
    expect(s.sent).toHaveLength(2);
    expect(s.sync.pending.value).toBe(0);
  });

  it('records, counts pending, and flushes about a second after a new event', async () => {
    const s = setup();
    const r = await s.rate();
    expect(r.ok).toBe(true);
    await s.settle();
    expect(s.sync.pending.value).toBe(1);
    expect(s.sent).toHaveLength(0);
    await s.advance(1_000);
    expect(s.sent).toHaveLength(1);
    expect(s.sync.pending.value).toBe(0);
    expect(s.sync.lastSuccessAt.value).not.toBeNull();
  });

  it('does not record without enrollment', async () => {
    const s = setup([], { kioskId: null });
    expect(await s.rate()).toEqual({ ok: false, error: 'storage_failed' });
  });

  it('deletes applied and duplicate, dead-letters rejected, oldest first in batches of 100', async () => {
    const s = setup([
      (events) => ok({ results: events.map((e, i) => ({ id: e.id, ...(i === 1 ? { status: 'rejected' as const, reason: 'id_conflict' } : { status: i % 2 ? 'duplicate' as const : 'applied' as const }) })) }),
    ]);
    for (let i = 0; i < 150; i++) await s.outbox.record('lobby-1', 'rating', { topic: null, score: 2 });
    await s.sync.flush('manual');
    expect(s.sent.map((b) => b.length)).toEqual([100, 50]);
    expect(s.sent[0]!.map((e) => e.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(s.sync.stats.value).toEqual({ pending: 0, oldestAt: null, deadLetters: 1, stuck: null });
    expect((await s.outbox.deadLetters()).map((d) => [d.event.seq, d.reason])).toEqual([[2, 'id_conflict']]);
  });

  it('backs off on a 500 honouring Retry-After, then sends again and resets the attempts', async () => {
    const s = setup([http(500, '7'), err({ kind: 'network' }), applied]);
    await s.outbox.record('lobby-1', 'rating', { topic: null, score: 1 });
    await s.sync.flush('manual');
    expect(s.sync.pending.value).toBe(1);
    expect(s.sync.lastError.value).toEqual({ kind: 'http', status: 500, message: null });
    expect(s.sync.retryAt.value).toBe(s.clock.now() + 7_000);
    await s.sync.flush('interval'); // automatic triggers wait out the backoff
    expect(s.sent).toHaveLength(1);
    await s.advance(7_000);
    expect(s.sent).toHaveLength(2); // network error: attempt 1, full jitter under 2 s (random 0.5 → 1 s)
    expect(s.sync.retryAt.value).toBe(s.clock.now() + 1_000);
    await s.advance(1_000);
    expect(s.sent).toHaveLength(3);
    expect(s.sync.pending.value).toBe(0);
    expect(s.sync.retryAt.value).toBeNull();
    expect(s.sync.lastError.value).toBeNull();
  });

  it('grows the backoff with full jitter up to five minutes', async () => {
    const s = setup(Array.from({ length: 12 }, () => err({ kind: 'network' as const })), { random: 0.999 });
    await s.outbox.record('lobby-1', 'rating', { topic: null, score: 1 });
    const waits: number[] = [];
    await s.sync.flush('manual');
    for (let i = 0; i < 11; i++) {
      const wait = s.sync.retryAt.value! - s.clock.now();
      waits.push(wait);
      await s.advance(wait);
    }
    expect(waits.slice(0, 4)).toEqual([1000, 1998, 3996, 7992]);
    expect(Math.max(...waits)).toBeLessThanOrEqual(300_000);
    expect(waits.at(-1)).toBe(299_700);
    expect(s.sync.pending.value).toBe(1); // never dropped
  });

  it('starts the backoff afresh when the network comes back, after failures while it was gone', async () => {
    const s = setup([...Array.from({ length: 8 }, () => err({ kind: 'network' as const })), http(500)], { random: 0.999 });
    await s.outbox.record('lobby-1', 'rating', { topic: null, score: 1 });
    await s.sync.flush('manual');
    for (let i = 0; i < 7; i++) await s.advance(s.sync.retryAt.value! - s.clock.now());
    expect(s.sync.retryAt.value! - s.clock.now()).toBeGreaterThan(100_000); // attempt 8: minutes
    await s.sync.flush('online');
    expect(s.sent).toHaveLength(9);
    expect(s.sync.retryAt.value! - s.clock.now()).toBe(1_000); // the 500 after coming back: the first step again
  });

  it('stops on 401 until staff sync by hand', async () => {
    const s = setup([http(401, null, 'unknown token'), applied]);
    await s.outbox.record('lobby-1', 'rating', { topic: null, score: 1 });
    await s.sync.flush('start');
    expect(s.sync.stopped.value).toBe(true);
    expect(s.sync.lastError.value).toEqual({ kind: 'auth', status: 401, message: 'unknown token' });
    await s.advance(120_000);
    await s.sync.flush('interval');
    await s.sync.flush('recorded');
    expect(s.sent).toHaveLength(1);
    await s.sync.flush('manual');
    expect(s.sent).toHaveLength(2);
    expect(s.sync.stopped.value).toBe(false);
    expect(s.sync.pending.value).toBe(0);
  });

  it('finds the bad event of a refused batch by sending one by one', async () => {
    let bad = '';
    const s = setup([
      http(400, null, 'batch refused'),
      ...Array.from({ length: 3 }, () => (events: readonly KioskEvent[]) =>
        events[0]!.id === bad ? http(400, null, 'events[0]: invalid') : applied(events)),
    ]);
    for (let i = 0; i < 3; i++) await s.outbox.record('lobby-1', 'rating', { topic: null, score: 1 });
    bad = (await s.outbox.pending())[1]!.event.id;
    await s.sync.flush('manual');
    expect(s.sent.map((b) => b.length)).toEqual([3, 1, 1, 1]);
    expect(s.sync.stats.value.pending).toBe(0);
    expect((await s.outbox.deadLetters()).map((d) => [d.event.id, d.reason])).toEqual([[bad, 'bad_request: events[0]: invalid']]);
  });

  it('runs one flush at a time, and once more for what came in meanwhile', async () => {
    const s = setup();
    await s.outbox.record('lobby-1', 'rating', { topic: null, score: 1 });
    let release = () => {};
    s.hold(new Promise<void>((r) => (release = r)));
    const a = s.sync.flush('manual');
    await s.settle();
    await s.outbox.record('lobby-1', 'rating', { topic: null, score: 2 });
    const b = s.sync.flush('online');
    const c = s.sync.flush('manual');
    expect(b).toBe(a);
    expect(c).toBe(a);
    release();
    await a;
    expect(s.maxInFlight()).toBe(1);
    expect(s.sent.map((x) => x.map((e) => e.seq))).toEqual([[1], [2]]);
    expect(s.sync.pending.value).toBe(0);
  });

  it('keeps events the hub did not answer for and backs off', async () => {
    const s = setup([ok({ results: [] })]);
    await s.outbox.record('lobby-1', 'rating', { topic: null, score: 1 });
    await s.sync.flush('manual');
    expect(s.sync.pending.value).toBe(1);
    expect(s.sync.lastError.value).toEqual({ kind: 'unanswered' });
    expect(s.sync.retryAt.value).not.toBeNull();
  });

  it('flushes at start and every 30 s', async () => {
    const s = setup();
    await s.outbox.record('lobby-1', 'rating', { topic: null, score: 1 });
    s.sync.start();
    await s.settle();
    expect(s.sent).toHaveLength(1);
    await s.outbox.record('lobby-1', 'rating', { topic: null, score: 1 });
    await s.advance(30_000);
    expect(s.sent).toHaveLength(2);
  });

  describe('an event the hub keeps failing on (issue 10)', () => {
    /** The hub answers 500 to any batch holding one of `poisoned`, and applies every other batch. */
    const hubFailingOn = (poisoned: Set<string>) => Array.from({ length: 200 }, () => (events: readonly KioskEvent[]) =>
      events.some((e) => poisoned.has(e.id)) ? http(500, null, 'internal') : applied(events));
    /** Drives the sync until nothing but the backoff would happen for an hour. */
    const runOut = async (s: ReturnType<typeof setup>) => {
      await s.sync.flush('manual');
      for (let i = 0; i < 20 && s.sync.retryAt.value !== null; i++) await s.advance(s.sync.retryAt.value - s.clock.now());
    };

    it('halves a head batch answered 500 five times until the event behind it is alone, marks it stuck, and syncs everything else', async () => {
      const poisoned = new Set<string>();
      const s = setup(hubFailingOn(poisoned));
      for (let i = 0; i < 10; i++) await s.outbox.record('lobby-1', 'rating', { topic: null, score: 2 });
      const bad = (await s.outbox.pending())[6]!;
      poisoned.add(bad.event.id);
      await runOut(s);
      // five whole batches fail; then halves: 1–5 go, 6–10 fail, 6–8 fail, 6–7 fail, 6 goes, 7 fails alone
      // and is marked; the drain goes on with 8–10
      expect(s.sent.map((b) => b.map((e) => e.seq).join(','))).toEqual([
        ...Array(5).fill('1,2,3,4,5,6,7,8,9,10'), '1,2,3,4,5', '6,7,8,9,10', '6,7,8', '6,7', '6', '7', '8,9,10',
      ]);
      const pending = await s.outbox.pending();
      expect(pending).toEqual([]);
      const stuck = await s.outbox.stuck();
      expect(stuck.map((x) => x.event.id)).toEqual([bad.event.id]);
      expect(stuck[0]!.mark).toMatchObject({ tries: 1, status: 500 });
      expect(s.sync.stats.value).toMatchObject({ pending: 1, stuck: { count: 1, first: { id: bad.event.id, kind: 'rating', seq: 7, status: 500 } } });
      // every other event reached the hub exactly once
      const delivered = s.sent.filter((b) => !b.some((e) => poisoned.has(e.id))).flat().map((e) => e.seq).sort((a, b) => a - b);
      expect(delivered).toEqual([1, 2, 3, 4, 5, 6, 8, 9, 10]);
      expect(s.sync.retryAt.value).toBeNull();
      expect(s.sync.lastError.value).toBeNull();
    });

    it('sends what is recorded after a stuck event at once, and tries the stuck one alone every five minutes until the hub takes it', async () => {
      const poisoned = new Set<string>();
      const s = setup(hubFailingOn(poisoned));
      await s.outbox.record('lobby-1', 'rating', { topic: null, score: 0 });
      const [bad] = await s.outbox.pending();
      poisoned.add(bad!.event.id);
      await runOut(s);
      expect((await s.outbox.stuck()).map((x) => x.event.seq)).toEqual([1]);
      const before = s.sent.length;
      await s.outbox.record('lobby-1', 'rating', { topic: null, score: 3 });
      await s.sync.flush('recorded');
      expect(s.sent.slice(before).map((b) => b.map((e) => e.seq))).toEqual([[2]]);
      // within five minutes nothing is tried again; then it is, alone, and a failure counts one more try
      await s.advance(60_000);
      await s.sync.flush('interval');
      expect(s.sent.length).toBe(before + 1);
      await s.advance(4 * 60_000);
      await s.sync.flush('interval');
      expect(s.sent.at(-1)!.map((e) => e.seq)).toEqual([1]);
      expect((await s.outbox.stuck())[0]!.mark.tries).toBe(2);
      poisoned.clear(); // the hub was fixed
      await s.advance(5 * 60_000);
      await s.sync.flush('interval');
      expect(await s.outbox.stuck()).toEqual([]);
      expect(s.sync.stats.value).toMatchObject({ pending: 0, stuck: null, deadLetters: 0 });
    });

    it('keeps backing off without marking anything stuck when the hub answers 503 (it is down, not the event)', async () => {
      const s = setup(Array.from({ length: 30 }, () => http(503, '30')));
      for (let i = 0; i < 3; i++) await s.outbox.record('lobby-1', 'rating', { topic: null, score: 1 });
      await s.sync.flush('manual');
      for (let i = 0; i < 10; i++) await s.advance(s.sync.retryAt.value! - s.clock.now());
      expect(s.sent.map((b) => b.length)).toEqual(Array(11).fill(3));
      expect(await s.outbox.stuck()).toEqual([]);
      expect(s.sync.pending.value).toBe(3);
    });

    it('finds nothing stuck when 500s stop before the halving ends: the halves simply go through', async () => {
      const s = setup([...Array.from({ length: 5 }, () => http(500)), applied, applied]);
      for (let i = 0; i < 4; i++) await s.outbox.record('lobby-1', 'rating', { topic: null, score: 1 });
      await runOut(s);
      expect(s.sent.map((b) => b.length)).toEqual([4, 4, 4, 4, 4, 2, 2]);
      expect(await s.outbox.stuck()).toEqual([]);
      expect(s.sync.stats.value).toMatchObject({ pending: 0, stuck: null });
    });

    it('keeps the stuck mark across a restart: a new outbox on the same store still sends the others first', async () => {
      const poisoned = new Set<string>();
      const s = setup(hubFailingOn(poisoned));
      for (let i = 0; i < 3; i++) await s.outbox.record('lobby-1', 'rating', { topic: null, score: 1 });
      const [first] = await s.outbox.pending();
      await s.outbox.markStuck(first!.position, { since: s.clock.now(), tries: 1, lastTriedAt: s.clock.now(), status: 500 });
      expect((await s.outbox.pending()).map((q) => q.event.seq)).toEqual([2, 3]);
      expect((await s.outbox.pending(1)).map((q) => q.event.seq)).toEqual([2]);
      expect((await s.outbox.all()).map((q) => q.event.seq)).toEqual([1, 2, 3]);
      await s.outbox.remove([first!.position]);
      expect(await s.outbox.stuck()).toEqual([]);
    });
  });
});
