import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import { RULE_DEFAULTS, type Rules } from '../../domain/config/defaults';
import { deriveFreshness } from '../../domain/schedule';
import type { Snapshot } from '../../domain/protocol';
import type { HubApi } from '../data/api';
import type { SnapshotCache } from '../data/snapshot-cache';
import type { Clock } from '../platform/clock';

/** The rules a snapshot carries, over the defaults; a value of the wrong type keeps the default. */
export function deriveRules(snapshot: Snapshot | null): Rules {
  const rules: Record<string, number | string> = { ...RULE_DEFAULTS };
  for (const [key, value] of Object.entries(snapshot?.rules ?? {})) {
    if (key in RULE_DEFAULTS && typeof value === typeof rules[key]) rules[key] = value;
  }
  return rules as Rules;
}

export type FreshnessView =
  | { readonly kind: 'waiting' }
  | { readonly kind: 'updated'; readonly stale: boolean; readonly receivedAt: number };

/** What the kiosk says about the age of its schedule: waiting for a first one, updated at, or stale. */
export function deriveFreshnessView(receivedAt: number | null, now: number, staleMinutes: number): FreshnessView {
  if (receivedAt === null) return { kind: 'waiting' };
  return { kind: 'updated', stale: deriveFreshness(receivedAt, now, staleMinutes).stale, receivedAt };
}

export type Connection = 'online' | 'offline';

/** Online means the browser has a network and the last call to the hub (if any yet) got through. */
export function deriveConnection(browserOnline: boolean, lastFetchOk: boolean | null): Connection {
  return browserOnline && lastFetchOk !== false ? 'online' : 'offline';
}

export interface SnapshotModel {
  readonly snapshot: ReadonlySignal<Snapshot | null>;
  readonly receivedAt: ReadonlySignal<number | null>;
  readonly rules: ReadonlySignal<Rules>;
  readonly freshness: ReadonlySignal<FreshnessView>;
  readonly connection: ReadonlySignal<Connection>;
  /** reads the cache, fetches (with the device token the api adds), and keeps polling */
  start(): Promise<void>;
  refresh(): Promise<void>;
  setBrowserOnline(online: boolean): void;
}

export interface SnapshotPorts {
  readonly api: Pick<HubApi, 'fetchSnapshot'>;
  readonly cache: SnapshotCache;
  readonly clock: Clock;
  readonly now: ReadonlySignal<number>;
  readonly browserOnline: boolean;
}

export function createSnapshotModel(p: SnapshotPorts): SnapshotModel {
  const snapshot = signal<Snapshot | null>(null);
  const receivedAt = signal<number | null>(null);
  const lastFetchOk = signal<boolean | null>(null);
  const browserOnline = signal(p.browserOnline);
  const rules = computed(() => deriveRules(snapshot.value));
  let inFlight: Promise<void> | null = null;
  let cancelNext = () => {};

  const scheduleNext = () => {
    cancelNext();
    cancelNext = p.clock.after(Math.max(1, rules.value.snapshotPollSeconds) * 1000, () => void refresh());
  };

  const fetchOnce = async () => {
    const result = await p.api.fetchSnapshot();
    const at = p.clock.now();
    if (result.ok) {
      await p.cache.save(result.value, at);
      batch(() => {
        if (snapshot.value?.version !== result.value.version) snapshot.value = result.value;
        receivedAt.value = at;
        lastFetchOk.value = true;
      });
    } else {
      lastFetchOk.value = false;
    }
  };

  const refresh = (): Promise<void> => {
    inFlight ??= fetchOnce().finally(() => {
      inFlight = null;
      scheduleNext();
    });
    return inFlight;
  };

  return {
    snapshot,
    receivedAt,
    rules,
    freshness: computed(() => deriveFreshnessView(receivedAt.value, p.now.value, rules.value.snapshotStaleMinutes)),
    connection: computed(() => deriveConnection(browserOnline.value, lastFetchOk.value)),
    async start() {
      const cached = await p.cache.load();
      if (cached && snapshot.value === null) {
        batch(() => {
          snapshot.value = cached.snapshot;
          receivedAt.value = cached.receivedAt;
        });
      }
      await refresh();
    },
    refresh,
    setBrowserOnline(online) {
      browserOnline.value = online;
      if (online) void refresh();
    },
  };
}
