import { describe, expect, it } from 'vitest';
import { nextDailyAt, nightlyReloadDue } from '../../../src/domain/kiosk-clock';
import { decideUpdate } from '../../../src/kiosk/platform/sw-bridge';

const SH = 'Asia/Shanghai';

describe('nextDailyAt', () => {
  it('is later today when the time is still ahead', () => {
    const at = Date.parse('2026-05-12T16:00:00Z'); // 00:00 on the 13th in Shanghai
    expect(new Date(nextDailyAt(at, '03:00', SH)).toISOString()).toBe('2026-05-12T19:00:00.000Z');
  });

  it('is tomorrow when the time has passed', () => {
    const at = Date.parse('2026-05-12T06:00:00Z'); // 14:00 in Shanghai
    expect(new Date(nextDailyAt(at, '03:00', SH)).toISOString()).toBe('2026-05-12T19:00:00.000Z');
  });

  it('follows a DST zone across the spring jump', () => {
    const at = Date.parse('2026-03-28T12:00:00Z'); // Berlin, the day before summer time
    expect(new Date(nextDailyAt(at, '03:00', 'Europe/Berlin')).toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });
});

describe('nightlyReloadDue', () => {
  const loaded = Date.parse('2026-05-12T06:00:00Z');
  it('is not due before 03:00 comes around, and due after', () => {
    expect(nightlyReloadDue(loaded, Date.parse('2026-05-12T18:59:00Z'), '03:00', SH)).toBe(false);
    expect(nightlyReloadDue(loaded, Date.parse('2026-05-12T19:00:00Z'), '03:00', SH)).toBe(true);
  });
});

describe('decideUpdate', () => {
  const quiet = { updateWaiting: true, idle: true, busy: false, nightlyDue: false };
  it('applies a waiting update only when the kiosk is idle on the attract screen', () => {
    expect(decideUpdate(quiet)).toBe('apply-update');
    expect(decideUpdate({ ...quiet, idle: false })).toBe('wait');
  });

  it('does the nightly reload only when idle and no update is waiting', () => {
    expect(decideUpdate({ ...quiet, updateWaiting: false, nightlyDue: true })).toBe('nightly-reload');
    expect(decideUpdate({ ...quiet, updateWaiting: false, nightlyDue: true, idle: false })).toBe('wait');
  });

  it('does nothing twice', () => {
    expect(decideUpdate({ ...quiet, busy: true })).toBe('wait');
  });
});
