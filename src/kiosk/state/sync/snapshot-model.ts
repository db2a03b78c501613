import { batch, computed, effect, signal, untracked, type ReadonlySignal } from '@preact/signals';
import { RULE_DEFAULTS, type Rules } from '../../../domain/config/defaults';
import { deriveFreshness } from '../../../domain/schedule';
import type { Snapshot } from '../../../domain/protocol';
import { err, ok, type Result } from '../../../domain/result';
import type { CardMapEntry } from '../../../domain/card';
import { identityEdit, joinParts, syncTag, type HeldParts, type IdentityEdit, type SyncResponse } from '../../../domain/sync';
import type { HubApi } from '../../data/api';
import type { PartsWrite, SnapshotCache } from '../../data/snapshot-cache';
import type { Clock } from '../../platform/clock';

/** The rules a snapshot carries, over the defaults; a value of the wrong type keeps the default. */
export function deriveRules(snapshot: Snapshot | null): Rules {
  const rules: Record<string, number | string> = { ...RULE_DEFAULTS };
  for (const [key, value] of Object.entries(snapshot?.rules ?? {})) {
    if (key in RULE_DEFAULTS && typeof value === typeof rules[key]) rules[key] = value;
  }
  return rules as Rules;
}

export type MergeProblem = 'incomplete' | 'stale_base';

/**
 * The parts after a pull (issue 14): what came replaces what the kiosk held, identity changes are turned
 * into an edit of the identity part they were made against. The card map after changes is the held one,
 * which the caller edits in place with the edit (editCardMap): a copy of 75,000 entries per change was
 * the longest task of a poll. `incomplete` (a part neither held nor sent) and `stale_base` (changes
 * against another version) mean the next pull asks for everything.
 */
export function mergeSync(held: HeldParts | null, r: SyncResponse): Result<{ parts: HeldParts; identity: PartsWrite['identity'] }, MergeProblem> {
  const config = r.config ?? held?.config;
  const day = r.day ?? held?.day;
  let identity = held?.identity;
  let write: PartsWrite['identity'] = null;
  if (r.identity && 'full' in r.identity) {
    identity = { version: r.identity.version, data: r.identity.full };
    write = { kind: 'full' };
  } else if (r.identity) {
    if (!held || held.identity.version !== r.identity.since) return err('stale_base');
    const edit = identityEdit(held.identity.data, r.identity.changes);
    identity = { version: r.identity.version, data: { revokedMembers: edit.revokedMembers, revokedBadges: edit.revokedBadges, cardMap: held.identity.data.cardMap } };
    write = { kind: 'edit', edit };
  }
  if (!config || !day || !identity) return err('incomplete');
  return ok({ parts: { config, day, identity }, identity: write });
}

/** Applies an edit to the card map the kiosk holds, in place. */
export function editCardMap(map: Record<string, CardMapEntry>, edit: Pick<IdentityEdit, 'put' | 'del'>): void {
  for (const k of edit.del) delete map[k];
  for (const [k, e] of edit.put) map[k] = e;
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
}

export interface SnapshotPorts {
  readonly api: Pick<HubApi, 'fetchSync'>;
  readonly cache: SnapshotCache;
  readonly clock: Clock;
  readonly now: ReadonlySignal<number>;
  /** the browser's online/offline events: offline at once, and a pull as soon as it is back */
  readonly browserOnline: ReadonlySignal<boolean>;
  /** when the outbox last sent: the hub's verdicts on it (a booking confirmed or refused) are pulled at once */
  readonly sent?: ReadonlySignal<number | null>;
}

export function createSnapshotModel(p: SnapshotPorts): SnapshotModel {
  const snapshot = signal<Snapshot | null>(null);
  const receivedAt = signal<number | null>(null);
  const lastFetchOk = signal<boolean | null>(null);
  const browserOnline = p.browserOnline;
  const rules = computed(() => deriveRules(snapshot.value));
  let inFlight: Promise<void> | null = null;
  let cancelNext = () => {};

  const scheduleNext = () => {
    cancelNext();
    cancelNext = p.clock.after(Math.max(1, rules.value.snapshotPollSeconds) * 1000, () => void refresh());
  };

  let held: { parts: HeldParts; serverTime: string } | null = null;
  let askAll = false; // the last answer could not be merged: the next pull holds nothing

  const fetchOnce = async () => {
    const tag = held && !askAll ? syncTag({ config: held.parts.config.version, identity: held.parts.identity.version, day: held.parts.day.version }) : null;
    const result = await p.api.fetchSync(tag);
    const at = p.clock.now();
    if (!result.ok) {
      lastFetchOk.value = false;
      return;
    }
    if (result.value === 'unchanged') {
      // nothing is written: the time of this answer is kept in memory only (issue 14: no write per poll)
      batch(() => {
        receivedAt.value = at;
        lastFetchOk.value = true;
      });
      return;
    }
    const merged = mergeSync(askAll ? null : (held?.parts ?? null), result.value);
    askAll = !merged.ok;
    if (!merged.ok) {
      lastFetchOk.value = true; // the hub answered; what it sent is asked for again in full
      return;
    }
    const write = merged.value.identity;
    if (write?.kind === 'edit') editCardMap(merged.value.parts.identity.data.cardMap as Record<string, CardMapEntry>, write.edit);
    held = { parts: merged.value.parts, serverTime: result.value.serverTime };
    await p.cache.save({ ...held, receivedAt: at, identity: merged.value.identity });
    const next = joinParts(held.parts, held.serverTime);
    batch(() => {
      if (snapshot.value?.version !== next.version || snapshot.value.serverTime !== next.serverTime) snapshot.value = next;
      receivedAt.value = at;
      lastFetchOk.value = true;
    });
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
        held = { parts: cached.parts, serverTime: cached.serverTime };
        batch(() => {
          snapshot.value = joinParts(cached.parts, cached.serverTime);
          receivedAt.value = cached.receivedAt;
        });
      }
      let was = browserOnline.peek();
      effect(() => {
        const online = browserOnline.value;
        if (online && !was) void refresh();
        was = online;
      });
      const sent = p.sent;
      if (sent) effect(() => void (sent.value !== null && untracked(() => void refresh())));
      await refresh();
    },
    refresh,
  };
}
