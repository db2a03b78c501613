import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Heartbeat } from '../../../src/domain/events';
import { createHub } from '../../../src/hub/hub';
import { formatLogLine } from '../../../src/hub/ops/log';
import { rating } from '../../fixtures/events/make';
import { ADMIN_PASSWORD, DB_KINDS, demoConfig, NOW, startTestHub, type TestHub } from './harness';
import { bearer, enrollKiosk } from './kiosk-auth';

// Issue 13, operating the hub: /healthz asks the database, /metrics speaks Prometheus text, the log is a
// line per thing worth knowing, plain or JSON.

const HEARTBEAT: Heartbeat = {
  version: '0.3.0', pending: 7, oldestPendingAt: null, deadLetters: 2, lastSyncAt: null, lastError: null,
  storage: { persisted: true, usage: 1000, quota: 10_000 }, camera: 'ok',
};

describe.each(DB_KINDS)('operating the hub on %s', (kind) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(kind);
  });
  afterAll(() => hub.cleanup());
  /** Another hub on the same database, set up as a test needs it (a token, a log to read). */
  const secondHub = (extra: Partial<Parameters<typeof createHub>[0]> = {}) =>
    createHub({ db: hub.db, config: demoConfig(), kioskDist: hub.kioskDist, adminPassword: ADMIN_PASSWORD, now: () => NOW, hourly: false, log: () => undefined, ...extra });

  it('counts kiosks by state, their queues from heartbeats, and the events and snapshots it answered', async () => {
    const token = await enrollKiosk(hub, 'lobby-1');
    await hub.request('/api/v1/heartbeat', { method: 'POST', headers: bearer(token, { 'content-type': 'application/json' }), body: JSON.stringify(HEARTBEAT) });
    const events = [rating('lobby-1', 1), rating('lobby-1', 2)];
    const post = () => hub.request('/api/v1/events', { method: 'POST', headers: bearer(token, { 'content-type': 'application/json' }), body: JSON.stringify({ events }) });
    expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(200); // answered duplicate
    expect((await hub.request('/api/v1/snapshot', { headers: bearer(token) })).status).toBe(200);

    const res = await hub.request('/metrics');
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('# TYPE wsc_kiosks gauge');
    expect(text).toContain('wsc_kiosks{state="online"} 1');
    expect(text).toContain('wsc_kiosks{state="never_seen"} 1'); // gym-1, never enrolled
    expect(text).toContain('wsc_kiosk_pending_events{kiosk="lobby-1"} 7');
    expect(text).toContain('wsc_kiosk_dead_letters{kiosk="lobby-1"} 2');
    expect(text).toContain('wsc_events_total{result="applied"} 2');
    expect(text).toContain('wsc_events_total{result="duplicate"} 2');
    expect(text).toContain('wsc_snapshot_pulls_total 1');
    // every sample line is name{labels} number, as Prometheus parses it
    for (const line of text.trim().split('\n').filter((l) => !l.startsWith('#'))) expect(line).toMatch(/^wsc_[a-z_]+(\{[a-z_]+="[^"]*"\})? \d+$/);

    hub.clock.now += 6 * 60_000; // past kioskSilentMinutes
    try {
      expect(await (await hub.request('/metrics')).text()).toContain('wsc_kiosks{state="silent"} 1');
    } finally {
      hub.clock.now = NOW;
    }
  });

  it('asks for METRICS_TOKEN when one is set', async () => {
    const h = await secondHub({ metricsToken: 'scrape-secret-1' });
    try {
      expect((await h.app.request('http://hub.test/metrics')).status).toBe(401);
      expect((await h.app.request('http://hub.test/metrics', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      expect((await h.app.request('http://hub.test/metrics', { headers: { authorization: 'Bearer scrape-secret-1' } })).status).toBe(200);
    } finally {
      h.stop();
    }
  });

  it('answers /healthz from the database, and 503 in words when it does not answer', async () => {
    expect(await (await hub.request('/healthz')).json()).toEqual({ ok: true });
    const hub2 = await secondHub();
    const realQuery = hub.db.query.bind(hub.db);
    (hub.db as { query: unknown }).query = async () => { throw new Error('connection refused'); };
    try {
      const res = await hub2.app.request('http://hub.test/healthz');
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ ok: false, database: 'unreachable' });
    } finally {
      (hub.db as { query: unknown }).query = realQuery;
      hub2.stop();
    }
  });

  it('logs a request error with an id the client is shown, and counts it', async () => {
    const lines: string[] = [];
    const h = await secondHub({ log: (m, level) => lines.push(`${level ?? 'info'} ${m}`) });
    const realQuery = hub.db.query.bind(hub.db);
    (hub.db as { query: unknown }).query = async () => { throw new Error('kaboom'); };
    try {
      const res = await h.app.request('http://hub.test/metrics');
      expect(res.status).toBe(500);
      const id = /logged as ([0-9a-f]{8})/.exec(await res.text())?.[1];
      expect(id).toBeDefined();
      expect(lines.find((l) => l.startsWith(`error Error ${id} on GET /metrics: Error: kaboom`))).toBeDefined();
      expect(h.counters.requestErrors).toBe(1);
    } finally {
      (hub.db as { query: unknown }).query = realQuery;
      h.stop();
    }
  });
});

describe('log lines', () => {
  it('are one line of text with the time and level, or one JSON object, and a stack stays one entry', () => {
    expect(formatLogLine('text', NOW, 'warn', 'Kiosk gym-1 has gone silent.')).toBe('2026-03-04T02:00:00.000Z WARN  Kiosk gym-1 has gone silent.');
    expect(JSON.parse(formatLogLine('json', NOW, 'info', 'Hub started.'))).toEqual({ time: '2026-03-04T02:00:00.000Z', level: 'info', msg: 'Hub started.' });
    expect(formatLogLine('text', NOW, 'error', 'Error 1 on GET /x: Error: a\n    at f')).toBe('2026-03-04T02:00:00.000Z ERROR Error 1 on GET /x: Error: a\n        at f');
    expect(formatLogLine('json', NOW, 'error', 'a\nb').split('\n')).toHaveLength(1);
  });
});
