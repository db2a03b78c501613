import { describe, expect, it } from 'vitest';
import { decideGymScan, deriveOccupancy, memberGym, offerFor } from '../../../src/domain/gym-decide';
import { gymEventOf, reduceGym, replayGym, settleGym, type GymEvent } from '../../../src/domain/gym';
import { GYM_GROUPS, GYM_RULES, emptyGym, min, scan, scans } from '../../fixtures/gym';

const occ = (state: Parameters<typeof deriveOccupancy>[0], at: number, group: string) =>
  deriveOccupancy(state, at).find((g) => g.group === group)!;

describe('starting and ending a session', () => {
  it('starts a member on the lowest free unit, with no limit while nobody waits', () => {
    const r = scan(emptyGym(), 'a', 'rower', min(0));
    expect(r.outcome).toEqual({ outcome: 'session_started', offline: false, group: 'rower', unit: 1, claimed: false, limitAt: null });
    expect(r.events).toEqual([{ kind: 'session_start', memberId: 'a', group: 'rower', unit: 1, at: min(0) }]);
  });

  it('ends the open session when the member scans again', () => {
    const { outcomes, log } = scans(emptyGym(), [['a', 'rower', 0], ['a', 'rower', 20]]);
    expect(outcomes[1]).toEqual({ outcome: 'session_ended', offline: false, group: 'rower', unit: 1, startedAt: min(0), endedAt: min(20), byLimit: false });
    expect(log[1]).toEqual({ kind: 'session_end', memberId: 'a', group: 'rower', unit: 1, at: min(20) });
  });

  it('ends the open session even when the member asks for another group (at most one session)', () => {
    const { outcomes, state } = scans(emptyGym(), [['a', 'rower', 0], ['a', 'treadmill', 5]]);
    expect(outcomes[1]).toMatchObject({ outcome: 'session_ended', group: 'rower' });
    expect(state.sessions).toEqual([]);
  });

  it('skips units out of service', () => {
    const { outcomes } = scans(emptyGym(), [['a', 'treadmill', 0], ['b', 'treadmill', 0], ['c', 'treadmill', 0], ['d', 'treadmill', 0]]);
    expect(outcomes.map((o) => o.outcome === 'session_started' ? o.unit : o.outcome)).toEqual([1, 2, 3, 'queued']);
  });

  it('refuses a group whose every unit is out of service, and an unknown group, without recording anything', () => {
    expect(decideGymScan(emptyGym(), 'a', 'broken', min(0), true)).toEqual({ outcome: { outcome: 'no_free_unit', offline: true, group: 'broken' }, events: [] });
    expect(decideGymScan(emptyGym(), 'a', 'sauna', min(0)).outcome.outcome).toBe('no_free_unit');
  });

  it('keeps a session open for hours while nobody waits', () => {
    const { state } = scans(emptyGym(), [['a', 'rower', 0]]);
    expect(memberGym(state, 'a', min(300)).session).toMatchObject({ group: 'rower', unit: 1, limitAt: null });
  });
});

describe('the queue', () => {
  const full = () => scans(emptyGym(), [['a', 'rower', 0], ['b', 'rower', 10]]).state;

  it('puts a member in the queue when every unit is busy, in arrival order', () => {
    const { outcomes, log } = scans(full(), [['c', 'rower', 20], ['d', 'rower', 21]]);
    expect(outcomes).toEqual([
      { outcome: 'queued', offline: false, group: 'rower', position: 1 },
      { outcome: 'queued', offline: false, group: 'rower', position: 2 },
    ]);
    expect(log).toEqual([
      { kind: 'queue_join', memberId: 'c', group: 'rower', at: min(20) },
      { kind: 'queue_join', memberId: 'd', group: 'rower', at: min(21) },
    ]);
  });

  it('tells a member already waiting their place and records nothing', () => {
    const { state } = scans(full(), [['c', 'rower', 20], ['d', 'rower', 21]]);
    expect(decideGymScan(state, 'd', 'rower', min(22))).toEqual({ outcome: { outcome: 'already_queued', offline: false, group: 'rower', position: 2 }, events: [] });
  });

  it('moves a member from one queue to another rather than keeping them in two', () => {
    const busy = scans(full(), [['e', 'treadmill', 0], ['f', 'treadmill', 0], ['g', 'treadmill', 0]]).state;
    const r = scans(busy, [['d', 'rower', 20], ['d', 'treadmill', 21]]);
    expect(r.log.slice(1)).toEqual([
      { kind: 'queue_leave', memberId: 'd', group: 'rower', at: min(21) },
      { kind: 'queue_join', memberId: 'd', group: 'treadmill', at: min(21) },
    ]);
    expect(r.state.queues.rower).toEqual([]);
    expect(r.state.queues.treadmill!.map((e) => e.memberId)).toEqual(['d']);
  });

  it('takes a waiting member out of their queue when they start elsewhere', () => {
    const { state } = scans(full(), [['c', 'rower', 20]]);
    const r = scan(state, 'c', 'treadmill', min(21));
    expect(r.events.map((e) => e.kind)).toEqual(['queue_leave', 'session_start']);
    expect(r.state.queues.rower).toEqual([]);
  });
});

