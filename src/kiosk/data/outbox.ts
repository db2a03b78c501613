import type { UseStore } from 'idb-keyval';
import * as v from 'valibot';
import { EventSchema, type EventKind, type KioskEvent, type PayloadOf } from '../../domain/events';
import type { StuckMark } from '../../domain/outbox';
import { uuidv7 } from '../../domain/ids';
import { err, ok, type Result } from '../../domain/result';
import type { RecordError } from '../state/ports';
import { done } from './strict-store';

// The outbox: every event the kiosk accepts, kept until the hub has it. Events sit under numeric keys
// (their place in the queue), so a key range reads them oldest first; the counters sit under string
// keys, which IndexedDB sorts after every number. Rejected events move to a separate dead-letter store.

export interface QueuedEvent {
  readonly position: number;
  readonly event: KioskEvent;
}

export interface DeadLetter {
  readonly event: KioskEvent;
  readonly reason: string;
  readonly at: number; // kiosk time it was set aside, epoch ms
}

export interface StuckEvent extends QueuedEvent {
  readonly mark: StuckMark;
}

/** The stuck events in short, for staff mode and the heartbeat: how many, since when, and the oldest. */
export interface StuckSummary {
  readonly count: number;
  readonly since: number;
  readonly first: { readonly id: string; readonly kind: EventKind; readonly seq: number; readonly status: number | null };
}

export interface OutboxStats {
  readonly pending: number; // stuck events included: they wait to be sent like the rest
  readonly oldestAt: string | null; // the oldest pending event's kiosk time
  readonly deadLetters: number;
  readonly stuck: StuckSummary | null;
}

export const EMPTY_STATS: OutboxStats = { pending: 0, oldestAt: null, deadLetters: 0, stuck: null };

export interface Outbox {
  /** Validates, numbers and writes the event in one strict transaction; resolves after it commits. */
  record<K extends EventKind>(kioskId: string, kind: K, payload: PayloadOf<K>): Promise<Result<KioskEvent, RecordError>>;
  /** Oldest first, at most `limit` (all without one); stuck events are left out, they are sent on their own. */
  pending(limit?: number): Promise<QueuedEvent[]>;
  /** Every pending event, stuck ones included (the export). */
  all(): Promise<QueuedEvent[]>;
  /** The stuck events, oldest first, with their marks. */
  stuck(): Promise<StuckEvent[]>;
  /** Marks an event stuck, or records one more failed try of a stuck one. */
  markStuck(position: number, mark: StuckMark): Promise<void>;
  remove(positions: readonly number[]): Promise<void>;
  /** Keeps the events in the dead-letter store with the reason, then takes them out of the queue. */
  deadLetter(items: readonly { position: number; event: KioskEvent; reason: string }[]): Promise<void>;
  deadLetters(): Promise<DeadLetter[]>;
  stats(): Promise<OutboxStats>;
}

export interface OutboxDeps {
  readonly outbox: UseStore; // strict durability
  readonly dead: UseStore;
  readonly now: () => number;
  readonly random: (bytes: number) => Uint8Array;
}

const events = () => IDBKeyRange.upperBound(Number.POSITIVE_INFINITY); // every number key, none of the strings
// a stuck event's mark sits beside it under `stuck:<position>`; the event itself stays where it is
const stuckKey = (position: number) => `stuck:${position}`;
const stuckKeys = () => IDBKeyRange.bound('stuck:', 'stuck:\uffff');
const NEXT = 'meta:next';
const seqKey = (kioskId: string) => `meta:seq:${kioskId}`;
const count = (value: unknown) => (typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : 0);

/** The closed error for a failed write: a full disk is worth telling apart, everything else is a failure. */
export function recordErrorOf(e: unknown): RecordError {
  return e instanceof Error || e instanceof DOMException ? (e.name === 'QuotaExceededError' ? 'storage_full' : 'storage_failed') : 'storage_failed';
}

