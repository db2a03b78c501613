import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { launchWithCamera, type CameraBrowser } from '../support/fake-camera';
import { openEnrolledKiosk } from './kiosk';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { zonedParts } from '../../src/domain/time';
import { WEDGE_DEFAULTS } from '../../src/domain/wedge';
import { editJson, startHub, type Hub } from '../support/hub-process';
import { readStored, storedRows, type StoredQuery } from '../support/stored-rows';
import { e2eConfig } from './fixtures';

// Check-in end to end: a hub shared by the tests of one file (members differ per test), configs with a
// class in its check-in window right now or a one-unit gym group, and what a worker does at the kiosk.

export const TIME_ZONE = 'Asia/Shanghai'; // the demo center's zone (kiosk-config/center.json)
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/**
 * A hub whose database a test can read: stopped (PGlite has one writer), read, and started again on the
 * same port, data and config, so kiosks already enrolled carry on as after a short outage.
 */
export class LiveHub {
  private constructor(private hub: Hub) {}

  static async start(configDir: string): Promise<LiveHub> {
    return new LiveHub(await startHub({ configDir }));
  }

  get url() {
    return this.hub.url;
  }

  /** Runs `read` on the stopped hub's data folder, then starts the hub again. */
  async whileStopped<T>(read: (dataDir: string) => Promise<T>): Promise<T> {
    const { port, dataDir, configDir } = this.hub;
    await this.hub.stop();
    try {
      return await read(dataDir);
    } finally {
      this.hub = await startHub({ port, dataDir, configDir });
    }
  }

  /** Rows the hub stored, read from its database. */
  rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.whileStopped((dir) => storedRows<T>(dir, sql, params));
  }

  /** Several reads of what the hub stored, in one stop. */
  read<T>(read: (query: StoredQuery) => Promise<T>): Promise<T> {
    return this.whileStopped((dir) => readStored(dir, read));
  }

  async close() {
    await this.hub.stop();
    this.hub.cleanup();
    rmSync(this.hub.configDir, { recursive: true, force: true });
  }
}

export interface ClassNow {
  /** the dated entry id kiosks and the hub use: `<weekly id>@<date>` */
  readonly entryId: string;
}

/**
 * Edits a config copy for check-in: the kiosks' features as the demo has them, and a weekly timetable
 * holding only one class (or the demo's and that one: keepWeekly), which started this very minute (check-in is open from 30 min before to 15
 * after), so exactly one class is in its window for the next quarter of an hour.
 */
const E2E_STUDIO = 'e2e-studio';

/**
 * A test class's length: `want` minutes, but never past midnight, which the hub refuses (a class ends on
 * the day it starts). Late in the evening, as when CI runs then, the classes are shorter.
 */
export const classMinutes = (start: { readonly minuteOfDay: number }, want: number) => Math.max(1, Math.min(want, 24 * 60 - start.minuteOfDay - 1));

