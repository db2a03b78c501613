import * as v from 'valibot';
import { err, EventSchema, eventAllowed, jsonStorable, ok, type CenterConfig, type EventResult, type KioskEvent, type Result } from '../../domain/index';
import type { Db } from '../db/port';
import { applyBatch } from './apply';

// POST /api/v1/events after the envelope was read (issue 10): each event is judged on its own, so one a
// buggy or hostile kiosk made wrong is answered `rejected` with the reason and the rest of the batch is
// applied. The answer lists every event in request order and always matches what the database holds.

/** The first schema problem of one event, as "$.payload.text: contains a control character". */
function problemOf(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0]!;
  const path = (issue.path ?? []).map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`)).join('');
  return `$${path}: ${issue.message}`.slice(0, 300);
}

/** Judges one raw event from a kiosk with these features: the event to apply, or the answer to give. */
export function judgeRawEvent(raw: { id: string }, features: readonly string[]): Result<KioskEvent, EventResult> {
  const parsed = v.safeParse(EventSchema, raw);
  if (!parsed.success) return err({ id: raw.id, status: 'rejected', reason: 'invalid', detail: problemOf(parsed.issues) });
  const e = parsed.output;
  // the schema checks each field; this catches a string the schema lets through into jsonb unchecked
  if (!jsonStorable(e.payload)) return err({ id: e.id, status: 'rejected', reason: 'invalid', detail: '$.payload: contains a control character' });
  if (!eventAllowed(e.kind, features)) {
    return err({ id: e.id, status: 'rejected', reason: 'feature_off', detail: `this kiosk does not offer ${e.kind} events (kiosk-config/kiosks)` });
  }
  return ok(e);
}

export async function ingestEvents(
  db: Db, config: CenterConfig, kioskId: string, raw: readonly { id: string }[], now: number, log: (m: string) => void,
): Promise<EventResult[]> {
  const features = config.kiosks.find((k) => k.id === kioskId)?.features ?? [];
  const judged = raw.map((r) => judgeRawEvent(r, features));
  const good = judged.flatMap((j) => (j.ok ? [j.value] : []));
  for (const j of judged) if (!j.ok) log(`Rejected event ${j.error.id} from ${kioskId}: ${j.error.status === 'rejected' ? `${j.error.reason}${j.error.detail ? ` (${j.error.detail})` : ''}` : ''}`);
  const applied = good.length > 0 ? await applyBatch(db, kioskId, good, now, log, config) : [];
  let next = 0;
  return judged.map((j) => (j.ok ? applied[next++]! : j.error));
}
