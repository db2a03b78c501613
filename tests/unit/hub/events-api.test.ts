import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrollmentCode } from '../../../src/hub/kiosks/tokens';
import { rating, suggestion } from '../../fixtures/events/make';
import { DB_KINDS, startTestHub, type TestHub } from './harness';
import { bearer, enrollKiosk } from './kiosk-auth';

const HEARTBEAT = {
  version: '0.1.0', pending: 3, oldestPendingAt: '2026-03-04T01:50:00.000Z', deadLetters: 1, lastSyncAt: null,
  lastError: 'The hub did not answer', storage: { persisted: true, usage: 1234, quota: 99999 }, camera: 'none',
};

describe.each(DB_KINDS)('events API on %s', (kind) => {
  let hub: TestHub;
  let token: string;
  const post = (body: unknown, t: string | null = token) =>
    hub.request('/api/v1/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(t ? { authorization: `Bearer ${t}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const count = async (table: string) => (await hub.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

  beforeAll(async () => {
    hub = await startTestHub(kind);
    token = await enrollKiosk(hub, 'lobby-1');
  });
  afterAll(() => hub.cleanup());

  it('applies a batch in order and stores each event with its projection', async () => {
    const batch = [rating('lobby-1', 1, 3), rating('lobby-1', 2, 0), suggestion('lobby-1', 3, '淋浴间热水不够')];
    const before = await count('events');
    const res = await post({ events: batch });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ results: batch.map((e) => ({ id: e.id, status: 'applied' })) });
    expect(await count('events')).toBe(before + 3);
    const [s] = await hub.db.query<{ text: string; source: string; status: string }>('SELECT text, source, status FROM suggestions WHERE id = $1', [batch[2]!.id]);
    expect(s).toEqual({ text: '淋浴间热水不够', source: 'kiosk', status: 'new' });
  });

  it('answers duplicate for the same event sent again and stores it once', async () => {
    const e = rating('lobby-1', 10);
    await post({ events: [e] });
    const again = await (await post({ events: [e] })).json();
    expect(again).toEqual({ results: [{ id: e.id, status: 'duplicate' }] });
    expect((await hub.db.query('SELECT id FROM events WHERE id = $1', [e.id])).length).toBe(1);
  });

  it('treats a re-sent event with its keys in another order as the same event', async () => {
    const e = rating('lobby-1', 11);
    await post({ events: [e] });
    const reordered = { payload: { score: e.payload.score, topic: e.payload.topic }, kind: e.kind, at: e.at, seq: e.seq, kioskId: e.kioskId, id: e.id };
    expect(await (await post({ events: [reordered] })).json()).toEqual({ results: [{ id: e.id, status: 'duplicate' }] });
  });

  it('rejects the same id with different content as id_conflict and keeps the first', async () => {
    const e = rating('lobby-1', 12, 3);
    await post({ events: [e] });
    const changed = { ...e, payload: { ...e.payload, score: 0 } };
    expect(await (await post({ events: [changed] })).json()).toEqual({ results: [{ id: e.id, status: 'rejected', reason: 'id_conflict' }] });
    const [r] = await hub.db.query<{ score: number }>('SELECT score FROM ratings WHERE event_id = $1', [e.id]);
    expect(r!.score).toBe(3);
  });

  it("rejects an event that names another kiosk than the token's", async () => {
    const e = rating('gym-1', 1);
    expect(await (await post({ events: [e] })).json()).toEqual({ results: [{ id: e.id, status: 'rejected', reason: 'kiosk_mismatch' }] });
    expect((await hub.db.query('SELECT id FROM events WHERE id = $1', [e.id])).length).toBe(0);
  });

  it('refuses a malformed batch with 400 and stores nothing of it', async () => {
    const before = await count('events');
    const good = rating('lobby-1', 20);
    const cases: unknown[] = [
      '{"events": [',
      { events: [good, { ...rating('lobby-1', 21), id: 'not-a-uuid' }] },
      { events: [good, { kind: 'rating' }] },
      { events: [] },
      { events: Array.from({ length: 101 }, (_, i) => rating('lobby-1', 100 + i)) },
      { events: [good], extra: true },
      [good],
    ];
    for (const body of cases) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'bad_request', message: expect.any(String) });
    }
    expect(await count('events')).toBe(before);
  });

  it('answers a malformed event in a batch rejected: invalid with what is wrong, and applies the others', async () => {
    const good = [rating('lobby-1', 23), rating('lobby-1', 24)];
    const bad = [{ ...rating('lobby-1', 21), seq: 'one' }, { ...rating('lobby-1', 22), payload: { topic: null, score: 7 } }];
    const res = await post({ events: [good[0], bad[0], bad[1], good[1]] });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: { id: string; status: string; reason?: string; detail?: string }[] };
    expect(results.map((r) => r.reason ?? r.status)).toEqual(['applied', 'invalid', 'invalid', 'applied']);
    expect(results[1]!.detail).toMatch(/^\$\.seq: /);
    expect(results[2]!.detail).toMatch(/^\$\.payload\.score: /);
    for (const e of bad) expect((await hub.db.query('SELECT 1 FROM events WHERE id = $1', [e.id])).length).toBe(0);
    for (const e of good) expect((await hub.db.query('SELECT 1 FROM events WHERE id = $1', [e.id])).length).toBe(1);
  });

  it('refuses events without a token or with a wrong one, and stores nothing', async () => {
    const before = await count('events');
    expect((await post({ events: [rating('lobby-1', 30)] }, null)).status).toBe(401);
    expect((await post({ events: [rating('lobby-1', 31)] }, 'A'.repeat(43))).status).toBe(401);
    expect(await count('events')).toBe(before);
  });

  it('stores each event once when the same batch arrives ten times at once', async () => {
    const batch = Array.from({ length: 20 }, (_, i) => rating('lobby-1', 200 + i, (i % 4) as 0 | 1 | 2 | 3));
    const answers = await Promise.all(Array.from({ length: 10 }, () => post({ events: batch }).then((r) => r.json())));
    for (const a of answers) for (const r of a.results) expect(['applied', 'duplicate']).toContain(r.status);
    const applied = answers.flatMap((a) => a.results).filter((r: { status: string }) => r.status === 'applied');
    expect(applied).toHaveLength(20);
    const ids = batch.map((e) => e.id);
    expect((await hub.db.query('SELECT id FROM events WHERE id = ANY($1::uuid[])', [ids])).length).toBe(20);
    expect((await hub.db.query('SELECT event_id FROM ratings WHERE event_id = ANY($1::uuid[])', [ids])).length).toBe(20);
  });

  it('takes an enrollment code once: a second use is refused in plain words', async () => {
    const code = await issueEnrollmentCode(hub.db, 'gym-1', hub.clock.now);
    const enroll = () => hub.request('/api/v1/enroll', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    const first = await enroll();
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ kioskId: 'gym-1', token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    const second = await enroll();
    expect(second.status).toBe(400);
    expect(await second.json()).toMatchObject({ error: 'bad_enrollment_code', message: expect.stringContaining('already used') });
  });

  it('refuses an expired enrollment code, and a new enrollment replaces the old token', async () => {
    const old = await enrollKiosk(hub, 'gym-1');
    const code = await issueEnrollmentCode(hub.db, 'gym-1', hub.clock.now - 25 * 3_600_000);
    const res = await hub.request('/api/v1/enroll', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    expect(res.status).toBe(400);
    expect((await hub.request('/api/v1/snapshot', { headers: bearer(old) })).status).toBe(200);
    const fresh = await enrollKiosk(hub, 'gym-1');
    expect((await hub.request('/api/v1/snapshot', { headers: bearer(old) })).status).toBe(401);
    expect((await hub.request('/api/v1/snapshot', { headers: bearer(fresh) })).status).toBe(200);
  });

  it('stores a heartbeat and refuses a malformed one', async () => {
    const res = await hub.request('/api/v1/heartbeat', { method: 'POST', headers: bearer(token, { 'content-type': 'application/json' }), body: JSON.stringify(HEARTBEAT) });
    expect(res.status).toBe(204);
    const [row] = await hub.db.query<{ heartbeat: unknown }>('SELECT heartbeat FROM kiosks WHERE id = $1', ['lobby-1']);
    const hb = typeof row!.heartbeat === 'string' ? JSON.parse(row!.heartbeat) : row!.heartbeat;
    expect(hb).toEqual(HEARTBEAT);
    const bad = await hub.request('/api/v1/heartbeat', { method: 'POST', headers: bearer(token, { 'content-type': 'application/json' }), body: JSON.stringify({ ...HEARTBEAT, pending: -1 }) });
    expect(bad.status).toBe(400);
  });
});
