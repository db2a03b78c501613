import { computed, type ReadonlySignal } from '@preact/signals';
import type { GymState } from '../../../domain/gym';
import { deriveOccupancy } from '../../../domain/gym-decide';
import type { Snapshot } from '../../../domain/protocol';
import type { LocalizedText } from '../../../domain/text';
import type { LocalKnowledge } from './checkin-knowledge';

// The attract screen's equipment panel: free units and queue length per group, and the head of each
// queue called out by masked name when a freed unit waits for them (DESIGN §4.2). Live from the snapshot's
// today plus this kiosk's own steps, settled with the clock (offers run out, limits end sessions).

export interface OccupancyRow {
  readonly group: string;
  readonly name: LocalizedText;
  readonly free: number;
  readonly busy: number;
  readonly inService: number;
  readonly queueLength: number;
  /** the head of the queue with a unit on offer: shown by masked name, unit and deadline */
  readonly call: { readonly name: string | null; readonly unit: number; readonly claimBy: number } | null;
}

export function deriveOccupancyRows(snapshot: Snapshot | null, gym: GymState, names: ReadonlyMap<string, string>, now: number): OccupancyRow[] {
  const labels = new Map(snapshot?.equipment.map((g) => [g.id, g.name]) ?? []);
  return deriveOccupancy(gym, now).map((row) => ({
    group: row.group,
    name: labels.get(row.group) ?? { 'zh-CN': row.group, en: row.group },
    free: row.free,
    busy: row.busy,
    inService: row.inService,
    queueLength: row.queueLength,
    call: row.head?.unit != null && row.head.claimBy !== null
      ? { name: names.get(row.head.memberId) ?? null, unit: row.head.unit, claimBy: row.head.claimBy }
      : null,
  }));
}

export interface GymModel {
  /** empty when the kiosk does not have the gym feature */
  readonly occupancy: ReadonlySignal<readonly OccupancyRow[]>;
}

export interface GymPorts {
  readonly snapshot: ReadonlySignal<Snapshot | null>;
  readonly knowledge: LocalKnowledge;
  readonly now: ReadonlySignal<number>;
  readonly features: ReadonlySignal<readonly string[]>;
}

export function createGymModel(p: GymPorts): GymModel {
  return {
    occupancy: computed(() =>
      p.features.value.includes('gym')
        ? deriveOccupancyRows(p.snapshot.value, p.knowledge.gym.value, p.knowledge.knowledge.value.names, p.now.value)
        : []),
  };
}
