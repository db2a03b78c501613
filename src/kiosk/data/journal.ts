import type { UseStore } from 'idb-keyval';
import * as v from 'valibot';
import { GYM_ACTIONS } from '../../domain/events';
import { createRecordStore, type RecordStore } from './record-store';

// The kiosk's own check-in records (visits, class check-ins, gym steps), kept for the last two center
// days, so after a reload the kiosk still knows what it accepted today until the hub's snapshot lists
// it. The outbox holds the events themselves; this is a small index of what they decided, with masked
// names only (DESIGN §7), keyed by record id: the event id, or `<event id>:<step>` for gym steps, the same
// ids the snapshot's today.gym uses.

const Base = { id: v.pipe(v.string(), v.maxLength(80)), at: v.number(), subject: v.pipe(v.string(), v.maxLength(80)), name: v.nullable(v.pipe(v.string(), v.maxLength(64))) };

export const JournalRecordSchema = v.variant('kind', [
  v.object({ kind: v.literal('visit'), ...Base }),
  v.object({ kind: v.literal('class'), ...Base, entryId: v.pipe(v.string(), v.maxLength(128)) }),
  v.object({
    kind: v.literal('gym'), ...Base, action: v.picklist(GYM_ACTIONS), group: v.pipe(v.string(), v.maxLength(64)), unit: v.nullable(v.number()),
  }),
  // the member read the center's answer here (issue 16): not shown again before the hub's snapshot drops it
  v.object({ kind: v.literal('reply_read'), ...Base, suggestionId: v.pipe(v.string(), v.maxLength(64)) }),
  // the member voted in a poll here (issue 16): "already voted" before the hub's snapshot lists them
  v.object({ kind: v.literal('poll_vote'), ...Base, pollId: v.pipe(v.string(), v.maxLength(64)) }),
]);
export type JournalRecord = v.InferOutput<typeof JournalRecordSchema>;

export type CheckinJournal = RecordStore<JournalRecord>;

export const createJournal = (store: UseStore): CheckinJournal => createRecordStore(store, JournalRecordSchema);
