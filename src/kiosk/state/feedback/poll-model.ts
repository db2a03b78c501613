import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { Rules } from '../../../domain/config/defaults';
import { subjectOf, type ScanSource } from '../../../domain/identity';
import { decideVote, decodeVoters, mayVote, pollPhase, validChoices, voteCounts, type VoteDecision } from '../../../domain/polls';
import type { Snapshot, SnapshotPoll } from '../../../domain/protocol';
import type { Clock } from '../../platform/clock';
import type { Knowledge, LocalRecords } from '../checkin/checkin-knowledge';
import type { ScanPipeline } from '../checkin/scan-pipeline';
import { recordSafely, type EventSink } from '../ports';
import type { Connection } from '../sync/snapshot-model';
import type { SignRefusal } from './suggestion-model';

// Polls (意见征集, issue 16) at the kiosk: the open polls and published results from the snapshot; a
// worker picks an answer and confirms it with their badge or card (the keypad cannot vote). The kiosk
// judges the vote with the hub's rule (domain decideVote) against what it knows: the members the
// snapshot says have voted, and the votes taken here. A vote it cannot know about (another kiosk,
// offline) reaches the hub, which counts one per member.

/** list: the polls; choose: one poll's options; sign: waiting for a badge or card; done: the answer. */
export type PollStep = 'list' | 'choose' | 'sign' | 'saving' | 'done' | 'failed' | 'finished';

/** What the worker is told: counted (or changed), already voted, or the poll closed meanwhile. */
export type VoteOutcome = 'counted' | 'changed' | 'already_voted' | 'closed';

export interface PollsView {
  /** open now, closing soonest first */
  readonly open: readonly SnapshotPoll[];
  /** closed, with the result staff published */
  readonly results: readonly SnapshotPoll[];
}

export function derivePolls(snapshot: Snapshot | null, now: number): PollsView {
  const polls = snapshot?.polls ?? [];
  return {
    open: polls.filter((p) => pollPhase(p, now) === 'open').sort((a, b) => a.closesAt.localeCompare(b.closesAt)),
    results: polls.filter((p) => p.result !== null && pollPhase(p, now) === 'closed'),
  };
}

/**
 * The kiosk's judgement of a member's vote now: against a vote taken at this kiosk, else against the
 * snapshot's list of members whose vote counts (time unknown: any earlier instant will do).
 */
export function deriveVoteDecision(poll: SnapshotPoll, memberId: string, now: number, votedHere: ReadonlyMap<string, ReadonlyMap<string, number>>): VoteDecision {
  const here = votedHere.get(poll.id)?.get(memberId);
  const before = here !== undefined ? { at: here } : decodeVoters(poll.voters).has(memberId) ? { at: Number.MIN_SAFE_INTEGER } : null;
  return decideVote(poll, now, before);
}

/** The decision as the worker hears it ('replaces' cannot happen at a kiosk: nothing here is later than now). */
export const outcomeOf = (d: VoteDecision): VoteOutcome =>
  d === 'changed' ? 'changed' : voteCounts(d) ? 'counted' : d === 'already_voted' ? 'already_voted' : 'closed';

export interface PollPorts {
  readonly sink: EventSink;
  readonly clock: Clock;
  readonly now: ReadonlySignal<number>;
  readonly snapshot: ReadonlySignal<Snapshot | null>;
  readonly rules: ReadonlySignal<Rules>;
  readonly connection: ReadonlySignal<Connection>;
  readonly knowledge: ReadonlySignal<Pick<Knowledge, 'pollVotes'>>;
  readonly records: Pick<LocalRecords, 'add'>;
  /** scan → identify → visit, for confirming a vote */
  readonly scans: ScanPipeline;
}

export interface PollModel {
  readonly polls: ReadonlySignal<PollsView>;
  /** the poll being answered (choose, sign, done) */
  readonly poll: ReadonlySignal<SnapshotPoll | null>;
  readonly choices: ReadonlySignal<readonly string[]>;
  readonly step: ReadonlySignal<PollStep>;
  readonly outcome: ReadonlySignal<{ readonly code: VoteOutcome; readonly offline: boolean; readonly name: string | null } | null>;
  readonly signError: ReadonlySignal<SignRefusal | null>;
  /** the sign step waits for a scan: the camera and the card reader belong to this screen */
  readonly waiting: ReadonlySignal<boolean>;
  readonly canConfirm: ReadonlySignal<boolean>;
  /** the screen opens: the list, nothing chosen */
  open(): void;
  select(pollId: string): void;
  toggle(optionId: string): void;
  /** back one step: from the sign step to the options, from the options to the list */
  back(): void;
  askToSign(): void;
  scan(text: string, source: Exclude<ScanSource, 'keypad'>): Promise<void>;
  /** the worker leaves: nothing chosen stays for the next one */
  leave(): void;
}

