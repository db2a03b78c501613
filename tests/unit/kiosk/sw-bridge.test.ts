import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/kiosk/platform/clock';
import { startServiceWorkerBridge, type WorkboxLike } from '../../../src/kiosk/platform/sw-bridge';

// The update bridge (issue 13's soak found a reload under a worker): a new version is applied only on the
// idle attract screen, and if the kiosk is taken into use while the new worker activates, the page waits
// for the next idle moment to reload.

function fakes() {
  const timers: { at: number; fn: () => void; every?: number }[] = [];
  let t = Date.parse('2027-01-04T02:00:00Z');
  const clock: Clock = {
    now: () => t,
    after: (ms, fn) => { const x = { at: t + ms, fn }; timers.push(x); return () => timers.splice(timers.indexOf(x), 1); },
    every: (ms, fn) => { const x = { at: t + ms, fn, every: ms }; timers.push(x); return () => timers.splice(timers.indexOf(x), 1); },
  };
  const advance = (ms: number) => {
    const end = t + ms;
    for (;;) {
      const due = timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      t = due.at;
      if (due.every) due.at += due.every;
      else timers.splice(timers.indexOf(due), 1);
      due.fn();
    }
    t = end;
  };
  const listeners: Record<string, () => void> = {};
  let skipped = 0;
  const wb: WorkboxLike = {
    addEventListener: (type, l) => void (listeners[type] = l),
    register: async () => undefined,
    update: async () => undefined,
    messageSkipWaiting: () => void skipped++,
  };
  let reloads = 0;
  const bridge = startServiceWorkerBridge({ clock, reload: () => void reloads++, register: true, loadWorkbox: async () => wb });
  return { bridge, advance, fire: (type: string) => listeners[type]!(), reloads: () => reloads, skipped: () => skipped };
}

describe('the service-worker bridge', () => {
  it('applies a waiting version on the idle attract screen and reloads once when the new worker takes over', async () => {
    const f = fakes();
    await Promise.resolve();
    f.bridge.reportIdle(true);
    f.fire('waiting');
    expect(f.skipped()).toBe(1);
    f.fire('controlling');
    expect(f.reloads()).toBe(1);
    f.fire('controlling');
    f.advance(60_000);
    expect(f.reloads()).toBe(1);
  });

  it('waits while a worker uses the kiosk, even when the new worker takes over meanwhile, and reloads at the next idle moment', async () => {
    const f = fakes();
    await Promise.resolve();
    f.bridge.reportIdle(false);
    f.fire('waiting');
    expect(f.skipped()).toBe(0); // not while in use
    f.bridge.reportIdle(true);
    expect(f.skipped()).toBe(1);
    f.bridge.reportIdle(false); // a worker taps in while the new worker activates
    f.fire('controlling');
    f.advance(20_000); // the fallback too waits
    expect(f.reloads()).toBe(0);
    f.bridge.reportIdle(true);
    expect(f.reloads()).toBe(1);
  });
});
