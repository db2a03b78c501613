import {
  decideVote, encodeVoters, pollPhase, resultShown, tallyBallots, voteCounts, type PollTally, type SnapshotPoll, type VoteDecision,
} from '../../domain/index';
import { lockPollVoter } from '../db/locks';
import { isoOf, isoOrNull, type Queryable } from '../db/port';

// Polls (意见征集, issue 16): the one writer of polls and poll_ballots, and what the kiosks' day part
// carries. A ballot is judged by domain decideVote against the ballot counted so far for the same
// member, under that member's lock; the unique index (migration 015) is the backstop.

type Localized = { readonly 'zh-CN': string; readonly en: string };

export interface PollInput {
  readonly question: Localized;
  readonly options: readonly Localized[];
  readonly multiple: boolean;
  readonly changeable: boolean;
  readonly opensAt: number;
  readonly closesAt: number;
}

export interface StoredPoll {
  readonly id: string;
  readonly question: Localized;
  readonly options: readonly { readonly id: string; readonly label: Localized }[];
  readonly multiple: boolean;
  readonly changeable: boolean;
  readonly opensAt: string;
  readonly closesAt: string;
  readonly createdBy: string;
  readonly publishedAt: string | null;
}

/** Option ids as the kiosks send them back: o1 … o6, in the order staff wrote them. */
export const optionId = (i: number) => `o${i + 1}`;

export async function createPoll(q: Queryable, id: string, input: PollInput, user: string, now: number): Promise<void> {
  const options = input.options.map((o, i) => ({ id: optionId(i), zh: o['zh-CN'], en: o.en }));
  await q.query(
    `INSERT INTO polls (id, question_zh, question_en, options, multiple, changeable, opens_at, closes_at, created_at, created_by)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10)`,
    [id, input.question['zh-CN'], input.question.en, JSON.stringify(options), input.multiple, input.changeable,
      new Date(input.opensAt), new Date(input.closesAt), new Date(now), user],
  );
}

/** Closes an open poll now; false when it was not open (closed already, or not yet opened). */
export async function closePollNow(q: Queryable, id: string, now: number): Promise<boolean> {
  const at = new Date(now);
  return (await q.query('UPDATE polls SET closes_at = $2 WHERE id = $1 AND opens_at < $2 AND closes_at > $2 RETURNING id', [id, at])).length === 1;
}

/** Shows a closed poll's result on the kiosks (or takes it back); false when the poll is not closed. */
export async function setPublished(q: Queryable, id: string, published: boolean, user: string, now: number): Promise<boolean> {
  const rows = published
    ? await q.query('UPDATE polls SET published_at = $2, published_by = $3 WHERE id = $1 AND closes_at <= $2 AND published_at IS NULL RETURNING id', [id, new Date(now), user])
    : await q.query('UPDATE polls SET published_at = NULL, published_by = NULL WHERE id = $1 AND published_at IS NOT NULL RETURNING id', [id]);
  return rows.length === 1;
}

type PollRow = {
  id: string; question_zh: string; question_en: string; options: unknown; multiple: boolean; changeable: boolean;
  opens_at: unknown; closes_at: unknown; created_by: string; published_at: unknown;
};
const POLL_COLUMNS = 'id, question_zh, question_en, options, multiple, changeable, opens_at, closes_at, created_by, published_at';

function pollOf(r: PollRow): StoredPoll {
  const raw = (typeof r.options === 'string' ? JSON.parse(r.options) : r.options) as { id: string; zh: string; en: string }[];
  return {
    id: String(r.id), question: { 'zh-CN': r.question_zh, en: r.question_en },
    options: raw.map((o) => ({ id: o.id, label: { 'zh-CN': o.zh, en: o.en } })),
    multiple: r.multiple, changeable: r.changeable, opensAt: isoOf(r.opens_at), closesAt: isoOf(r.closes_at), createdBy: r.created_by,
    publishedAt: isoOrNull(r.published_at),
  };
}

export async function getPoll(q: Queryable, id: string): Promise<StoredPoll | null> {
  const [r] = await q.query<PollRow>(`SELECT ${POLL_COLUMNS} FROM polls WHERE id = $1`, [id]);
  return r ? pollOf(r) : null;
}

/** Every poll, newest opening first. */
export async function listPolls(q: Queryable): Promise<StoredPoll[]> {
  return (await q.query<PollRow>(`SELECT ${POLL_COLUMNS} FROM polls ORDER BY opens_at DESC, id`)).map(pollOf);
}

/** Polls that closed in [start, end), in closing order: what a month's report shows. */
export async function pollsClosedIn(q: Queryable, start: number, end: number): Promise<StoredPoll[]> {
  return (await q.query<PollRow>(`SELECT ${POLL_COLUMNS} FROM polls WHERE closes_at >= $1 AND closes_at < $2 ORDER BY closes_at, id`, [new Date(start), new Date(end)])).map(pollOf);
}

