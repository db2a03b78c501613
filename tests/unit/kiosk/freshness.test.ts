import { describe, expect, it } from 'vitest';
import { deriveFreshnessLabel } from '../../../src/kiosk/ui/format';
import { deriveConnection, deriveFreshnessView, deriveRules } from '../../../src/kiosk/state/sync/snapshot-model';
import { snapshot } from '../../fixtures/snapshot';

const TZ = 'Asia/Shanghai';
const at1405 = Date.parse('2026-05-12T06:05:00.000Z'); // 14:05 in Shanghai
const MIN = 60_000;

describe('deriveFreshnessView', () => {
  it('waits when the kiosk never had a snapshot', () => {
    expect(deriveFreshnessView(null, at1405, 10)).toEqual({ kind: 'waiting' });
  });

  it('is fresh up to 10 minutes and stale after', () => {
    expect(deriveFreshnessView(at1405, at1405 + 10 * MIN, 10)).toEqual({ kind: 'updated', stale: false, receivedAt: at1405 });
    expect(deriveFreshnessView(at1405, at1405 + 10 * MIN + 1, 10)).toEqual({ kind: 'updated', stale: true, receivedAt: at1405 });
  });
});

describe('deriveFreshnessLabel', () => {
  it('says "Updated 14:05" in the center time zone, and 更新于 14:05 in Chinese', () => {
    const view = deriveFreshnessView(at1405, at1405 + MIN, 10);
    expect(deriveFreshnessLabel('en', view, at1405 + MIN, TZ)).toEqual({ state: 'fresh', updated: 'Updated 14:05', warning: null });
    expect(deriveFreshnessLabel('zh-CN', view, at1405 + MIN, TZ).updated).toBe('更新于 14:05');
  });

  it('adds a plain out-of-date note once stale, keeping the time', () => {
    const later = at1405 + 11 * MIN;
    const label = deriveFreshnessLabel('en', deriveFreshnessView(at1405, later, 10), later, TZ);
    expect(label).toEqual({ state: 'stale', updated: 'Updated 14:05', warning: 'The schedule may be out of date' });
    expect(deriveFreshnessLabel('zh-CN', deriveFreshnessView(at1405, later, 10), later, TZ).warning).toBe('日程可能不是最新的');
  });

  it('names the day when the snapshot is from an earlier day', () => {
    const nextDay = at1405 + 24 * 60 * MIN;
    expect(deriveFreshnessLabel('en', deriveFreshnessView(at1405, nextDay, 10), nextDay, TZ).updated).toBe('Updated 12 May 14:05');
    expect(deriveFreshnessLabel('zh-CN', deriveFreshnessView(at1405, nextDay, 10), nextDay, TZ).updated).toBe('更新于 5月12日 14:05');
  });

  it('says plainly that it waits for the hub when there never was a snapshot', () => {
    expect(deriveFreshnessLabel('en', { kind: 'waiting' }, at1405, TZ)).toEqual({ state: 'waiting', updated: null, warning: 'Waiting for the hub' });
  });
});

describe('deriveConnection', () => {
  it('is online until a call to the hub fails, and offline without a network', () => {
    expect(deriveConnection(true, null)).toBe('online');
    expect(deriveConnection(true, true)).toBe('online');
    expect(deriveConnection(true, false)).toBe('offline');
    expect(deriveConnection(false, true)).toBe('offline');
  });
});

describe('deriveRules', () => {
  it('takes the snapshot rules over the defaults and ignores values of the wrong type', () => {
    const rules = deriveRules(snapshot({ rules: { snapshotPollSeconds: 2, snapshotStaleMinutes: 'soon', unknownRule: 1 } }));
    expect(rules.snapshotPollSeconds).toBe(2);
    expect(rules.snapshotStaleMinutes).toBe(10);
    expect('unknownRule' in rules).toBe(false);
    expect(deriveRules(null).idleSeconds).toBe(30);
  });
});
