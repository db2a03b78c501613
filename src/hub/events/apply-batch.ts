import type { CenterConfig, EventResult, KioskEvent, RejectReason } from '../../domain/index';
import type { Prepared } from '../checkin/prepare';
import { projectCheckins } from '../checkin/project';
import type { Db, Queryable } from '../db/port';
import { applyEvent, contentHash, insertEvent, isPlaceEvent, prepareIfCheckin, prepareIfPlace } from './apply';

// A kiosk's batch in one transaction, with one multi-row statement per table. Applying each event in
// a transaction of its own costs four round trips per event; on PGlite that capped ingest near 1,300
// events/s, below the 2,000/s a kiosk draining a long outage needs. One transaction for the batch is
// still never half an event (it is all of the batch or none of it), and the events primary key stays
// the guarantee that an event is stored once: ON CONFLICT (id) DO NOTHING, not a check before.

/** "($1, $2), ($3, $4)" for rows of equal width, numbering from 1. */
function placeholders(rows: readonly (readonly unknown[])[]): string {
  let n = 0;
  return rows.map((r) => `(${r.map(() => `$${++n}`).join(', ')})`).join(', ');
}

async function insertRows(tx: Queryable, head: string, rows: readonly (readonly unknown[])[], tail = ''): Promise<{ id: string }[]> {
  if (rows.length === 0) return [];
  return tx.query<{ id: string }>(`${head} VALUES ${placeholders(rows)} ${tail}`, rows.flat());
}

async function applyInOneTransaction(
  tx: Queryable, kioskId: string, events: readonly KioskEvent[], now: number, config: CenterConfig | undefined,
): Promise<EventResult[]> {
  const hashes = events.map(contentHash);
  // the first event with each id is the one that may be applied; a later one in the same batch is
  // answered against it, as if it had come in the next batch
  const first = new Map<string, number>();
  events.forEach((e, i) => e.kioskId === kioskId && !first.has(e.id) && first.set(e.id, i));
  // rows in id order: two batches that overlap lock the same ids in the same order and cannot deadlock
  const candidates = [...first.values()].sort((a, b) => (events[a]!.id < events[b]!.id ? -1 : 1));
  // Booking and class-place events are judged on what the events before them did (a cancel of a
  // booking made in the same batch, a second booking counting against the first's quota), so they go
  // one by one, in the order the kiosk made them, after the rest. Should two batches still take member
  // or class locks in opposite orders, PostgreSQL breaks the deadlock and applyBatch falls back to one
  // transaction per event.
  const inOrder = [...first.values()].sort((a, b) => a - b).filter((i) => isPlaceEvent(events[i]!));
  const bulk = candidates.filter((i) => !isPlaceEvent(events[i]!));
  // check-in events are judged before they are stored: an impossible one is never stored
  const prepared = new Map<string, Prepared>();
  const refused = new Map<string, RejectReason>();
  for (const i of bulk) {
    const e = events[i]!;
    const p = await prepareIfCheckin(tx, e, config);
    if (p?.ok) prepared.set(e.id, p.value);
    else if (p) refused.set(e.id, p.reason);
  }
  const received = new Date(now);
  const inserted = new Set(
    (await insertRows(
      tx,
      'INSERT INTO events (id, kiosk_id, seq, at, received_at, kind, payload, content_hash)',
      bulk.filter((i) => !refused.has(events[i]!.id)).map((i) => { const e = events[i]!; return [e.id, e.kioskId, e.seq, e.at, received, e.kind, JSON.stringify(e.payload), hashes[i]]; }),
      'ON CONFLICT (id) DO NOTHING RETURNING id',
    )).map((r) => String(r.id)),
  );
  for (const i of inOrder) {
    const e = events[i]!;
    const p = await prepareIfPlace(tx, e, now, config);
    if (!p?.ok) {
      if (p) refused.set(e.id, p.reason);
      continue;
    }
    if (!(await insertEvent(tx, e, hashes[i]!, now))) continue;
    inserted.add(e.id);
    await p.apply(tx);
  }
  const storedHash = new Map<string, string>();
  for (const [id, i] of first) if (inserted.has(id)) storedHash.set(id, hashes[i]!);
  const known = [...first.keys()].filter((id) => !inserted.has(id));
  if (known.length > 0) {
    const rows = await tx.query<{ id: string; content_hash: string }>('SELECT id, content_hash FROM events WHERE id = ANY($1::uuid[])', [known]);
    for (const r of rows) storedHash.set(String(r.id), r.content_hash);
  }

  const fresh = [...first].filter(([id]) => inserted.has(id)).map(([, i]) => events[i]!);
  await project(tx, fresh);
  if (config) await projectCheckins(tx, config, fresh.flatMap((e) => prepared.get(e.id) ?? []));

  return events.map((e, i): EventResult => {
    if (e.kioskId !== kioskId) return { id: e.id, status: 'rejected', reason: 'kiosk_mismatch' };
    if (inserted.has(e.id) && first.get(e.id) === i) return { id: e.id, status: 'applied' };
    // refused and never stored before: the reason; stored before: answered as any known id
    const reason = refused.get(e.id);
    if (reason && !storedHash.has(e.id)) return { id: e.id, status: 'rejected', reason };
    return storedHash.get(e.id) === hashes[i] ? { id: e.id, status: 'duplicate' } : { id: e.id, status: 'rejected', reason: 'id_conflict' };
  });
}

