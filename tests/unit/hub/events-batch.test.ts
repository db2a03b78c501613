import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/hub/db/port';
import { applyBatch } from '../../../src/hub/events/apply';
import { rating, suggestion } from '../../fixtures/events/make';
import { DB_KINDS, startTestHub, type TestHub } from './harness';
import { enrollKiosk } from './kiosk-auth';

type Answer = { results: { id: string; status: string; reason?: string }[] };

describe.each(DB_KINDS)('events batch on %s', (kind) => {
  let hub: TestHub;
  let token: string;
  const post = (events: unknown[]) =>
    hub.request('/api/v1/events', {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ events }),
    }).then((r) => r.json() as Promise<Answer>);
  const stored = async (ids: string[]) => (await hub.db.query('SELECT id FROM events WHERE id = ANY($1::uuid[])', [ids])).length;

  beforeAll(async () => {
    hub = await startTestHub(kind);
    token = await enrollKiosk(hub, 'lobby-1');
  });
  afterAll(() => hub.cleanup());

  it('answers every outcome in request order in one mixed batch', async () => {
    const old = rating('lobby-1', 1, 3);
    await post([old]);
    const fresh = suggestion('lobby-1', 2, '更衣室的柜子不够');
    const conflict = { ...old, payload: { ...old.payload, score: 0 } };
    const foreign = rating('gym-1', 1);
    const answer = await post([fresh, old, conflict, foreign]);
    expect(answer.results).toEqual([
      { id: fresh.id, status: 'applied' },
      { id: old.id, status: 'duplicate' },
      { id: old.id, status: 'rejected', reason: 'id_conflict' },
      { id: foreign.id, status: 'rejected', reason: 'kiosk_mismatch' },
    ]);
    expect(await stored([fresh.id, old.id, foreign.id])).toBe(2);
  });

  it('applies the first of two events with one id in a batch and answers the second against it', async () => {
    const e = rating('lobby-1', 10, 2);
    const f = rating('lobby-1', 11, 1);
    const answer = await post([e, e, f, { ...f, payload: { ...f.payload, score: 3 } }]);
    expect(answer.results.map((r) => r.reason ?? r.status)).toEqual(['applied', 'duplicate', 'applied', 'id_conflict']);
    const [r] = await hub.db.query<{ score: number }>('SELECT score FROM ratings WHERE event_id = $1', [f.id]);
    expect(r!.score).toBe(1);
  });

  it('stores each event once when overlapping batches in opposite orders arrive at once', async () => {
    const events = Array.from({ length: 40 }, (_, i) => rating('lobby-1', 100 + i, (i % 4) as 0 | 1 | 2 | 3));
    const forward = events.slice(0, 30);
    const backward = events.slice(10).reverse();
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => post(i % 2 ? forward : backward)));
    const all = answers.flatMap((a) => a.results);
    for (const r of all) expect(['applied', 'duplicate']).toContain(r.status);
    expect(all.filter((r) => r.status === 'applied')).toHaveLength(40);
    expect(await stored(events.map((e) => e.id))).toBe(40);
  });

  it('falls back to one transaction per event when the batch transaction fails, with the same answers', async () => {
    let failures = 1;
    const flaky: Db = {
      ...hub.db,
      query: hub.db.query.bind(hub.db),
      exec: hub.db.exec.bind(hub.db),
      close: hub.db.close.bind(hub.db),
      transaction: (fn) => {
        if (failures-- > 0) return Promise.reject(new Error('deadlock detected'));
        return hub.db.transaction(fn);
      },
    };
    const logged: string[] = [];
    const e = rating('lobby-1', 200);
    const known = rating('lobby-1', 201);
    await post([known]);
    const results = await applyBatch(flaky, 'lobby-1', [e, known, rating('gym-1', 5)], hub.clock.now, (m) => logged.push(m));
    expect(results.map((r) => (r.status === 'rejected' ? r.reason : r.status))).toEqual(['applied', 'duplicate', 'kiosk_mismatch']);
    expect(logged).toEqual([expect.stringContaining('deadlock detected')]);
    expect(await stored([e.id])).toBe(1);
  });
});
