import type { Rules } from './config/defaults';
import type { ScheduleEntry } from './schedule';
import { zonedParts } from './time';

// Check-in rules (DESIGN §4.2). Every answer the kiosk can give after a scan is one value of a closed set
// (its tone and the other answers a kiosk shows: outcome.ts); the hub uses the same codes.
// Time, the center's zone and what is already known (visits, attendance) are arguments.

export const CHECKIN_OUTCOMES = [
  // identification refused (badge, card or code); logged as failed scans without payload
  'not_our_code', 'malformed', 'bad_signature', 'unknown_key', 'expired_badge', 'revoked_badge', 'unknown_member',
  'suspended_member',
  // the center visit
  'visit_recorded', 'visit_already_today',
  // classes
  'checked_in', 'already_checked_in', 'too_early', 'too_late', 'full', 'class_cancelled',
  // gym equipment
  'session_started', 'session_ended', 'queued', 'already_queued', 'unit_offered', 'no_free_unit', 'queue_left',
] as const;
export type CheckInOutcomeCode = (typeof CHECKIN_OUTCOMES)[number];

/** Identification failures: the scan is logged with this reason and no payload (DESIGN §4.1). */
export const IDENTIFY_FAILURES = [
  'not_our_code', 'malformed', 'bad_signature', 'unknown_key', 'expired_badge', 'revoked_badge', 'unknown_member', 'suspended_member',
] as const satisfies readonly CheckInOutcomeCode[];
export type IdentifyFailure = (typeof IDENTIFY_FAILURES)[number];

export const isIdentifyFailure = (code: CheckInOutcomeCode): code is IdentifyFailure =>
  (IDENTIFY_FAILURES as readonly string[]).includes(code);

type O<C extends CheckInOutcomeCode, D = unknown> = { readonly outcome: C; readonly offline: boolean } & D;

export type IdentifyFailureOutcome = O<IdentifyFailure>;

export type VisitOutcome =
  | O<'visit_recorded', { readonly memberId: string; readonly day: string }>
  | O<'visit_already_today', { readonly memberId: string; readonly day: string; readonly firstAt: number }>;

export type ClassOutcome =
  | O<'checked_in', { readonly entryId: string; readonly reserved: boolean }>
  | O<'already_checked_in', { readonly entryId: string }>
  | O<'too_early', { readonly entryId: string; readonly opensAt: number }>
  | O<'too_late', { readonly entryId: string; readonly closedAt: number }>
  | O<'full', { readonly entryId: string; readonly capacity: number }>
  | O<'class_cancelled', { readonly entryId: string }>;

export type GymOutcome =
  | O<'session_started', { readonly group: string; readonly unit: number; readonly claimed: boolean; readonly limitAt: number | null }>
  | O<'session_ended', { readonly group: string; readonly unit: number; readonly startedAt: number; readonly endedAt: number; readonly byLimit: boolean }>
  | O<'queued', { readonly group: string; readonly position: number }>
  | O<'already_queued', { readonly group: string; readonly position: number }>
  | O<'unit_offered', { readonly group: string; readonly unit: number; readonly claimBy: number }>
  | O<'no_free_unit', { readonly group: string }>
  | O<'queue_left', { readonly group: string }>;

export type CheckInOutcome = IdentifyFailureOutcome | VisitOutcome | ClassOutcome | GymOutcome;

export const identifyFailure = (outcome: IdentifyFailure, offline: boolean): IdentifyFailureOutcome => ({ outcome, offline });

// ---------------------------------------------------------------------------------------------------------
// Visit

/**
 * The first identification of a member in the center's calendar day records a visit; later ones that day
 * do not. `lastVisits` holds the instant of each member's last recorded visit (any day: older ones simply do
 * not count), so a map kept across midnight stays correct without being cleared.
 */
export function deriveVisit(
  memberId: string,
  now: number,
  timeZone: string,
  lastVisits: ReadonlyMap<string, number>,
  offline = false,
): VisitOutcome {
  const day = zonedParts(now, timeZone).date;
  const last = lastVisits.get(memberId);
  if (last !== undefined && zonedParts(last, timeZone).date === day) {
    return { outcome: 'visit_already_today', offline, memberId, day, firstAt: last };
  }
  return { outcome: 'visit_recorded', offline, memberId, day };
}

// ---------------------------------------------------------------------------------------------------------
// Class check-in

export type ClassRules = Pick<Rules, 'classCheckInOpensMinutesBefore' | 'classCheckInClosesMinutesAfter'>;

