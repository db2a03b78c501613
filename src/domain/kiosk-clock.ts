import { addDays, zonedParts, zonedToEpoch } from './time';

// When the kiosk's daily chores fall, in the center's time zone. Pure: instants are arguments.

/** The first instant after `after` at which the wall clock in timeZone shows `time` ('HH:MM'). */
export function nextDailyAt(after: number, time: string, timeZone: string): number {
  const today = zonedParts(after, timeZone).date;
  const candidate = zonedToEpoch(today, time, timeZone);
  return candidate > after ? candidate : zonedToEpoch(addDays(today, 1), time, timeZone);
}

/** Whether a page loaded at loadedAt has lived past a nightly reload time by `now`. */
export function nightlyReloadDue(loadedAt: number, now: number, time: string, timeZone: string): boolean {
  return now >= nextDailyAt(loadedAt, time, timeZone);
}
