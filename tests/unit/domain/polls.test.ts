import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideVote, decodeVoters, encodeVoters, mayVote, pollPhase, resultShown, shares, tallyBallots, validChoices, voteCounts, POLL_RESULT_SHOWN_DAYS, type VoteDecision,
} from '../../../src/domain/polls';

const T0 = Date.parse('2026-11-20T00:00:00Z');
const HOUR = 3_600_000;
const DAY = 86_400_000;
const times = { opensAt: new Date(T0).toISOString(), closesAt: new Date(T0 + 7 * DAY).toISOString() };
const once = { ...times, changeable: false };
const changeable = { ...times, changeable: true };
const options = [{ id: 'o1' }, { id: 'o2' }, { id: 'o3' }];

describe('a poll’s time', () => {
  it('is upcoming before it opens, open from the opening instant, closed from the closing instant', () => {
    expect(pollPhase(times, T0 - 1)).toBe('upcoming');
    expect(pollPhase(times, T0)).toBe('open');
    expect(pollPhase(times, T0 + 7 * DAY - 1)).toBe('open');
    expect(pollPhase(times, T0 + 7 * DAY)).toBe('closed');
  });

  it('keeps a vote cast before the opening or after the closing as a fact that does not count', () => {
    expect(decideVote(once, T0 - HOUR, null)).toBe('upcoming');
    expect(decideVote(once, T0 + 7 * DAY, null)).toBe('closed');
    expect(voteCounts('upcoming')).toBe(false);
    expect(voteCounts('closed')).toBe(false);
  });

  it('shows a published result for 30 days after closing, and an unpublished one never', () => {
    const closed = T0 + 7 * DAY;
    expect(resultShown({ ...times, publishedAt: null }, closed + DAY)).toBe(false);
    expect(resultShown({ ...times, publishedAt: new Date(closed).toISOString() }, closed + DAY)).toBe(true);
    expect(resultShown({ ...times, publishedAt: new Date(closed).toISOString() }, closed + POLL_RESULT_SHOWN_DAYS * DAY)).toBe(false);
    expect(resultShown({ ...times, publishedAt: new Date(T0).toISOString() }, T0 + DAY)).toBe(false); // still open
  });
});

describe('one vote per member', () => {
  it('counts a member’s first vote', () => {
    expect(decideVote(once, T0 + HOUR, null)).toBe('counted');
  });

  it('refuses a second vote in a poll that cannot be changed', () => {
    expect(decideVote(once, T0 + 2 * HOUR, { at: T0 + HOUR })).toBe('already_voted');
    expect(voteCounts('already_voted')).toBe(false);
  });

  it('lets a later vote replace the earlier one when staff allow changes, while the poll is open', () => {
    expect(decideVote(changeable, T0 + 2 * HOUR, { at: T0 + HOUR })).toBe('changed');
    expect(decideVote(changeable, T0 + 7 * DAY + 1, { at: T0 + HOUR })).toBe('closed');
  });

  it('keeps the counted vote when an older one arrives late from a kiosk that was offline, in a changeable poll', () => {
    expect(decideVote(changeable, T0 + HOUR, { at: T0 + 2 * HOUR })).toBe('already_voted');
  });

  it('counts the first vote cast when it arrives after a later one, in a poll that cannot be changed', () => {
    expect(decideVote(once, T0 + HOUR, { at: T0 + 2 * HOUR })).toBe('replaces');
    expect(voteCounts('replaces')).toBe(true);
  });

  it('counts the first ballot cast (or the last, if changeable) whatever order two kiosks’ ballots arrive in', () => {
    const ballot = fc.integer({ min: 0, max: 7 * DAY - 1 }).map((ms) => T0 + ms);
    fc.assert(
      fc.property(fc.uniqueArray(ballot, { minLength: 1, maxLength: 8 }), fc.boolean(), (cast, allow) => {
        const poll = allow ? changeable : once;
        let counted: number | null = null;
        const decisions: VoteDecision[] = [];
        for (const at of cast) { // the order they reach the hub in
          const d = decideVote(poll, at, counted === null ? null : { at: counted });
          decisions.push(d);
          if (voteCounts(d)) counted = at;
        }
        expect(counted).toBe(allow ? Math.max(...cast) : Math.min(...cast));
        expect(decisions[0]).toBe('counted');
      }),
      { seed: 16, numRuns: 300 },
    );
  });

  it('lets a badge or a mapped card vote, never a typed member number or an unmapped card', () => {
    expect(mayVote({ via: 'badge', memberId: '42', badgeId: '42@1' })).toBe(true);
    expect(mayVote({ via: 'card', memberId: '42', cardKey: 'a'.repeat(64) })).toBe(true);
    expect(mayVote({ via: 'card', memberId: null, cardKey: 'a'.repeat(64) })).toBe(false);
    expect(mayVote({ via: 'keypad', memberNo: 'E1001' })).toBe(false);
  });
});

describe('choices', () => {
  it('takes exactly one option in a single-choice poll', () => {
    const single = { options, multiple: false };
    expect(validChoices(single, ['o2'])).toBe(true);
    expect(validChoices(single, [])).toBe(false);
    expect(validChoices(single, ['o1', 'o2'])).toBe(false);
    expect(validChoices(single, ['o9'])).toBe(false);
  });

  it('takes one or more different options in a multiple-choice poll', () => {
    const multiple = { options, multiple: true };
    expect(validChoices(multiple, ['o1', 'o3'])).toBe(true);
    expect(validChoices(multiple, ['o1', 'o1'])).toBe(false);
    expect(validChoices(multiple, [])).toBe(false);
  });

  it('tallies each option a counted ballot chose, in option order, with the number of voters', () => {
    const t = tallyBallots(options, [{ choices: ['o1'] }, { choices: ['o1', 'o3'] }, { choices: ['o3'] }, { choices: ['o9'] }]);
    expect(t).toEqual({ counts: [2, 0, 2], voters: 4 });
    expect(shares(t)).toEqual([0.5, 0, 0.5]);
    expect(shares(tallyBallots(options, []))).toEqual([0, 0, 0]);
  });
});

describe('the voter list a kiosk gets', () => {
  it('is the member ids as base-36 steps, and reads back as the same set', () => {
    expect(encodeVoters([13, 1, 3, 3])).toBe('1,2,a');
    expect(decodeVoters('1,2,a')).toEqual(new Set(['1', '3', '13']));
    expect(encodeVoters([])).toBe('');
    expect(decodeVoters('')).toEqual(new Set());
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 10_000_000 }), { maxLength: 300 }), (ids) => {
      expect(decodeVoters(encodeVoters(ids))).toEqual(new Set(ids.map(String)));
    }), { seed: 16 });
  });

  it('is about a fifth of a list of id strings for 20,000 voters of 50,000 members', () => {
    const ids = Array.from({ length: 50_000 }, (_, i) => i + 1).filter((i) => i % 5 < 2);
    expect(encodeVoters(ids).length).toBeLessThan(JSON.stringify(ids.map(String)).length / 3);
  });
});
