import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rating, suggestion } from '../../fixtures/events/make';
import { DB_KINDS, startTestHub, type TestHub } from './harness';
import { bearer, enrollKiosk } from './kiosk-auth';

// Issue 10: values the event schema once accepted and the database refused answered the whole batch
// with 500, so a kiosk retried it forever and nothing behind it synced. Each case here failed before.

type Result = { id: string; status: string; reason?: string; detail?: string };

const HEARTBEAT = {
  version: '0.1.0', pending: 0, oldestPendingAt: null, deadLetters: 0, lastSyncAt: null,
  lastError: null, storage: { persisted: true, usage: 1, quota: 2 }, camera: 'none',
};

describe.each(DB_KINDS)('hostile events on %s', (kind) => {
  let hub: TestHub;
  const tokens: Record<string, string> = {};
  const post = (path: string, body: unknown, kioskId = 'lobby-1') =>
    hub.request(path, { method: 'POST', headers: bearer(tokens[kioskId]!, { 'content-type': 'application/json' }), body: JSON.stringify(body) });
  const send = async (events: unknown[], kioskId = 'lobby-1') => {
    const res = await post('/api/v1/events', { events }, kioskId);
    expect(res.status).toBe(200);
    return ((await res.json()) as { results: Result[] }).results;
  };
  const stored = async (id: string) => (await hub.db.query('SELECT 1 FROM events WHERE id = $1', [id])).length;
  let seq = 1000;

  beforeAll(async () => {
    hub = await startTestHub(kind);
    tokens['lobby-1'] = await enrollKiosk(hub, 'lobby-1');
    tokens['gym-1'] = await enrollKiosk(hub, 'gym-1');
  });
  afterAll(() => hub.cleanup());

  const poisons: [string, (e: ReturnType<typeof suggestion>) => unknown][] = [
    ['seq past the integer column', (e) => ({ ...e, seq: 2147483648 })],
    ['seq 1e308', (e) => ({ ...e, seq: 1e308 })],
    ['year 0000', (e) => ({ ...e, at: '0000-01-01T00:00:00Z' })],
    ['30 February', (e) => ({ ...e, at: '2026-02-30T10:00:00Z' })],
    ['offset +23:59', (e) => ({ ...e, at: '2026-03-04T10:00:00+23:59' })],
    ['NUL in text', (e) => ({ ...e, payload: { ...e.payload, text: 'a\u0000b' } })],
    ['NUL in contact', (e) => ({ ...e, payload: { ...e.payload, contact: '\u0000' } })],
    ['a lone high surrogate', (e) => ({ ...e, payload: { ...e.payload, text: 'x\ud800y' } })],
    ['a lone low surrogate', (e) => ({ ...e, payload: { ...e.payload, text: '\udfff' } })],
    ['a right-to-left override', (e) => ({ ...e, payload: { ...e.payload, text: 'pay \u202egnp.exe' } })],
  ];

  it.each(poisons)('rejects an event with %s as invalid and applies the events around it', async (_name, poison) => {
    const a = rating('lobby-1', ++seq);
    const b = poison(suggestion('lobby-1', ++seq, 'ok')) as { id: string };
    const c = rating('lobby-1', ++seq);
    const results = await send([a, b, c]);
    expect(results.map((r) => r.reason ?? r.status)).toEqual(['applied', 'invalid', 'applied']);
    expect(results[1]!.detail).toMatch(/^\$\.(seq|at|payload\.text|payload\.contact): /);
    expect([await stored(a.id), await stored(b.id), await stored(c.id)]).toEqual([1, 0, 1]);
    // a resend gets the same answers: the bad one never sticks in a retry loop
    expect((await send([a, b, c])).map((r) => r.reason ?? r.status)).toEqual(['duplicate', 'invalid', 'duplicate']);
  });

  it('stores a suggestion in Unicode NFC, so the same words typed two ways read and count the same', async () => {
    const e = suggestion('lobby-1', ++seq, 'cafe\u0301 e\u0301te\u0301');
    expect((await send([e])).map((r) => r.status)).toEqual(['applied']);
    const [row] = await hub.db.query<{ text: string }>('SELECT text FROM suggestions WHERE id = $1', [e.id]);
    expect(row!.text).toBe('café été');
  });

  it('refuses a heartbeat with NUL or a bidi control in its text with 400, and takes a clean one', async () => {
    for (const bad of [{ version: '1\u0000' }, { lastError: 'disk\u0000full' }, { camera: '\u202e' }, { pending: 2 ** 40 }]) {
      const res = await post('/api/v1/heartbeat', { ...HEARTBEAT, ...bad });
      expect(res.status).toBe(400);
    }
    expect((await post('/api/v1/heartbeat', HEARTBEAT)).status).toBe(204);
  });

  it('rejects an event of a kind the kiosk does not offer as feature_off and stores nothing', async () => {
    // gym-1 has no suggestion box in kiosk-config/kiosks/gym-1.json
    const s = suggestion('gym-1', ++seq, '健身房太吵');
    const r = rating('gym-1', ++seq);
    const results = await send([s, r], 'gym-1');
    expect(results.map((x) => x.reason ?? x.status)).toEqual(['feature_off', 'applied']);
    expect(await stored(s.id)).toBe(0);
    expect((await hub.db.query('SELECT 1 FROM suggestions WHERE id = $1', [s.id])).length).toBe(0);
  });

  it('answers an event the database refuses rejected: unstorable and still applies the rest of its batch', async () => {
    // a real refusal by the database for one value the schema allows (a constraint only this test adds)
    await hub.db.exec("ALTER TABLE suggestions ADD CONSTRAINT test_refuses_boom CHECK (text <> 'boom')");
    try {
      const a = rating('lobby-1', ++seq);
      const b = suggestion('lobby-1', ++seq, 'boom');
      const c = suggestion('lobby-1', ++seq, 'fine');
      const results = await send([a, b, c]);
      expect(results.map((r) => r.reason ?? r.status)).toEqual(['applied', 'unstorable', 'applied']);
      expect(results[1]!.detail).toMatch(/database refused/);
      expect([await stored(a.id), await stored(b.id), await stored(c.id)]).toEqual([1, 0, 1]);
    } finally {
      await hub.db.exec('ALTER TABLE suggestions DROP CONSTRAINT test_refuses_boom');
    }
  });

  it('answers 503 with Retry-After, not 500, when the database fails for a reason of its own; what it stored is a duplicate next time', async () => {
    await hub.db.exec(`
      CREATE FUNCTION test_fail_on_flaky() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.text = 'flaky' THEN RAISE EXCEPTION 'simulated outage' USING ERRCODE = '57014'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER test_flaky BEFORE INSERT ON suggestions FOR EACH ROW EXECUTE FUNCTION test_fail_on_flaky();`);
    const a = rating('lobby-1', ++seq);
    const b = suggestion('lobby-1', ++seq, 'flaky');
    try {
      const res = await post('/api/v1/events', { events: [a, b] });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('30');
      expect(await res.json()).toMatchObject({ error: 'unavailable' });
    } finally {
      await hub.db.exec('DROP TRIGGER test_flaky ON suggestions; DROP FUNCTION test_fail_on_flaky();');
    }
    expect(await stored(b.id)).toBe(0);
    expect((await send([a, b])).map((r) => r.status)).toEqual([await stored(a.id) ? 'duplicate' : 'applied', 'applied']);
  });
});