describe('the session limit applies only while others wait', () => {
  // a on rower 1 from 0, b on rower 2 from 10; c starts waiting at 5.
  const waiting = () => scans(emptyGym(), [['a', 'rower', 0], ['b', 'rower', 10]]);

  it('counts the limit from when someone began to wait, not from the start of a long session', () => {
    const { state } = scans(waiting().state, [['c', 'rower', 50]]);
    expect(memberGym(state, 'a', min(50)).session?.limitAt).toBe(min(80));
    expect(memberGym(state, 'b', min(50)).session?.limitAt).toBe(min(80));
  });

  it('counts the limit from the start for a session begun after the waiting began', () => {
    // a and b on the rowers, c and d wait; a ends at 20, c claims rower 1 at 22 while d still waits.
    const { state, outcomes } = scans(emptyGym(), [['a', 'rower', 0], ['b', 'rower', 1], ['c', 'rower', 2], ['d', 'rower', 3], ['a', 'rower', 20], ['c', 'rower', 22]]);
    expect(outcomes[5]).toMatchObject({ outcome: 'session_started', claimed: true, limitAt: min(52) });
    expect(memberGym(state, 'b', min(22)).session?.limitAt).toBe(min(32)); // c has waited since 2
  });

  it('ends sessions by themselves at their limit and offers a freed unit to the head of the queue', () => {
    const s = scans(emptyGym(), [['a', 'rower', 0], ['c', 'rower', 0.5]]).state;
    // rower 2 is free, so c was not queued: fill it first.
    expect(s.sessions.map((x) => x.memberId)).toEqual(['a', 'c']);
    const { state } = scans(s, [['d', 'rower', 10]]); // d waits from 10: limits at 40
    expect(memberGym(state, 'a', min(40) - 1).session).not.toBeNull();
    expect(memberGym(state, 'a', min(40)).session).toBeNull();
    expect(offerFor(state, 'd', min(40))).toEqual({ outcome: 'unit_offered', offline: false, group: 'rower', unit: 1, claimBy: min(45) });
    expect(settleGym(state, min(40)).facts.filter((f) => f.kind === 'auto_ended').map((f) => f.memberId).sort()).toEqual(['a', 'c']);
  });

  it('lifts the limit when everyone still in the queue has been offered a unit', () => {
    // As above; b reaches the limit at 32, rower 2 goes to d, nobody waits without an offer any more,
    // so c (limit 52 a moment ago) keeps going.
    const { state } = scans(emptyGym(), [['a', 'rower', 0], ['b', 'rower', 1], ['c', 'rower', 2], ['d', 'rower', 3], ['a', 'rower', 20], ['c', 'rower', 22]]);
    expect(memberGym(state, 'b', min(32)).session).toBeNull();
    expect(offerFor(state, 'd', min(32))).toMatchObject({ unit: 2, claimBy: min(37) });
    expect(memberGym(state, 'c', min(60)).session).toMatchObject({ unit: 1, limitAt: null });
  });

  it('lifts the limit when the queue empties, so the session does not end at 30 minutes', () => {
    const { state } = scans(waiting().state, [['c', 'rower', 15]]);
    const left = reduceGym(state, { kind: 'queue_leave', memberId: 'c', group: 'rower', at: min(20) });
    expect(occ(left, min(20), 'rower').limitInForce).toBe(false);
    expect(memberGym(left, 'a', min(120)).session).toMatchObject({ unit: 1, limitAt: null });
  });
});

