import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { KioskEvent } from '../../../domain/events';
import { parsePinHash, pinDelaySeconds } from '../../../domain/pin';
import type { DeadLetter, OutboxStats, StuckSummary } from '../../data/outbox';
import type { StorageState } from '../../platform/storage';
import type { SyncError } from '../sync/sync-model';

// screens see dead letters through this model, never through data/
export type { DeadLetter } from '../../data/outbox';

// Staff mode: a hidden long press on the logo, then the PIN from the kiosk's config (checked offline
// against its hash), then the sync panel. Wrong PINs wait longer each time. It closes on idle too.

export type StaffMode = 'closed' | 'pin' | 'panel';
export const PIN_MAX = 8;

export interface PinView {
  readonly configured: boolean; // the kiosk has a usable PIN hash
  readonly entered: number; // digits typed so far (shown as dots)
  readonly wrong: boolean; // the last try was wrong
  readonly waitSeconds: number; // > 0: no new try before this many seconds
  readonly checking: boolean;
}

export function derivePinView(i: {
  pinHash: string | null;
  entered: string;
  failures: number;
  lastFailureAt: number | null;
  now: number;
  checking: boolean;
}): PinView {
  const until = i.lastFailureAt === null ? 0 : i.lastFailureAt + pinDelaySeconds(i.failures) * 1000;
  return {
    configured: i.pinHash !== null && parsePinHash(i.pinHash) !== null,
    entered: i.entered.length,
    wrong: i.failures > 0 && i.entered.length === 0,
    waitSeconds: Math.max(0, Math.ceil((until - i.now) / 1000)),
    checking: i.checking,
  };
}

export type EnrollmentLabel = 'enrolled' | 'none' | 'refused';

export interface StaffPanelView {
  readonly kioskId: string | null;
  readonly enrollment: EnrollmentLabel;
  readonly refusedStatus: number | null;
  readonly online: boolean;
  readonly pending: number;
  readonly oldestAgeMs: number | null;
  readonly lastSuccessAgoMs: number | null;
  readonly lastError: SyncError | null;
  readonly stopped: boolean;
  readonly retryInMs: number | null;
  readonly deadLetters: number;
  /** events the hub keeps failing on (issue 10): kept and retried, shown so staff can tell the IT person */
  readonly stuck: StuckSummary | null;
  readonly storage: StorageState | null;
}

export function deriveStaffPanel(i: {
  kioskId: string | null;
  refused: number | null;
  online: boolean;
  stats: OutboxStats;
  lastSuccessAt: number | null;
  lastError: SyncError | null;
  stopped: boolean;
  retryAt: number | null;
  storage: StorageState | null;
  now: number;
}): StaffPanelView {
  const oldest = i.stats.oldestAt === null ? null : Date.parse(i.stats.oldestAt);
  return {
    kioskId: i.kioskId,
    enrollment: i.kioskId === null ? 'none' : i.refused !== null || i.stopped ? 'refused' : 'enrolled',
    refusedStatus: i.refused,
    online: i.online,
    pending: i.stats.pending,
    oldestAgeMs: oldest === null || Number.isNaN(oldest) ? null : Math.max(0, i.now - oldest),
    lastSuccessAgoMs: i.lastSuccessAt === null ? null : Math.max(0, i.now - i.lastSuccessAt),
    lastError: i.lastError,
    stopped: i.stopped,
    retryInMs: i.retryAt === null ? null : Math.max(0, i.retryAt - i.now),
    deadLetters: i.stats.deadLetters,
    stuck: i.stats.stuck,
    storage: i.storage,
  };
}

/** `pending-<kiosk>-<time>.json`, the time in UTC without characters file systems dislike. */
export function exportFileName(kioskId: string | null, now: number): string {
  const time = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
  return `pending-${kioskId ?? 'not-enrolled'}-${time}.json`;
}

