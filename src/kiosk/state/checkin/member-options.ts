import type { Rules } from '../../../domain/config/defaults';
import { classesOpenNow, placesTaken, type VisitOutcome } from '../../../domain/checkin';
import type { GymState } from '../../../domain/gym';
import { deriveOccupancy, memberGym } from '../../../domain/gym-decide';
import type { Identity } from '../../../domain/identity';
import type { Snapshot } from '../../../domain/protocol';
import type { LocalizedText } from '../../../domain/text';
import type { BookingKnowledge } from '../book/booking-knowledge';
import type { Knowledge } from './checkin-knowledge';
import { deriveMemberBookings, memberIdOf, reservedMembers, type MemberBookingsView } from '../book/member-bookings';

// What the member screen offers a member identified at the kiosk, as a function of what is known now.

export interface MemberSession {
  readonly identity: Identity;
  /** domain subjectOf: how this kiosk files the person */
  readonly subject: string;
  readonly name: string | null;
  readonly verified: boolean;
  /** the visit decided when they were identified */
  readonly visit: VisitOutcome;
}

export type ClassStatus = 'open' | 'checked_in' | 'full';

export interface ClassOption {
  readonly entryId: string;
  readonly title: LocalizedText;
  readonly startsAt: string;
  readonly room: string;
  readonly status: ClassStatus;
}

export interface GymOption {
  readonly group: string;
  readonly name: LocalizedText;
  readonly free: number;
  readonly inService: number;
  readonly queueLength: number;
  /** the member's own place here: on a unit, waiting, or offered a freed unit */
  readonly mine: 'session' | 'queued' | 'offered' | null;
  /** the member is on a unit of another group: one session at a time, so this one waits */
  readonly elsewhere: boolean;
  readonly unit: number | null;
  readonly position: number | null;
}

export interface MemberOptions {
  readonly verified: boolean;
  /** badge or card: enough for classes and machines; a keypad number is a visit only */
  readonly presented: boolean;
  readonly classes: readonly ClassOption[];
  readonly gym: readonly GymOption[];
  /** where the member waits, for the "leave the queue" button */
  readonly queue: { readonly group: string; readonly position: number } | null;
  /** facility bookings and class places; null when nobody known presented themselves (keypad, unmapped card) */
  readonly bookings: MemberBookingsView | null;
}

export interface MemberOptionsInput {
  readonly session: MemberSession | null;
  readonly snapshot: Snapshot | null;
  readonly knowledge: Knowledge;
  readonly bookings: BookingKnowledge;
  readonly gym: GymState;
  readonly now: number;
  readonly rules: Rules;
  readonly timeZone: string;
  readonly gymEnabled: boolean;
}

export function deriveMemberOptions(i: MemberOptionsInput): MemberOptions | null {
  const s = i.session;
  if (s === null) return null;
  const presented = s.identity.via !== 'keypad';
  if (!presented) return { verified: false, presented, classes: [], gym: [], queue: null, bookings: null };
  const classes = classesOpenNow(i.snapshot?.schedule ?? [], i.now, i.rules).map((e): ClassOption => {
    const inClass = i.knowledge.attendance.get(e.id) ?? new Set<string>();
    // reserved places are taken even before their members come; a member holding one is let in
    const reserved = reservedMembers(i.bookings, e.id);
    const status: ClassStatus = inClass.has(s.subject)
      ? 'checked_in'
      : e.capacity !== null && !reserved.has(s.subject) && placesTaken({ checkedIn: inClass, reserved }) >= e.capacity ? 'full' : 'open';
    return { entryId: e.id, title: e.title, startsAt: e.startsAt, room: e.room, status };
  });
  const memberId = memberIdOf(s.identity);
  const bookings = memberId === null ? null : deriveMemberBookings({
    memberId, knowledge: i.bookings, snapshot: i.snapshot, attendance: i.knowledge.attendance, now: i.now, rules: i.rules, timeZone: i.timeZone,
  });
  if (!i.gymEnabled) return { verified: s.verified, presented, classes, gym: [], queue: null, bookings };
  const mine = memberGym(i.gym, s.subject, i.now);
  const names = new Map(i.snapshot?.equipment.map((g) => [g.id, g.name]) ?? []);
  const gym = deriveOccupancy(i.gym, i.now).map((row): GymOption => {
    const onIt = mine.session?.group === row.group;
    const waits = mine.queue?.group === row.group;
    return {
      group: row.group, name: names.get(row.group) ?? { 'zh-CN': row.group, en: row.group },
      free: row.free, inService: row.inService, queueLength: row.queueLength,
      mine: onIt ? 'session' : waits ? (mine.queue!.offer ? 'offered' : 'queued') : null,
      unit: onIt ? mine.session!.unit : waits ? (mine.queue!.offer?.unit ?? null) : null,
      position: waits ? mine.queue!.position : null,
      elsewhere: mine.session !== null && !onIt,
    };
  });
  return { verified: s.verified, presented, classes, gym, queue: mine.queue ? { group: mine.queue.group, position: mine.queue.position } : null, bookings };
}
