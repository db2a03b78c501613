import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { createIdleModel, deriveIdle } from '../../../src/kiosk/state/shell/idle-model';

const base = { onAttract: false, lastActivityAt: 0, idleSeconds: 30, countdownSeconds: 5 };

describe('deriveIdle', () => {
  it('shows no countdown before the last 5 seconds', () => {
    expect(deriveIdle({ ...base, now: 24_999 })).toEqual({ countdown: null, expired: false, quiet: false });
  });

  it('counts down 5, 4 … 1 in the last 5 seconds', () => {
    expect(deriveIdle({ ...base, now: 25_000 }).countdown).toBe(5);
    expect(deriveIdle({ ...base, now: 26_500 }).countdown).toBe(4);
    expect(deriveIdle({ ...base, now: 29_999 }).countdown).toBe(1);
  });

  it('expires after idleSeconds without a touch', () => {
    expect(deriveIdle({ ...base, now: 30_000 })).toEqual({ countdown: null, expired: true, quiet: false });
  });

  it('never counts down or expires on the attract screen, and reports it quiet after idleSeconds', () => {
    expect(deriveIdle({ ...base, onAttract: true, now: 10_000 })).toEqual({ countdown: null, expired: false, quiet: false });
    expect(deriveIdle({ ...base, onAttract: true, now: 90_000 })).toEqual({ countdown: null, expired: false, quiet: true });
  });
});

describe('IdleModel', () => {
  function setup() {
    let clock = 0;
    const now = signal(0);
    const onAttract = signal(false);
    let expired = 0;
    const model = createIdleModel({
      now,
      clockNow: () => clock,
      onAttract,
      idleSeconds: signal(30),
      countdownSeconds: signal(5),
      onExpire: () => {
        expired++;
        onAttract.value = true;
      },
    });
    const advance = (ms: number) => {
      clock += ms;
      now.value = clock;
    };
    return { model, advance, onAttract, expired: () => expired };
  }

  it('returns to the attract screen once after 30 s untouched', () => {
    const s = setup();
    s.advance(26_000);
    expect(s.model.countdown.value).toBe(4);
    s.advance(4_000);
    expect(s.expired()).toBe(1);
    expect(s.onAttract.value).toBe(true);
    s.advance(60_000);
    expect(s.expired()).toBe(1);
  });

  it('gives a screen opened without a touch (a camera scan) the full idle time', () => {
    const s = setup();
    s.onAttract.value = true;
    s.advance(3_600_000);
    s.onAttract.value = false;
    expect(s.expired()).toBe(0);
    expect(s.model.countdown.value).toBeNull();
    s.advance(26_000);
    expect(s.model.countdown.value).toBe(4);
    s.advance(4_000);
    expect(s.expired()).toBe(1);
  });

  it('starts over on a touch, hiding the countdown', () => {
    const s = setup();
    s.advance(28_000);
    expect(s.model.countdown.value).toBe(2);
    s.model.touch();
    expect(s.model.countdown.value).toBeNull();
    s.advance(29_000);
    expect(s.expired()).toBe(0);
  });
});
