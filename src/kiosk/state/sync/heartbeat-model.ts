import { effect, untracked, type ReadonlySignal } from '@preact/signals';
import * as v from 'valibot';
import { HeartbeatSchema, type Heartbeat } from '../../../domain/events';
import { stripUnstorable } from '../../../domain/storable';
import type { Result } from '../../../domain/result';
import type { ApiFailure } from '../../data/api';
import type { OutboxStats } from '../../data/outbox';
import type { Clock } from '../../platform/clock';
import type { StorageState } from '../../platform/storage';
import { syncErrorText, type SyncError } from './sync-model';

// Every 60 s, and soon after a flush, the kiosk tells the hub how it is (DESIGN §5), so the admin page
// can show its health and raise one that has gone silent.

export interface HeartbeatInput {
  readonly version: string;
  readonly stats: OutboxStats;
  readonly lastSuccessAt: number | null;
  readonly lastError: SyncError | null;
  readonly storage: StorageState;
  readonly camera: string;
}

export function deriveHeartbeat(i: HeartbeatInput): Heartbeat {
  return v.parse(HeartbeatSchema, {
    version: stripUnstorable(i.version).slice(0, 64),
    pending: i.stats.pending,
    oldestPendingAt: i.stats.oldestAt,
    deadLetters: i.stats.deadLetters,
    lastSyncAt: i.lastSuccessAt === null ? null : new Date(i.lastSuccessAt).toISOString(),
    // a hub's error text may carry anything: what the heartbeat schema refuses is taken out, not sent
    lastError: i.lastError === null ? null : stripUnstorable(syncErrorText(i.lastError)).slice(0, 500),
    storage: {
      persisted: i.storage.persisted,
      usage: Number.isFinite(i.storage.usage) ? i.storage.usage : null,
      quota: Number.isFinite(i.storage.quota) ? i.storage.quota : null,
    },
    camera: stripUnstorable(i.camera).slice(0, 64),
    stuck: i.stats.stuck && {
      count: i.stats.stuck.count, since: new Date(i.stats.stuck.since).toISOString(), eventId: i.stats.stuck.first.id,
      kind: i.stats.stuck.first.kind, seq: i.stats.stuck.first.seq, status: i.stats.stuck.first.status,
    },
  });
}

export interface HeartbeatModel {
  start(): void;
  /** after a flush: beat within a few seconds, at most once per `minGapMs` */
  soon(): void;
}

export interface HeartbeatPorts {
  readonly version: string;
  readonly enrolled: () => boolean;
  readonly stats: ReadonlySignal<OutboxStats>;
  readonly lastSuccessAt: ReadonlySignal<number | null>;
  readonly lastError: ReadonlySignal<SyncError | null>;
  readonly readStorage: () => Promise<StorageState>;
  readonly post: (heartbeat: Heartbeat) => Promise<Result<void, ApiFailure>>;
  readonly clock: Clock;
  /** the camera scanner's state (off, scanning, denied …); 'none' where the kiosk has none */
  readonly camera?: () => string;
  /** the outbox is being sent: when a send ends, a beat follows soon, so staff see the new count */
  readonly syncing?: ReadonlySignal<boolean>;
  readonly intervalMs?: number;
  readonly minGapMs?: number;
}

export function createHeartbeatModel(p: HeartbeatPorts): HeartbeatModel {
  let lastAt = Number.NEGATIVE_INFINITY;
  let queued = false;
  const minGap = p.minGapMs ?? 10_000;

  const beat = async () => {
    if (!p.enrolled()) return;
    lastAt = p.clock.now();
    const storage = await p.readStorage();
    const hb = deriveHeartbeat({
      version: p.version, stats: p.stats.value, lastSuccessAt: p.lastSuccessAt.value, lastError: p.lastError.value, storage, camera: p.camera?.() ?? 'none',
    });
    await p.post(hb); // a lost heartbeat is not worth a retry: the next one comes within a minute
  };

  const soon = () => {
    if (queued) return;
    queued = true;
    const wait = Math.max(1_000, lastAt + minGap - p.clock.now());
    p.clock.after(wait, () => {
      queued = false;
      void beat();
    });
  };

  return {
    start() {
      void beat();
      p.clock.every(p.intervalMs ?? 60_000, () => void beat());
      const syncing = p.syncing;
      if (!syncing) return;
      let was = syncing.peek();
      effect(() => {
        const now = syncing.value;
        if (was && !now) untracked(soon);
        was = now;
      });
    },
    soon,
  };
}
