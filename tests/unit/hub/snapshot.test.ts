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

describe('buildSnapshot with bookings', () => {
  const booking = {
    id: '019ab000-0000-7000-8000-000000000001', facilityId: 'badminton-1', startsAt: '2026-03-04T06:00:00.000Z', endsAt: '2026-03-04T07:00:00.000Z',
    memberId: '7', status: 'confirmed' as const, code: 'ABC234', refusal: null, cancelledBy: null, reason: null,
  };
  const part = { bookings: [booking], bookingSuspensions: { '9': '2026-03-18T02:00:00.000Z' } };

  it('carries bookings and suspensions that validate against SnapshotSchema, and leaves them out when not given', () => {
    const result = buildSnapshot(config, 'lobby-1', week, NOW, undefined, part);
    if (!result.ok) throw new Error('expected a snapshot');
    expect(v.safeParse(SnapshotSchema, result.snapshot).issues).toBeUndefined();
    expect(result.snapshot.bookings).toEqual([booking]);
    expect(result.snapshot.bookingSuspensions).toEqual(part.bookingSuspensions);
    const bare = buildSnapshot(config, 'lobby-1', week, NOW);
    expect(bare.ok && 'bookings' in bare.snapshot).toBe(false);
  });

  it('changes its version when the hub decides a booking, so kiosks pull the verdict at once', () => {
    const confirmed = buildSnapshot(config, 'lobby-1', week, NOW, undefined, part);
    const refused = buildSnapshot(config, 'lobby-1', week, NOW, undefined, { ...part, bookings: [{ ...booking, status: 'refused', refusal: 'slot_taken' }] });
    if (!confirmed.ok || !refused.ok) throw new Error('expected snapshots');
    expect(refused.snapshot.version).not.toBe(confirmed.snapshot.version);
  });
});

describe('snapshotWindow', () => {
  it('spans from midnight today to midnight after today + 7 days in the center time zone', () => {
    const { from, to } = snapshotWindow('Asia/Shanghai', NOW);
    expect(new Date(from).toISOString()).toBe('2026-03-03T16:00:00.000Z');
    expect(new Date(to).toISOString()).toBe('2026-03-11T16:00:00.000Z');
  });
});
