import { batch, effect, signal, untracked, type ReadonlySignal } from '@preact/signals';
import { classifyStatus, nextDelay, retryAfterMs } from '../../../domain/backoff';
import { EVENT_BATCH_MAX, type EventResult, type EventsResponse } from '../../../domain/events';
import { settleBatch, STUCK_AFTER_FAILURES, STUCK_RETRIES_PER_FLUSH, stuckAgain, stuckDue } from '../../../domain/outbox';
import { err, ok, type Result } from '../../../domain/result';
import type { ApiFailure } from '../../data/api';
import { EMPTY_STATS, type Outbox, type OutboxStats, type QueuedEvent } from '../../data/outbox';
import type { Clock } from '../../platform/clock';
import type { EventSink } from '../ports';

// Sync from the page, one flush at a time: oldest first in batches of ≤ 100; applied and duplicate
// events leave the outbox, rejected ones go to the dead letters; failures back off with full jitter
// (1 s … 5 min, Retry-After honoured); 401/403 stop until staff sync by hand or the kiosk is enrolled
// again. Nothing is ever dropped for age.

export type SyncError =
  | { readonly kind: 'network' | 'timeout' | 'storage' | 'unanswered' }
  | { readonly kind: 'auth' | 'http'; readonly status: number; readonly message: string | null }
  | { readonly kind: 'invalid'; readonly message: string };

export type SendDecision =
  | { readonly type: 'settle'; readonly results: readonly EventResult[] }
  | { readonly type: 'retry'; readonly retryAfterMs: number | null; readonly error: SyncError }
  | { readonly type: 'stop'; readonly error: SyncError }
  | { readonly type: 'split' } // the hub refused the batch as a whole: send one by one to find the bad one
  | { readonly type: 'dead'; readonly reason: string }; // … and this single event is the bad one

/** What one answer to POST /api/v1/events means for the batch that was sent. */
export function decideSend(result: Result<EventsResponse, ApiFailure>, batchSize: number, now: number): SendDecision {
  if (result.ok) return { type: 'settle', results: result.value.results };
  const e = result.error;
  if (e.kind === 'network' || e.kind === 'timeout') return { type: 'retry', retryAfterMs: null, error: { kind: e.kind } };
  if (e.kind === 'invalid') return { type: 'retry', retryAfterMs: null, error: e };
  const message = e.message ?? null;
  const cls = classifyStatus(e.status);
  if (cls === 'auth') return { type: 'stop', error: { kind: 'auth', status: e.status, message } };
  if (cls === 'refused' && (e.status === 400 || e.status === 413 || e.status === 422)) {
    return batchSize > 1 ? { type: 'split' } : { type: 'dead', reason: `${e.status === 413 ? 'too_large' : 'bad_request'}: ${message ?? `HTTP ${e.status}`}` };
  }
  // 408, 429, 5xx, and anything unexpected (404 from an older hub…): keep the events and try later
  return { type: 'retry', retryAfterMs: retryAfterMs(e.retryAfter ?? null, now), error: { kind: 'http', status: e.status, message } };
}

/** The error in plain words for the hub's kiosk page (staff mode words come from the catalogs). */
export function syncErrorText(e: SyncError): string {
  switch (e.kind) {
    case 'network': return 'hub not reachable';
    case 'timeout': return 'hub did not answer in time';
    case 'storage': return 'local storage failed';
    case 'unanswered': return 'hub answered without these events';
    case 'invalid': return `unreadable answer: ${e.message}`.slice(0, 500);
    default: return `HTTP ${e.status}${e.message ? `: ${e.message}` : ''}`.slice(0, 500);
  }
}

export type FlushTrigger = 'start' | 'recorded' | 'interval' | 'online' | 'retry' | 'manual';

export interface SyncModel extends EventSink {
  readonly stats: ReadonlySignal<OutboxStats>;
  readonly pending: ReadonlySignal<number>;
  readonly lastSuccessAt: ReadonlySignal<number | null>;
  readonly lastError: ReadonlySignal<SyncError | null>;
  readonly lastErrorAt: ReadonlySignal<number | null>;
  readonly stopped: ReadonlySignal<boolean>; // by a 401/403
  readonly syncing: ReadonlySignal<boolean>;
  readonly retryAt: ReadonlySignal<number | null>;
  start(): void;
  flush(trigger: FlushTrigger): Promise<void>;
  refreshStats(): Promise<void>;
}