export function createPollModel(p: PollPorts): PollModel {
  const polls = computed(() => derivePolls(p.snapshot.value, p.now.value));
  const selected = signal<string | null>(null);
  const choices = signal<readonly string[]>([]);
  const step = signal<PollStep>('list');
  const outcome = signal<{ code: VoteOutcome; offline: boolean; name: string | null } | null>(null);
  const signError = signal<SignRefusal | null>(null);
  const checking = signal(false);
  const poll = computed(() => (p.snapshot.value?.polls ?? []).find((x) => x.id === selected.value) ?? null);
  const canConfirm = computed(() => poll.value !== null && validChoices(poll.value, choices.value));
  let epoch = 0;
  let cancel: (() => void) | null = null;

  const reset = () => {
    cancel?.();
    cancel = null;
    epoch++;
    batch(() => {
      selected.value = null;
      choices.value = [];
      step.value = 'list';
      outcome.value = null;
      signError.value = null;
      checking.value = false;
    });
  };
  const finish = (code: VoteOutcome, offline: boolean, name: string | null) => {
    batch(() => {
      outcome.value = { code, offline, name };
      step.value = 'done';
    });
    cancel = p.clock.after(p.rules.value.thankYouSeconds * 1000, () => (step.value = 'finished'));
  };

  return {
    polls, poll, choices, step, outcome, signError, canConfirm,
    waiting: computed(() => step.value === 'sign' && !checking.value),
    open: reset,
    leave: reset,
    select(pollId) {
      if (step.value !== 'list' || !polls.value.open.some((x) => x.id === pollId)) return;
      batch(() => {
        selected.value = pollId;
        choices.value = [];
        step.value = 'choose';
      });
    },
    toggle(optionId) {
      const current = poll.value;
      if ((step.value !== 'choose' && step.value !== 'failed') || !current || !current.options.some((o) => o.id === optionId)) return;
      const chosen = choices.value.includes(optionId);
      choices.value = !current.multiple ? [optionId] : chosen ? choices.value.filter((c) => c !== optionId) : [...choices.value, optionId];
    },
    back() {
      if (step.value === 'sign' || step.value === 'failed') step.value = 'choose';
      else if (step.value === 'choose') reset();
    },
    askToSign() {
      if ((step.value !== 'choose' && step.value !== 'failed') || !canConfirm.value) return;
      p.scans.forgetSeen(); // the badge shown on the attract screen a moment ago may confirm now
      batch(() => {
        signError.value = null;
        step.value = 'sign';
      });
    },
    async scan(text, source) {
      const now = p.clock.now();
      const current = poll.value;
      if (step.value !== 'sign' || checking.value || !current || !p.scans.accept(text, now)) return;
      const mine = epoch;
      checking.value = true;
      const who = await p.scans.identify(text, source, now);
      if (mine !== epoch) return;
      checking.value = false;
      if (!who.ok || !mayVote(who.value.identity)) {
        signError.value = who.ok ? 'not_a_member' : who.error;
        return;
      }
      const { identity, name } = who.value;
      const memberId = subjectOf(identity);
      const decision = deriveVoteDecision(current, memberId, now, p.knowledge.value.pollVotes);
      const offline = p.connection.value === 'offline';
      // a vote this kiosk knows cannot count is not sent: the worker is told at once
      if (!voteCounts(decision)) return finish(outcomeOf(decision), offline, name);
      step.value = 'saving';
      const saved = await recordSafely(p.sink, 'poll_vote', { identity, pollId: current.id, choices: [...choices.value] });
      if (mine !== epoch) return;
      if (!saved.ok) {
        step.value = 'failed'; // the choice stays; confirming again records it
        return;
      }
      p.records.add([{ kind: 'poll_vote', id: saved.value.id, at: now, subject: memberId, name, pollId: current.id }]);
      finish(outcomeOf(decision), offline, name);
    },
  };
}