export function checkinConfig(opts: { classNow?: boolean; gymGroup?: { id: string; units: number }; keepWeekly?: boolean } = {}): { dir: string; classNow: ClassNow | null } {
  let classNow: ClassNow | null = null;
  const dir = e2eConfig((d) => {
    editJson(join(d, 'kiosks/lobby-1.json'), (k) => (k.features = ['checkin', 'schedule', 'rate', 'suggest']));
    editJson(join(d, 'kiosks/gym-1.json'), (k) => (k.features = ['checkin', 'gym', 'schedule', 'rate']));
    editJson(join(d, 'schedule.json'), (s) => {
      if (!opts.keepWeekly) s.weekly = []; // keepWeekly: the demo's timetable stays, the class now joins it
      if (!opts.classNow) return;
      const now = zonedParts(Date.now(), TIME_ZONE);
      const minutes = classMinutes(now, 60);
      s.weekly.push({
        id: 'e2e-now', category: 'fitness', title: { 'zh-CN': '工间操', en: 'Workday stretch' }, weekday: WEEKDAYS[now.weekday - 1],
        start: now.time, minutes, room: opts.keepWeekly ? E2E_STUDIO : 'activity-room', instructor: '李老师', capacity: 20,
      });
      classNow = { entryId: `e2e-now@${now.date}` };
    });
    // beside the demo's timetable the class now has a room of its own: in the demo's activity room it
    // would overlap the demo's own classes at some hours, and the hub refuses a timetable that does
    if (opts.keepWeekly && opts.classNow) {
      editJson(join(d, 'facilities.json'), (f) => f.facilities.push({ id: E2E_STUDIO, kind: 'room', name: { 'zh-CN': '二号活动室', en: 'Studio 2' } }));
    }
    if (opts.gymGroup) {
      const g = opts.gymGroup;
      editJson(join(d, 'equipment.json'), (e) => (e.groups = [{ id: g.id, name: { 'zh-CN': '划船机', en: 'Rower' }, units: g.units }]));
    }
  });
  return { dir, classNow };
}

/** The app-wide outcome banner showing `code` (contract: data-outcome, data-tone, data-offline). */
export const outcome = (page: Page, code: string): Locator => page.locator(`[data-testid="outcome"][data-outcome="${code}"]`);

/**
 * A card reader in keyboard-wedge mode: the number's keys in one burst, then Enter, as a USB reader
 * sends them. A reader's key events carry the time the operating system took them, 10 ms apart, however
 * late the page gets round to them; so does each event here (DevTools' `timestamp`), and the kiosk reads
 * KeyboardEvent.timeStamp. Without it a busy two-core machine delivered a key 40 ms late now and then,
 * the kiosk rightly read the tail of the number as a scan of its own, and Book refused it as an unknown
 * card (CI, booking-places). The page's key times are still checked: a swipe the page did not get at
 * reader speed tests nothing, so it is swiped again (as a worker would), at most three times.
 */
export async function wedgeScan(page: Page, text: string) {
  const cdp = await page.context().newCDPSession(page);
  try {
    for (let attempt = 1; ; attempt++) {
      // the key times are taken by a listener of this swipe's own, gone again after it (the soak counts the page's listeners)
      await page.evaluate(() => {
        const w = window as unknown as { keyTimes: number[]; keyTimer: (e: KeyboardEvent) => void };
        w.keyTimes = [];
        w.keyTimer = (e) => w.keyTimes.push(e.timeStamp);
        addEventListener('keydown', w.keyTimer, { capture: true });
      });
      const sent: Promise<unknown>[] = [];
      const t0 = Date.now() / 1000; // DevTools takes seconds since the epoch
      const press = (i: number, text: string, key: object) => {
        const timestamp = t0 + i * 0.01; // a reader's pace: one key every 10 ms
        sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text, timestamp, ...key }), cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', timestamp: timestamp + 0.002, ...key }));
      };
      [...text].forEach((ch, i) => press(i, ch, { key: ch, code: /[0-9]/.test(ch) ? `Digit${ch}` : `Key${ch.toUpperCase()}`, windowsVirtualKeyCode: ch.toUpperCase().charCodeAt(0) }));
      press([...text].length, '\r', { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 });
      await Promise.all(sent);
      const times = await page.evaluate(() => {
        const w = window as unknown as { keyTimes: number[]; keyTimer: (e: KeyboardEvent) => void };
        removeEventListener('keydown', w.keyTimer, { capture: true });
        return w.keyTimes;
      });
      const slowest = Math.max(...times.slice(1).map((t, i) => t - times[i]!));
      if (times.length === [...text].length + 1 && slowest <= WEDGE_DEFAULTS.maxGapMs) return;
      if (attempt === 3) throw new Error(`the page never got the swipe at reader speed (slowest gap ${slowest} ms)`);
      test.info().annotations.push({ type: 'wedge re-swiped', description: `slowest gap ${slowest} ms` });
    }
  } finally {
    await cdp.detach();
  }
}

