import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AdminClient } from '../support/admin-client';
import type { CameraBrowser } from '../support/fake-camera';
import { ADMIN_PASSWORD, editJson } from '../support/hub-process';
import { en } from '../../src/kiosk/i18n/en';
import { zhCN } from '../../src/kiosk/i18n/zh-CN';
import { BUSY_MEMBERS, seedBusyDay, soonClasses } from './busy-day';
import { checkinConfig, closeCameraKiosk, LiveHub, openCameraKiosk, wedgeScan } from './checkin';
import { expect, test } from './fixtures';
import { openEnrolledKiosk, openStaffMode } from './kiosk';
import { attachFindings, axeProblems, bannerProblems, findLayoutProblems, SIZES, type Finding } from './layout-check';

// Issue 12: every kiosk screen at every lobby screen size, in both languages, checked from the live page
// (layout-check.ts says what is checked). A new screen joins by being listed in SCREENS.

// the sizes run side by side, each worker with a hub of its own
test.describe.configure({ mode: 'parallel' });

let hub: LiveHub;
const MEMBER_NO = '900001';
test.beforeAll(async () => {
  const { dir } = checkinConfig({ classNow: true, keepWeekly: true }); // the demo's timetable and equipment
  const soon = soonClasses(Date.now()); // three more classes open for check-in: the member screen's longest list
  editJson(join(dir, 'schedule.json'), (s) => s.weekly.push(...soon.weekly));
  editJson(join(dir, 'facilities.json'), (f) => f.facilities.push(...soon.rooms));
  editJson(join(dir, 'kiosks/lobby-1.json'), (k) => (k.features = ['checkin', 'book', 'schedule', 'rate', 'suggest']));
  // a sports hall of 12 badminton courts: the widest grid the Book screen must lay out
  editJson(join(dir, 'facilities.json'), (f) => {
    const others = f.facilities.filter((x: { kind: string }) => x.kind !== 'badminton');
    const courts = Array.from({ length: 12 }, (_, i) => ({ id: `badminton-${i + 1}`, kind: 'badminton', name: { 'zh-CN': `羽毛球 ${i + 1} 号场`, en: `Badminton court ${i + 1}` } }));
    f.facilities = [...courts, ...others];
  });
  hub = await LiveHub.start(dir);
  const admin = await new AdminClient(hub.url).login();
  await admin.importMembers([{ memberNo: MEMBER_NO, name: '欧阳晓明' }]);
  // bookings, places, a promotion the attract screen announces, a rower called from the queue
  await seedBusyDay(hub, soon.entryIds, JSON.parse(readFileSync(join(dir, 'equipment.json'), 'utf8')).groups);
});
test.afterAll(async () => hub?.close());

let kiosk: CameraBrowser | undefined;
test.afterEach(async ({}, info) => {
  await closeCameraKiosk(kiosk, info);
  kiosk = undefined;
});

interface Screen {
  readonly name: string;
  /** from the attract screen to this one */
  open(page: Page): Promise<void>;
}

