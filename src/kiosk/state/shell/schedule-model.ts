import { computed, signal, type ReadonlySignal } from '@preact/signals';
import { categoriesInUse, deriveNowNext, groupByDay, type DayGroup, type NowNext } from '../../../domain/schedule';
import type { Snapshot } from '../../../domain/protocol';

export const SCHEDULE_DAYS = 8; // today and the next 7 days

export interface ScheduleView {
  readonly days: readonly DayGroup[]; // every day, filtered by the category
  readonly dayIndex: number;
  readonly categories: readonly string[]; // in use in the shown days, before filtering
  readonly category: string | null; // null: all
  readonly entries: DayGroup['entries']; // the selected day's, filtered
}

/** The schedule screen as a function of the snapshot, the time, and the worker's day and filter choice. */
export function deriveScheduleView(
  snapshot: Snapshot | null,
  now: number,
  timeZone: string,
  dayIndex: number,
  category: string | null,
): ScheduleView {
  const entries = snapshot?.schedule ?? [];
  // in the order the center configured them; unknown ones after, by id
  const order = new Map(snapshot?.categories.map((c, i) => [c.id, i]) ?? []);
  const rank = (id: string) => order.get(id) ?? Number.MAX_SAFE_INTEGER;
  const categories = categoriesInUse(groupByDay(entries, now, timeZone, SCHEDULE_DAYS)).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const active = category !== null && categories.includes(category) ? category : null;
  const days = groupByDay(entries, now, timeZone, SCHEDULE_DAYS, active);
  const index = Math.min(Math.max(0, Math.trunc(dayIndex)), days.length - 1);
  return { days, dayIndex: index, categories, category: active, entries: days[index]?.entries ?? [] };
}

/** The center's time zone, or the browser's until the kiosk has a snapshot. */
export function deriveTimeZone(snapshot: Snapshot | null, fallback: string): string {
  return snapshot?.center.timeZone ?? fallback;
}

export interface ScheduleModel {
  readonly timeZone: ReadonlySignal<string>;
  readonly view: ReadonlySignal<ScheduleView>;
  readonly nowNext: ReadonlySignal<NowNext>;
  selectDay(index: number): void;
  selectCategory(category: string | null): void;
  /** today, all categories: what the next worker sees */
  reset(): void;
}

export function createScheduleModel(snapshot: ReadonlySignal<Snapshot | null>, now: ReadonlySignal<number>, fallbackTimeZone: string): ScheduleModel {
  const dayIndex = signal(0);
  const category = signal<string | null>(null);
  const timeZone = computed(() => deriveTimeZone(snapshot.value, fallbackTimeZone));
  // recomputed each minute, not each second: the day list changes at most at midnight
  const minute = computed(() => Math.floor(now.value / 60_000) * 60_000);
  return {
    timeZone,
    view: computed(() => deriveScheduleView(snapshot.value, minute.value, timeZone.value, dayIndex.value, category.value)),
    nowNext: computed(() => deriveNowNext(snapshot.value?.schedule ?? [], minute.value, 3)),
    selectDay: (i) => (dayIndex.value = i),
    selectCategory: (c) => (category.value = c),
    reset() {
      dayIndex.value = 0;
      category.value = null;
    },
  };
}
