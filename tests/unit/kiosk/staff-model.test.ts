import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { HeartbeatSchema } from '../../../src/domain/events';
import { verifyPin } from '../../../src/kiosk/platform/pin-crypto';
import { deriveHeartbeat } from '../../../src/kiosk/state/sync/heartbeat-model';
import { createStaffModel, deriveExport, derivePinView, deriveStaffPanel, exportFileName } from '../../../src/kiosk/state/shell/staff-model';
import { formatAge, formatBytes, syncErrorLabel } from '../../../src/kiosk/ui/staff-format';

// the demo kiosks' hash (kiosk-config/kiosks/lobby-1.json) of PIN 2468
const HASH = 'pbkdf2-sha256$100000$8i1tb9SGHdR-Uxs0RkZCfA$yr2fESm2HQhN3a1ALWzs_y_muCV1qF5vy66dvdnsbfQ';
const T0 = Date.UTC(2025, 10, 23, 6, 0, 0);

describe('staff PIN (WebCrypto PBKDF2)', () => {
  it('accepts the right PIN and refuses others, a malformed hash and a non-PIN', async () => {
    expect(await verifyPin('2468', HASH)).toBe(true);
    expect(await verifyPin('2469', HASH)).toBe(false);
    expect(await verifyPin('2468', 'pbkdf2-sha256$100000$short$x')).toBe(false);
    expect(await verifyPin('24a8', HASH)).toBe(false);
  });

  it('shows the wait after wrong tries as a countdown, and an unconfigured kiosk as such', () => {
    const base = { pinHash: HASH, entered: '', failures: 0, lastFailureAt: null, now: T0, checking: false };
    expect(derivePinView(base)).toEqual({ configured: true, entered: 0, wrong: false, waitSeconds: 0, checking: false });
    expect(derivePinView({ ...base, failures: 1, lastFailureAt: T0 }).waitSeconds).toBe(0);
    expect(derivePinView({ ...base, failures: 3, lastFailureAt: T0, now: T0 + 1_500 })).toMatchObject({ wrong: true, waitSeconds: 3 });
    expect(derivePinView({ ...base, failures: 3, lastFailureAt: T0, now: T0 + 4_000 }).waitSeconds).toBe(0);
    expect(derivePinView({ ...base, pinHash: null }).configured).toBe(false);
    expect(derivePinView({ ...base, pinHash: '2468' }).configured).toBe(false);
  });

  it('opens the panel with the right PIN; wrong ones wait longer each time', async () => {
    let now = T0;
    const staff = createStaffModel({
      pinHash: () => HASH, verify: verifyPin, now: signal(T0), clockNow: () => now, kioskId: () => 'lobby-1',
      readStorage: async () => ({ persisted: true, usage: 1, quota: 2 }), loadDeadLetters: async () => [], loadPending: async () => [],
      flush: async () => {}, download: () => {},
    });
    staff.open();
    expect(staff.mode.value).toBe('pin');
    const tryPin = async (pin: string) => {
      staff.clear();
      for (const d of pin) staff.digit(d);
      await staff.submit();
    };
    await tryPin('1111');
    await tryPin('1111');
    expect(staff.pin.value.wrong).toBe(true);
    now += 500;
    await tryPin('2468'); // still waiting 2 s after the second wrong one: ignored
    expect(staff.mode.value).toBe('pin');
    now += 2_000;
    await tryPin('2468');
    expect(staff.mode.value).toBe('panel');
    expect(staff.storage.value).toEqual({ persisted: true, usage: 1, quota: 2 });
    staff.close();
    expect(staff.mode.value).toBe('closed');
  });
});