describe('claiming a freed unit', () => {
  // a and b on the rowers, c and d waiting; a ends at 20 → rower 1 offered to c until 25.
  const offered = () => scans(emptyGym(), [['a', 'rower', 0], ['b', 'rower', 1], ['c', 'rower', 2], ['d', 'rower', 3], ['a', 'rower', 20]]).state;

  it('offers the freed unit to the head of the queue for 5 minutes, shown on the attract screen', () => {
    const o = occ(offered(), min(21), 'rower');
    expect(o.head).toEqual({ memberId: 'c', unit: 1, claimBy: min(25) });
    expect(o.units[0]).toEqual({ unit: 1, status: 'offered', memberId: 'c', since: min(20), until: min(25) });
    expect(o.free).toBe(0);
    expect(o.queueLength).toBe(2);
  });

  it('does not let someone else start on the offered unit', () => {
    expect(decideGymScan(offered(), 'e', 'rower', min(21)).outcome).toEqual({ outcome: 'queued', offline: false, group: 'rower', position: 3 });
  });

  it('starts the head on the offered unit when they scan before the deadline', () => {
    const r = scan(offered(), 'c', 'rower', min(25) - 1);
    expect(r.outcome).toMatchObject({ outcome: 'session_started', unit: 1, claimed: true, limitAt: min(25) - 1 + 30 * 60_000 });
    expect(r.events).toEqual([{ kind: 'claim', memberId: 'c', group: 'rower', unit: 1, at: min(25) - 1 }]);
    expect(r.state.queues.rower!.map((e) => e.memberId)).toEqual(['d']);
  });

  it('skips the head at the deadline and offers the unit to the next in line', () => {
    const s = settleGym(offered(), min(25));
    expect(s.queues.rower).toEqual([{ memberId: 'd', joinedAt: min(3), offer: { unit: 1, offeredAt: min(25), claimBy: min(30) } }]);
    expect(s.facts.filter((f) => f.kind === 'offer_expired')).toEqual([{ kind: 'offer_expired', memberId: 'c', group: 'rower', unit: 1, at: min(25) }]);
    expect(offerFor(offered(), 'c', min(25))).toBeNull();
  });

  it('makes the unit free when the last one in line lets the offer pass, and a late scan then starts normally', () => {
    const s = settleGym(offered(), min(30)); // c skipped at 25, d skipped at 30
    expect(occ(s, min(30), 'rower')).toMatchObject({ free: 1, queueLength: 0, head: null });
    expect(decideGymScan(s, 'c', 'rower', min(31)).outcome).toMatchObject({ outcome: 'session_started', unit: 1, claimed: false });
  });
});

describe('the reducer kiosks and the hub share', () => {
  it('records two offline kiosks putting two members on one unit as a fact, keeping both sessions', () => {
    const s = replayGym(GYM_GROUPS, GYM_RULES, [
      { kind: 'session_start', memberId: 'a', group: 'rower', unit: 1, at: min(0) },
      { kind: 'session_start', memberId: 'b', group: 'rower', unit: 1, at: min(1) },
    ], min(0));
    expect(s.sessions.map((x) => x.memberId)).toEqual(['a', 'b']);
    expect(s.facts).toEqual([{ kind: 'unit_taken', memberId: 'b', group: 'rower', unit: 1, at: min(1) }]);
  });

  it('closes a member\'s old session when a start for them arrives from another kiosk', () => {
    const s = replayGym(GYM_GROUPS, GYM_RULES, [
      { kind: 'session_start', memberId: 'a', group: 'rower', unit: 1, at: min(0) },
      { kind: 'session_start', memberId: 'a', group: 'treadmill', unit: 2, at: min(5) },
    ], min(0));
    expect(s.sessions).toEqual([{ memberId: 'a', group: 'treadmill', unit: 2, startedAt: min(5) }]);
    expect(s.facts.map((f) => f.kind)).toEqual(['already_in_session']);
  });

  it('notes an end for a session that is not open, and changes nothing', () => {
    const s = reduceGym(emptyGym(), { kind: 'session_end', memberId: 'a', group: 'rower', unit: 1, at: min(1) });
    expect(s.sessions).toEqual([]);
    expect(s.facts.map((f) => f.kind)).toEqual(['no_open_session']);
  });

  it('notes a claim of a unit that was not offered to the member, a unit that does not exist, and an unknown group', () => {
    const s = [
      { kind: 'claim', memberId: 'a', group: 'rower', unit: 2, at: min(1) },
      { kind: 'session_start', memberId: 'b', group: 'rower', unit: 9, at: min(2) },
      { kind: 'queue_join', memberId: 'c', group: 'sauna', at: min(3) },
      { kind: 'session_start', memberId: 'd', group: 'treadmill', unit: 4, at: min(4) },
    ].reduce((st, e) => reduceGym(st, e as GymEvent), emptyGym());
    expect(s.facts.map((f) => f.kind)).toEqual(['not_offered', 'unknown_unit', 'unknown_group', 'unit_out_of_service']);
    expect(s.sessions.map((x) => x.memberId)).toEqual(['a', 'd']);
  });

  it('applies a late event at the current clock and flags it', () => {
    const s0 = reduceGym(emptyGym(), { kind: 'session_start', memberId: 'a', group: 'rower', unit: 1, at: min(10) });
    const s1 = reduceGym(s0, { kind: 'session_start', memberId: 'b', group: 'rower', unit: 2, at: min(5) });
    expect(s1.sessions[1]).toMatchObject({ memberId: 'b', startedAt: min(10) });
    expect(s1.facts.map((f) => f.kind)).toEqual(['out_of_order']);
  });

  it('arrives at the same state whether events are folded as they happen or replayed out of order', () => {
    const { state, log } = scans(emptyGym(), [['a', 'rower', 0], ['b', 'rower', 1], ['c', 'rower', 2], ['a', 'rower', 20], ['c', 'rower', 22], ['e', 'treadmill', 23]]);
    const replayed = replayGym(GYM_GROUPS, GYM_RULES, [...log].reverse(), min(0));
    expect(settleGym(replayed, min(60))).toEqual(settleGym(state, min(60)));
  });

  it('does not change the state it is given', () => {
    const s = emptyGym();
    const copy = JSON.stringify(s);
    scans(s, [['a', 'rower', 0], ['b', 'rower', 0], ['c', 'rower', 0]]);
    deriveOccupancy(s, min(100));
    expect(JSON.stringify(s)).toBe(copy);
  });
});

