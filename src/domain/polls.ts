import type { Identity } from './identity';
import { mayReadReplies } from './voice';

// Polls (意见征集, issue 16, DESIGN §4.5): staff ask all members one question; each member's vote counts
// once. Kiosk and hub both judge a vote with these rules, the kiosk against what it knows (the snapshot's
// counted voters and its own journal), the hub against the ballot it counts, under a lock and a unique
// index. Time is always an argument.

export const POLL_OPTIONS_MIN = 2;
export const POLL_OPTIONS_MAX = 6;
export const POLL_QUESTION_MAX = 200;
export const POLL_OPTION_MAX = 80;
/** A published result stays on the kiosks this long after the poll closed. */
export const POLL_RESULT_SHOWN_DAYS = 30;

export type PollPhase = 'upcoming' | 'open' | 'closed';

export interface PollTimes {
  readonly opensAt: string;
  readonly closesAt: string;
}

/** Open from opensAt (included) to closesAt (excluded). */
export function pollPhase(p: PollTimes, at: number): PollPhase {
  if (at < Date.parse(p.opensAt)) return 'upcoming';
  return at < Date.parse(p.closesAt) ? 'open' : 'closed';
}

/** Only a member shown by a badge or a mapped card votes: a number typed on the keypad proves nobody. */
export function mayVote(identity: Identity): identity is Extract<Identity, { via: 'badge' | 'card' }> & { memberId: string } {
  return mayReadReplies(identity);
}

/**
 * Whether these choices answer the poll: at least one, each an option of the poll, none twice, and
 * exactly one when the poll takes a single answer.
 */
export function validChoices(poll: { readonly options: readonly { readonly id: string }[]; readonly multiple: boolean }, choices: readonly string[]): boolean {
  if (choices.length === 0 || new Set(choices).size !== choices.length) return false;
  if (!poll.multiple && choices.length !== 1) return false;
  const ids = new Set(poll.options.map((o) => o.id));
  return choices.every((c) => ids.has(c));
}

/**
 * What a vote does, given the ballot counted so far for the same member (null: none):
 * - counted: the member's first ballot;
 * - changed: the poll lets members change their vote and this ballot was cast after the counted one;
 * - replaces: the poll does not, and this ballot was cast before the counted one (it reached the hub
 *   later, from a kiosk that was offline): the first ballot cast is the one that counts;
 * - already_voted: kept as a fact, not counted;
 * - upcoming / closed: cast outside the poll's time, kept, not counted.
 * Whatever order ballots reach the hub in, the counted one is the first cast (or, if changeable, the
 * last cast) while the poll was open.
 */
export type VoteDecision = 'counted' | 'changed' | 'replaces' | 'already_voted' | 'upcoming' | 'closed';

export function decideVote(poll: PollTimes & { readonly changeable: boolean }, at: number, counted: { readonly at: number } | null): VoteDecision {
  const phase = pollPhase(poll, at);
  if (phase !== 'open') return phase;
  if (counted === null) return 'counted';
  if (poll.changeable) return at > counted.at ? 'changed' : 'already_voted';
  return at < counted.at ? 'replaces' : 'already_voted';
}

/** Whether the ballot decided so counts now (and the one counted before, if any, stops counting). */
export const voteCounts = (d: VoteDecision): boolean => d === 'counted' || d === 'changed' || d === 'replaces';

export interface PollTally {
  /** votes per option, in the poll's option order */
  readonly counts: readonly number[];
  /** members whose vote counted */
  readonly voters: number;
}

/** The counted ballots, tallied per option (a multiple-choice ballot adds one to each option it chose). */
export function tallyBallots(options: readonly { readonly id: string }[], ballots: readonly { readonly choices: readonly string[] }[]): PollTally {
  const index = new Map(options.map((o, i) => [o.id, i]));
  const counts = options.map(() => 0);
  for (const b of ballots) for (const c of new Set(b.choices)) {
    const i = index.get(c);
    if (i !== undefined) counts[i]!++;
  }
  return { counts, voters: ballots.length };
}

/** Share of voters per option, 0..1 (0 with no voters), for the kiosk's and the admin's bars. */
export const shares = (t: PollTally): number[] => t.counts.map((n) => (t.voters === 0 ? 0 : n / t.voters));

/** Whether a published result is still shown: published, closed, and closed less than POLL_RESULT_SHOWN_DAYS ago. */
export function resultShown(p: PollTimes & { readonly publishedAt: string | null }, now: number): boolean {
  return p.publishedAt !== null && pollPhase(p, now) === 'closed' && now - Date.parse(p.closesAt) < POLL_RESULT_SHOWN_DAYS * 86_400_000;
}

/**
 * The members whose vote counts, as the day part carries them: member ids ascending, each as its
 * difference from the one before in base 36, comma-separated ("1,2,a" is 1, 3, 13). The day part goes
 * to every kiosk whenever anything in it changes; as a list of id strings 20,000 voters of 50,000
 * members were 47 KB gzipped each time, this way 9 KB.
 */
export function encodeVoters(memberIds: readonly number[]): string {
  const sorted = [...new Set(memberIds)].filter((n) => Number.isSafeInteger(n) && n > 0).sort((a, b) => a - b);
  let previous = 0;
  return sorted.map((n) => {
    const step = (n - previous).toString(36);
    previous = n;
    return step;
  }).join(',');
}

/** The member ids (as the snapshot's strings) of an encodeVoters text; an unreadable step ends the list. */
export function decodeVoters(text: string): Set<string> {
  const out = new Set<string>();
  if (text === '') return out;
  let n = 0;
  for (const step of text.split(',')) {
    const d = parseInt(step, 36);
    if (!Number.isSafeInteger(d) || d <= 0) break;
    n += d;
    out.add(String(n));
  }
  return out;
}