/**
 * The camera is running on the attract screen: html5-qrcode has put its preview video into the fixed
 * `#scanner` host. Waiting for it keeps a slow camera start apart from a slow or missing scan.
 */
export async function expectCameraRunning(page: Page) {
  await expect(page.locator('#scanner video')).toBeAttached({ timeout: 20_000 });
}

/**
 * How long a code in front of the camera may take to be acted on in these tests. The benchmark holds
 * the speed (median ≤ 300 ms); here two test workers share two cores with hubs and browsers, and the
 * decoder gets what CPU is left, so a read is allowed seconds, not milliseconds.
 */
export const SCAN_TIMEOUT = 20_000;

/** The member screen greeting `maskedName`. */
export async function expectMemberScreen(page: Page, maskedName: string, verified = true) {
  const screen = page.getByTestId('member-screen');
  // a refusal instead of the screen: say which, rather than only "not found"
  await expect(screen.or(page.getByTestId('outcome')).first()).toBeVisible({ timeout: SCAN_TIMEOUT });
  const shown = await page.getByTestId('outcome').getAttribute('data-outcome', { timeout: 100 }).catch(() => null);
  await expect(screen, `the member screen, not the outcome ${shown}`).toBeVisible();
  await expect(page.getByTestId('member-name')).toHaveText(maskedName);
  await expect(page.getByTestId('member-screen')).toHaveAttribute('data-verified', String(verified));
}

export interface StoredEvent {
  kind: string;
  kiosk_id: string;
  payload: Record<string, any>;
}

/** Check-in events about one member (by the identity's member id), oldest first. */
export const MEMBER_EVENTS_SQL = `SELECT kind, kiosk_id, payload FROM events
  WHERE kind IN ('visit', 'class_checkin', 'gym') AND payload->'identity'->>'memberId' = $1 ORDER BY at, seq`;

/** The hub's read models (migration 005): class attendance and visits of one member. */
export const ATTENDANCE_SQL = 'SELECT entry_id, via, kiosk_outcome, hub_outcome, counted FROM class_attendance WHERE member_id = $1 ORDER BY at';
export const VISITS_SQL = 'SELECT via, verified FROM visits WHERE member_id = $1 ORDER BY at';

/**
 * After a camera test: on a failure the kiosk's screen, camera state and console go into the report (a
 * scan that never comes says nothing by itself); then its browser is closed.
 */
export async function closeCameraKiosk(kiosk: CameraBrowser | undefined, info: TestInfo): Promise<void> {
  if (kiosk && info.status !== info.expectedStatus) {
    const seen = await kiosk.diagnose();
    if (seen.screen) await info.attach('kiosk screen', { body: seen.screen, contentType: 'image/png' });
    await info.attach('kiosk camera', { body: seen.state, contentType: 'application/json' });
    await info.attach('kiosk console', { body: seen.console, contentType: 'text/plain' });
  }
  await kiosk?.close();
}

/** A kiosk browser of its own whose fake camera shows nothing yet, enrolled, with its camera running. */
export async function openCameraKiosk(
  hub: Pick<Hub, 'url'>,
  opts: { lang?: 'en' | 'zh-CN'; kioskId?: string; viewport?: { width: number; height: number }; deviceScaleFactor?: number } = {},
): Promise<CameraBrowser> {
  const kiosk = await launchWithCamera(hub.url, null, { ...(opts.viewport && { viewport: opts.viewport }), ...(opts.deviceScaleFactor && { deviceScaleFactor: opts.deviceScaleFactor }) });
  try {
    await openEnrolledKiosk(kiosk.page, hub, opts);
    await expectCameraRunning(kiosk.page);
    return kiosk;
  } catch (e) {
    await kiosk.close();
    throw e;
  }
}
