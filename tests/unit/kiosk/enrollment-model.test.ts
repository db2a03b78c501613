import 'fake-indexeddb/auto';
import { createStore } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { err, ok, type Result } from '../../../src/domain/result';
import type { ApiFailure } from '../../../src/kiosk/data/api';
import { createDeviceStore, type DeviceCredentials } from '../../../src/kiosk/data/device';
import { createEnrollmentModel, deriveAddressWithoutEnroll, deriveEnrollCode, deriveEnrollOutcome } from '../../../src/kiosk/state/sync/enrollment-model';
import { fakeClock } from './fake-clock';

const device = { kioskId: 'lobby-1', token: 'tok-0123456789abcdef' };
let n = 0;

function setup(search: string, answers: Result<DeviceCredentials, ApiFailure>[], stored: DeviceCredentials | null = null) {
  const c = fakeClock();
  const devices = createDeviceStore(createStore(`enroll-test-${++n}`, 'state'));
  const addresses: string[] = [];
  const codes: string[] = [];
  const model = createEnrollmentModel({
    devices, clock: c.clock, search, href: `https://hub.local/${search}#x`, replaceAddress: (u) => addresses.push(u),
    enroll: async (code) => (codes.push(code), answers.shift() ?? err({ kind: 'network' })),
  });
  return { ...c, model, devices, addresses, codes, init: async () => stored && (await devices.save(stored)) };
}

describe('enrollment', () => {
  it('reads the code and drops only it from the address', () => {
    expect(deriveEnrollCode('?enroll=AbC-123&lang=en')).toBe('AbC-123');
    expect(deriveEnrollCode('?kiosk=lobby-1')).toBeNull();
    expect(deriveEnrollCode('?enroll=')).toBeNull();
    expect(deriveAddressWithoutEnroll('https://h/?lang=en&enroll=X&kiosk=lobby-1#a')).toBe('/?lang=en&kiosk=lobby-1#a');
    expect(deriveAddressWithoutEnroll('https://h/?enroll=X')).toBe('/');
  });

  it('gives up a refused code, retries an unreachable hub', () => {
    expect(deriveEnrollOutcome(ok(device))).toBe('enrolled');
    expect(deriveEnrollOutcome(err({ kind: 'http', status: 400 }))).toBe('bad_code');
    expect(deriveEnrollOutcome(err({ kind: 'http', status: 503 }))).toBe('retry');
    expect(deriveEnrollOutcome(err({ kind: 'network' }))).toBe('retry');
  });

  it('redeems ?enroll=, keeps the token in IndexedDB and drops the code from the address bar', async () => {
    const s = setup('?enroll=CODE1&lang=en', [ok(device)]);
    await s.model.start();
    expect(s.codes).toEqual(['CODE1']);
    expect(s.model.state.value).toBe('enrolled');
    expect(s.model.token()).toBe(device.token);
    expect(s.addresses).toEqual(['/?lang=en#x']);
    expect(await s.devices.load()).toEqual(device);
  });

  it('starts enrolled from the stored token, with no code and no call', async () => {
    const s = setup('?kiosk=gym-1', [], device);
    await s.init();
    await s.model.start();
    expect(s.model.device.value).toEqual(device);
    expect(s.codes).toEqual([]);
    expect(s.addresses).toEqual([]);
  });

  it('is "none" when never enrolled, and says why a code failed', async () => {
    const s = setup('?enroll=USED', [err({ kind: 'http', status: 400, message: 'bad_enrollment_code' })]);
    expect(s.model.state.value).toBe('loading');
    await s.model.start();
    expect(s.model.state.value).toBe('none');
    expect(s.model.lastError.value).toBe('bad_code');
    expect(s.addresses).toEqual(['/#x']);
  });

  it('keeps the code and tries again while the hub cannot be reached', async () => {
    const s = setup('?enroll=C2', [err({ kind: 'network' }), ok(device)]);
    await s.model.start();
    expect(s.model.lastError.value).toBe('unreachable');
    expect(s.addresses).toEqual([]);
    await s.advance(10_000);
    expect(s.model.state.value).toBe('enrolled');
    expect(s.addresses).toEqual(['/#x']);
  });

  it('remembers a 401 until a new token replaces it', async () => {
    const s = setup('?enroll=C3', [ok({ ...device, token: 'tok-new-0123456789' })], device);
    s.model.markRefused(401);
    expect(s.model.refused.value).toBe(401);
    await s.model.start();
    expect(s.model.refused.value).toBeNull();
    expect(s.model.token()).toBe('tok-new-0123456789');
  });
});
