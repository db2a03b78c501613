import { request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { uuidv7 } from '../../src/domain/ids';
import { openDb } from '../../src/hub/db/open';
import { migrate } from '../../src/hub/db/migrate';
import { AdminClient } from '../support/admin-client';
import { copyConfig, startHub } from '../support/hub-process';
import { percentile } from './scan';
import { onBothDatabases } from './databases';
import { rewriteSection } from './sections';

// Issue 14: what kiosks pulling cost at 50,000 members, today's whole snapshot (/api/v1/snapshot) side by
// side with the pull by parts (/api/v1/sync), on both databases. Bytes are counted on the wire (status
// line, headers and body as the hub sent them, gzip where it gzips); a day is 1,440 polls (every 60 s).

const MEMBERS = 50_000;
const KIOSKS = 20;
const VISITS = 2_000; // a busy day's check-ins, in the day part
const POLLS_A_DAY = 1_440;

export interface PullCost {
  readonly bytes: number; // on the wire
  readonly ms: number; // median
}

export interface SyncBenchFigures {
  readonly legacy: PullCost;
  readonly legacyGzip: number; // what gzip would make of it (the hub does not gzip it)
  readonly first: PullCost;
  readonly unchanged: PullCost;
  readonly dayChanged: PullCost;
  readonly membersChanged: PullCost; // 100 members edited
  /** /healthz while KIOSKS kiosks pull at once: p99 and max, ms */
  readonly healthzDuringLegacy: { p99: number; max: number };
  readonly healthzDuringSync: { p99: number; max: number };
}

interface Raw {
  status: number;
  bytes: number;
  body: Buffer;
  etag: string | null;
  ms: number;
}

/** One GET with Node's http (fetch would unzip and hide the wire size). */
function get(url: string, headers: Record<string, string>): Promise<Raw> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const head = `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n${res.rawHeaders.map((h, i) => (i % 2 ? `${h}\r\n` : `${h}: `)).join('')}\r\n`;
        resolve({ status: res.statusCode ?? 0, bytes: Buffer.byteLength(head) + body.length, body, etag: (res.headers.etag as string | undefined) ?? null, ms: performance.now() - t0 });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

async function seed(env: Record<string, string>, dataDir: string) {
  const db = await openDb({ databaseUrl: env.DATABASE_URL, dataDir });
  try {
    await migrate(db);
    // set-based, as an import of the union's list would be: a card for every member, a short badge for half
    await db.query(
      `INSERT INTO members (member_no, name, masked_name, card_hash, badge_hash, created_at, updated_at)
       SELECT 'M' || lpad(i::text, 6, '0'), '会员' || i, '会*' || (i % 10), encode(sha256(('6217' || lpad(i::text, 12, '0'))::bytea), 'hex'),
              CASE WHEN i % 2 = 0 THEN encode(sha256(('W2.' || i)::bytea), 'hex') END, now(), now()
         FROM generate_series(1, $1::int) AS i`,
      [MEMBERS],
    );
  } finally {
    await db.close();
  }
}

const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);

