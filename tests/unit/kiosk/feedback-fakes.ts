import { fakeClock } from './fake-clock';
import { signal } from '@preact/signals';
import { RULE_DEFAULTS, type Rules } from '../../../src/domain/config/defaults';
import type { EventKind, PayloadOf } from '../../../src/domain/events';
import type { Snapshot } from '../../../src/domain/protocol';
import { err, ok } from '../../../src/domain/result';
import type { EventSink, RecordError } from '../../../src/kiosk/state/ports';
import type { JournalRecord } from '../../../src/kiosk/data/journal';
import { verifyEd25519 } from '../../../src/kiosk/platform/ed25519';
import { hashText } from '../../../src/kiosk/platform/hash';
import { createScanPipeline } from '../../../src/kiosk/state/checkin/scan-pipeline';
import type { Connection } from '../../../src/kiosk/state/sync/snapshot-model';

// Fakes for the feedback models: a sink that records calls (and can fail or hold its answer), a clock
// moved by the test, and the snapshot and rules signals.

export interface SinkCall {
  readonly kind: EventKind;
  readonly payload: unknown;
}

export function fakeSink() {
  const calls: SinkCall[] = [];
  let failWith: RecordError | 'throw' | null = null;
  let held: (() => void)[] | null = null;
  const sink: EventSink = {
    record<K extends EventKind>(kind: K, payload: PayloadOf<K>) {
      calls.push({ kind, payload });
      const answer = () => {
        if (failWith === 'throw') return Promise.reject(new Error('disk'));
        return Promise.resolve(failWith ? err(failWith) : ok({ id: `0190-id-${calls.length}` }));
      };
      if (held === null) return answer();
      return new Promise((resolve, reject) => held!.push(() => void answer().then(resolve, reject)));
    },
  };
  return {
    sink,
    calls,
    fail: (e: RecordError | 'throw' | null) => (failWith = e),
    /** answers wait until release() */
    hold: () => (held = []),
    release: async () => {
      const waiting = held ?? [];
      held = null;
      for (const go of waiting) go();
      await flush();
    },
  };
}

export const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

const name = (en: string) => ({ 'zh-CN': en, en });

export function feedbackPorts(over: Partial<Snapshot> = {}, start = 1_000_000) {
  const snapshot = signal<Snapshot | null>({
    feedbackTopics: [
      { id: 'gym', name: name('Gym') },
      { id: 'staff', name: name('Staff') },
    ],
    ...over,
  } as unknown as Snapshot);
  const rules = signal<Rules>({ ...RULE_DEFAULTS });
  const sink = fakeSink();
  const time = fakeClock(start);
  const visits: JournalRecord[] = [];
  // the real scan pipeline, for signing a suggestion: badges verify with the snapshot's keys
  const scans = createScanPipeline({
    sink: sink.sink, snapshot, rules, timeZone: signal('Asia/Shanghai'), connection: signal<Connection>('online'), verify: verifyEd25519, hash: hashText,
    lastVisits: signal(new Map()), visitRecords: { add: (list) => void visits.push(...list) },
  });
  return { snapshot, rules, sink, time, visits, ports: { sink: sink.sink, clock: time.clock, snapshot, rules, scans } };
}
