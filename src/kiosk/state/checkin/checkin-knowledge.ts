import { computed, type ReadonlySignal } from '@preact/signals';
import type { Rules } from '../../../domain/config/defaults';
import { gymEventOf, replayGym, type GymEvent, type GymGroupConfig, type GymState } from '../../../domain/gym';
import type { Snapshot } from '../../../domain/protocol';
import { zonedParts } from '../../../domain/time';
import type { CheckinJournal, JournalRecord } from '../../data/journal';
import { createKeptRecords, type KeptRecords } from '../kept-records';

// What this kiosk knows of the center's day: the hub's snapshot.today (every kiosk, as of the last
// pull) joined with this kiosk's own journal (what it accepted since, synced or not). Replayed with the
// domain's rules, it answers "already visited", "already checked in", "full" and "who is on which unit".

/** The journal keeps the current center day and the one before (DESIGN: after a reload, today is known). */
export const JOURNAL_DAYS = 2;

export interface Knowledge {
  /** the center's calendar day these facts are about */
  readonly day: string;
  /** subject → instant of a visit recorded today (domain deriveVisit compares the day) */
  readonly lastVisits: ReadonlyMap<string, number>;
  /** class entry id → subjects checked in */
  readonly attendance: ReadonlyMap<string, ReadonlySet<string>>;
  /** today's gym steps, hub's and own, each once, in time order */
  readonly gymEvents: readonly GymEvent[];
  /** subject → masked name, for the queue head call-out */
  readonly names: ReadonlyMap<string, string>;
  /** suggestions whose answer a member read at this kiosk (any kept day): not shown again */
  readonly repliesRead: ReadonlySet<string>;
  /** poll id → member id → when they voted at this kiosk (any kept day) */
  readonly pollVotes: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

export const centerDay = (at: number, timeZone: string): string => zonedParts(at, timeZone).date;

export function deriveKnowledge(snapshot: Snapshot | null, records: readonly JournalRecord[], day: string, timeZone: string): Knowledge {
  const today = snapshot?.today?.day === day ? snapshot.today : null;
  const lastVisits = new Map<string, number>();
  const attendance = new Map<string, Set<string>>();
  const names = new Map<string, string>(Object.entries(today?.names ?? {}));
  const steps = new Map<string, GymEvent>();
  const attend = (entryId: string, subject: string) => {
    const set = attendance.get(entryId) ?? new Set<string>();
    attendance.set(entryId, set.add(subject));
  };

  if (today && snapshot) {
    const asOf = Date.parse(snapshot.serverTime); // an instant of `day`: the hub's own list is of today
    for (const memberId of today.visits) lastVisits.set(memberId, asOf);
    for (const a of today.attendance) for (const memberId of a.memberIds) attend(a.entryId, memberId);
    for (const g of today.gym) {
      const at = Date.parse(g.at);
      steps.set(g.id, gymEventOf(g.action, g.memberId, g.group, g.unit, at));
    }
  }
  const repliesRead = new Set<string>();
  const pollVotes = new Map<string, Map<string, number>>();
  for (const r of records) {
    if (r.kind === 'reply_read') {
      repliesRead.add(r.suggestionId);
      continue;
    }
    if (r.kind === 'poll_vote') {
      const voters = pollVotes.get(r.pollId) ?? new Map<string, number>();
      pollVotes.set(r.pollId, voters.set(r.subject, Math.max(voters.get(r.subject) ?? r.at, r.at)));
      continue;
    }
    if (centerDay(r.at, timeZone) !== day) continue;
    if (r.name !== null) names.set(r.subject, r.name);
    if (r.kind === 'visit') lastVisits.set(r.subject, Math.max(lastVisits.get(r.subject) ?? r.at, r.at));
    else if (r.kind === 'class') attend(r.entryId, r.subject);
    else if (!steps.has(r.id)) steps.set(r.id, gymEventOf(r.action, r.subject, r.group, r.unit, r.at));
  }
  const gymEvents = [...steps.values()].sort((a, b) => a.at - b.at);
  return { day, lastVisits, attendance, gymEvents, names, repliesRead, pollVotes };
}

/** The equipment groups as the snapshot configures them. */
export function deriveGymGroups(snapshot: Snapshot | null): GymGroupConfig[] {
  return (snapshot?.equipment ?? []).map((g) => ({ id: g.id, units: g.units, outOfService: g.outOfService }));
}

/** Today's equipment state: every known step replayed through the domain reducer (settled later, by time). */
export function deriveGymState(snapshot: Snapshot | null, knowledge: Knowledge, rules: Rules): GymState {
  return replayGym(deriveGymGroups(snapshot), rules, knowledge.gymEvents);
}

/** Ids of journal records older than the kept days, to delete. */
export function deriveExpiredRecords(records: readonly JournalRecord[], now: number, timeZone: string, keepDays = JOURNAL_DAYS): string[] {
  const kept = new Set<string>();
  for (let i = 0; i < keepDays; i++) kept.add(centerDay(now - i * 86_400_000, timeZone));
  return records.filter((r) => !kept.has(centerDay(r.at, timeZone)) && r.at <= now).map((r) => r.id);
}

export type LocalRecords = KeptRecords<JournalRecord>;

export const createLocalRecords = (p: { journal: CheckinJournal; now: () => number; timeZone: ReadonlySignal<string> }): LocalRecords =>
  createKeptRecords({ store: p.journal, expired: (all) => deriveExpiredRecords(all, p.now(), p.timeZone.value) });

export interface LocalKnowledge {
  readonly knowledge: ReadonlySignal<Knowledge>;
  readonly gym: ReadonlySignal<GymState>;
}

export interface LocalKnowledgePorts {
  readonly snapshot: ReadonlySignal<Snapshot | null>;
  readonly records: ReadonlySignal<readonly JournalRecord[]>;
  readonly rules: ReadonlySignal<Rules>;
  readonly timeZone: ReadonlySignal<string>;
  readonly now: ReadonlySignal<number>;
}

/** Recomputed when the snapshot, the records or the center day change, not on every clock tick. */
export function createLocalKnowledge(p: LocalKnowledgePorts): LocalKnowledge {
  const day = computed(() => centerDay(p.now.value, p.timeZone.value));
  const knowledge = computed(() => deriveKnowledge(p.snapshot.value, p.records.value, day.value, p.timeZone.value));
  return { knowledge, gym: computed(() => deriveGymState(p.snapshot.value, knowledge.value, p.rules.value)) };
}
