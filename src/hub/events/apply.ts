import type { CenterConfig, EventResult, KioskEvent, RejectReason } from '../../domain/index';
import type { Db, Queryable } from '../db/port';
import { insertRows } from '../db/rows';
import { sha256 } from '../kiosks/tokens';
import { handlerOf, type ApplyContext, type KindHandler } from './kinds';

// Applying a kiosk's events: a batch in one transaction, with one multi-row statement per table.
// Applying each event in a transaction of its own costs four round trips per event; on PGlite that
// capped ingest near 1,300 events/s, below the 2,000/s a kiosk draining a long outage needs. One
// transaction for the batch is never half an event (it is all of the batch or none of it), and the
// events primary key is the guarantee that an event is stored once: ON CONFLICT (id) DO NOTHING, not a
// check before. What each kind does is in kinds.ts; this file only walks that table.

/** Stable JSON (sorted keys) so the same event always hashes the same, whatever the key order sent. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const contentHash = (e: KioskEvent) => sha256(canonical(e));

const EVENTS_INSERT = 'INSERT INTO events (id, kiosk_id, seq, at, received_at, kind, payload, content_hash)';

/** Stores events once: the primary key, not a look before, decides; returns the ids this call stored. */
async function insertEvents(tx: Queryable, rows: readonly { e: KioskEvent; hash: string }[], now: number): Promise<Set<string>> {
  const received = new Date(now);
  const stored = await insertRows(
    tx, EVENTS_INSERT, rows.map(({ e, hash }) => [e.id, e.kioskId, e.seq, e.at, received, e.kind, JSON.stringify(e.payload), hash]), 'ON CONFLICT (id) DO NOTHING RETURNING id',
  );
  return new Set(stored.map((r) => String(r.id)));
}

async function applyInOneTransaction(tx: Queryable, kioskId: string, events: readonly KioskEvent[], ctx: ApplyContext): Promise<EventResult[]> {
  const hashes = events.map(contentHash);
  // the first event with each id is the one that may be applied; a later one in the same batch is
  // answered against it, as if it had come in the next batch
  const first = new Map<string, number>();
  events.forEach((e, i) => e.kioskId === kioskId && !first.has(e.id) && first.set(e.id, i));
  const ordered = (i: number) => handlerOf(events[i]!).ordered;
  // rows in id order: two batches that overlap lock the same ids in the same order and cannot deadlock
  const bulk = [...first.values()].filter((i) => !ordered(i)).sort((a, b) => (events[a]!.id < events[b]!.id ? -1 : 1));
  // Should two batches still take member or class locks in opposite orders, PostgreSQL breaks the
  // deadlock and applyBatch falls back to one transaction per event.
  const inOrder = [...first.values()].filter(ordered).sort((a, b) => a - b);

  const plans = new Map<string, unknown>();
  const refused = new Map<string, RejectReason>();
  const judge = async (e: KioskEvent) => {
    const r = await handlerOf(e).prepare(tx, e, ctx);
    if (r.ok) plans.set(e.id, r.value);
    else refused.set(e.id, r.error);
    return r.ok;
  };
  for (const i of bulk) await judge(events[i]!);
  const inserted = await insertEvents(tx, bulk.filter((i) => plans.has(events[i]!.id)).map((i) => ({ e: events[i]!, hash: hashes[i]! })), ctx.now);
  for (const i of inOrder) {
    const e = events[i]!;
    if (!(await judge(e)) || !(await insertEvents(tx, [{ e, hash: hashes[i]! }], ctx.now)).has(e.id)) continue;
    inserted.add(e.id);
    await handlerOf(e).apply(tx, [plans.get(e.id)], ctx);
  }
  // the newly stored others, one call per handler, each with its plans in request order
  const groups = new Map<KindHandler<KioskEvent, unknown>, unknown[]>();
  for (const i of [...first.values()].filter((j) => !ordered(j)).sort((a, b) => a - b)) {
    const e = events[i]!;
    if (!inserted.has(e.id)) continue;
    const h = handlerOf(e);
    const group = groups.get(h);
    if (group) group.push(plans.get(e.id));
    else groups.set(h, [plans.get(e.id)]);
  }
  for (const [h, ps] of groups) await h.apply(tx, ps, ctx);

  const storedHash = new Map<string, string>();
  for (const [id, i] of first) if (inserted.has(id)) storedHash.set(id, hashes[i]!);
  const known = [...first.keys()].filter((id) => !inserted.has(id));
  if (known.length > 0) {
    const rows = await tx.query<{ id: string; content_hash: string }>('SELECT id, content_hash FROM events WHERE id = ANY($1::uuid[])', [known]);
    for (const r of rows) storedHash.set(String(r.id), r.content_hash);
  }
  return events.map((e, i): EventResult => {
    if (e.kioskId !== kioskId) return { id: e.id, status: 'rejected', reason: 'kiosk_mismatch' };
    if (inserted.has(e.id) && first.get(e.id) === i) return { id: e.id, status: 'applied' };
    // refused and never stored before: the reason; stored before (a group since removed): answered as any known id
    const reason = refused.get(e.id);
    if (reason && !storedHash.has(e.id)) return { id: e.id, status: 'rejected', reason };
    return storedHash.get(e.id) === hashes[i] ? { id: e.id, status: 'duplicate' } : { id: e.id, status: 'rejected', reason: 'id_conflict' };
  });
}

/** One event in its own transaction: the same path as a batch, a batch of one. */
export async function applyEvent(db: Db, kioskId: string, e: KioskEvent, now: number, config?: CenterConfig): Promise<EventResult> {
  const [result] = await db.transaction((tx) => applyInOneTransaction(tx, kioskId, [e], { config, now }));
  return result!;
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
    return await db.transaction((tx) => applyInOneTransaction(tx, kioskId, events, { config, now }));
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
