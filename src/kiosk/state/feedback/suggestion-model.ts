import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { Rules } from '../../../domain/config/defaults';
import { CONTACT_MAX, SUGGESTION_MAX } from '../../../domain/events';
import { stripUnstorable } from '../../../domain/storable';
import { deriveTopicChoice, deriveTopics, type FeedbackTopic, type FeedbackPorts } from './feedback-topic';
import { recordSafely } from '../ports';

// The suggestion box: topic, text, optional contact; anonymous unless a contact is left. The text is
// counted as JS string length (UTF-16 code units) — what the hub's valibot maxLength and the textarea's
// maxlength attribute count — so the kiosk never accepts a text the hub would refuse.

export type SuggestStep = 'edit' | 'saving' | 'thanks' | 'failed' | 'done';

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

export type SuggestionPorts = FeedbackPorts;

export interface SuggestionModel {
  readonly topics: ReadonlySignal<readonly FeedbackTopic[]>;
  readonly topic: ReadonlySignal<string | null>;
  readonly text: ReadonlySignal<string>;
  readonly contact: ReadonlySignal<string>;
  readonly step: ReadonlySignal<SuggestStep>;
  readonly view: ReadonlySignal<SuggestionView>;
  /** a fresh, empty form (the screen opens) */
  open(): void;
  selectTopic(id: string | null): void;
  /** returns the text as kept (cut at the limit), so the screen can put it back in the box */
  setText(text: string): string;
  setContact(contact: string): string;
  /** records the suggestion; the thank-you only after the write; on failure the text stays */
  send(): Promise<void>;
  /** the worker leaves: the form is emptied so the next worker never sees it */
  leave(): void;
}

export function createSuggestionModel(p: SuggestionPorts): SuggestionModel {
  const selected = signal<string | null>(null);
  const text = signal('');
  const contact = signal('');
  const step = signal<SuggestStep>('edit');
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
    });
  };

  return {
    topics,
    topic,
    text,
    contact,
    step,
    view: computed(() => deriveSuggestionView(text.value, max.value)),
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
      if (!editable() || !deriveSuggestionView(text.value, max.value).canSend) return;
      const mine = epoch;
      step.value = 'saving';
      const payload = { topic: topic.value, text: text.value.trim(), contact: deriveContact(contact.value) };
      const result = await recordSafely(p.sink, 'suggestion', payload);
      if (mine !== epoch) return;
      if (!result.ok) {
        step.value = 'failed'; // the text stays in the box for another try
        return;
      }
      batch(() => {
        text.value = '';
        contact.value = '';
        step.value = 'thanks';
      });
      cancel = p.clock.after(p.rules.value.thankYouSeconds * 1000, () => (step.value = 'done'));
    },
    leave: startOver,
  };
}