export function createOutbox(d: OutboxDeps): Outbox {
  const write = (kioskId: string, kind: EventKind, payload: unknown, at: number) =>
    d.outbox('readwrite', (os) => {
      const tx = os.transaction;
      let stored: KioskEvent | null = null;
      let failure: unknown = null;
      const next = os.get(NEXT);
      const seq = os.get(seqKey(kioskId));
      seq.onsuccess = () => {
        // requests run in order, so `next` has its result too; every write is in this same transaction
        try {
          const event = { id: uuidv7(at, d.random(10)), kioskId, seq: count(seq.result) + 1, at: new Date(at).toISOString(), kind, payload };
          const parsed = v.safeParse(EventSchema, event);
          if (!parsed.success) throw new TypeError(`invalid event: ${v.summarize(parsed.issues)}`);
          const position = count(next.result) + 1;
          os.put(parsed.output, position);
          os.put(position, NEXT);
          os.put(parsed.output.seq, seqKey(kioskId));
          stored = parsed.output;
        } catch (e) {
          failure = e;
          tx.abort();
        }
      };
      return done(tx).then(
        () => stored!,
        (e: unknown) => Promise.reject(failure ?? e),
      );
    });

  const remove = (positions: readonly number[]) =>
    d.outbox('readwrite', (os) => {
      for (const p of positions) {
        os.delete(p);
        os.delete(stuckKey(p));
      }
      return done(os.transaction);
    });

  const readStuck = (os: IDBObjectStore): Promise<{ position: number; mark: StuckMark }[]> =>
    Promise.all([done(os.getAllKeys(stuckKeys())), done(os.getAll(stuckKeys()))]).then(([keys, marks]) =>
      keys.map((k, i) => ({ position: Number(String(k).slice('stuck:'.length)), mark: marks[i] as StuckMark })));

  return {
    async record(kioskId, kind, payload) {
      try {
        return ok(await write(kioskId, kind, payload, d.now()));
      } catch (e) {
        if (!(e instanceof DOMException)) console.error('outbox: event not recorded', e);
        return err(recordErrorOf(e));
      }
    },
    pending: (limit) =>
      d.outbox('readonly', async (os) => {
        const stuck = new Set((await readStuck(os)).map((s) => s.position));
        const n = limit === undefined ? undefined : limit + stuck.size;
        const [keys, values] = await Promise.all([done(os.getAllKeys(events(), n)), done(os.getAll(events(), n))]);
        const all = keys.map((k, i) => ({ position: k as number, event: values[i] as KioskEvent }));
        return all.filter((q) => !stuck.has(q.position)).slice(0, limit);
      }),
    all: () =>
      d.outbox('readonly', async (os) => {
        const [keys, values] = await Promise.all([done(os.getAllKeys(events())), done(os.getAll(events()))]);
        return keys.map((k, i) => ({ position: k as number, event: values[i] as KioskEvent }));
      }),
    stuck: () =>
      d.outbox('readonly', async (os) => {
        const marks = await readStuck(os);
        const found = await Promise.all(marks.map((m) => done(os.get(m.position)) as Promise<KioskEvent | undefined>));
        return marks.flatMap((m, i) => (found[i] ? [{ position: m.position, event: found[i]!, mark: m.mark }] : []))
          .sort((a, b) => a.position - b.position);
      }),
    markStuck: (position, mark) =>
      d.outbox('readwrite', (os) => {
        os.put(mark, stuckKey(position));
        return done(os.transaction);
      }),
    remove,
    async deadLetter(items) {
      if (items.length === 0) return;
      const at = d.now();
      await d.dead('readwrite', (os) => {
        for (const i of items) os.put({ event: i.event, reason: i.reason, at } satisfies DeadLetter, i.event.id);
        return done(os.transaction);
      });
      await remove(items.map((i) => i.position)); // a crash in between only leaves it to be sent again
    },
    deadLetters: () => d.dead('readonly', (os) => done(os.getAll()) as Promise<DeadLetter[]>),
    async stats() {
      const [pending, first, stuck] = await d.outbox('readonly', async (os) => {
        const marks = await readStuck(os);
        const oldest = marks.sort((a, b) => a.position - b.position)[0];
        return Promise.all([
          done(os.count(events())),
          done(os.getAll(events(), 1)) as Promise<KioskEvent[]>,
          oldest ? (done(os.get(oldest.position)) as Promise<KioskEvent | undefined>).then((event) => ({ marks, oldest, event })) : null,
        ]);
      });
      const deadLetters = await d.dead('readonly', (os) => done(os.count()));
      const summary: StuckSummary | null = stuck?.event
        ? {
          count: stuck.marks.length, since: Math.min(...stuck.marks.map((m) => m.mark.since)),
          first: { id: stuck.event.id, kind: stuck.event.kind, seq: stuck.event.seq, status: stuck.oldest.mark.status },
        }
        : null;
      return { pending, oldestAt: first[0]?.at ?? null, deadLetters, stuck: summary };
    },
  };
}