/** The read models of newly stored events, in request order (the same rows apply.ts makes one by one). */
async function project(tx: Queryable, fresh: readonly KioskEvent[]): Promise<void> {
  const ratings: unknown[][] = [];
  const suggestions: unknown[][] = [];
  // one row per (rating, kiosk): the later reasons win, as they would applied one after the other
  const reasons = new Map<string, unknown[]>();
  for (const e of fresh) {
    if (e.kind === 'rating') ratings.push([e.id, e.kioskId, e.at, e.payload.topic, e.payload.score]);
    else if (e.kind === 'suggestion') suggestions.push([e.id, e.kioskId, 'kiosk', e.at, e.payload.topic, e.payload.text, e.payload.contact, e.at]);
    else if (e.kind === 'rating_reason') reasons.set(`${e.payload.ratingId} ${e.kioskId}`, [e.payload.ratingId, e.kioskId, e.id, e.payload.reasons]);
  }
  await insertRows(tx, 'INSERT INTO ratings (event_id, kiosk_id, at, topic, score)', ratings);
  await insertRows(tx, 'INSERT INTO suggestions (id, kiosk_id, source, at, topic, text, contact, updated_at)', suggestions);
  await insertRows(
    tx, 'INSERT INTO rating_reasons (rating_id, kiosk_id, event_id, reasons)', [...reasons.values()],
    'ON CONFLICT (rating_id, kiosk_id) DO UPDATE SET event_id = EXCLUDED.event_id, reasons = EXCLUDED.reasons',
  );
}

/**
 * Whether a database error is about the value it was given (SQLSTATE class 22, data exception: a
 * number out of range, a character the encoding refuses; class 23, integrity: a row that cannot be)
 * rather than about the database itself (a lost connection, a full disk, a deadlock). The first is
 * the event's and will fail the same way every time; the second may pass on a retry.
 */
export function isValueError(e: unknown): boolean {
  const code = e && typeof e === 'object' && 'code' in e ? String((e as { code: unknown }).code) : '';
  return /^2[23][0-9A-Z]{3}$/.test(code);
}

/** The hub cannot store events now for a reason of its own (the kiosk retries): answered 503, never 500. */
export class HubUnavailable extends Error {}

/**
 * Applies a validated batch and answers per event in request order. Should the batch's transaction
 * fail (a deadlock PostgreSQL broke, a value the database refuses), the events are applied again one
 * transaction each, the slow path that needs no batch-wide lock. There an event the database refuses
 * for its values is answered `rejected: unstorable` and the others still go in (issue 10: one such
 * event used to answer the whole batch with 500, forever). An error of the database itself throws
 * HubUnavailable: the events before it are stored and will be answered `duplicate` when sent again.
 */
export async function applyBatch(
  db: Db, kioskId: string, events: readonly KioskEvent[], now: number, log: (m: string) => void, config?: CenterConfig,
): Promise<EventResult[]> {
  try {
    return await db.transaction((tx) => applyInOneTransaction(tx, kioskId, events, now, config));
  } catch (e) {
    log(`A batch of ${events.length} events from ${kioskId} failed as one transaction (${messageOf(e)}); applying them one by one.`);
    const results: EventResult[] = [];
    for (const ev of events) {
      try {
        results.push(await applyEvent(db, kioskId, ev, now, config));
      } catch (one) {
        if (!isValueError(one)) {
          log(`Event ${ev.id} (${ev.kind}) from ${kioskId} could not be applied: ${messageOf(one)}; the kiosk will send it again.`);
          throw new HubUnavailable(messageOf(one));
        }
        log(`Event ${ev.id} (${ev.kind}) from ${kioskId} rejected: the database refused it (${messageOf(one)}).`);
        results.push({ id: ev.id, status: 'rejected', reason: 'unstorable', detail: `the database refused it: ${messageOf(one)}`.slice(0, 300) });
      }
    }
    return results;
  }
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
