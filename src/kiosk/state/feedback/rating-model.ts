import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import { isLowScore, RATING_REASONS, type RatingReason, type Score } from '../../../domain/events';
import { deriveTopicChoice, deriveTopics, type FeedbackTopic, type FeedbackPorts } from './feedback-topic';
import { recordSafely } from '../ports';

// "Rate us": one tap on a face records a rating. The next step shows only after the sink says the
// event is durably queued. A low score offers reason chips for a while; then a thank-you; then done.
// Misuse (bursts of presses) is flagged by the hub with flagMisuse: the kiosk records every press.

/** The reason countdown is visible in the last this-many seconds (DESIGN §4.5). */
export const REASON_COUNTDOWN_SECONDS = 5;
const TICK_MS = 250;

export type RateState =
  | { readonly step: 'choose' }
  | { readonly step: 'saving' }
  | { readonly step: 'reasons'; readonly ratingId: string; readonly until: number; readonly chosen: readonly RatingReason[]; readonly sending?: boolean }
  | { readonly step: 'thanks'; readonly until: number }
  | { readonly step: 'failed' }
  | { readonly step: 'done' };

export type RateStep = RateState['step'];

export interface RateView {
  readonly step: RateStep;
  /** reasons chosen so far (reasons step only), in RATING_REASONS order */
  readonly chosen: readonly RatingReason[];
  /** whole seconds left, only in the last REASON_COUNTDOWN_SECONDS of the reasons step */
  readonly countdown: number | null;
  /** a write is under way (the rating, or the chosen reasons): the faces, chips and Send do nothing */
  readonly busy: boolean;
}

/** What the rate screen shows at time `now` (epoch ms). */
export function deriveRateView(state: RateState, now: number, countdownSeconds = REASON_COUNTDOWN_SECONDS): RateView {
  if (state.step !== 'reasons') return { step: state.step, chosen: [], countdown: null, busy: state.step === 'saving' };
  if (state.sending) return { step: 'reasons', chosen: state.chosen, countdown: null, busy: true };
  const left = Math.ceil((state.until - now) / 1000);
  const countdown = left > 0 && left <= countdownSeconds ? left : null;
  return { step: 'reasons', chosen: state.chosen, countdown, busy: false };
}

/** Toggles a reason chip; the result keeps RATING_REASONS order and each reason once. */
export function deriveToggledReasons(chosen: readonly RatingReason[], reason: RatingReason): RatingReason[] {
  const set = new Set(chosen);
  if (set.has(reason)) set.delete(reason);
  else set.add(reason);
  return RATING_REASONS.filter((r) => set.has(r));
}

export type RatingPorts = FeedbackPorts;

export interface RatingModel {
  readonly topics: ReadonlySignal<readonly FeedbackTopic[]>;
  /** the chosen topic id, null: the center overall */
  readonly topic: ReadonlySignal<string | null>;
  readonly view: ReadonlySignal<RateView>;
  /** a fresh start (the screen opens): the center overall, the faces */
  open(): void;
  selectTopic(id: string | null): void;
  /** a face touched: records the rating at once */
  rate(score: Score): Promise<void>;
  toggleReason(reason: RatingReason): void;
  /** "Send" on the reason chips: sends the chosen reasons (if any), then the thank-you */
  sendReasons(): Promise<void>;
  /** from the failure note back to the faces */
  retry(): void;
  /** the worker leaves the screen: reasons already chosen are still sent, timers stop */
  leave(): void;
}

export function createRatingModel(p: RatingPorts): RatingModel {
  const state = signal<RateState>({ step: 'choose' });
  const selected = signal<string | null>(null);
  const now = signal(p.clock.now());
  const topics = computed(() => deriveTopics(p.snapshot.value));
  const topic = computed(() => deriveTopicChoice(selected.value, topics.value));
  let epoch = 0; // bumped whenever the screen starts over: late answers of an older visit are ignored
  let cancels: (() => void)[] = [];

  const stopTimers = () => {
    for (const cancel of cancels) cancel();
    cancels = [];
  };
  const after = (seconds: number, fn: () => void) => cancels.push(p.clock.after(Math.max(0, seconds) * 1000, fn));

  const thank = () => {
    stopTimers();
    const seconds = p.rules.value.thankYouSeconds;
    state.value = { step: 'thanks', until: p.clock.now() + seconds * 1000 };
    after(seconds, () => (state.value = { step: 'done' }));
  };

  const offerReasons = (ratingId: string) => {
    stopTimers();
    const seconds = p.rules.value.lowScoreReasonSeconds;
    batch(() => {
      now.value = p.clock.now();
      state.value = { step: 'reasons', ratingId, until: now.value + seconds * 1000, chosen: [] };
    });
    cancels.push(p.clock.every(TICK_MS, () => (now.value = p.clock.now())));
    after(seconds, () => void finishReasons());
  };

  // Send, or the reason time ran out: chosen reasons are recorded once, then the thank-you
  const finishReasons = async () => {
    const s = state.value;
    if (s.step !== 'reasons' || s.sending) return;
    stopTimers();
    if (s.chosen.length === 0) return thank();
    const mine = epoch;
    state.value = { ...s, sending: true };
    const result = await recordSafely(p.sink, 'rating_reason', { ratingId: s.ratingId, reasons: [...s.chosen] });
    if (mine !== epoch) return;
    if (result.ok) thank();
    else state.value = { step: 'failed' };
  };

  const startOver = () => {
    stopTimers();
    epoch++;
    batch(() => {
      state.value = { step: 'choose' };
      selected.value = null;
    });
  };

  return {
    topics,
    topic,
    view: computed(() => deriveRateView(state.value, now.value)),
    open: startOver,
    selectTopic(id) {
      if (state.value.step === 'choose') selected.value = id;
    },
    async rate(score) {
      if (state.value.step !== 'choose') return; // one tap is one rating; a tap while saving is not
      const mine = epoch;
      state.value = { step: 'saving' };
      const result = await recordSafely(p.sink, 'rating', { topic: topic.value, score });
      if (mine !== epoch) return; // the worker left meanwhile; the rating is kept all the same
      if (!result.ok) state.value = { step: 'failed' };
      else if (isLowScore(score)) offerReasons(result.value.id);
      else thank();
    },
    toggleReason(reason) {
      const s = state.value;
      if (s.step === 'reasons' && !s.sending) state.value = { ...s, chosen: deriveToggledReasons(s.chosen, reason) };
    },
    sendReasons: finishReasons,
    retry() {
      if (state.value.step === 'failed') state.value = { step: 'choose' };
    },
    leave() {
      const s = state.value;
      if (s.step === 'reasons' && !s.sending && s.chosen.length > 0) void recordSafely(p.sink, 'rating_reason', { ratingId: s.ratingId, reasons: [...s.chosen] });
      startOver();
    },
  };
}
