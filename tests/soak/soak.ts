import { chromium, expect, type CDPSession } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zonedParts } from '../../src/domain/time';
import { AdminClient } from '../support/admin-client';
import { chromiumArgs, ensureChromium, findChromium } from '../support/chromium.mjs';
import { ADMIN_PASSWORD, copyConfig, editJson } from '../support/hub-process';
import { freePort } from '../support/net';
import { startClockedHub } from '../support/clocked-hub';
import { wedgeScan } from '../e2e/checkin';
import { rate, suggest } from '../e2e/kiosk';

// The kiosk's life, compressed (issue 13): a kiosk in Chromium against a real hub for many days, the
// kiosk's clock faked (Playwright's page.clock) and the hub's given to it (createHub's `now`). Every day
// members tap in on the keypad, rate, write a suggestion and (every other day) book a court with their
// card; the nightly reload comes due at 03:00; the hub goes away for a while; new kiosk versions are
// deployed; one day the network flaps. What is measured is what months with nobody watching would show:
// events lost or doubled, storage and memory that grow, listeners and timers that pile up, updates applied
// at the wrong moment, a blank screen.

const TIME_ZONE = 'Asia/Shanghai';
const DAY = 86_400_000;
const root = join(import.meta.dirname, '../..');

export interface SoakPlan {
  readonly days: number;
  readonly outage: readonly number[]; // days the hub is down (from the day's start until the next day's)
  readonly updates: readonly number[]; // days a new kiosk version is deployed before opening
  readonly flapping: number; // the day the network comes and goes all day
}

/** The 30-day plan of the issue, or one scaled to fewer days with every kind of day in it. */
export function soakPlan(days: number): SoakPlan {
  if (days >= 30) return { days, outage: [8, 9], updates: [10, 20], flapping: 15 };
  return { days, outage: [3], updates: [2, 4], flapping: days };
}

export interface DayFigures {
  readonly day: number;
  readonly storageBytes: number;
  readonly heapBytes: number;
  readonly videoTracks: number;
  readonly intervals: number;
  readonly windowListeners: number;
  /** their event types, to tell which one grew */
  readonly windowListenerTypes: string;
  readonly documentListeners: number;
  readonly version: string | null;
}

export interface SoakReport {
  readonly plan: SoakPlan;
  readonly days: DayFigures[];
  /** events the hub holds from the kiosk, distinct seqs among them, and the highest seq */
  readonly events: { count: number; distinctSeq: number; maxSeq: number };
  readonly pendingAtEnd: number;
  /** every page load after the first: the simulated day and whether a person was using the kiosk */
  readonly reloads: { day: number; inUse: boolean }[];
  readonly versions: string[];
  readonly blankDays: number[];
  readonly realSeconds: number;
}

/** Members the soak uses; a card each for booking. */
const MEMBERS = Array.from({ length: 16 }, (_, i) => ({ memberNo: `S${String(i + 1).padStart(3, '0')}`, name: `测试会员${i + 1}`, card: `62170000880${String(i + 1).padStart(5, '0')}` }));