/** The counted ballots' choices of each poll asked for, tallied (domain tallyBallots). */
export async function tallies(q: Queryable, polls: readonly StoredPoll[]): Promise<Map<string, PollTally>> {
  const out = new Map<string, PollTally>();
  if (polls.length === 0) return out;
  const rows = await q.query<{ poll_id: string; choices: string[] }>(
    'SELECT poll_id, choices FROM poll_ballots WHERE counted AND poll_id = ANY($1::uuid[])', [polls.map((p) => p.id)]);
  const by = new Map<string, { choices: string[] }[]>();
  for (const r of rows) {
    const list = by.get(String(r.poll_id)) ?? [];
    list.push({ choices: r.choices });
    by.set(String(r.poll_id), list);
  }
  for (const p of polls) out.set(p.id, tallyBallots(p.options, by.get(p.id) ?? []));
  return out;
}

/** Ballots kept but not counted (a member who had voted already, or a vote outside the poll's time), per poll. */
export async function uncountedByPoll(q: Queryable): Promise<Map<string, number>> {
  const rows = await q.query<{ poll_id: string; n: number | string }>('SELECT poll_id, count(*) AS n FROM poll_ballots WHERE NOT counted GROUP BY poll_id');
  return new Map(rows.map((r) => [String(r.poll_id), Number(r.n)]));
}

/** Removes a poll that has not opened yet (made by mistake, or with a typo); false once it has opened. */
export async function removeUpcomingPoll(q: Queryable, id: string, now: number): Promise<boolean> {
  return (await q.query('DELETE FROM polls WHERE id = $1 AND opens_at > $2 RETURNING id', [id, new Date(now)])).length === 1;
}

export interface Ballot {
  readonly eventId: string;
  readonly pollId: string;
  readonly memberId: number;
  readonly kioskId: string;
  readonly at: string;
  readonly choices: readonly string[];
}

/**
 * Keeps a ballot and decides whether it counts: under the member's lock for this poll, against the
 * ballot that counts so far, so 20 kiosks sending the same member's vote at once still count one.
 */
export async function recordBallot(tx: Queryable, poll: StoredPoll, b: Ballot): Promise<VoteDecision> {
  await lockPollVoter(tx, b.pollId, b.memberId);
  const [current] = await tx.query<{ event_id: string; at: unknown }>(
    'SELECT event_id, at FROM poll_ballots WHERE poll_id = $1 AND member_id = $2 AND counted', [b.pollId, b.memberId]);
  const decision = decideVote(poll, Date.parse(b.at), current ? { at: Date.parse(isoOf(current.at)) } : null);
  const counts = voteCounts(decision);
  if (counts && current) await tx.query('UPDATE poll_ballots SET counted = false WHERE event_id = $1', [current.event_id]);
  await tx.query(
    'INSERT INTO poll_ballots (event_id, poll_id, member_id, kiosk_id, at, choices, counted, decision) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [b.eventId, b.pollId, b.memberId, b.kioskId, b.at, [...b.choices], counts, decision],
  );
  return decision;
}

/**
 * What the kiosks show: polls open now, each with the members whose vote counts (so a kiosk offline
 * still says "you already voted"), and closed polls whose result staff published, with the counts.
 */
export async function pollsForSnapshot(q: Queryable, now: number): Promise<SnapshotPoll[]> {
  const at = new Date(now);
  const rows = await q.query<PollRow>(
    `SELECT ${POLL_COLUMNS} FROM polls WHERE (opens_at <= $1 AND closes_at > $1) OR published_at IS NOT NULL ORDER BY opens_at, id`, [at]);
  const polls = rows.map(pollOf).filter((p) => pollPhase(p, now) === 'open' || resultShown(p, now));
  const open = polls.filter((p) => pollPhase(p, now) === 'open');
  const voters = new Map<string, number[]>();
  if (open.length > 0) {
    const vs = await q.query<{ poll_id: string; member_id: number }>(
      'SELECT poll_id, member_id FROM poll_ballots WHERE counted AND poll_id = ANY($1::uuid[]) ORDER BY member_id', [open.map((p) => p.id)]);
    for (const v of vs) {
      const list = voters.get(String(v.poll_id)) ?? [];
      list.push(Number(v.member_id));
      voters.set(String(v.poll_id), list);
    }
  }
  const results = await tallies(q, polls.filter((p) => pollPhase(p, now) === 'closed'));
  return polls.map((p) => {
    const t = results.get(p.id);
    return {
      id: p.id, question: p.question, options: [...p.options], multiple: p.multiple, changeable: p.changeable, opensAt: p.opensAt, closesAt: p.closesAt,
      voters: encodeVoters(voters.get(p.id) ?? []), result: t ? { counts: [...t.counts], voters: t.voters } : null,
    };
  });
}
