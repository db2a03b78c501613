import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import type { Heartbeat } from '../../../src/domain/events';
import { ok } from '../../../src/domain/result';
import { createHeartbeatModel } from '../../../src/kiosk/state/sync/heartbeat-model';
import { fakeClock } from './fake-clock';

describe('heartbeat camera field', () => {
  const beat = async (camera?: () => string) => {
    const sent: Heartbeat[] = [];
    const time = fakeClock();
    createHeartbeatModel({
      version: '1', enrolled: () => true, stats: signal({ pending: 0, oldestAt: null, deadLetters: 0, stuck: null }), lastSuccessAt: signal(null),
      lastError: signal(null), readStorage: async () => ({ persisted: true, usage: 1, quota: 2 }),
      post: async (hb) => (sent.push(hb), ok(undefined)), clock: time.clock, ...(camera && { camera }),
    }).start();
    await time.settle();
    return sent[0]!;
  };

  it('reports the scanner state the kiosk is given, e.g. scanning with the default camera', async () => {
    expect((await beat(() => 'scanning:default')).camera).toBe('scanning:default');
  });

  it('says none on a kiosk that has no camera scanner', async () => {
    expect((await beat()).camera).toBe('none');
  });
});

describe('heartbeat timing', () => {
  it('beats again soon after a send of the outbox ends, not while it runs, and not before the minimum gap', async () => {
    const sent: Heartbeat[] = [];
    const time = fakeClock();
    const syncing = signal(false);
    createHeartbeatModel({
      version: '1', enrolled: () => true, stats: signal({ pending: 0, oldestAt: null, deadLetters: 0, stuck: null }), lastSuccessAt: signal(null),
      lastError: signal(null), readStorage: async () => ({ persisted: true, usage: 1, quota: 2 }),
      post: async (hb) => (sent.push(hb), ok(undefined)), clock: time.clock, syncing, minGapMs: 10_000,
    }).start();
    await time.settle();
    expect(sent).toHaveLength(1);
    syncing.value = true;
    await time.advance(5_000);
    expect(sent).toHaveLength(1);
    syncing.value = false;
    await time.advance(4_000);
    expect(sent).toHaveLength(1); // 9 s after the first beat: the gap holds it back
    await time.advance(1_000);
    expect(sent).toHaveLength(2);
  });
});