const click = (page: Page, selector: string) => page.locator(selector).first().click();
/** A member number on the keypad (a wedge swipe would do too, but needs reader speed on a busy machine). */
async function keypad(page: Page, digits: string) {
  await click(page, '[data-testid=open-keypad]');
  for (const d of digits) await click(page, `[data-testid=key-${d}]`);
  await click(page, '[data-testid=key-ok]');
  await expect(page.getByTestId('member-screen').or(page.getByTestId('outcome')).first()).toBeVisible();
}
const SCREENS: readonly Screen[] = [
  { name: 'attract', open: async () => {} },
  { name: 'outcome banner (unknown member)', open: (page) => keypad(page, '123456') },
  { name: 'schedule', open: (page) => click(page, '[data-feature=schedule]') },
  { name: 'book: kinds', open: (page) => click(page, '[data-feature=book]') },
  { name: 'book: a court grid', open: async (page) => (await click(page, '[data-feature=book]'), click(page, '.book-kind')) },
  { name: 'keypad', open: (page) => click(page, '[data-testid=open-keypad]') },
  { name: 'rate', open: (page) => click(page, '[data-feature=rate]') },
  { name: 'rate: reasons', open: async (page) => (await click(page, '[data-feature=rate]'), click(page, '.face-button.face-1')) },
  { name: 'suggestion', open: (page) => click(page, '[data-feature=suggest]') },
  { name: 'suggestion: signing with a badge', open: async (page) => {
    await click(page, '[data-feature=suggest]');
    await page.locator('.suggest-text').fill('晚上健身房人太多');
    await click(page, '[data-testid=send-signed]');
    await expect(page.getByTestId('suggest-sign')).toBeVisible();
  } },
  { name: 'polls: an open poll and a published result', open: (page) => click(page, '[data-feature=poll]') },
  { name: 'poll: six long options', open: async (page) => {
    await click(page, '[data-feature=poll]');
    await click(page, '[data-testid=poll-open]');
    await click(page, '[data-testid=poll-option]');
    await expect(page.getByTestId('poll-confirm')).toBeEnabled();
  } },
  { name: 'poll: confirming with a badge', open: async (page) => {
    await click(page, '[data-feature=poll]');
    await click(page, '[data-testid=poll-open]');
    await click(page, '[data-testid=poll-option]');
    await click(page, '[data-testid=poll-confirm]');
    await expect(page.getByTestId('poll-sign')).toBeVisible();
  } },
  { name: 'member screen (keypad)', open: (page) => keypad(page, MEMBER_NO) },
  { name: 'member screen: the center’s answer, classes, bookings, places', open: async (page) => {
    await wedgeScan(page, BUSY_MEMBERS.regular.card);
    await expect(page.getByTestId('member-screen')).toBeVisible();
    await expect(page.getByTestId('member-replies')).toBeVisible();
  } },
  { name: 'staff mode', open: (page) => openStaffMode(page) },
];

/**
 * Every outcome's words with the longest names the center has filled in: what a banner may have to hold.
 * The words come from the kiosk's catalogs, so a new outcome is checked the day it is written.
 */
function outcomeTexts(lang: 'zh-CN' | 'en'): string[] {
  const catalog: Record<string, string> = lang === 'en' ? en : zhCN;
  const long: Record<string, string> = lang === 'en'
    ? { class: 'Baduanjin and shoulder-neck relief for desk workers 3', group: 'Strength stations', facility: 'Badminton court 12', day: 'Wednesday 16 December' }
    : { class: '职工八段锦与肩颈放松 3', group: '力量训练站', facility: '羽毛球 12 号场', day: '12月16日 星期三' };
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, k: string) => long[k] ?? (/time|opens/.test(k) ? '19:45' : '12'));
  return Object.keys(catalog).filter((k) => k.startsWith('outcome.') && k !== 'outcome.offline').map((k) => fill(catalog[k]!));
}

/** Back to the attract screen the way a person would: Done, Back, Close. */
async function home(page: Page) {
  for (let i = 0; i < 4; i++) {
    if (await page.getByTestId('attract-screen').isVisible()) break;
    const way = page.locator('[data-testid=member-done]:visible, [data-testid=staff-close]:visible, .back-button:visible').first();
    if (await way.count()) await way.click();
    await page.waitForTimeout(150);
  }
  await expect(page.getByTestId('attract-screen')).toBeVisible();
}

const LANGS = ['zh-CN', 'en'] as const;

/** The language and text size, switched on the attract screen as a worker would. */
async function setView(page: Page, lang: (typeof LANGS)[number], large: boolean) {
  if ((await page.locator('html').getAttribute('lang')) !== lang) await page.locator('.lang-switch').first().click();
  if ((await page.getByTestId('large-text').first().getAttribute('aria-pressed')) !== String(large)) await page.getByTestId('large-text').first().click();
}

