import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../src/domain/protocol';
import { err, ok, type Result } from '../../../src/domain/result';
import type { ApiFailure } from '../../../src/kiosk/data/api';
import type { CachedSnapshot } from '../../../src/kiosk/data/snapshot-cache';
import type { Clock } from '../../../src/kiosk/platform/clock';
import { createSnapshotModel } from '../../../src/kiosk/state/snapshot-model';
import { snapshot } from './snapshot-fixture';

function fakeClock(start = 1_000_000) {
  let t = start;
  const timers: { at: number; fn: () => void }[] = [];
  const clock: Clock = {
    now: () => t,
    after(ms, fn) {
      const timer = { at: t + ms, fn };
      timers.push(timer);
      return () => timers.splice(timers.indexOf(timer) >>> 0, 1);
    },
    every: () => () => {},
  };
  const advance = async (ms: number) => {
    t += ms;
    for (const timer of timers.filter((x) => x.at <= t)) {
      timers.splice(timers.indexOf(timer), 1);
      timer.fn();
    }
    await new Promise((r) => setTimeout(r, 0));
  };
  return { clock, advance, pending: () => timers.map((x) => x.at - t) };
}

function setup(opts: { cached?: CachedSnapshot | null; answers: Result<Snapshot, ApiFailure>[] }) {
  const c = fakeClock();
  const saved: { version: string; at: number }[] = [];
  const asked: number[] = [];
  const model = createSnapshotModel({
    api: {
      fetchSnapshot: async () => {
        asked.push(asked.length + 1);
        return opts.answers.shift() ?? err({ kind: 'network' });
      },
    },
    cache: {
      load: async () => opts.cached ?? null,
      save: async (s, at) => (saved.push({ version: (s as Snapshot).version, at }), true),
    },
    clock: c.clock,
    now: signal(c.clock.now()),
    browserOnline: true,
  });
  return { model, saved, asked, ...c };
}

describe('SnapshotModel', () => {
  it('fetches at start and keeps the snapshot', async () => {
    const s = setup({ answers: [ok(snapshot({ version: 'v2' }))] });
    await s.model.start();
    expect(s.asked).toEqual([1]);
    expect(s.model.snapshot.value?.version).toBe('v2');
    expect(s.model.receivedAt.value).toBe(1_000_000);
    expect(s.saved).toEqual([{ version: 'v2', at: 1_000_000 }]);
    expect(s.model.connection.value).toBe('online');
  });

  it('shows the cached snapshot and its age when the hub is unreachable', async () => {
    const s = setup({ cached: { snapshot: snapshot({ version: 'old' }), receivedAt: 5 }, answers: [err({ kind: 'network' })] });
    await s.model.start();
    expect(s.model.snapshot.value?.version).toBe('old');
    expect(s.model.receivedAt.value).toBe(5);
    expect(s.model.connection.value).toBe('offline');
    expect(s.saved).toEqual([]);
  });

  it('polls again after the snapshot poll interval of the last good snapshot', async () => {
    const s = setup({ answers: [ok(snapshot({ rules: { snapshotPollSeconds: 2 } })), ok(snapshot({ version: 'v3' }))] });
    await s.model.start();
    expect(s.pending()).toEqual([2000]);
    await s.advance(2000);
    expect(s.asked).toHaveLength(2);
    expect(s.model.snapshot.value?.version).toBe('v3');
  });

  it('fetches at once when the browser comes back online', async () => {
    const s = setup({ answers: [err({ kind: 'network' }), ok(snapshot())] });
    await s.model.start();
    s.model.setBrowserOnline(false);
    expect(s.model.connection.value).toBe('offline');
    s.model.setBrowserOnline(true);
    await s.model.refresh();
    expect(s.asked).toHaveLength(2);
    expect(s.model.connection.value).toBe('online');
  });
});
