import type { Snapshot } from '../../../domain/protocol';
import type { ReadonlySignal } from '@preact/signals';
import type { Rules } from '../../../domain/config/defaults';
import type { Clock } from '../../platform/clock';
import type { EventSink } from '../ports';

// Shared by the rating and suggestion models: the topics a center configures.

export type FeedbackTopic = Snapshot['feedbackTopics'][number];

/** What the rating and the suggestion models are both handed. */
export interface FeedbackPorts {
  readonly sink: EventSink;
  readonly clock: Clock;
  readonly snapshot: ReadonlySignal<Snapshot | null>;
  readonly rules: ReadonlySignal<Rules>;
}

/** The configured topics, in the center's order; none before the kiosk has a snapshot. */
export function deriveTopics(snapshot: Snapshot | null): readonly FeedbackTopic[] {
  return snapshot?.feedbackTopics ?? [];
}

/** The topic a worker chose if the center still has it, else null: the center overall. */
export function deriveTopicChoice(selected: string | null, topics: readonly FeedbackTopic[]): string | null {
  return selected !== null && topics.some((t) => t.id === selected) ? selected : null;
}
