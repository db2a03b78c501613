import { expect, type Locator, type Page } from '@playwright/test';
import { join } from 'node:path';
import { addDays, zonedParts } from '../../src/domain/time';
import { editJson } from '../support/hub-process';
import { classMinutes, TIME_ZONE, wedgeScan } from './checkin';
import { e2eConfig } from './fixtures';

// Booking end to end (issue 5): configs with the Book feature on both demo kiosks, and what a worker
// does at the Book screen, in the words a person would use.

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Tomorrow in the center's zone: always a whole day of free slots, whatever time the tests run. */
export const tomorrow = () => addDays(zonedParts(Date.now(), TIME_ZONE).date, 1);

export interface ClassSoon {
  readonly id: string;
  /** minutes from now to its start */
  readonly minutes: number;
  readonly capacity: number | null;
}

/**
 * A config copy where both kiosks book (two kiosks can race for one slot) and identify by card or
 * badge, with only the given classes in the timetable. Returns each class's dated entry id.
 */
export function bookingConfig(classes: readonly ClassSoon[] = []): { dir: string; entryIds: Record<string, string> } {
  const entryIds: Record<string, string> = {};
  const dir = e2eConfig((d) => {
    editJson(join(d, 'kiosks/lobby-1.json'), (k) => (k.features = ['checkin', 'book', 'schedule']));
    editJson(join(d, 'kiosks/gym-1.json'), (k) => (k.features = ['checkin', 'book', 'schedule']));
    editJson(join(d, 'schedule.json'), (s) => {
      s.weekly = classes.map((c) => {
        const start = zonedParts(Date.now() + c.minutes * 60_000, TIME_ZONE);
        entryIds[c.id] = `${c.id}@${start.date}`;
        return {
          id: c.id, category: 'fitness', title: { 'zh-CN': `瑜伽 ${c.id}`, en: `Yoga ${c.id}` }, weekday: WEEKDAYS[start.weekday - 1],
          start: start.time, minutes: classMinutes(start, 45), room: 'activity-room', instructor: '李老师', capacity: c.capacity,
        };
      });
    });
  });
  return { dir, entryIds };
}

export const slot = (page: Page, facilityId: string, time: string): Locator => page.getByTestId(`slot-${facilityId}-${time}`);

/** Book → kind → day: the slot grid of that day is shown. */
export async function openSlotGrid(page: Page, kind: string, day: string) {
  await page.locator('button[data-feature="book"]').click();
  await page.getByTestId(`book-kind-${kind}`).click();
  await page.getByTestId(`book-day-${day}`).click();
  await expect(page.getByTestId('slot-grid')).toBeVisible();
}

/** Taps a free slot and confirms with a card swipe; returns the booking code shown. */
export async function bookWithCard(page: Page, facilityId: string, time: string, card: string): Promise<string> {
  await expect(slot(page, facilityId, time)).toHaveAttribute('data-state', 'free');
  await slot(page, facilityId, time).click();
  await expect(page.getByTestId('book-scan')).toBeVisible();
  await wedgeScan(page, card);
  await expect(page.getByTestId('book-confirmation')).toBeVisible({ timeout: 20_000 });
  return (await page.getByTestId('booking-code').textContent())!.trim();
}