describe('staff panel', () => {
  const stats = { pending: 3, oldestAt: new Date(T0 - 90_000).toISOString(), deadLetters: 1, stuck: null };
  const base = { kioskId: 'lobby-1', refused: null, online: true, stats, lastSuccessAt: T0 - 5_000, lastError: null, stopped: false, retryAt: null, storage: null, now: T0 };

  it('derives ages and the enrollment state', () => {
    expect(deriveStaffPanel(base)).toMatchObject({ enrollment: 'enrolled', pending: 3, oldestAgeMs: 90_000, lastSuccessAgoMs: 5_000, deadLetters: 1 });
    expect(deriveStaffPanel({ ...base, kioskId: null }).enrollment).toBe('none');
    expect(deriveStaffPanel({ ...base, refused: 401 }).enrollment).toBe('refused');
    expect(deriveStaffPanel({ ...base, stopped: true }).enrollment).toBe('refused');
    expect(deriveStaffPanel({ ...base, stats: { ...stats, oldestAt: null } }).oldestAgeMs).toBeNull();
    expect(deriveStaffPanel({ ...base, retryAt: T0 + 4_000 }).retryInMs).toBe(4_000);
  });

  it('formats ages, sizes and errors in words', () => {
    expect(formatAge('en', 45_000)).toBe('45 s');
    expect(formatAge('en', 90_000)).toBe('1 min');
    expect(formatAge('en', 3 * 3600_000 + 5 * 60_000)).toBe('3 h 5 min');
    expect(formatAge('zh-CN', 50 * 3600_000)).toBe('2 天 2 小时');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(250 * 1024 ** 3)).toBe('250 GB');
    expect(syncErrorLabel('en', { kind: 'network' })).toBe('The hub cannot be reached.');
    expect(syncErrorLabel('en', { kind: 'http', status: 503, message: 'busy' })).toBe('The hub answered HTTP 503. busy');
  });

  it('exports pending events and dead letters as pending-<kiosk>-<time>.json', () => {
    expect(exportFileName('lobby-1', T0 + 123)).toBe('pending-lobby-1-2025-11-23T06-00-00Z.json');
    const ev = { id: '0190a0b0-0000-7000-8000-000000000000', kioskId: 'lobby-1', seq: 1, at: new Date(T0).toISOString(), kind: 'rating' as const, payload: { topic: null, score: 1 as const } };
    const file = deriveExport('lobby-1', T0, [ev], [{ event: ev, reason: 'id_conflict', at: T0 }]);
    const body = JSON.parse(file.text);
    expect(body.pending).toEqual([ev]);
    expect(body.deadLetters).toEqual([{ event: ev, reason: 'id_conflict', at: '2025-11-23T06:00:00.000Z' }]);
  });
});

describe('heartbeat', () => {
  it('fits HeartbeatSchema', () => {
    const hb = deriveHeartbeat({
      version: '0.1.0', stats: { pending: 2, oldestAt: new Date(T0).toISOString(), deadLetters: 0, stuck: null }, lastSuccessAt: T0,
      lastError: { kind: 'http', status: 500, message: 'x'.repeat(900) }, storage: { persisted: false, usage: 10, quota: null }, camera: 'none',
    });
    expect(v.is(HeartbeatSchema, hb)).toBe(true);
    expect(hb).toMatchObject({ pending: 2, lastSyncAt: '2025-11-23T06:00:00.000Z', camera: 'none', storage: { persisted: false, usage: 10, quota: null } });
    expect(hb.lastError!.length).toBe(500);
  });

  it('takes out of an error text what the hub would refuse, so the heartbeat is still sent, and carries what is stuck', async () => {
    const hb = deriveHeartbeat({
      version: '0.1.0', lastSuccessAt: null, storage: { persisted: true, usage: null, quota: null }, camera: 'none',
      stats: { pending: 1, oldestAt: null, deadLetters: 0, stuck: { count: 1, since: T0, first: { id: '01936f6e-0000-7000-8000-0000000000b0', kind: 'rating', seq: 4, status: 500 } } },
      lastError: { kind: 'http', status: 502, message: 'bad\u0000gateway \u202eevil' },
    });
    expect(v.is(HeartbeatSchema, hb)).toBe(true);
    expect(hb.lastError).toBe('HTTP 502: badgateway evil');
    expect(hb.stuck).toEqual({ count: 1, since: new Date(T0).toISOString(), eventId: '01936f6e-0000-7000-8000-0000000000b0', kind: 'rating', seq: 4, status: 500 });
  });
});