async function run(env: Record<string, string> = {}): Promise<SyncBenchFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wsc-bench-sync-'));
  await seed(env, dataDir);
  const configDir = copyConfig((dir) => {
    const lobby = JSON.parse(readFileSync(join(dir, 'kiosks/lobby-1.json'), 'utf8'));
    for (let k = 1; k <= KIOSKS; k++) writeFileSync(join(dir, `kiosks/pull-${k}.json`), JSON.stringify({ ...lobby, id: `pull-${k}`, name: `Kiosk ${k}` }));
  });
  const hub = await startHub({ env, dataDir, configDir });
  try {
    const admin = await new AdminClient(hub.url).login();
    const tokens: string[] = [];
    for (let k = 1; k <= KIOSKS; k++) tokens.push(await admin.deviceToken(`pull-${k}`));
    const auth = (k = 0) => ({ authorization: `Bearer ${tokens[k]}`, 'accept-encoding': 'gzip, deflate, br' });
    // a busy day: VISITS members tapped in, in batches as a kiosk sends them
    let seq = 0;
    for (let b = 0; b < VISITS / 100; b++) {
      const events = Array.from({ length: 100 }, (_, i) => ({
        id: uuidv7(Date.now(), crypto.getRandomValues(new Uint8Array(10))), kioskId: 'pull-1', seq: ++seq, at: new Date().toISOString(), kind: 'visit',
        payload: { identity: { via: 'badge', memberId: String(b * 100 + i + 1), badgeId: `${b * 100 + i + 1}@1` }, outcome: 'visit_recorded' },
      }));
      const res = await fetch(`${hub.url}/api/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[0]}` }, body: JSON.stringify({ events }) });
      if (!res.ok) throw new Error(`visits answered ${res.status}`);
    }

    const legacyRuns: Raw[] = [];
    for (let i = 0; i < 3; i++) legacyRuns.push(await get(`${hub.url}/api/v1/snapshot`, auth()));
    const firstRuns: Raw[] = [];
    for (let i = 0; i < 3; i++) firstRuns.push(await get(`${hub.url}/api/v1/sync`, auth()));
    const tag = firstRuns[0]!.etag!;
    const unchangedRuns: Raw[] = [];
    for (let i = 0; i < 20; i++) unchangedRuns.push(await get(`${hub.url}/api/v1/sync`, { ...auth(), 'if-none-match': tag }));
    if (unchangedRuns.some((r) => r.status !== 304)) throw new Error('sync bench: a pull with nothing changed was not answered 304');

    // one more visit: the day part changes, nothing else
    const one = { id: uuidv7(Date.now(), crypto.getRandomValues(new Uint8Array(10))), kioskId: 'pull-1', seq: ++seq, at: new Date().toISOString(), kind: 'visit', payload: { identity: { via: 'badge', memberId: String(VISITS + 1), badgeId: `${VISITS + 1}@1` }, outcome: 'visit_recorded' } };
    await fetch(`${hub.url}/api/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[0]}` }, body: JSON.stringify({ events: [one] }) });
    const dayRun = await get(`${hub.url}/api/v1/sync`, { ...auth(), 'if-none-match': tag });
    // 100 members edited (a new card each), through the admin's import
    await admin.importMembers(Array.from({ length: 100 }, (_, i) => ({ memberNo: `M${String(i + 1).padStart(6, '0')}`, name: `会员${i + 1}`, card: `88${String(i).padStart(14, '0')}` })));
    const membersRun = await get(`${hub.url}/api/v1/sync`, { ...auth(), 'if-none-match': dayRun.etag! });

    /** /healthz sampled every 20 ms while every kiosk makes 3 pulls at once. */
    const healthzWhile = async (pull: (k: number) => Promise<unknown>) => {
      let pulling = true;
      const samples: number[] = [];
      const sampler = (async () => {
        while (pulling) {
          samples.push((await get(`${hub.url}/healthz`, {})).ms);
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      await Promise.all(tokens.map(async (_, k) => {
        for (let i = 0; i < 3; i++) await pull(k);
      }));
      pulling = false;
      await sampler;
      const s = [...samples].sort((a, b) => a - b);
      return { p99: percentile(s, 99), max: s.at(-1) ?? NaN };
    };
    const healthzDuringLegacy = await healthzWhile((k) => get(`${hub.url}/api/v1/snapshot`, auth(k)));
    const current = (await get(`${hub.url}/api/v1/sync`, auth())).etag!;
    const healthzDuringSync = await healthzWhile((k) => get(`${hub.url}/api/v1/sync`, { ...auth(k), 'if-none-match': current }));

    const cost = (runs: Raw[]): PullCost => ({ bytes: runs[0]!.bytes, ms: median(runs.map((r) => r.ms)) });
    return {
      legacy: cost(legacyRuns), legacyGzip: gzipSync(legacyRuns[0]!.body).length, first: cost(firstRuns), unchanged: cost(unchangedRuns),
      dayChanged: cost([dayRun]), membersChanged: cost([membersRun]), healthzDuringLegacy, healthzDuringSync,
    };
  } finally {
    await hub.stop();
    hub.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(configDir, { recursive: true, force: true });
  }
}

export const syncFigures = () => onBothDatabases(run);

const mb = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} MB` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} KB` : `${n} B`);
const ms = (n: number) => `${Math.round(n)} ms`;