function build(outDir: string, version: string) {
  execFileSync('node_modules/.bin/vite', ['build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], { cwd: root, stdio: 'inherit', env: { ...process.env, APP_VERSION: version } });
}

export async function runSoak(plan: SoakPlan, opts: { screenshots?: string; log?: (m: string) => void } = {}): Promise<SoakReport> {
  const log = opts.log ?? ((m: string) => console.log(m));
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'wsc-soak-'));
  const versions = Array.from({ length: plan.updates.length + 1 }, (_, i) => `soak.${i + 1}`);
  const builds = versions.map((v) => join(work, `build-${v}`));
  versions.forEach((v, i) => build(builds[i]!, v));
  const served = join(work, 'served'); // what the hub serves: the current version's files
  cpSync(builds[0]!, served, { recursive: true });

  const configDir = copyConfig((d) => editJson(join(d, 'rules.json'), (r) => (r.updateCheckMinutes = 30)));
  // simulated time: day 1 opens on Monday 4 January 2027, 07:00 in the center; the page's fake clock and
  // the hub's `now` both run at real speed from there, plus every jump the soak makes
  const simStart = Date.parse('2027-01-04T07:00:00+08:00');
  let offset = simStart - Date.now();
  const now = () => Date.now() + offset;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const hub = await startClockedHub([configDir, join(work, 'data'), served, String(port), ADMIN_PASSWORD]);
  const query = <T>(sql: string) => hub.ask<T[]>({ op: 'query', sql });
  await hub.ask({ op: 'clock', offset });
  await hub.ask({ op: 'up', up: true });
  const admin = await new AdminClient(url).login();
  await admin.importMembers(MEMBERS);

  ensureChromium();
  // SOAK_CAMERA=1: with Chromium's fake camera running on the attract screen all day, so its streams are
  // counted. Not the default: running the clock through the simulated minutes decodes every camera frame
  // of them, an hour of CPU for the month
  const camera = process.env.SOAK_CAMERA === '1';
  const browser = await chromium.launch({
    executablePath: findChromium() ?? undefined,
    args: [...chromiumArgs(), ...(camera ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] : [])],
  });
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, serviceWorkers: 'allow', permissions: camera ? ['camera'] : [] });
  const page = await context.newPage();
  await page.clock.install({ time: now() });
  // intervals alive, counted from the page's own calls (after the fake clock, so these are what it runs)
  await page.addInitScript(() => {
    const live = new Set<unknown>();
    const w = window as unknown as { __intervals: () => number };
    const [set, clear] = [window.setInterval.bind(window), window.clearInterval.bind(window)];
    window.setInterval = ((fn: TimerHandler, ms?: number, ...a: unknown[]) => { const id = set(fn, ms, ...a); live.add(id); return id; }) as typeof setInterval;
    window.clearInterval = ((id?: number) => { live.delete(id); clear(id); }) as typeof clearInterval;
    w.__intervals = () => live.size;
  });
  let day = 1;
  let inUse = false;
  let loads = 0;
  const reloads: SoakReport['reloads'] = [];
  // a reload is judged when it begins (its navigation request), not when it has loaded: the kiosk decides
  // at an idle moment, and a visitor may walk up while the page comes back
  page.on('request', (r) => {
    if (r.isNavigationRequest() && r.frame() === page.mainFrame() && loads++ > 0) reloads.push({ day, inUse });
  });
  page.on('pageerror', (e) => log(`day ${day}: page error ${e.message}`));
  if (process.env.SOAK_DEBUG) {
    page.on('request', (r) => { if (r.resourceType() === 'document') log(`day ${day}: document request ${r.url()} sw=${r.serviceWorker() !== null}`); });
    page.on('requestfinished', (r) => { if (r.resourceType() === 'document') log(`day ${day}: document finished ${r.url()}`); });
    page.on('requestfailed', (r) => { if (r.resourceType() === 'document') log(`day ${day}: document failed ${r.failure()?.errorText}`); });
    page.on('console', (m) => log(`day ${day}: console ${m.type()} ${m.text()}`));
    page.on('load', () => log(`day ${day}: load`));
    page.on('domcontentloaded', () => log(`day ${day}: domcontentloaded`));
  }
  const code = await admin.enrollmentCode('lobby-1');
  await page.goto(`${url}/?lang=en&enroll=${code}`);
  await expect(page.getByTestId('attract-screen')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('button[data-feature="book"]')).toBeVisible({ timeout: 30_000 });
  const cdp: CDPSession = await context.newCDPSession(page);
  if (process.env.SOAK_DEBUG) {
    cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
      for (const v of e.versions) log(`day ${day}: service worker ${v.versionId} ${v.status} ${v.runningStatus}`);
    });
    await cdp.send('ServiceWorker.enable');
  }

  /** SOAK_DEBUG: the registration's workers as the page sees them. */
  const workers = () => page.evaluate(async () => {
    const r = await navigator.serviceWorker.getRegistration();
    const w = (x: ServiceWorker | null | undefined) => (x ? `${x.state} ${x.scriptURL.split('/').pop()}` : '-');
    return `active ${w(r?.active)}, waiting ${w(r?.waiting)}, installing ${w(r?.installing)}, controller ${w(navigator.serviceWorker.controller)}`;
  }).catch((e: unknown) => `(no answer: ${String(e)})`);

  /** Moves both clocks forward; the page fires what came due once (an interval once, not once a minute). */
  const jump = async (ms: number) => {
    offset += ms;
    await hub.ask({ op: 'clock', offset });
    await page.clock.fastForward(ms);
  };
  /**
   * Time passing at the kiosk, run through timer by timer (polls, retries, the idle check, the update
   * waiting for an idle moment). Jumping instead (fastForward) left the update's reload hanging in
   * Playwright's clock; not understood yet, see issue 13's note.
   */
  const pass = async (ms: number) => {
    offset += ms;
    await hub.ask({ op: 'clock', offset });
    await page.clock.runFor(ms);
  };
  const hubUp = (up: boolean) => hub.ask({ op: 'up', up });
  const reportedVersion = async () => (await query<{ v: string | null }>("SELECT heartbeat->>'version' AS v FROM kiosks WHERE id = 'lobby-1'"))[0]?.v ?? null;
  const pendingCount = async () => Number((await page.getByTestId('pending-count').first().textContent()) ?? 'NaN');
  /** Lets the outbox drain: its backoff runs on the fake clock, the requests in real time. */
  const drain = async () => {
    for (let i = 0; i < 40 && (await pendingCount()) > 0; i++) {
      await pass(30_000);
      await page.waitForTimeout(250);
    }
  };
  const attract = () => expect(page.getByTestId('attract-screen')).toBeVisible({ timeout: 20_000 });
  const member = async (fn: () => Promise<void>) => {
    inUse = true;
    try {
      await fn();
    } finally {
      inUse = false;
    }
  };
  const keypadVisit = (memberNo: string) => member(async () => {
    await page.getByTestId('open-keypad').click();
    for (const d of memberNo.replace(/\D/g, '')) await page.getByTestId(`key-${d}`).click();
    await page.getByTestId('key-ok').click();
    await expect(page.getByTestId('member-screen').or(page.getByTestId('outcome')).first()).toBeVisible({ timeout: 20_000 });
    if (await page.getByTestId('member-done').isVisible()) await page.getByTestId('member-done').click();
    await attract();
  });
  const book = (card: string, date: string) => member(async () => {
    await page.locator('button[data-feature="book"]').click();
    await page.getByTestId('book-kind-badminton').click();
    await page.getByTestId(`book-day-${date}`).click();
    const free = page.locator('[data-testid^="slot-"][data-state="free"]').first();
    await free.click();
    await expect(page.getByTestId('book-scan')).toBeVisible();
    await wedgeScan(page, card);
    await expect(page.getByTestId('book-confirmation').or(page.getByTestId('book-refusal')).first()).toBeVisible({ timeout: 20_000 });
    await page.getByTestId('book-done').click();
    await attract();
  });
  const figures = async (): Promise<DayFigures> => {
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    // the standing listeners: the fewest of three looks a moment apart (a request in flight adds its own for a while)
    const listeners = async (expr: string) => {
      let fewest: string[] | null = null;
      for (let i = 0; i < 3; i++) {
        const { result } = await cdp.send('Runtime.evaluate', { expression: expr });
        const types = (await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! })).listeners.map((l) => l.type).sort();
        if (fewest === null || types.length < fewest.length) fewest = types;
        await page.waitForTimeout(300);
      }
      return fewest!;
    };
    const [win, doc] = [await listeners('window'), await listeners('document')];
    const inPage = await page.evaluate(async () => ({
      storage: (await navigator.storage.estimate()).usage ?? 0,
      video: [...document.querySelectorAll('video')].flatMap((v) => ((v.srcObject as MediaStream | null)?.getVideoTracks() ?? [])).filter((t) => t.readyState === 'live').length,
      intervals: (window as unknown as { __intervals: () => number }).__intervals(),
    }));
    const version = await reportedVersion();
    return {
      day, storageBytes: inPage.storage, heapBytes: heap.usedSize, videoTracks: inPage.video, intervals: inPage.intervals,
      windowListeners: win.length, windowListenerTypes: win.join(' '), documentListeners: doc.length, version,
    };
  };

  const days: DayFigures[] = [];
  const blankDays: number[] = [];
  let booker = 0;
  try {
    for (day = 1; day <= plan.days; day++) {
      const opening = simStart + (day - 1) * DAY;
      if (now() < opening) await jump(opening - now()); // overnight: the 03:00 reload comes due on the way
      await hub.ask({ op: 'housekeeping' });
      const u = plan.updates.indexOf(day);
      if (u >= 0) {
        rmSync(served, { recursive: true, force: true });
        cpSync(builds[u + 1]!, served, { recursive: true });
      }
      await hubUp(!plan.outage.includes(day));
      const flapping = day === plan.flapping;
      await pass(2 * 60_000); // the first snapshot poll and update check of the day
      await attract();

      const today = zonedParts(now(), TIME_ZONE).date;
      const tomorrow = zonedParts(now() + DAY, TIME_ZONE).date;
      const acts: (() => Promise<void>)[] = [
        () => keypadVisit(MEMBERS[day % MEMBERS.length]!.memberNo),
        () => rate(page, 3),
        () => keypadVisit(MEMBERS[(day + 5) % MEMBERS.length]!.memberNo),
        () => suggest(page, `第 ${day} 天的建议：更衣室的吹风机 ${today}`),
        () => rate(page, 2),
        () => keypadVisit(MEMBERS[(day + 9) % MEMBERS.length]!.memberNo),
      ];
      // a court every other day while the hub is up (an offline card is only unverified: no booking)
      if (day % 2 === 1 && !plan.outage.includes(day) && !flapping) acts.push(() => book(MEMBERS[booker++ % MEMBERS.length]!.card, tomorrow));
      for (const [i, act] of acts.entries()) {
        if (flapping) await context.setOffline(i % 2 === 0); // off, on, off …: a visitor in each state
        await page.waitForLoadState('load'); // a visitor who walks up during a reload waits for the screen
        await attract();
        log(`day ${day}: visitor ${i + 1} of ${acts.length} (${Math.round((Date.now() - started) / 1000)} s)`);
        await act();
        await pass(3 * 60_000); // a few minutes between visitors
      }
      await context.setOffline(false);
      if (!plan.outage.includes(day)) await drain();
      await pass(10 * 60_000); // idle: an update waiting is applied now, and a heartbeat goes out
      await page.waitForTimeout(500);
      // a new worker installs in real time (it fetches and caches every file), which on a busy machine
      // can outlast a simulated day's few real seconds: the kiosk stays idle until it has the version,
      // as a real one would for the hours left in its day (the first idle moment after the install)
      if (u >= 0 && !plan.outage.includes(day)) {
        for (let i = 0; i < 30 && (await reportedVersion()) !== versions[u + 1]; i++) {
          await pass(5 * 60_000);
          await page.waitForTimeout(1_000);
          if (process.env.SOAK_DEBUG) log(`day ${day}: wait ${i}: ${await workers()}`);
        }
      }
      if (!(await page.getByTestId('attract-screen').isVisible().catch(() => false))) blankDays.push(day);
      // the screen at each day's end (the caller keeps them when something failed)
      if (opts.screenshots) {
        mkdirSync(opts.screenshots, { recursive: true });
        await page.screenshot({ path: join(opts.screenshots, `day-${String(day).padStart(2, '0')}.png`) });
      }
      if (!plan.outage.includes(day)) await drain();
      days.push(await figures());
      log(`day ${day}: ${JSON.stringify(days.at(-1))}`);
      await jump(simStart + (day - 1) * DAY + 14 * 3_600_000 - now()); // close at 21:00
    }
    await hubUp(true);
    await drain();
    const [ev] = await query<{ count: number; distinct_seq: number; max_seq: number }>(
      "SELECT count(*)::int AS count, count(DISTINCT seq)::int AS distinct_seq, COALESCE(max(seq), 0)::int AS max_seq FROM events WHERE kiosk_id = 'lobby-1'",
    );
    return {
      plan, days, events: { count: ev!.count, distinctSeq: ev!.distinct_seq, maxSeq: ev!.max_seq }, pendingAtEnd: await pendingCount(),
      reloads, versions, blankDays, realSeconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await browser.close();
    await hub.ask({ op: 'stop' }).catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
    rmSync(configDir, { recursive: true, force: true });
  }
}
