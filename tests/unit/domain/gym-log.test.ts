import { describe, expect, it } from 'vitest';
import type { GymEvent } from '../../../src/domain/gym';
import { gymSessionLog } from '../../../src/domain/gym-log';
import { GYM_GROUPS, GYM_RULES, min } from '../../fixtures/gym';

const start = (memberId: string, group: string, unit: number, m: number): GymEvent => ({ kind: 'session_start', memberId, group, unit, at: min(m) });
const end = (memberId: string, group: string, unit: number, m: number): GymEvent => ({ kind: 'session_end', memberId, group, unit, at: min(m) });
const join = (memberId: string, group: string, m: number): GymEvent => ({ kind: 'queue_join', memberId, group, at: min(m) });

describe('gymSessionLog', () => {
  it('lists a session the member ended with its start and end', () => {
    const { sessions } = gymSessionLog(GYM_GROUPS, GYM_RULES, [end('a', 'rower', 1, 20), start('a', 'rower', 1, 0)], min(0), min(60));
    expect(sessions).toEqual([{ memberId: 'a', group: 'rower', unit: 1, startedAt: min(0), endedAt: min(20), endedBy: 'member' }]);
  });

  it('leaves a session open at `until` when nobody waits (no limit)', () => {
    const { sessions, state } = gymSessionLog(GYM_GROUPS, GYM_RULES, [start('a', 'rower', 1, 0)], min(0), min(120));
    expect(sessions[0]).toMatchObject({ endedAt: null, endedBy: null });
    expect(state.sessions).toHaveLength(1);
  });

  it('ends sessions at their limit once others wait, at the exact instant, also when that is after the last event', () => {
    const events = [start('a', 'rower', 1, 0), start('b', 'rower', 2, 5), join('c', 'rower', 10)];
    const { sessions } = gymSessionLog(GYM_GROUPS, GYM_RULES, events, min(0), min(120));
    // the limit counts from when c began to wait (10 + 30); c is offered a unit but never claims it
    expect(sessions.map((s) => [s.memberId, s.endedAt, s.endedBy])).toEqual([['a', min(40), 'limit'], ['b', min(40), 'limit']]);
  });

  it('marks a session replaced when the member starts on another unit without ending it', () => {
    const { sessions } = gymSessionLog(GYM_GROUPS, GYM_RULES, [start('a', 'rower', 1, 0), start('a', 'treadmill', 2, 15)], min(0), min(30));
    expect(sessions.map((s) => [s.group, s.endedAt, s.endedBy])).toEqual([['rower', min(15), 'replaced'], ['treadmill', null, null]]);
  });

  it('keeps both sessions two kiosks started on one unit', () => {
    const { sessions } = gymSessionLog(GYM_GROUPS, GYM_RULES, [start('a', 'rower', 1, 0), start('b', 'rower', 1, 1)], min(0), min(5));
    expect(sessions.map((s) => s.memberId)).toEqual(['a', 'b']);
  });
});
