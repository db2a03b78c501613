import type { Snapshot } from '../../domain/protocol';
import type { Result } from '../../domain/result';
import { err } from '../../domain/result';
import type { EventKind, PayloadOf } from '../../domain/events';
import type { ReadonlySignal } from '@preact/signals';
import type { Rules } from '../../domain/config/defaults';
import type { Clock } from '../platform/clock';
import type { EventSink, RecordError } from './ports';

// Shared by the rating and suggestion models: the topics a center configures, and a sink call that
// never throws (a rejected promise counts as a failed write, so no screen ever pretends it saved).

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

export async function recordSafely<K extends EventKind>(
  sink: EventSink,
  kind: K,
  payload: PayloadOf<K>,
): Promise<Result<{ id: string }, RecordError>> {
  try {
    return await sink.record(kind, payload);
  } catch {
    return err('storage_failed');
  }
}
