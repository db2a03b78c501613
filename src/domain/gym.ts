import type { Rules } from './config/defaults';

// Gym equipment (DESIGN §4.2) as a pure fold over gym events plus the passing of time. Kiosks and the hub
// replay the same events through the same reducer, so they agree on who is on which unit, who waits and
// who is offered a freed unit. Sessions ending at their limit and offers running out are not events: they
// are derived from time (settleGym), so every replica derives them at the same instants.

export type GymRules = Pick<Rules, 'gymSessionLimitMinutes' | 'gymClaimMinutes'>;

/** One equipment group as kiosk-config/equipment.json (or the snapshot) describes it; units are 1-based. */
export interface GymGroupConfig {
  readonly id: string;
  readonly units: number;
  readonly outOfService?: readonly number[];
}

export type GymEvent =
  | { readonly kind: 'session_start'; readonly memberId: string; readonly group: string; readonly unit: number; readonly at: number }
  | { readonly kind: 'session_end'; readonly memberId: string; readonly group: string; readonly unit: number; readonly at: number }
  | { readonly kind: 'queue_join'; readonly memberId: string; readonly group: string; readonly at: number }
  | { readonly kind: 'queue_leave'; readonly memberId: string; readonly group: string; readonly at: number }
  | { readonly kind: 'claim'; readonly memberId: string; readonly group: string; readonly unit: number; readonly at: number };

/**
 * One recorded gym step as the reducer takes it, from what kiosk and hub both store (an action, who, the
 * group, the unit or none). A start or end stored without a unit gets unit 0, which the reducer refuses
 * as unknown_unit: the step is kept and judged, never dropped.
 */
export function gymEventOf(action: GymEvent['kind'], memberId: string, group: string, unit: number | null, at: number): GymEvent {
  if (action === 'queue_join' || action === 'queue_leave') return { kind: action, memberId, group, at };
  return { kind: action, memberId, group, unit: unit ?? 0, at };
}

export interface GymSession {
  readonly memberId: string;
  readonly group: string;
  readonly unit: number;
  readonly startedAt: number;
}

export interface GymOffer {
  readonly unit: number;
  readonly offeredAt: number;
  readonly claimBy: number; // the offer is gone at this instant (exclusive)
}

export interface QueueEntry {
  readonly memberId: string;
  readonly joinedAt: number;
  readonly offer: GymOffer | null;
}

/**
 * What happened without an event (auto_ended, offer_expired) and what an event claimed that the state did
 * not allow; the hub keeps these as facts for staff instead of dropping the event (offline kiosks disagree).
 */
export type GymFactKind =
  | 'auto_ended' | 'offer_expired'
  | 'unknown_group' | 'unknown_unit' | 'unit_out_of_service' | 'unit_taken' | 'offer_taken'
  | 'not_offered' | 'already_in_session' | 'no_open_session' | 'out_of_order';

export interface GymFact {
  readonly kind: GymFactKind;
  readonly memberId: string;
  readonly group: string;
  readonly unit: number | null;
  readonly at: number;
}

export interface GymState {
  readonly rules: GymRules;
  readonly groups: readonly GymGroupConfig[];
  readonly clock: number; // time has been settled up to here
  readonly sessions: readonly GymSession[];
  readonly queues: Readonly<Record<string, readonly QueueEntry[]>>;
  /** Since when someone in the group has waited without an offer; null: nobody waits, no limit. */
  readonly waitingSince: Readonly<Record<string, number | null>>;
  readonly facts: readonly GymFact[];
}

type Draft = {
  -readonly [K in keyof GymState]: K extends 'queues' ? Record<string, QueueEntry[]>
    : K extends 'sessions' ? GymSession[] : K extends 'facts' ? GymFact[]
    : K extends 'waitingSince' ? Record<string, number | null> : GymState[K];
};

const MINUTE = 60_000;

