import { chromium } from '@playwright/test';
import { join } from 'node:path';
import { AdminClient } from '../support/admin-client';
import { chromiumArgs, ensureChromium } from '../support/chromium.mjs';
import { startHub } from '../support/hub-process';
import { rewriteSection } from './sections';

// The kiosk's memory over a long day (issue 13): the built kiosk, enrolled at a real hub, takes 10,000
// badge scans, each the whole cycle a worker makes: the badge read (by a 2D scanner in keyboard-wedge
// mode: the same scan pipeline as the camera, without decoding frames for an hour), the greeting on the
// member screen, Done, the attract screen again. The JS heap after a forced GC is measured after a
// warm-up and then every 1,000 scans; what the budget holds is the growth from the warm-up to the end.

export interface ScanCycleFigures {
  readonly cycles: number;
  readonly members: number;
  /** heap after forced GC, bytes: after the warm-up, then after each 1,000 cycles */
  readonly heapAfterWarmup: number;
  readonly heapSteps: readonly number[];
  readonly msPerCycle: number;
  /** what the member screens said, by outcome */
  readonly answers: Readonly<Record<string, number>>;
  readonly pendingAtEnd: number;
}

const root = join(import.meta.dirname, '../..');
const WARMUP = 200;
const STEP = 1_000;

export async function scanCycleFigures(cycles = 10_000): Promise<ScanCycleFigures> {
  const hub = await startHub();
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: chromiumArgs() });
  try {
    const admin = await new AdminClient(hub.url).login();
    // enough members that none comes back within the scan debounce (5 s) at the cycle's pace
    const members = Array.from({ length: 300 }, (_, i) => ({ memberNo: `B${String(i + 1).padStart(4, '0')}`, name: `压测会员${i + 1}` }));
    await admin.importMembers(members);
    const codes: string[] = [];
    for (const m of members) codes.push(await admin.badgeCode((await admin.member(m.memberNo)).id));

    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, serviceWorkers: 'allow' });
    const page = await context.newPage();
    // tsx (esbuild's keepNames) wraps the named helpers of the function run in the page in __name()
    await page.addInitScript('window.__name = (f) => f');
    await page.goto(`${hub.url}/?enroll=${await admin.enrollmentCode('lobby-1')}`);
    await page.getByTestId('attract-screen').waitFor({ timeout: 30_000 });
    await page.locator('button[data-feature="book"]').waitFor({ timeout: 30_000 }); // the snapshot is in: check-in is on
    const cdp = await context.newCDPSession(page);
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };

    /** `n` cycles in the page itself: a Playwright round trip per step would make the run an hour. */
    const run = (from: number, n: number) =>
      page.evaluate(
        async ({ codes, from, n }) => {
          const answers: Record<string, number> = {};
          const seen: number[] = (window as unknown as { seen?: number[] }).seen ??= [];
          const wait = async (done: () => boolean, what: string) => {
            for (let t = 0; t < 2_000 && !done(); t++) await new Promise((r) => setTimeout(r, 5));
            if (!done()) throw new Error(`scan cycle ${i}: no ${what} within 10 s; on screen: ${[...document.querySelectorAll('[data-testid]')].map((e) => e.getAttribute('data-testid')).slice(0, 30).join(' ')}`);
          };
          let i = from;
          for (; i < from + n; i++) {
            // the same badge again within the debounce (5 s) would be ignored, as a badge held still is
            const last = seen[i % codes.length];
            if (last !== undefined && performance.now() - last < 5_500) await new Promise((r) => setTimeout(r, 5_500 - (performance.now() - last)));
            seen[i % codes.length] = performance.now();
            // a reader types its keys 10 ms apart or faster; events dispatched in one go carry ~0 ms gaps
            for (const ch of codes[i % codes.length]!) dispatchEvent(new KeyboardEvent('keydown', { key: ch, bubbles: true }));
            dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
            // the greeting is the member screen; its outcome banner says what the scan did
            await wait(() => document.querySelector('[data-testid="member-screen"]') !== null, 'member screen');
            const shown = document.querySelector<HTMLElement>('[data-testid="outcome"]')?.dataset.outcome ?? 'greeting';
            answers[shown] = (answers[shown] ?? 0) + 1;
            document.querySelector<HTMLElement>('[data-testid="member-done"]')?.click();
            await wait(() => !document.querySelector('[data-testid="member-screen"]') && !!document.querySelector('[data-testid="attract-screen"]'), 'attract screen');
          }
          return answers;
        },
        { codes, from, n },
      );

    const answers: Record<string, number> = {};
    const add = (a: Record<string, number>) => Object.entries(a).forEach(([k, v]) => (answers[k] = (answers[k] ?? 0) + v));
    add(await run(0, WARMUP));
    const heapAfterWarmup = await heap();
    const heapSteps: number[] = [];
    const t0 = performance.now();
    for (let done = 0; done < cycles; done += STEP) {
      add(await run(WARMUP + done, Math.min(STEP, cycles - done)));
      heapSteps.push(await heap());
    }
    const msPerCycle = (performance.now() - t0) / cycles;
    // the outbox sends every 30 s while scans keep coming (each scan restarts the 1 s debounce); let it finish
    const pending = async () => Number(await page.getByTestId('pending-count').first().textContent());
    for (let t = 0; t < 120 && (await pending()) > 0; t++) await page.waitForTimeout(1_000);
    const pendingAtEnd = await pending();
    return { cycles, members: members.length, heapAfterWarmup, heapSteps, msPerCycle, answers, pendingAtEnd };
  } finally {
    await browser.close();
    await hub.stop();
    hub.cleanup();
  }
}

const mb = (n: number) => `${(n / 2 ** 20).toFixed(2)} MB`;

export function scanCycleSection(f: ScanCycleFigures): string {
  const end = f.heapSteps.at(-1) ?? NaN;
  return `## Kiosk memory over 10,000 scans

The built kiosk, enrolled at a real hub (PGlite) in headless Chromium, takes ${f.cycles.toLocaleString('en')} badge scans of
${f.members} members through a keyboard-wedge 2D scanner (the scan pipeline the camera feeds), each a full cycle: badge read,
greeting, Done, attract screen. JS heap after a forced GC (DevTools), after a warm-up of ${WARMUP} scans and then every
${STEP.toLocaleString('en')}. ${Math.round(f.msPerCycle)} ms per cycle; answers: ${Object.entries(f.answers).map(([k, v]) => `${k} ${v}`).join(', ')};
events not at the hub a minute or two after the last scan: ${f.pendingAtEnd}. After each member's first scan the
kiosk answers "already checked in today" (the member screen still opens), so its journal of the day holds ${f.members} visits;
every scan is still an event in the outbox, sent to the hub while the scans go on.

| what | figure | budget |
| --- | --- | --- |
| heap after warm-up | ${mb(f.heapAfterWarmup)} | — |
| heap after ${f.cycles.toLocaleString('en')} scans | ${mb(end)} | — |
| growth | ${mb(end - f.heapAfterWarmup)} | ≤ 5 MB |

Heap after each ${STEP.toLocaleString('en')}: ${f.heapSteps.map(mb).join(', ')}.
`;
}

// `npx tsx tests/bench/scan-cycles.ts [cycles]`: this benchmark alone, its section rewritten in BENCHMARKS.md
if (process.argv[1]?.endsWith('tests/bench/scan-cycles.ts')) {
  const figures = await scanCycleFigures(Number(process.argv[2] ?? 10_000));
  console.log(JSON.stringify(figures, null, 2));
  rewriteSection(join(root, 'BENCHMARKS.md'), scanCycleSection(figures));
}
