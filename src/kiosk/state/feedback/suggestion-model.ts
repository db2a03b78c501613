import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { Rules } from '../../../domain/config/defaults';
import { CONTACT_MAX, SUGGESTION_MAX } from '../../../domain/events';
import { stripUnstorable } from '../../../domain/storable';
import { deriveTopicChoice, deriveTopics, type FeedbackTopic, type FeedbackPorts } from './feedback-topic';
import type { PresentedIdentity, ScanSource } from '../../../domain/identity';
import { mayReadReplies } from '../../../domain/voice';
import { recordSafely } from '../ports';
import type { ScanPipeline, ScanRefusal } from '../checkin/scan-pipeline';

// The suggestion box: topic, text, optional contact; anonymous unless a contact is left, or unless the
// worker signs it with their badge or card to get the center's answer at their next scan (issue 16).
// The text is counted as JS string length (UTF-16 code units) — what the hub's valibot maxLength and the
// textarea's maxlength attribute count — so the kiosk never accepts a text the hub would refuse.

/** sign: waiting for a badge or card to sign with (the camera and the card reader answer it). */
export type SuggestStep = 'edit' | 'sign' | 'saving' | 'thanks' | 'failed' | 'done';

/** Why a scan did not sign: the code said so, or it named no member the kiosk can vouch for (an unmapped card). */
export type SignRefusal = ScanRefusal | 'not_a_member';

export interface SuggestionView {
  readonly count: number;
  readonly max: number;
  /** the text is as long as allowed: the box takes no more and says so calmly */
  readonly atLimit: boolean;
  /** something other than white space was written */
  readonly canSend: boolean;
}

export function deriveSuggestionView(text: string, max: number): SuggestionView {
  const count = text.length; // UTF-16 code units, as valibot's maxLength counts
  return { count, max, atLimit: count >= max, canSend: text.trim().length > 0 && count <= max };
}

/** The longest suggestion: the center's rule, never above what the event schema accepts. */
export function deriveSuggestionMax(rules: Pick<Rules, 'suggestionMaxChars'>): number {
  const rule = Math.trunc(rules.suggestionMaxChars);
  return rule >= 1 ? Math.min(rule, SUGGESTION_MAX) : SUGGESTION_MAX;
}

/** Cuts text to max code units without leaving half of a surrogate pair (an emoji) at the end. */
export function clampText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/** The contact as sent: trimmed, null when left empty. */
export function deriveContact(contact: string): string | null {
  const trimmed = clampText(contact, CONTACT_MAX).trim();
  return trimmed === '' ? null : trimmed;
}

export interface SuggestionPorts extends FeedbackPorts {
  /** scan → identify → visit, for signing */
  readonly scans: ScanPipeline;
}

export interface SuggestionModel {
  readonly topics: ReadonlySignal<readonly FeedbackTopic[]>;
  readonly topic: ReadonlySignal<string | null>;
  readonly text: ReadonlySignal<string>;
  readonly contact: ReadonlySignal<string>;
  readonly step: ReadonlySignal<SuggestStep>;
  readonly view: ReadonlySignal<SuggestionView>;
  /** the sign step waits for a scan: the camera and the card reader belong to this screen */
  readonly waiting: ReadonlySignal<boolean>;
  /** the last scan that could not sign, shown on the sign step */
  readonly signError: ReadonlySignal<SignRefusal | null>;
  /** the suggestion just saved was signed: the thank-you says where the answer will come */
  readonly signed: ReadonlySignal<boolean>;
  /** a fresh, empty form (the screen opens) */
  open(): void;
  selectTopic(id: string | null): void;
  /** returns the text as kept (cut at the limit), so the screen can put it back in the box */
  setText(text: string): string;
  setContact(contact: string): string;
  /** records the suggestion; the thank-you only after the write; on failure the text stays */
  send(): Promise<void>;
  /** asks for a badge or card to sign with; the text stays as written */
  askToSign(): void;
  /** back from the sign step to the form */
  cancelSign(): void;
  /** a scan on the sign step: signed and saved, or the reason it cannot sign */
  scan(text: string, source: Exclude<ScanSource, 'keypad'>): Promise<void>;
  /** the worker leaves: the form is emptied so the next worker never sees it */
  leave(): void;
}

