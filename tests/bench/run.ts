// `npm run bench`: measures what the budgets in BENCHMARKS.md are about and rewrites that file.
// Figures, not pass/fail tests: shared machines are too noisy for timed assertions.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/net';
import { bookingRates, bookingSection } from './booking';
import { ingestRates } from './ingest';
import { outboxFigures } from './outbox';
import { scanFigures, scanSection } from './scan';
import { slotGridFigures, slotGridSection } from './slot-grid';
import { findSection } from './sections';
import { cameraCorpusFigures, cameraCorpusSection } from './camera-corpus';
import { bundleSection, bundleSizes } from './bundle';
import { scanCycleFigures, scanCycleSection } from './scan-cycles';
import { syncFigures, syncSection } from './sync';

const root = new URL('../..', import.meta.url).pathname;
process.chdir(root);

/** Time from spawning the hub to the first 200 for the kiosk page, the way `npm run hub` starts it. */
async function startToServed(dataDir: string): Promise<number | null> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/hub/main.ts'], {
    env: { ...process.env, TSX_TSCONFIG_PATH: 'src/hub/tsconfig.json', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_PASSWORD: 'bench-password' },
    stdio: 'ignore',
  });
  let ms: number | null = null;
  while (performance.now() - t0 < 60_000) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/`);
      if (r.ok) {
        ms = performance.now() - t0;
        break;
      }
    } catch {}
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return ms;
}

const median = (xs: (number | null)[]) => [...xs].sort((a, b) => (a ?? Infinity) - (b ?? Infinity))[Math.floor(xs.length / 2)];

const sizes = bundleSizes();
const firstStarts = [];
const warmStarts = [];
for (let i = 0; i < 3; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'wsc-bench-'));
  firstStarts.push(await startToServed(dir));
  warmStarts.push(await startToServed(dir));
  rmSync(dir, { recursive: true, force: true });
}

const msf = (n: number | null | undefined) => (n == null ? 'did not start' : `${Math.round(n)} ms`);
const ingest = await ingestRates();
const booking = await bookingRates();
const outbox = await outboxFigures();
const scan = await scanFigures();
const slotGrids = await slotGridFigures();
const camera = await cameraCorpusFigures();
const scanCycles = await scanCycleFigures();
const sync = await syncFigures();
const rate = (n: number) => `${Math.round(n)} events/s`;

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const date = new Date().toISOString().slice(0, 10);

const md = `# Benchmarks

Written by \`npm run bench\` on ${date}, on ${machine}. Budgets are targets we hold ourselves to;
a figure over budget is a finding to act on, not a failing test.

${bundleSection(sizes)}
## Hub start

From spawning \`node --import tsx src/hub/main.ts\` (what \`npm run hub\` runs) to the first 200 for the kiosk page,
PGlite in a fresh data folder (first start: creates the database, runs migrations) and again on the same folder.
Median of 3 (runs: first ${firstStarts.map(msf).join(', ')}; again ${warmStarts.map(msf).join(', ')}).

| what | median | budget |
| --- | --- | --- |
| first start, new database | ${msf(median(firstStarts))} | ≤ 10 s |
| later start | ${msf(median(warmStarts))} | ≤ 5 s |

## Kiosk outbox (headless Chromium, real IndexedDB)

| what | figure | budget |
| --- | --- | --- |
| events enqueued one after another, each in a strict-durability transaction | ${Math.round(outbox.enqueuePerSecond)} events/s | ≥ 200 events/s |
| drain 1,000 queued events to a hub on PGlite (batches of 100) | ${msf(outbox.drainMs)} | ≤ 5 s |

## Hub ingest

\`POST /api/v1/events\` from one kiosk, ${30} batches of 100 sent back to back (a drained outage), each batch
applied in one transaction (one multi-row insert per table; one transaction per event only as a fallback).

| database | figure | budget |
| --- | --- | --- |
| PGlite (embedded) | ${rate(ingest.pglite)} | ≥ 2,000 events/s |
| PostgreSQL 15 (local, fsync off as in tests) | ${rate(ingest.postgres)} | — |

${bookingSection(booking)}
${scanSection(scan)}
${slotGridSection(slotGrids)}
${cameraCorpusSection(camera)}
${scanCycleSection(scanCycles)}
${syncSection(sync)}`;
// sections written by other commands (npm run fuzz) are kept as they were
const kept = ['API fuzzer', 'Soak'].flatMap((title) => findSection(existsSync('BENCHMARKS.md') ? readFileSync('BENCHMARKS.md', 'utf8') : '', title) ?? []);
writeFileSync('BENCHMARKS.md', [md.trimEnd(), ...kept].join('\n\n') + '\n');
console.log(md);
