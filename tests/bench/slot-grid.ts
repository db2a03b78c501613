import preact from '@preact/preset-vite';
import { chromium } from '@playwright/test';
import { join } from 'node:path';
import { build } from 'vite';
import { chromiumArgs, ensureChromium } from '../support/chromium.mjs';
import { rewriteSection } from './sections';

// How long the kiosk takes to show a week of slot grids (issue 5): the Book model and screen in headless
// Chromium (tests/bench/slot-grid-page), each day tab derived, rendered and laid out, for the demo's
// badminton (3 courts, 60-minute slots) and a large center (12 courts, 30-minute slots).

const root = join(import.meta.dirname, '../..');

export interface GridCase {
  readonly courts: number;
  readonly slotMinutes: number;
  readonly cells: number;
  /** per day tab switch, over every round */
  readonly median: number;
  readonly p95: number;
  /** the seven tabs one after another, median over rounds */
  readonly weekMedian: number;
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;

export async function slotGridFigures(rounds = 15): Promise<GridCase[]> {
  const outDir = join(root, '.tmp/bench-slot-grid');
  await build({ root: join(root, 'tests/bench/slot-grid-page'), logLevel: 'warn', configFile: false, plugins: [preact()], build: { outDir, emptyOutDir: true, target: 'es2022' } });
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: chromiumArgs() });
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    page.on('pageerror', (e) => console.error('bench page:', e.message));
    // the built page served from its folder under a made-up origin (module scripts need http, not file:)
    await page.route('http://bench.invalid/**', (route) => {
      const path = new URL(route.request().url()).pathname;
      return route.fulfill({ path: join(outDir, path === '/' ? 'index.html' : path) });
    });
    await page.goto('http://bench.invalid/');
    await page.waitForSelector('body[data-ready="yes"]', { state: 'attached' });
    const cases: GridCase[] = [];
    for (const [courts, slotMinutes] of [[3, 60], [12, 30]] as const) {
      const r = await page.evaluate((a) => (window as unknown as { bench: { week(c: number, s: number, r: number): Promise<{ rounds: number[][]; cells: number }> } }).bench.week(a.courts, a.slotMinutes, a.rounds), { courts, slotMinutes, rounds });
      const all = r.rounds.flat().sort((a, b) => a - b);
      const weeks = r.rounds.map((x) => x.reduce((s, v) => s + v, 0)).sort((a, b) => a - b);
      cases.push({ courts, slotMinutes, cells: r.cells, median: percentile(all, 50), p95: percentile(all, 95), weekMedian: percentile(weeks, 50) });
    }
    return cases;
  } finally {
    await browser.close();
  }
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

/** The BENCHMARKS.md section for these figures. */
export function slotGridSection(cases: readonly GridCase[]): string {
  return `## Kiosk slot grids (headless Chromium, 1920×1080)

The Book screen's week: the kiosk's Book model derives a day's grid from the snapshot (every other slot booked,
some by the member on screen, some blocked) and the Book screen renders it with the kiosk's styles; timed from
the day tab's model change to the day rendered and laid out, each of the 7 days in turn, 15 rounds after a
warm-up round.

| center | cells a day | one day (median) | one day (p95) | the week of 7 days (median) | budget |
| --- | --- | --- | --- | --- | --- |
${cases.map((c) => `| ${c.courts} courts, ${c.slotMinutes}-minute slots | ${c.cells} | ${ms(c.median)} | ${ms(c.p95)} | ${ms(c.weekMedian)} | one day ≤ 50 ms |`).join('\n')}
`;
}

// `npx tsx tests/bench/slot-grid.ts`: this benchmark alone, its section rewritten in BENCHMARKS.md
if (process.argv[1]?.endsWith('tests/bench/slot-grid.ts')) {
  const cases = await slotGridFigures();
  console.log(JSON.stringify(cases, null, 2));
  rewriteSection(join(root, 'BENCHMARKS.md'), slotGridSection(cases));
}