export interface SyncPorts {
  readonly outbox: Outbox;
  readonly postEvents: (events: readonly QueuedEvent['event'][]) => Promise<Result<EventsResponse, ApiFailure>>;
  readonly kioskId: () => string | null; // null: not enrolled, nothing to record or send
  readonly clock: Clock;
  readonly random: () => number;
  /** the browser's online/offline events: what waits is sent as soon as the network is back */
  readonly browserOnline?: ReadonlySignal<boolean>;
  readonly debounceMs?: number;
  readonly intervalMs?: number;
}

export function createSyncModel(p: SyncPorts): SyncModel {
  const stats = signal<OutboxStats>(EMPTY_STATS);
  const pending = signal(0);
  const lastSuccessAt = signal<number | null>(null);
  const lastError = signal<SyncError | null>(null);
  const lastErrorAt = signal<number | null>(null);
  const stopped = signal(false);
  const syncing = signal(false);
  const retryAt = signal<number | null>(null);
  let attempt = 0;
  let cancelRetry = () => {};
  let cancelDebounce = () => {};
  let running: Promise<void> | null = null;
  let again = false;
  let statsRead = 0;

  const refreshStats = async () => {
    const mine = ++statsRead;
    const s = await p.outbox.stats().catch(() => null);
    if (s && mine === statsRead) batch(() => {
      stats.value = s;
      pending.value = s.pending;
    });
  };

  const succeeded = () => {
    attempt = 0;
    cancelRetry();
    batch(() => {
      retryAt.value = null;
      lastSuccessAt.value = p.clock.now();
      lastError.value = null;
      stopped.value = false;
    });
  };

  const failed = (error: SyncError, retryAfter: number | null, stop: boolean) => {
    const now = p.clock.now();
    cancelRetry();
    batch(() => {
      lastError.value = error;
      lastErrorAt.value = now;
      stopped.value = stop;
      retryAt.value = null;
    });
    if (stop) return;
    const delay = nextDelay(attempt, p.random(), retryAfter);
    attempt++;
    retryAt.value = now + delay;
    cancelRetry = p.clock.after(delay, () => void flush('retry'));
  };

  /** What became of one request: the queue moved on, the hub answered 5xx, or a retry or stop is set. */
  type Sent =
    | { readonly kind: 'moved' }
    | { readonly kind: 'server'; readonly status: number; readonly retry: Extract<SendDecision, { type: 'retry' }> }
    | { readonly kind: 'held' };
  const MOVED: Sent = { kind: 'moved' };
  const HELD: Sent = { kind: 'held' };
  let serverFailures = 0; // 5xx answers in a row to the head batch

  /** Sends one batch and settles what the hub answered; a 5xx is left to the caller to count. */
  const send = async (queued: readonly QueuedEvent[]): Promise<Sent> => {
    const answer = await p.postEvents(queued.map((q) => q.event));
    const d = decideSend(answer, queued.length, p.clock.now());
    switch (d.type) {
      case 'settle': {
        const outcome = settleBatch(queued.map((q) => q.event.id), d.results);
        const byId = new Map(queued.map((q) => [q.event.id, q]));
        await p.outbox.remove(outcome.done.map((id) => byId.get(id)!.position));
        await p.outbox.deadLetter(outcome.dead.map((x) => ({ ...byId.get(x.id)!, reason: x.reason })));
        if (outcome.done.length + outcome.dead.length === 0) {
          failed({ kind: 'unanswered' }, null, false);
          return HELD;
        }
        succeeded();
        return MOVED;
      }
      case 'split':
        for (const q of queued) {
          const r = await send([q]);
          if (r.kind !== 'moved') return r;
        }
        return MOVED;
      case 'dead':
        await p.outbox.deadLetter([{ ...queued[0]!, reason: d.reason }]);
        return MOVED;
      case 'retry':
        // 503 is the hub saying it is unavailable (its database is down): that is nobody's event
        if (d.error.kind === 'http' && d.error.status >= 500 && d.error.status !== 503) return { kind: 'server', status: d.error.status, retry: d };
        failed(d.error, d.retryAfterMs, false);
        return HELD;
      case 'stop':
        failed(d.error, null, true);
        return HELD;
    }
  };

  /**
   * A batch the hub keeps answering 5xx: halve it until the event it fails on is alone, and mark that
   * one stuck. Each half that goes through is settled on the way, so the search also drains.
   */
  const isolate = async (batch: readonly QueuedEvent[], status: number): Promise<Sent> => {
    if (batch.length === 1) {
      await p.outbox.markStuck(batch[0]!.position, stuckAgain(null, p.clock.now(), status));
      return MOVED;
    }
    const half = Math.ceil(batch.length / 2);
    for (const part of [batch.slice(0, half), batch.slice(half)]) {
      const r = await send(part);
      if (r.kind === 'held') return r;
      // the failing event is in this part; what follows it is sent by the drain loop once it is marked
      if (r.kind === 'server') return isolate(part, r.status);
    }
    return MOVED; // both halves went through: the failures were the hub's own, and they are over
  };

  /** Sends the head batch; after STUCK_AFTER_FAILURES 5xx in a row, isolates the event behind them. */
  const sendHead = async (queued: readonly QueuedEvent[]): Promise<Sent> => {
    const r = await send(queued);
    if (r.kind !== 'server') {
      if (r.kind === 'moved') serverFailures = 0;
      return r;
    }
    serverFailures++;
    if (serverFailures < STUCK_AFTER_FAILURES) {
      failed(r.retry.error, r.retry.retryAfterMs, false);
      return HELD;
    }
    serverFailures = 0;
    return isolate(queued, r.status);
  };

  /** Stuck events whose time has come are tried once more on their own; the rest wait. */
  const retryStuck = async () => {
    const now = p.clock.now();
    const due = (await p.outbox.stuck()).filter((s) => stuckDue(s.mark, now)).slice(0, STUCK_RETRIES_PER_FLUSH);
    for (const s of due) {
      const r = await send([s]);
      if (r.kind === 'held') return;
      if (r.kind === 'server') await p.outbox.markStuck(s.position, stuckAgain(s.mark, p.clock.now(), r.status));
    }
  };

  const drain = async () => {
    if (p.kioskId() === null) return;
    try {
      for (;;) {
        const queued = await p.outbox.pending(EVENT_BATCH_MAX);
        if (queued.length === 0) {
          await retryStuck();
          if (retryAt.value !== null || stopped.value) return; // a stuck retry met a network error or a 401
          attempt = 0; // nothing waits: no backoff left to honour (the last success stays what it was)
          cancelRetry();
          retryAt.value = null;
          return;
        }
        const moved = await sendHead(queued);
        void refreshStats();
        if (moved.kind !== 'moved') return;
      }
    } catch {
      failed({ kind: 'storage' }, null, false);
    }
  };

  /** Whether a trigger may start a flush now: automatic ones wait out a backoff and a 401/403 stop. */
  const allowed = (t: FlushTrigger) => {
    if (t === 'manual' || t === 'online' || t === 'start') return true;
    if (stopped.value) return false;
    return t === 'retry' || retryAt.value === null || p.clock.now() >= retryAt.value;
  };

  function flush(trigger: FlushTrigger): Promise<void> {
    if (!allowed(trigger)) return running ?? Promise.resolve();
    // the network is back: the failures while it was gone say nothing about the hub, so the backoff
    // starts afresh (a kiosk offline for a day would otherwise wait minutes between its first tries)
    if (trigger === 'online') attempt = 0;
    if (running) {
      again = true; // one flush at a time; this one runs once more when done
      return running;
    }
    syncing.value = true;
    running = (async () => {
      do {
        again = false;
        await drain();
      } while (again && retryAt.value === null && !stopped.value);
      await refreshStats();
    })().finally(() => {
      running = null;
      syncing.value = false;
    });
    return running;
  }

  return {
    stats,
    pending,
    lastSuccessAt,
    lastError,
    lastErrorAt,
    stopped,
    syncing,
    retryAt,
    async record(kind, payload) {
      const kioskId = p.kioskId();
      if (kioskId === null) return err('storage_failed');
      const result = await p.outbox.record(kioskId, kind, payload);
      if (!result.ok) return result;
      // counted before the caller thanks the worker: a pending count that still reads 0 under a
      // thank-you would tell staff (and tests) the event is already at the hub
      await refreshStats();
      cancelDebounce();
      cancelDebounce = p.clock.after(p.debounceMs ?? 1_000, () => void flush('recorded'));
      return ok({ id: result.value.id });
    },
    start() {
      void refreshStats();
      void flush('start');
      p.clock.every(p.intervalMs ?? 30_000, () => void flush('interval'));
      const online = p.browserOnline;
      if (!online) return;
      let was = online.peek();
      effect(() => {
        const now = online.value;
        if (now && !was) void untracked(() => flush('online'));
        was = now;
      });
    },
    flush,
    refreshStats,
  };
}