export function initialGym(groups: readonly GymGroupConfig[], rules: GymRules, at = 0): GymState {
  return {
    rules, groups, clock: at, sessions: [], facts: [],
    queues: Object.fromEntries(groups.map((g) => [g.id, []])),
    waitingSince: Object.fromEntries(groups.map((g) => [g.id, null])),
  };
}

const draft = (s: GymState): Draft => ({
  ...s,
  sessions: [...s.sessions],
  queues: Object.fromEntries(Object.entries(s.queues).map(([g, q]) => [g, [...q]])),
  waitingSince: { ...s.waitingSince },
  facts: [...s.facts],
});

const groupOf = (s: GymState, id: string) => s.groups.find((g) => g.id === id);

export function unitsInService(g: GymGroupConfig): number[] {
  const out = new Set(g.outOfService ?? []);
  return Array.from({ length: g.units }, (_, i) => i + 1).filter((u) => !out.has(u));
}

/** The units of a group in service that nobody uses and nobody has been offered: what a new arrival may start on. */
export function freeUnitsOf(s: GymState, g: GymGroupConfig): number[] {
  const taken = new Set([
    ...s.sessions.filter((x) => x.group === g.id).map((x) => x.unit),
    ...(s.queues[g.id] ?? []).flatMap((e) => (e.offer ? [e.offer.unit] : [])),
  ]);
  return unitsInService(g).filter((u) => !taken.has(u));
}

/** When a session ends by itself: its limit counts from when others began to wait, never from before. */
export function sessionLimitAt(s: GymState, session: GymSession): number | null {
  const since = s.waitingSince[session.group];
  return since == null ? null : Math.max(session.startedAt, since) + s.rules.gymSessionLimitMinutes * MINUTE;
}

/** Offers freed units to waiting members in queue order and records whether anyone still waits. */
function normalize(d: Draft, t: number): void {
  for (const g of d.groups) {
    const busy = new Set(d.sessions.filter((x) => x.group === g.id).map((x) => x.unit));
    const inService = new Set(unitsInService(g));
    // An offered unit someone else has started on (or taken out of service) is no longer on offer.
    const q = (d.queues[g.id] ?? []).map((e) => (e.offer && (busy.has(e.offer.unit) || !inService.has(e.offer.unit)) ? { ...e, offer: null } : e));
    d.queues[g.id] = q;
    let free = freeUnitsOf(d, g);
    for (let i = 0; i < q.length && free.length > 0; i++) {
      if (q[i]!.offer) continue;
      q[i] = { ...q[i]!, offer: { unit: free[0]!, offeredAt: t, claimBy: t + d.rules.gymClaimMinutes * MINUTE } };
      free = free.slice(1);
    }
    d.waitingSince[g.id] = q.some((e) => !e.offer) ? (d.waitingSince[g.id] ?? t) : null;
  }
}

/** Applies what time alone does up to `until`, in order: sessions reaching their limit, offers running out. */
function settle(d: Draft, until: number): void {
  for (;;) {
    const limits = d.sessions.map((x) => sessionLimitAt(d, x)).filter((x): x is number => x !== null);
    const claims = Object.values(d.queues).flatMap((q) => q.flatMap((e) => (e.offer ? [e.offer.claimBy] : [])));
    const next = Math.min(...limits, ...claims);
    if (!(next <= until)) break;
    const t = Math.max(next, d.clock);
    for (const x of d.sessions.filter((x) => (sessionLimitAt(d, x) ?? Infinity) <= t)) {
      d.facts.push({ kind: 'auto_ended', memberId: x.memberId, group: x.group, unit: x.unit, at: t });
    }
    d.sessions = d.sessions.filter((x) => (sessionLimitAt(d, x) ?? Infinity) > t);
    for (const [g, q] of Object.entries(d.queues)) {
      for (const e of q) if (e.offer && e.offer.claimBy <= t) d.facts.push({ kind: 'offer_expired', memberId: e.memberId, group: g, unit: e.offer.unit, at: t });
      // The head who lets the claim time pass is skipped: out of the queue, the unit goes to the next.
      d.queues[g] = q.filter((e) => !(e.offer && e.offer.claimBy <= t));
    }
    normalize(d, t);
    d.clock = t;
  }
  d.clock = Math.max(d.clock, until);
}

