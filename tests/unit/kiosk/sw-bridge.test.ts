import { describe, expect, it } from 'vitest';
import { startServiceWorkerBridge, type WorkboxLike } from '../../../src/kiosk/platform/sw-bridge';
import { fakeClock } from './fake-clock';

// The update bridge (issue 13's soak found a reload under a worker): a new version is applied only on the
// idle attract screen, and if the kiosk is taken into use while the new worker activates, the page waits
// for the next idle moment to reload.

function fakes(start = '2027-01-04T02:00:00Z') {
  const { clock, advance } = fakeClock(Date.parse(start));
  const listeners: Record<string, () => void> = {};
  let skipped = 0;
  const registration: { waiting: unknown } = { waiting: null };
  const wb: WorkboxLike = {
    addEventListener: (type, l) => void (listeners[type] = l),
    register: async () => registration,
    update: async () => undefined,
    messageSkipWaiting: () => void skipped++,
  };
  let reloads = 0;
  // what pageComesBack answers: a worker controls the page, or the hub answers for it
  const back = { answer: async (): Promise<boolean> => true };
  const bridge = startServiceWorkerBridge({ clock, reload: () => void reloads++, comesBack: () => back.answer(), register: true, loadWorkbox: async () => wb });
  const fire = (type: string) => {
    if (type === 'waiting') registration.waiting = {};
    if (type === 'controlling') registration.waiting = null;
    listeners[type]!();
  };
  return { bridge, advance, fire, registration, back, reloads: () => reloads, skipped: () => skipped };
}

/** 02:58 in the center (Asia/Shanghai) */
const NEARLY_THREE = '2027-01-03T18:58:00Z';

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
    await f.advance(60_000);
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
    await f.advance(20_000); // the fallback too waits
    expect(f.reloads()).toBe(0);
    f.bridge.reportIdle(true);
    expect(f.reloads()).toBe(1);
  });

  it('does not reload on the fallback while the new worker still waits, asks it again, and reloads once it has taken over', async () => {
    const f = fakes();
    await Promise.resolve();
    f.bridge.reportIdle(true);
    f.fire('waiting');
    await Promise.resolve(); // the registration is in
    expect(f.skipped()).toBe(1);
    await f.advance(16_000); // no 'controlling', and the worker has not moved
    expect(f.reloads()).toBe(0);
    expect(f.skipped()).toBe(2);
    f.registration.waiting = null; // it took over, and 'controlling' was missed
    await f.advance(16_000);
    expect(f.reloads()).toBe(1);
    await f.advance(60_000);
    expect(f.reloads()).toBe(1);
  });

  it('gives the update up for the page after a minute without a takeover, so the nightly reload still comes', async () => {
    const f = fakes(); // 02:00 in UTC is 10:00 in the center: the next 03:00 is 17 h away
    await Promise.resolve();
    f.bridge.reportIdle(true);
    f.fire('waiting');
    await Promise.resolve();
    await f.advance(61_000);
    expect(f.skipped()).toBe(4);
    expect(f.reloads()).toBe(0);
    await f.advance(60_000);
    expect(f.skipped()).toBe(4); // not asked again on this page
    await f.advance(17 * 3_600_000);
    expect(f.reloads()).toBe(1); // the nightly reload: the next page tries the update again
  });

  it('keeps a page that would not come back running through its nightly reload, and reloads once it would', async () => {
    const f = fakes(NEARLY_THREE); // the nightly reload comes due in 2 minutes
    await Promise.resolve();
    f.bridge.reportIdle(true);
    f.back.answer = async () => false; // no worker controls the page, and the hub does not answer
    await f.advance(10 * 60_000);
    expect(f.reloads()).toBe(0);
    f.back.answer = async () => true;
    await f.advance(60_000);
    expect(f.reloads()).toBe(1);
    await f.advance(60_000);
    expect(f.reloads()).toBe(1);
  });

  it('does not reload at night under a worker who started using the kiosk while it asked whether the page comes back', async () => {
    const f = fakes(NEARLY_THREE);
    await Promise.resolve();
    f.bridge.reportIdle(true);
    let answer = (_: boolean) => {};
    f.back.answer = () => new Promise((r) => (answer = r));
    await f.advance(3 * 60_000);
    f.bridge.reportIdle(false);
    answer(true);
    await f.advance(0);
    expect(f.reloads()).toBe(0);
    f.back.answer = async () => true;
    f.bridge.reportIdle(true); // idle again: asked again, and reloads
    await f.advance(0);
    expect(f.reloads()).toBe(1);
  });

  it('reloads at the next idle moment when the new worker takes over after the page gave the update up', async () => {
    const f = fakes();
    await Promise.resolve();
    f.bridge.reportIdle(true);
    f.fire('waiting');
    await Promise.resolve();
    await f.advance(61_000); // given up
    f.bridge.reportIdle(false); // a member walks up
    f.fire('controlling'); // the browser lets the new worker take over minutes later
    expect(f.reloads()).toBe(0);
    f.bridge.reportIdle(true);
    expect(f.reloads()).toBe(1);
  });

  it('does not reload when the very first worker takes control of a page that never asked', async () => {
    const f = fakes();
    await Promise.resolve();
    f.bridge.reportIdle(true);
    f.fire('controlling');
    expect(f.reloads()).toBe(0);
  });
});
