import type { EventKind, PayloadOf } from '../../domain/events';
import type { Result } from '../../domain/result';

// Ports the feature models depend on instead of storage or the network (contract of issue 3).

export type RecordError = 'storage_full' | 'storage_failed';

/** Where screens hand the events they accept. Resolves once the event is durably queued. */
export interface EventSink {
  record<K extends EventKind>(kind: K, payload: PayloadOf<K>): Promise<Result<{ id: string }, RecordError>>;
}