describe('deriveOccupancy', () => {
  it('shows every group in configuration order with free, busy and out-of-service units', () => {
    const { state } = scans(emptyGym(), [['a', 'treadmill', 0]]);
    const view = deriveOccupancy(state, min(1));
    expect(view.map((g) => g.group)).toEqual(['rower', 'treadmill', 'broken']);
    expect(view[1]).toMatchObject({ inService: 3, free: 2, busy: 1, queueLength: 0, head: null, limitInForce: false, offers: [] });
    expect(view[1]!.units.map((u) => u.status)).toEqual(['busy', 'free', 'free', 'out_of_service']);
    expect(view[1]!.units[0]).toEqual({ unit: 1, status: 'busy', memberId: 'a', since: min(0), until: null });
    expect(view[2]).toMatchObject({ inService: 0, free: 0 });
  });

  it('shows the head of a queue without a deadline while no unit is offered, and the limit in force', () => {
    const { state } = scans(emptyGym(), [['a', 'rower', 0], ['b', 'rower', 0], ['c', 'rower', 5], ['d', 'rower', 6]]);
    const o = occ(state, min(6), 'rower');
    expect(o).toMatchObject({ head: { memberId: 'c', unit: null, claimBy: null }, queueLength: 2, limitInForce: true });
    expect(o.units.map((u) => u.until)).toEqual([min(35), min(35)]);
  });

  it('lists a second offer when two units free at once', () => {
    const { state } = scans(emptyGym(), [['a', 'rower', 0], ['b', 'rower', 0], ['c', 'rower', 5], ['d', 'rower', 6]]);
    const o = occ(state, min(35), 'rower'); // both sessions reach the limit together
    expect(o.head).toEqual({ memberId: 'c', unit: 1, claimBy: min(40) });
    expect(o.offers).toEqual([{ memberId: 'd', unit: 2, claimBy: min(40) }]);
    expect(o.limitInForce).toBe(false);
  });
});

describe('a stored gym step as the reducer takes it (kiosk and hub alike)', () => {
  it('carries no unit for the queue, and unit 0 for a start stored without one, which the reducer refuses as unknown_unit', () => {
    expect(gymEventOf('queue_join', '7', 'rowers', 3, 1_000)).toEqual({ kind: 'queue_join', memberId: '7', group: 'rowers', at: 1_000 });
    const start = gymEventOf('session_start', '7', GYM_GROUPS[0]!.id, null, 1_000);
    expect(start).toEqual({ kind: 'session_start', memberId: '7', group: GYM_GROUPS[0]!.id, unit: 0, at: 1_000 });
    expect(replayGym(GYM_GROUPS, GYM_RULES, [start]).facts.map((f) => f.kind)).toContain('unknown_unit');
  });
});
