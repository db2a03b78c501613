import fc from 'fast-check';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rewriteSection } from '../../bench/sections';
import { insertMember } from '../../../src/hub/members/repo';
import { eventsBody, heartbeatBody } from '../../fixtures/fuzz/api';
import { DB_KINDS, startTestHub, type TestHub } from './harness';
import { bearer, enrollKiosk } from './kiosk-auth';

// Issue 10: a property-based fuzzer over the kiosk API on both databases. After every call: the status
// is one of 200, 400, 401, 413, 429 (204 for a heartbeat); for 200, each event's answer equals what the
// database holds (applied ⇔ stored by this call, once); /healthz answers. `npm test` runs about 2,000
// cases per database; `npm run fuzz` runs FUZZ_RUNS (and FUZZ_SEED) and prints what it tried.

const RUNS = Number(process.env.FUZZ_RUNS ?? 1600);
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const EVENT_RUNS = RUNS;
const HEARTBEAT_RUNS = Math.ceil(RUNS / 4);
const EVENT_STATUSES = [200, 400, 401, 413, 429];

/** The ids a body names, in order, for the events that carry a string id (what the hub can answer for). */
function sentIds(body: string): (string | null)[] | null {
  try {
    const parsed = JSON.parse(body) as { events?: unknown };
    if (!Array.isArray(parsed?.events)) return null;
    return parsed.events.map((e) => (e && typeof e === 'object' && typeof (e as { id?: unknown }).id === 'string' ? (e as { id: string }).id : null));
  } catch {
    return null;
  }
}

const report = new Map<string, Map<string, number>>();

/** `npm run fuzz` (FUZZ_REPORT=1) puts what it tried into BENCHMARKS.md, next to the benchmarks. */
afterAll(() => {
  if (!process.env.FUZZ_REPORT || report.size < DB_KINDS.length) return;
  const keys = [...new Set([...report.values()].flatMap((t) => [...t.keys()]))].sort();
  const rows = keys.map((k) => `| ${k} | ${DB_KINDS.map((d) => report.get(d)?.get(k) ?? 0).join(' | ')} |`);
  rewriteSection(join(import.meta.dirname, '../../../BENCHMARKS.md'), [
    `## API fuzzer (npm run fuzz, ${new Date().toISOString().slice(0, 10)}, seed ${SEED})`, '',
    'Every call within the contract (status 200/400/401/413/429, 204 for heartbeats; each answer equal to what the database',
    `holds; /healthz answering). \`npm test\` runs the same generators with a fixed seed, 1,600 event posts and 400 heartbeats per database.`, '',
    `| what | ${DB_KINDS.join(' | ')} |`, `| --- | ${DB_KINDS.map(() => '---').join(' | ')} |`, ...rows, '',
  ].join('\n'));
});

describe.each(DB_KINDS)('kiosk API fuzzer on %s', (kind) => {
  let hub: TestHub;
  let token: string;
  const tally = new Map<string, number>();
  const count = (key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);

  beforeAll(async () => {
    hub = await startTestHub(kind);
    token = await enrollKiosk(hub, 'lobby-1');
    for (const [no, name] of [['F1', '张三'], ['F2', '李四'], ['F3', '王五']]) await insertMember(hub.db, { memberNo: no!, name: name!, card: null }, hub.clock.now);
  });
  afterAll(async () => {
    console.log(`fuzz (${kind}, seed ${SEED}): ${[...tally].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    report.set(kind, tally);
    await hub.cleanup();
  });

  const stored = async (ids: readonly string[]) => {
    const valid = ids.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id));
    if (valid.length === 0) return new Set<string>();
    const rows = await hub.db.query<{ id: string }>('SELECT id::text AS id FROM events WHERE id = ANY($1::uuid[])', [valid]);
    return new Set(rows.map((r) => r.id));
  };

  it(`answers ${EVENT_RUNS} fuzzed event posts within the contract, and every answer matches the database`, async () => {
    await fc.assert(
      fc.asyncProperty(eventsBody, async (body) => {
        const ids = sentIds(body) ?? [];
        const known = ids.filter((x): x is string => x !== null);
        const before = await stored(known);
        const res = await hub.request('/api/v1/events', { method: 'POST', headers: bearer(token, { 'content-type': 'application/json' }), body });
        count('events');
        count(`events ${res.status}`);
        expect(EVENT_STATUSES).toContain(res.status);
        const answer = (await res.json()) as { results?: { id: string; status: string; reason?: string }[] };
        const after = await stored(known);
        if (res.status !== 200) {
          expect([...after]).toEqual([...before]); // a refused batch stores nothing
          return;
        }
        const results = answer.results!;
        expect(results.map((r) => r.id)).toEqual(ids);
        const appliedNow = new Set<string>();
        for (const r of results) {
          count(r.status === 'rejected' ? `rejected:${r.reason}` : r.status);
          if (r.status === 'applied') {
            expect(before.has(r.id)).toBe(false);
            expect(appliedNow.has(r.id)).toBe(false); // applied once, whatever repeats in the batch
            appliedNow.add(r.id);
          }
          if (r.status === 'duplicate') expect(before.has(r.id) || appliedNow.has(r.id)).toBe(true);
        }
        // what this call stored is exactly what it answered applied
        expect([...after].filter((id) => !before.has(id)).sort()).toEqual([...appliedNow].sort());
        const health = await hub.request('/healthz');
        expect(health.status).toBe(200);
      }),
      { numRuns: EVENT_RUNS, seed: SEED, endOnFailure: true },
    );
  }, 600_000);

  it(`answers ${HEARTBEAT_RUNS} fuzzed heartbeats with 204, 400 or 413 and stays healthy`, async () => {
    await fc.assert(
      fc.asyncProperty(heartbeatBody, async (body) => {
        const res = await hub.request('/api/v1/heartbeat', { method: 'POST', headers: bearer(token, { 'content-type': 'application/json' }), body });
        count('heartbeats');
        count(`heartbeat ${res.status}`);
        expect([204, 400, 413, 429]).toContain(res.status);
        if (res.status === 400) expect(await res.json()).toMatchObject({ error: 'bad_request', message: expect.any(String) });
        expect((await hub.request('/healthz')).status).toBe(200);
      }),
      { numRuns: HEARTBEAT_RUNS, seed: SEED + 1, endOnFailure: true },
    );
    // the Kiosks page renders whatever heartbeat was kept last
    expect((await hub.db.query('SELECT 1 FROM kiosks WHERE id = $1 AND heartbeat IS NOT NULL', ['lobby-1'])).length).toBe(1);
  }, 600_000);
});
