import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, zonedParts } from '../../src/domain/time';
import { WEEKDAY_KEYS } from '../../src/domain/config/schema';
import { expect, test } from './fixtures';
import { openEnrolledKiosk } from './kiosk';

const demo = JSON.parse(readFileSync(join(import.meta.dirname, '../../kiosk-config/schedule.json'), 'utf8')) as {
  weekly: { weekday: string; category: string; title: { en: string } }[];
};
const weekdayKey = (date: string) => WEEKDAY_KEYS[zonedParts(Date.parse(`${date}T04:00:00Z`), 'Asia/Shanghai').weekday - 1];
const categoriesOn = (date: string) => demo.weekly.filter((w) => w.weekday === weekdayKey(date)).map((w) => w.category);
/** The English titles the demo timetable puts on a date in the center's zone. */
function titlesOn(date: string) {
  return demo.weekly.filter((w) => w.weekday === weekdayKey(date)).map((w) => w.title.en);
}

test.describe('schedule screen', () => {
  test('shows today and the next 7 days of the demo week with room, instructor and places', async ({ page, hub }) => {
    await openEnrolledKiosk(page, hub);
    await page.getByRole('button', { name: /Schedule/ }).click();
    await expect(page.getByRole('heading', { name: 'Schedule' })).toBeVisible();
    const tabs = page.getByRole('tab');
    await expect(tabs).toHaveCount(8);

    const today = zonedParts(Date.now(), 'Asia/Shanghai').date;
    const entries = page.getByTestId('schedule-entry');
    for (const title of titlesOn(today)) await expect(entries.filter({ hasText: title })).toHaveCount(1);

    await tabs.nth(2).click();
    const inTwoDays = addDays(today, 2);
    const expected = titlesOn(inTwoDays);
    await expect(entries).toHaveCount(expected.length);
    for (const title of expected) await expect(entries.filter({ hasText: title }).first()).toBeVisible();
    await expect(entries.first().getByTestId('entry-room')).toHaveText(/^Room: /);
    await expect(entries.first().getByTestId('entry-places')).toHaveText(/places left|Open to all|Full/i);
  });

  test('filters by category and shows all again', async ({ page, hub }) => {
    await openEnrolledKiosk(page, hub);
    await page.getByRole('button', { name: /Schedule/ }).click();
    const today = zonedParts(Date.now(), 'Asia/Shanghai').date;
    // The first day ahead whose demo entries mix fitness with another category.
    const offset = [...Array(8).keys()].find((i) => {
      const cats = new Set(categoriesOn(addDays(today, i)));
      return cats.has('fitness') && cats.size > 1;
    })!;
    const cats = categoriesOn(addDays(today, offset));
    await page.getByRole('tab').nth(offset).click();
    const entries = page.getByTestId('schedule-entry');
    await expect(entries).toHaveCount(cats.length);
    const fitness = page.getByRole('button', { name: 'Fitness class' });
    await fitness.click();
    await expect(fitness).toHaveAttribute('aria-pressed', 'true');
    await expect(entries).toHaveCount(cats.filter((c) => c === 'fitness').length);
    for (const c of await entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-category')))) expect(c).toBe('fitness');
    await page.getByRole('button', { name: 'All', exact: true }).click();
    await expect(entries).toHaveCount(cats.length);
  });

  test('goes back to the attract screen by itself after the idle time, with a countdown', async ({ page, hub }) => {
    // the real idle time and countdown run out on the real clock (47 s on CI), close to the default 60 s
    test.setTimeout(120_000);
    await openEnrolledKiosk(page, hub);
    await page.getByRole('button', { name: /Schedule/ }).click();
    await expect(page.getByRole('heading', { name: 'Schedule' })).toBeVisible();
    await expect(page.getByTestId('idle-countdown')).toBeVisible({ timeout: 35_000 });
    await expect(page.getByTestId('idle-countdown')).toContainText(/\d/);
    await expect(page.getByRole('heading', { name: "Binjiang Workers' Service Center" })).toBeVisible({ timeout: 10_000 });
  });

  test('"More time" on the countdown keeps the screen for another full idle time', async ({ page, hub }) => {
    await page.clock.install();
    await openEnrolledKiosk(page, hub);
    await page.getByRole('button', { name: /Schedule/ }).click();
    await page.clock.runFor(25_000);
    await expect(page.getByTestId('idle-countdown')).toBeVisible();
    await page.getByTestId('idle-more').click();
    await expect(page.getByTestId('idle-countdown')).toHaveCount(0);
    // past the moment the first idle time would have ended, and well into the second
    await page.clock.runFor(20_000);
    await expect(page.getByRole('heading', { name: 'Schedule' })).toBeVisible();
    await page.clock.runFor(12_000);
    await expect(page.getByRole('heading', { name: 'Schedule' })).toHaveCount(0);
  });
});
