import type { GymOutcome } from './checkin';
import {
  freeUnitsOf, reduceGym, sessionLimitAt, settleGym, unitsInService, type GymEvent, type GymOffer, type GymSession, type GymState,
} from './gym';

// What a scan at the gym means, and what the screens show, both read from the settled state. A decision
// returns the outcome for the screen and the events to record; the caller writes the events to the outbox
// and folds them into its state with reduceGym, exactly as the hub will.

export interface GymDecision {
  readonly outcome: GymOutcome;
  readonly events: readonly GymEvent[];
}

/**
 * A member scans (or taps) for `group` at `now`:
 * - with an open session anywhere: it ends (scanning again ends it; a member has at most one);
 * - holding an offer in this group: claims the offered unit;
 * - already waiting in this group: their place in the queue;
 * - a free unit: starts on the lowest-numbered one (leaving any other queue);
 * - every unit busy or on offer: joins this group's queue (leaving any other queue);
 * - no unit in service, or an unknown group: no_free_unit.
 */
export function decideGymScan(state: GymState, memberId: string, group: string, now: number, offline = false): GymDecision {
  const s = settleGym(state, now);
  const own = s.sessions.find((x) => x.memberId === memberId);
  if (own) {
    return {
      outcome: { outcome: 'session_ended', offline, group: own.group, unit: own.unit, startedAt: own.startedAt, endedAt: now, byLimit: false },
      events: [{ kind: 'session_end', memberId, group: own.group, unit: own.unit, at: now }],
    };
  }
  const g = s.groups.find((x) => x.id === group);
  if (!g || unitsInService(g).length === 0) return { outcome: { outcome: 'no_free_unit', offline, group }, events: [] };
  const queue = s.queues[group] ?? [];
  const position = queue.findIndex((e) => e.memberId === memberId) + 1;
  const mine = queue[position - 1];
  if (mine?.offer) return start(s, memberId, group, mine.offer.unit, now, offline, true);
  if (mine) return { outcome: { outcome: 'already_queued', offline, group, position }, events: [] };
  const elsewhere = Object.entries(s.queues).find(([, q]) => q.some((e) => e.memberId === memberId))?.[0];
  const leave: GymEvent[] = elsewhere ? [{ kind: 'queue_leave', memberId, group: elsewhere, at: now }] : [];
  const free = freeUnitsOf(s, g);
  if (free.length > 0) {
    const d = start(s, memberId, group, free[0]!, now, offline, false);
    return { ...d, events: [...leave, ...d.events] };
  }
  return {
    outcome: { outcome: 'queued', offline, group, position: queue.length + 1 },
    events: [...leave, { kind: 'queue_join', memberId, group, at: now }],
  };
}

function start(s: GymState, memberId: string, group: string, unit: number, now: number, offline: boolean, claimed: boolean): GymDecision {
  const event: GymEvent = { kind: claimed ? 'claim' : 'session_start', memberId, group, unit, at: now };
  const after = reduceGym(s, event);
  const session = after.sessions.find((x) => x.memberId === memberId)!;
  return { outcome: { outcome: 'session_started', offline, group, unit, claimed, limitAt: sessionLimitAt(after, session) }, events: [event] };
}

/**
 * "Leave the queue" on the member screen: out of whichever queue the member waits in, an offer included
 * (the unit goes to the next in line). Null when the member waits nowhere: nothing to record.
 */
export function decideLeaveQueue(state: GymState, memberId: string, now: number, offline = false): GymDecision | null {
  const s = settleGym(state, now);
  const group = Object.entries(s.queues).find(([, q]) => q.some((e) => e.memberId === memberId))?.[0];
  if (group === undefined) return null;
  return { outcome: { outcome: 'queue_left', offline, group }, events: [{ kind: 'queue_leave', memberId, group, at: now }] };
}