export function createSuggestionModel(p: SuggestionPorts): SuggestionModel {
  const selected = signal<string | null>(null);
  const text = signal('');
  const contact = signal('');
  const step = signal<SuggestStep>('edit');
  const signError = signal<SignRefusal | null>(null);
  const checking = signal(false); // a scan on the sign step is being identified
  const signed = signal(false);
  const topics = computed(() => deriveTopics(p.snapshot.value));
  const topic = computed(() => deriveTopicChoice(selected.value, topics.value));
  const max = computed(() => deriveSuggestionMax(p.rules.value));
  const editable = () => step.value === 'edit' || step.value === 'failed';
  let epoch = 0;
  let cancel: (() => void) | null = null;

  const startOver = () => {
    cancel?.();
    cancel = null;
    epoch++;
    batch(() => {
      selected.value = null;
      text.value = '';
      contact.value = '';
      step.value = 'edit';
      signError.value = null;
      signed.value = false;
      checking.value = false;
    });
  };

  /** Records the suggestion (signed by `signer`, or anonymous); the thank-you only after the write. */
  const save = async (signer: PresentedIdentity | null, mine: number) => {
    step.value = 'saving';
    const payload = { topic: topic.value, text: text.value.trim(), contact: deriveContact(contact.value), ...(signer ? { signedBy: signer } : {}) };
    const result = await recordSafely(p.sink, 'suggestion', payload);
    if (mine !== epoch) return;
    if (!result.ok) {
      step.value = 'failed'; // the text stays in the box for another try
      return;
    }
    batch(() => {
      text.value = '';
      contact.value = '';
      signed.value = signer !== null;
      step.value = 'thanks';
    });
    cancel = p.clock.after(p.rules.value.thankYouSeconds * 1000, () => (step.value = 'done'));
  };

  return {
    topics,
    topic,
    text,
    contact,
    step,
    view: computed(() => deriveSuggestionView(text.value, max.value)),
    waiting: computed(() => step.value === 'sign' && !checking.value),
    signError,
    signed,
    open: startOver,
    selectTopic(id) {
      if (editable()) selected.value = id;
    },
    setText(next) {
      // what the hub would refuse (a control or text-direction character) never reaches the outbox
      if (editable()) text.value = clampText(stripUnstorable(next), max.value);
      return text.value;
    },
    setContact(next) {
      if (editable()) contact.value = clampText(stripUnstorable(next), CONTACT_MAX);
      return contact.value;
    },
    async send() {
      // from the form, or from the sign step ("send anonymously instead")
      if (!(editable() || step.value === 'sign') || checking.value || !deriveSuggestionView(text.value, max.value).canSend) return;
      await save(null, epoch);
    },
    askToSign() {
      if (!editable() || !deriveSuggestionView(text.value, max.value).canSend) return;
      p.scans.forgetSeen(); // the badge shown a moment ago on another screen may sign now
      batch(() => {
        signError.value = null;
        step.value = 'sign';
      });
    },
    cancelSign() {
      if (step.value === 'sign') step.value = 'edit';
    },
    async scan(scanned, source) {
      const now = p.clock.now();
      if (step.value !== 'sign' || checking.value || !p.scans.accept(scanned, now)) return;
      const mine = epoch;
      checking.value = true;
      const who = await p.scans.identify(scanned, source, now);
      if (mine !== epoch) return;
      checking.value = false;
      // only someone the kiosk can vouch for gets the answer: a keypad number or an unmapped card cannot
      if (!who.ok || !mayReadReplies(who.value.identity)) {
        signError.value = who.ok ? 'not_a_member' : who.error;
        return;
      }
      await save(who.value.identity, mine);
    },
    leave: startOver,
  };
}