export function syncSection(f: { pglite: SyncBenchFigures; postgres: SyncBenchFigures }): string {
  const rows = (name: string, x: SyncBenchFigures) => [
    `| ${name} | whole snapshot (/snapshot, today's kiosks before issue 14) | ${mb(x.legacy.bytes)} (gzip would be ${mb(x.legacyGzip)}) | ${ms(x.legacy.ms)} | ${mb(x.legacy.bytes * POLLS_A_DAY)} |`,
    `| ${name} | first pull of a new kiosk (/sync, all parts, gzip) | ${mb(x.first.bytes)} | ${ms(x.first.ms)} | — |`,
    `| ${name} | nothing changed (304) | ${mb(x.unchanged.bytes)} | ${ms(x.unchanged.ms)} | ${mb(x.unchanged.bytes * POLLS_A_DAY)} |`,
    `| ${name} | a visit: the day part (${VISITS.toLocaleString('en')} visits in it) | ${mb(x.dayChanged.bytes)} | ${ms(x.dayChanged.ms)} | ${mb(x.dayChanged.bytes * POLLS_A_DAY)} if it changed every minute |`,
    `| ${name} | 100 members given a new card: their changes | ${mb(x.membersChanged.bytes)} | ${ms(x.membersChanged.ms)} | — |`,
  ];
  return `## Kiosk sync at ${MEMBERS.toLocaleString('en')} members

A hub with ${MEMBERS.toLocaleString('en')} members (a card each, a short badge for half), a busy day of ${VISITS.toLocaleString('en')} visits,
${KIOSKS} kiosks. Bytes on the wire (status line, headers, body as sent); a day is ${POLLS_A_DAY.toLocaleString('en')} polls, one a minute.
Time: median of the pulls, from one client on the same machine.

| database | pull | bytes | time | per kiosk per day |
| --- | --- | --- | --- | --- |
${rows('PGlite', f.pglite).join('\n')}
${rows('PostgreSQL 15', f.postgres).join('\n')}

Budgets (issue 14): ≤ 5 MB per kiosk per day with nothing changing, ≤ 50 MB with a busy day's changes
(the day part changing every minute is the worst case of that), ≤ 2.5 MB for the first full pull. The first
pull carries ${(MEMBERS * 1.5).toLocaleString('en')} keys here (a card for every member, a short badge for half): each is a sha256, 32 bytes
that gzip cannot shrink, so the keys alone are about ${((MEMBERS * 1.5 * 32) / 1e6).toFixed(1)} MB whatever the format around them.

\`GET /healthz\` sampled every 20 ms while the ${KIOSKS} kiosks make 3 pulls each, all at once:

| database | during whole-snapshot pulls: p99 / max | during pulls by parts (unchanged): p99 / max | budget (p99) |
| --- | --- | --- | --- |
| PGlite | ${ms(f.pglite.healthzDuringLegacy.p99)} / ${ms(f.pglite.healthzDuringLegacy.max)} | ${ms(f.pglite.healthzDuringSync.p99)} / ${ms(f.pglite.healthzDuringSync.max)} | ≤ 250 ms |
| PostgreSQL 15 | ${ms(f.postgres.healthzDuringLegacy.p99)} / ${ms(f.postgres.healthzDuringLegacy.max)} | ${ms(f.postgres.healthzDuringSync.p99)} / ${ms(f.postgres.healthzDuringSync.max)} | ≤ 100 ms |
`;
}

// `npx tsx tests/bench/sync.ts`: this benchmark alone, its section rewritten in BENCHMARKS.md
if (process.argv[1]?.endsWith('tests/bench/sync.ts')) {
  const figures = await syncFigures();
  console.log(JSON.stringify(figures, null, 2));
  rewriteSection(join(import.meta.dirname, '../..', 'BENCHMARKS.md'), syncSection(figures));
}