/** The member's offer, if a freed unit waits for them: the member screen leads with it. */
export function offerFor(state: GymState, memberId: string, now: number, offline = false): GymOutcome | null {
  const s = settleGym(state, now);
  for (const [group, q] of Object.entries(s.queues)) {
    const e = q.find((x) => x.memberId === memberId);
    if (e?.offer) return { outcome: 'unit_offered', offline, group, unit: e.offer.unit, claimBy: e.offer.claimBy };
  }
  return null;
}

export interface MemberGym {
  readonly session: (GymSession & { readonly limitAt: number | null }) | null;
  readonly queue: { readonly group: string; readonly position: number; readonly offer: GymOffer | null } | null;
}

/** Where a member stands now: their open session (and when it will end, if others wait), their queue place. */
export function memberGym(state: GymState, memberId: string, now: number): MemberGym {
  const s = settleGym(state, now);
  const own = s.sessions.find((x) => x.memberId === memberId);
  let queue: MemberGym['queue'] = null;
  for (const [group, q] of Object.entries(s.queues)) {
    const i = q.findIndex((x) => x.memberId === memberId);
    if (i >= 0) queue = { group, position: i + 1, offer: q[i]!.offer };
  }
  return { session: own ? { ...own, limitAt: sessionLimitAt(s, own) } : null, queue };
}

export type UnitStatus = 'free' | 'busy' | 'offered' | 'out_of_service';

export interface UnitView {
  readonly unit: number;
  readonly status: UnitStatus;
  readonly memberId: string | null; // on it (busy) or offered it (offered)
  readonly since: number | null; // session start or offer time
  readonly until: number | null; // session limit (null: no limit) or claim deadline
}

export interface GroupOccupancy {
  readonly group: string;
  readonly inService: number;
  readonly free: number;
  readonly busy: number;
  readonly units: readonly UnitView[];
  readonly queueLength: number;
  /** First in the queue; with a unit on offer when `unit`/`claimBy` are set (the attract screen calls them). */
  readonly head: { readonly memberId: string; readonly unit: number | null; readonly claimBy: number | null } | null;
  /** Other offers beyond the head when several units freed at once. */
  readonly offers: readonly { readonly memberId: string; readonly unit: number; readonly claimBy: number }[];
  readonly limitInForce: boolean; // someone waits: sessions end at their limit
}

/** The attract screen's equipment view at `now`, one row per configured group, in configuration order. */
export function deriveOccupancy(state: GymState, now: number): GroupOccupancy[] {
  const s = settleGym(state, now);
  return s.groups.map((g) => {
    const inService = new Set(unitsInService(g));
    const q = s.queues[g.id] ?? [];
    const units = Array.from({ length: g.units }, (_, i): UnitView => {
      const unit = i + 1;
      const session = s.sessions.find((x) => x.group === g.id && x.unit === unit);
      if (session) return { unit, status: 'busy', memberId: session.memberId, since: session.startedAt, until: sessionLimitAt(s, session) };
      const offered = q.find((e) => e.offer?.unit === unit);
      if (offered?.offer) return { unit, status: 'offered', memberId: offered.memberId, since: offered.offer.offeredAt, until: offered.offer.claimBy };
      return { unit, status: inService.has(unit) ? 'free' : 'out_of_service', memberId: null, since: null, until: null };
    });
    const head = q[0];
    return {
      group: g.id,
      inService: inService.size,
      free: units.filter((u) => u.status === 'free').length,
      busy: units.filter((u) => u.status === 'busy').length,
      units,
      queueLength: q.length,
      head: head ? { memberId: head.memberId, unit: head.offer?.unit ?? null, claimBy: head.offer?.claimBy ?? null } : null,
      offers: q.slice(1).flatMap((e) => (e.offer ? [{ memberId: e.memberId, unit: e.offer.unit, claimBy: e.offer.claimBy }] : [])),
      limitInForce: s.waitingSince[g.id] != null,
    };
  });
}
