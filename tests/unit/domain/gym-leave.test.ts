import { describe, expect, it } from 'vitest';
import { decideLeaveQueue, deriveOccupancy } from '../../../src/domain/gym-decide';
import { reduceGym } from '../../../src/domain/gym';
import * as v from 'valibot';
import { GymPayloadSchema } from '../../../src/domain/events';
import { emptyGym, min, scans } from '../../fixtures/gym';

describe('leaving a gym queue from the member screen', () => {
  it('takes a waiting member out of their queue with one queue_leave step and the queue_left outcome', () => {
    const { state } = scans(emptyGym(), [['a', 'rower', 0], ['b', 'rower', 1], ['c', 'rower', 2], ['d', 'rower', 3]]);
    const d = decideLeaveQueue(state, 'c', min(4))!;
    expect(d).toEqual({
      outcome: { outcome: 'queue_left', offline: false, group: 'rower' },
      events: [{ kind: 'queue_leave', memberId: 'c', group: 'rower', at: min(4) }],
    });
    const after = d.events.reduce(reduceGym, state);
    expect(after.queues.rower!.map((e) => e.memberId)).toEqual(['d']);
  });

  it('gives a unit on offer to the next in line when its holder leaves the queue', () => {
    const { state } = scans(emptyGym(), [['a', 'rower', 0], ['b', 'rower', 1], ['c', 'rower', 2], ['d', 'rower', 3], ['a', 'rower', 20]]);
    const d = decideLeaveQueue(state, 'c', min(21), true)!;
    expect(d.outcome).toEqual({ outcome: 'queue_left', offline: true, group: 'rower' });
    const head = deriveOccupancy(d.events.reduce(reduceGym, state), min(21)).find((g) => g.group === 'rower')!.head;
    expect(head).toEqual({ memberId: 'd', unit: 1, claimBy: min(26) });
  });

  it('records nothing for a member who waits in no queue', () => {
    const { state } = scans(emptyGym(), [['a', 'rower', 0]]);
    expect(decideLeaveQueue(state, 'a', min(1))).toBeNull();
    expect(decideLeaveQueue(state, 'z', min(1))).toBeNull();
  });

  it('accepts queue_left as a gym event outcome', () => {
    const payload = {
      identity: { via: 'badge', memberId: '7', badgeId: '7@1' }, group: 'rower', outcome: 'queue_left',
      steps: [{ action: 'queue_leave', group: 'rower', unit: null }],
    };
    expect(v.safeParse(GymPayloadSchema, payload).success).toBe(true);
  });
});
