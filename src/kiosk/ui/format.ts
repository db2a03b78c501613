import type { Lang } from '../../domain/text';
import { zonedParts, weekdayOf } from '../../domain/time';
import { t, type MessageKey } from '../i18n/t';
import type { FreshnessView } from '../state/sync/snapshot-model';

// Pure text for the screens: dates, times and the freshness line, all through the catalogs.

export const timeOf = (ms: number, timeZone: string): string => zonedParts(ms, timeZone).time;

export function dateShort(lang: Lang, date: string): string {
  const [, month, day] = date.split('-').map(Number) as [number, number, number];
  return t(lang, 'date.short', { day, month: t(lang, `month.${month}` as MessageKey) });
}

export function dateLong(lang: Lang, date: string): string {
  const [, month, day] = date.split('-').map(Number) as [number, number, number];
  const weekday = t(lang, `weekday.${weekdayOf(date)}` as MessageKey);
  return t(lang, 'date.long', { weekday, day, month: t(lang, `month.${month}` as MessageKey) });
}

/** A date and time in the center's zone: "12 Nov 18:00", "11月12日 18:00". */
export function dateTimeShort(lang: Lang, ms: number, timeZone: string): string {
  const p = zonedParts(ms, timeZone);
  return `${dateShort(lang, p.date)} ${p.time.slice(0, 5)}`;
}

/** "Today", "Tomorrow", else the weekday: the first line of a day tab. */
export function dayName(lang: Lang, date: string, offset: number): string {
  if (offset === 0) return t(lang, 'schedule.today');
  if (offset === 1) return t(lang, 'schedule.tomorrow');
  return t(lang, `weekday.${weekdayOf(date)}` as MessageKey);
}

export interface FreshnessLabel {
  readonly state: 'waiting' | 'fresh' | 'stale';
  readonly updated: string | null; // "Updated 14:05", with the date when not today
  readonly warning: string | null; // the plain stale warning, or the waiting message
}

export function deriveFreshnessLabel(lang: Lang, view: FreshnessView, now: number, timeZone: string): FreshnessLabel {
  if (view.kind === 'waiting') return { state: 'waiting', updated: null, warning: t(lang, 'fresh.waiting') };
  const at = zonedParts(view.receivedAt, timeZone);
  const sameDay = at.date === zonedParts(now, timeZone).date;
  const updated = sameDay
    ? t(lang, 'fresh.updated', { time: at.time })
    : t(lang, 'fresh.updatedOn', { date: dateShort(lang, at.date), time: at.time });
  return { state: view.stale ? 'stale' : 'fresh', updated, warning: view.stale ? t(lang, 'fresh.stale') : null };
}

export function placesText(lang: Lang, capacity: number | null, placesLeft: number | null): string {
  if (capacity === null || placesLeft === null) return t(lang, 'entry.openToAll');
  if (placesLeft <= 0) return t(lang, 'entry.full');
  return placesLeft === 1 ? t(lang, 'entry.onePlaceLeft') : t(lang, 'entry.placesLeft', { count: placesLeft });
}