for (const size of SIZES) {
  test(`every kiosk screen fits ${size.name}`, async ({}, info) => {
    test.setTimeout(600_000);
    kiosk = await openCameraKiosk(hub, { lang: 'zh-CN', viewport: { width: size.width, height: size.height }, deviceScaleFactor: size.scale });
    const { page } = kiosk;
    const problems: string[] = [];
    const VIEWS = LANGS.flatMap((l) => [[l, false], [l, true]] as const);
    /** Every screen of `screens` in every language and text size, from the attract screen, checked. */
    const visit = async (kioskName: string, screens: readonly Screen[]) => {
      for (const [lang, large] of VIEWS) {
        const view = `${kioskName}${lang}${large ? ' 大字' : ''}`;
        for (const screen of screens) {
          await test.step(`${view} ${screen.name}`, async () => {
            await home(page);
            await setView(page, lang, large);
            await screen.open(page);
            await page.waitForTimeout(300); // a transition's last frame
            // axe once per screen and language: contrast and names do not change with the size
            const found: Finding[] = [...(await findLayoutProblems(page)), ...(size === SIZES[0] && !large ? await axeProblems(page) : [])];
            if (found.length > 0) await attachFindings(page, info, `${size.name} ${view} ${screen.name}`, found);
            problems.push(...found.map((f) => `${view} ${screen.name}: ${f.rule} — ${f.what}${f.box ? ` at ${f.box.x},${f.box.y} ${f.box.width}×${f.box.height}` : ''}`));
          });
        }
      }
    };
    await visit('', SCREENS);
    // every outcome banner, top over the attract screen and bottom over a member screen
    // a member of their own per view: the same card is acted on once per 5 s (scanDebounceSeconds)
    const tappers = [BUSY_MEMBERS.holder, BUSY_MEMBERS.waiter, BUSY_MEMBERS.rowerB, BUSY_MEMBERS.rowerC];
    for (const [v, [lang, large]] of VIEWS.entries()) {
      const BANNERS: readonly Screen[] = [
        { name: 'outcome banners, top', open: (page) => keypad(page, '123456') },
        { name: 'outcome banners, bottom', open: async (page) => {
          await wedgeScan(page, tappers[v]!.card);
          await expect(page.getByTestId('member-screen')).toBeVisible();
          await page.locator('.member-option:not([disabled])').first().click();
        } },
      ];
      for (const screen of BANNERS) {
        const view = `${lang}${large ? ' 大字' : ''} ${screen.name}`;
        await test.step(view, async () => {
          await home(page);
          await setView(page, lang, large);
          await screen.open(page);
          const found = await bannerProblems(page, outcomeTexts(lang), (lang === 'en' ? en : zhCN)['outcome.offline']);
          if (found.length > 0) await attachFindings(page, info, `${size.name} ${view}`, found);
          problems.push(...found.map((f) => `${view}: ${f.rule} — ${f.what}`));
        });
      }
    }
    await home(page);
    // the gym kiosk's attract screen: the equipment panel beside the same clock, camera and schedule
    await openEnrolledKiosk(page, hub, { lang: 'zh-CN', kioskId: 'gym-1' });
    await visit('gym ', [SCREENS[0]!]);
    expect(problems).toEqual([]);
  });
}

// The admin pages staff use every day: axe-core (WCAG 2.1 A and AA) finds nothing serious, in both languages.
test('every admin page passes axe in both languages', async ({ page }, info) => {
  test.setTimeout(120_000);
  const admin = await new AdminClient(hub.url).login();
  const memberId = (await admin.member(MEMBER_NO)).id;
  await page.goto(`${hub.url}/admin/login?lang=en`);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('button', { name: 'Log out', exact: true })).toBeVisible();
  const PAGES = ['/admin/', '/admin/today', '/admin/bookings', '/admin/feedback', '/admin/report', '/admin/suggestions', '/admin/polls', '/admin/kiosks', '/admin/members', `/admin/members/${memberId}`, `/admin/members/${memberId}/badge`, '/admin/members/import'];
  const problems: string[] = [];
  for (const lang of LANGS) {
    for (const path of PAGES) {
      await page.goto(`${hub.url}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
      const found = await axeProblems(page);
      if (found.length > 0) await attachFindings(page, info, `admin ${lang} ${path}`, found);
      problems.push(...found.map((f) => `${lang} ${path}: ${f.rule} — ${f.what}`));
    }
  }
  expect(problems).toEqual([]);
});
