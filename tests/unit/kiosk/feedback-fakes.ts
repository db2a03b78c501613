import { fakeClock } from './fake-clock';
import { signal } from '@preact/signals';
import { RULE_DEFAULTS, type Rules } from '../../../src/domain/config/defaults';
import type { EventKind, PayloadOf } from '../../../src/domain/events';
import type { Snapshot } from '../../../src/domain/protocol';
import { err, ok } from '../../../src/domain/result';
import type { Clock } from '../../../src/kiosk/platform/clock';
import type { EventSink, RecordError } from '../../../src/kiosk/state/ports';

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

export function feedbackPorts() {
  const snapshot = signal<Snapshot | null>({
    feedbackTopics: [
      { id: 'gym', name: name('Gym') },
      { id: 'staff', name: name('Staff') },
    ],
  } as unknown as Snapshot);
  const rules = signal<Rules>({ ...RULE_DEFAULTS });
  const sink = fakeSink();
  const time = fakeClock(1_000_000);
  return { snapshot, rules, sink, time, ports: { sink: sink.sink, clock: time.clock, snapshot, rules } };
}
