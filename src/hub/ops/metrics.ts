import type { CenterConfig } from '../../domain/index';
import type { Queryable } from '../db/port';
import { isSilent, listKioskHealth } from '../kiosks/health';

// /metrics (issue 13) in the Prometheus text format, so an IT person plugs the hub into the monitoring
// they already run. Kiosk states and queues come from the database (they hold across restarts and
// several hub processes); the counters are this process's since its start, as Prometheus expects.

export interface Counters {
  readonly events: Record<'applied' | 'duplicate' | 'rejected', number>;
  snapshotPulls: number;
  requestErrors: number;
}

export const createCounters = (): Counters => ({ events: { applied: 0, duplicate: 0, rejected: 0 }, snapshotPulls: 0, requestErrors: 0 });

export type KioskState = 'online' | 'silent' | 'never_seen';

/** Each configured kiosk's state: never seen (never enrolled, or enrolled and never called), silent, online. */
export function kioskStates(config: CenterConfig, health: Awaited<ReturnType<typeof listKioskHealth>>, now: number): Map<string, KioskState> {
  return new Map(config.kiosks.map((k) => {
    const h = health.get(k.id);
    const state: KioskState = !h?.enrolledAt || !h.lastSeenAt ? 'never_seen' : isSilent(h, now, config.rules.kioskSilentMinutes) ? 'silent' : 'online';
    return [k.id, state];
  }));
}

const label = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export async function renderMetrics(db: Queryable, config: CenterConfig, counters: Counters, now: number): Promise<string> {
  const health = await listKioskHealth(db);
  const states = kioskStates(config, health, now);
  const out: string[] = [];
  const metric = (name: string, type: 'gauge' | 'counter', help: string, samples: readonly [labels: string, value: number][]) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples.map(([l, v]) => `${name}${l} ${v}`));
  };
  metric('wsc_kiosks', 'gauge', 'Configured kiosks by state (silent: no call for kioskSilentMinutes).',
    (['online', 'silent', 'never_seen'] as const).map((s) => [`{state="${s}"}`, [...states.values()].filter((x) => x === s).length]));
  metric('wsc_kiosk_up', 'gauge', 'Per kiosk: 1 online, 0 silent or never seen.', [...states].map(([id, s]) => [`{kiosk="${label(id)}"}`, s === 'online' ? 1 : 0]));
  const beats = [...health.values()].filter((h) => h.heartbeat !== null && states.has(h.id));
  metric('wsc_kiosk_pending_events', 'gauge', 'Events waiting in a kiosk\'s outbox, from its last heartbeat.', beats.map((h) => [`{kiosk="${label(h.id)}"}`, h.heartbeat!.pending]));
  metric('wsc_kiosk_dead_letters', 'gauge', 'Events a kiosk set aside after the hub refused them, from its last heartbeat.', beats.map((h) => [`{kiosk="${label(h.id)}"}`, h.heartbeat!.deadLetters]));
  metric('wsc_events_total', 'counter', 'Kiosk events answered since the hub started, by result.',
    (['applied', 'duplicate', 'rejected'] as const).map((r) => [`{result="${r}"}`, counters.events[r]]));
  metric('wsc_snapshot_pulls_total', 'counter', 'Snapshots served to kiosks since the hub started.', [['', counters.snapshotPulls]]);
  metric('wsc_request_errors_total', 'counter', 'Requests answered 500 since the hub started (each logged with its error id).', [['', counters.requestErrors]]);
  return `${out.join('\n')}\n`;
}
