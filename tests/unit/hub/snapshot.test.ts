import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { expandWeekly, SnapshotSchema, startOfWeek, zonedParts } from '../../../src/domain/index';
import { buildSnapshot, snapshotWindow } from '../../../src/hub/snapshot';
import { demoConfig, NOW } from './harness';

const config = demoConfig();
const tz = config.center.timeZone;
const week = expandWeekly(config.weekly, startOfWeek(zonedParts(NOW, tz).date), tz);

describe('buildSnapshot', () => {
  it('produces a snapshot that validates against the shared SnapshotSchema', () => {
    const result = buildSnapshot(config, 'lobby-1', week, NOW);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(v.safeParse(SnapshotSchema, result.snapshot).issues).toBeUndefined();
    expect(result.snapshot.kiosk.id).toBe('lobby-1');
    expect(result.snapshot.serverTime).toBe(new Date(NOW).toISOString());
    expect(result.snapshot.schedule).toHaveLength(week.length);
    expect(result.snapshot).not.toHaveProperty('kiosk.$schema');
  });

  it('answers the first kiosk in name order when no kiosk is named', () => {
    const result = buildSnapshot(config, null, week, NOW);
    expect(result.ok && result.snapshot.kiosk.id).toBe('gym-1');
  });

  it('refuses an unknown kiosk', () => {
    expect(buildSnapshot(config, 'attic-9', week, NOW)).toEqual({ ok: false, error: 'unknown_kiosk' });
  });

  it('keeps its version when only the time changes and changes it when the schedule does', () => {
    const a = buildSnapshot(config, 'lobby-1', week, NOW);
    const b = buildSnapshot(config, 'lobby-1', week, NOW + 60_000);
    const c = buildSnapshot(config, 'lobby-1', [{ ...week[0]!, cancelled: true }, ...week.slice(1)], NOW);
    if (!a.ok || !b.ok || !c.ok) throw new Error('expected snapshots');
    expect(b.snapshot.version).toBe(a.snapshot.version);
    expect(c.snapshot.version).not.toBe(a.snapshot.version);
  });

  it('fills a kiosk without its own idle time from the rules', () => {
    const noIdle = { ...config, kiosks: [{ ...config.kiosks[0]!, idleSeconds: undefined }] };
    const result = buildSnapshot(noIdle, null, [], NOW);
    expect(result.ok && result.snapshot.kiosk.idleSeconds).toBe(config.rules.idleSeconds);
  });
});

describe('snapshotWindow', () => {
  it('spans from midnight today to midnight after today + 7 days in the center time zone', () => {
    const { from, to } = snapshotWindow('Asia/Shanghai', NOW);
    expect(new Date(from).toISOString()).toBe('2026-03-03T16:00:00.000Z');
    expect(new Date(to).toISOString()).toBe('2026-03-11T16:00:00.000Z');
  });
});