export function deriveExport(kioskId: string | null, now: number, pending: readonly KioskEvent[], dead: readonly DeadLetter[]) {
  const body = {
    kioskId,
    exportedAt: new Date(now).toISOString(),
    pending,
    deadLetters: dead.map((d) => ({ ...d, at: new Date(d.at).toISOString() })),
  };
  return { name: exportFileName(kioskId, now), text: JSON.stringify(body, null, 2) };
}

export interface StaffModel {
  readonly mode: ReadonlySignal<StaffMode>;
  readonly pin: ReadonlySignal<PinView>;
  readonly storage: ReadonlySignal<StorageState | null>;
  readonly deadLetters: ReadonlySignal<readonly DeadLetter[]>;
  readonly busy: ReadonlySignal<boolean>;
  open(): void;
  digit(d: string): void;
  clear(): void;
  submit(): Promise<void>;
  close(): void;
  syncNow(): Promise<void>;
  exportPending(): Promise<void>;
}

export interface StaffPorts {
  /** the kiosk's PIN hash from its snapshot; read inside computeds, so a signal read in it is tracked */
  readonly pinHash: () => string | null;
  readonly verify: (pin: string, hash: string) => Promise<boolean>;
  readonly now: ReadonlySignal<number>;
  readonly clockNow: () => number;
  readonly kioskId: () => string | null;
  readonly readStorage: () => Promise<StorageState>;
  readonly loadDeadLetters: () => Promise<DeadLetter[]>;
  readonly loadPending: () => Promise<KioskEvent[]>;
  readonly flush: () => Promise<void>;
  readonly download: (name: string, text: string) => void;
}

export function createStaffModel(p: StaffPorts): StaffModel {
  const mode = signal<StaffMode>('closed');
  const entered = signal('');
  const failures = signal(0);
  const lastFailureAt = signal<number | null>(null);
  const checking = signal(false);
  const storage = signal<StorageState | null>(null);
  const deadLetters = signal<readonly DeadLetter[]>([]);
  const busy = signal(false);
  const pin = computed(() =>
    derivePinView({
      pinHash: p.pinHash(), entered: entered.value, failures: failures.value, lastFailureAt: lastFailureAt.value,
      now: Math.max(p.now.value, p.clockNow()), checking: checking.value,
    }),
  );

  const refresh = async () => {
    const [s, d] = await Promise.all([p.readStorage(), p.loadDeadLetters().catch(() => [])]);
    batch(() => {
      storage.value = s;
      deadLetters.value = d;
    });
  };

  return {
    mode,
    pin,
    storage,
    deadLetters,
    busy,
    open() {
      entered.value = '';
      mode.value = 'pin';
    },
    digit(d) {
      if (/^\d$/.test(d) && entered.value.length < PIN_MAX) entered.value += d;
    },
    clear: () => (entered.value = ''),
    async submit() {
      const hash = p.pinHash();
      const view = pin.value;
      if (hash === null || !view.configured || view.checking || view.entered === 0) return;
      if (Math.ceil(((lastFailureAt.value ?? 0) + pinDelaySeconds(failures.value) * 1000 - p.clockNow()) / 1000) > 0) return;
      checking.value = true;
      const good = await p.verify(entered.value, hash);
      batch(() => {
        checking.value = false;
        entered.value = '';
        if (good) {
          failures.value = 0;
          lastFailureAt.value = null;
          mode.value = 'panel';
        } else {
          failures.value++;
          lastFailureAt.value = p.clockNow();
        }
      });
      if (good) await refresh();
    },
    close() {
      entered.value = '';
      mode.value = 'closed';
    },
    async syncNow() {
      busy.value = true;
      try {
        await p.flush();
        await refresh();
      } finally {
        busy.value = false;
      }
    },
    async exportPending() {
      const [pending, dead] = await Promise.all([p.loadPending().catch(() => []), p.loadDeadLetters().catch(() => [])]);
      const file = deriveExport(p.kioskId(), p.clockNow(), pending, dead);
      p.download(file.name, file.text);
    },
  };
}
