import type { EventKind, PayloadOf } from '../../domain/events';
import { err, type Result } from '../../domain/result';

// Ports the feature models depend on instead of storage or the network (contract of issue 3).

export type RecordError = 'storage_full' | 'storage_failed';

/** Where screens hand the events they accept. Resolves once the event is durably queued. */
export interface EventSink {
  record<K extends EventKind>(kind: K, payload: PayloadOf<K>): Promise<Result<{ id: string }, RecordError>>;
}

/**
 * The one way models hand an event to the sink: it never throws (a rejected promise counts as a failed
 * write, so no screen ever pretends it saved).
 */
export async function recordSafely<K extends EventKind>(sink: EventSink, kind: K, payload: PayloadOf<K>): Promise<Result<{ id: string }, RecordError>> {
  try {
    return await sink.record(kind, payload);
  } catch {
    return err('storage_failed');
  }
}