export interface CheckInWindow {
  readonly opensAt: number; // first instant check-in is accepted (inclusive)
  readonly closesAt: number; // first instant it is refused again (exclusive), like an entry's end
}

export function checkInWindow(entry: ScheduleEntry, rules: ClassRules): CheckInWindow {
  const start = Date.parse(entry.startsAt);
  return {
    opensAt: start - rules.classCheckInOpensMinutesBefore * 60_000,
    closesAt: start + rules.classCheckInClosesMinutesAfter * 60_000,
  };
}

const inWindow = (w: CheckInWindow, now: number) => now >= w.opensAt && now < w.closesAt;

/** Who is already in, and who holds a place, for one class entry (member ids). */
export interface Attendance {
  readonly checkedIn: ReadonlySet<string> | readonly string[];
  readonly reserved: ReadonlySet<string> | readonly string[];
}

const has = (list: ReadonlySet<string> | readonly string[], id: string) =>
  Array.isArray(list) ? list.includes(id) : (list as ReadonlySet<string>).has(id);

/** Places of a class in use: members checked in and members holding a reservation, each once. */
export function placesTaken(a: Attendance): number {
  return new Set([...a.checkedIn, ...a.reserved]).size;
}

/**
 * Check-in to a class. Checks run in the order that gives the member the most useful answer:
 * cancelled first (nothing else matters), then "already in" (a second scan after the window closed is
 * not "too late"), then the window, then places. Full counts check-ins and reserved places: a member
 * with a reservation is always let in, even when that takes the class over its capacity (the place was
 * promised).
 */
export function checkInToClass(
  entry: ScheduleEntry,
  memberId: string,
  attendance: Attendance,
  now: number,
  rules: ClassRules,
  offline = false,
): ClassOutcome {
  const entryId = entry.id;
  if (entry.cancelled) return { outcome: 'class_cancelled', offline, entryId };
  if (has(attendance.checkedIn, memberId)) return { outcome: 'already_checked_in', offline, entryId };
  const w = checkInWindow(entry, rules);
  if (now < w.opensAt) return { outcome: 'too_early', offline, entryId, opensAt: w.opensAt };
  if (now >= w.closesAt) return { outcome: 'too_late', offline, entryId, closedAt: w.closesAt };
  const reserved = has(attendance.reserved, memberId);
  // a reserved place is taken whether or not its member has come yet (issue 5)
  if (!reserved && entry.capacity !== null && placesTaken(attendance) >= entry.capacity) {
    return { outcome: 'full', offline, entryId, capacity: entry.capacity };
  }
  return { outcome: 'checked_in', offline, entryId, reserved };
}

/**
 * Classes whose check-in window is open at `now`, cancelled ones left out, by start time. The member
 * screen checks in automatically when exactly one is listed and asks otherwise.
 */
export function classesOpenNow(entries: readonly ScheduleEntry[], now: number, rules: ClassRules): ScheduleEntry[] {
  return entries
    .filter((e) => !e.cancelled && inWindow(checkInWindow(e, rules), now))
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.id.localeCompare(b.id));
}

// ---------------------------------------------------------------------------------------------------------
// Scan debounce

export interface DebounceDecision {
  readonly act: boolean;
  /** The new record of sightings, to keep for the next call; entries older than the window are dropped. */
  readonly lastSeen: ReadonlyMap<string, number>;
}

/** How much of a scanned text the record of sightings keeps: a longer text is still one code. */
export const DEBOUNCE_KEY_MAX = 512;

/**
 * The same code is acted on at most once per `debounceSeconds`. The window slides with every sighting,
 * not only with every action: a badge held in front of the camera (read ten times a second) is acted on
 * once, and again only after it has been out of sight for the whole window. A different code acts at once.
 */
export function shouldActOnScan(
  text: string,
  now: number,
  lastSeen: ReadonlyMap<string, number>,
  debounceSeconds: number,
): DebounceDecision {
  const code = text.slice(0, DEBOUNCE_KEY_MAX);
  const windowMs = debounceSeconds * 1000;
  const previous = lastSeen.get(code);
  // A sighting "from the future" means the kiosk clock was set back: act rather than stay deaf for long.
  const act = previous === undefined || now - previous >= windowMs || now < previous;
  const next = new Map<string, number>();
  for (const [c, t] of lastSeen) if (now - t < windowMs && t <= now) next.set(c, t);
  next.set(code, now);
  return { act, lastSeen: next };
}