export function settleGym(state: GymState, now: number): GymState {
  const d = draft(state);
  settle(d, now);
  return d;
}

const leaveQueues = (d: Draft, memberId: string) => {
  for (const g of Object.keys(d.queues)) d.queues[g] = d.queues[g]!.filter((e) => e.memberId !== memberId);
};

/**
 * Applies one event. Events must come in time order (replayGym sorts); an older one is applied at the
 * current clock and flagged. Impossible events are still applied as far as they make sense (a member is
 * physically on the unit) and leave a fact behind, because two offline kiosks can both be right locally.
 */
export function reduceGym(state: GymState, event: GymEvent): GymState {
  const d = draft(state);
  const { memberId, group } = event;
  let t = event.at;
  const fact = (kind: GymFactKind, unit: number | null = null) => d.facts.push({ kind, memberId, group, unit, at: t });
  if (t < d.clock) {
    t = d.clock;
    fact('out_of_order');
  }
  settle(d, t);
  const g = groupOf(d, group);
  if (!g) {
    fact('unknown_group');
    return d;
  }
  switch (event.kind) {
    case 'session_start':
    case 'claim': {
      const unit = event.unit;
      if (!Number.isInteger(unit) || unit < 1 || unit > g.units) {
        fact('unknown_unit', unit);
        return d;
      }
      const own = d.sessions.find((x) => x.memberId === memberId);
      if (own && own.group === group && own.unit === unit) return d; // the same start twice
      if (own) fact('already_in_session', own.unit);
      if (!unitsInService(g).includes(unit)) fact('unit_out_of_service', unit);
      if (d.sessions.some((x) => x.group === group && x.unit === unit && x.memberId !== memberId)) fact('unit_taken', unit);
      const q = d.queues[group] ?? [];
      const mine = q.find((e) => e.memberId === memberId);
      if (event.kind === 'claim' && mine?.offer?.unit !== unit) fact('not_offered', unit);
      if (q.some((e) => e.memberId !== memberId && e.offer?.unit === unit)) fact('offer_taken', unit);
      d.sessions = d.sessions.filter((x) => x.memberId !== memberId);
      d.sessions.push({ memberId, group, unit, startedAt: t });
      leaveQueues(d, memberId);
      break;
    }
    case 'session_end': {
      const own = d.sessions.find((x) => x.memberId === memberId && x.group === group);
      // Usually a session that already ended at its limit: harmless, but worth knowing.
      if (!own) fact('no_open_session', event.unit);
      d.sessions = d.sessions.filter((x) => !(x.memberId === memberId && x.group === group));
      break;
    }
    case 'queue_join': {
      if ((d.queues[group] ?? []).some((e) => e.memberId === memberId)) break;
      if (d.sessions.some((x) => x.memberId === memberId)) fact('already_in_session');
      leaveQueues(d, memberId); // one queue at a time
      d.queues[group] = [...(d.queues[group] ?? []), { memberId, joinedAt: t, offer: null }];
      break;
    }
    case 'queue_leave':
      d.queues[group] = (d.queues[group] ?? []).filter((e) => e.memberId !== memberId);
      break;
  }
  normalize(d, t);
  d.clock = t;
  return d;
}

/** The state after all events, sorted by time (stable, so same-instant events keep their given order). */
export function replayGym(groups: readonly GymGroupConfig[], rules: GymRules, events: readonly GymEvent[], start = 0): GymState {
  return [...events].sort((a, b) => a.at - b.at).reduce(reduceGym, initialGym(groups, rules, start));
}
