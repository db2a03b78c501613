import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { err, ok, type Result } from '../../../src/domain/result';
import type { CameraPref } from '../../../src/kiosk/platform/camera-pref';
import type { CameraChoice, CameraInfo, ScannerFailure, ScannerPort } from '../../../src/kiosk/platform/scanner';
import {
  cameraHeartbeat, createScannerModel, DEFAULT_CAMERA, deriveCameraView, deriveScanHint, deriveScannerTarget, HINT_WINDOW_MS, RETRY_MS, TEST_MS,
} from '../../../src/kiosk/state/checkin/scanner-model';
import { fakeClock } from './fake-clock';

const CAMS: CameraInfo[] = [{ id: 'cam-a', label: 'Front' }, { id: 'cam-b', label: 'USB' }];

describe('deriveScannerTarget', () => {
  const base = { on: true, active: true, testing: false, selected: null, cameras: null };

  it('runs the default user-facing camera while active and nothing is chosen', () => {
    expect(deriveScannerTarget(base)).toEqual(DEFAULT_CAMERA);
  });

  it('runs nothing when inactive, not testing, or not started', () => {
    expect(deriveScannerTarget({ ...base, active: false })).toBeNull();
    expect(deriveScannerTarget({ ...base, on: false })).toBeNull();
    expect(deriveScannerTarget({ ...base, active: false, testing: true })).toEqual(DEFAULT_CAMERA);
  });

  it('runs the chosen camera by device id while it is listed, or while the list is not known', () => {
    expect(deriveScannerTarget({ ...base, selected: 'cam-b', cameras: CAMS })).toEqual({ deviceId: 'cam-b' });
    expect(deriveScannerTarget({ ...base, selected: 'cam-b', cameras: null })).toEqual({ deviceId: 'cam-b' });
    expect(deriveScannerTarget({ ...base, selected: 'cam-b', cameras: [] })).toEqual({ deviceId: 'cam-b' });
  });

  it('falls back to the default camera when the chosen one is no longer listed', () => {
    expect(deriveScannerTarget({ ...base, selected: 'gone', cameras: CAMS })).toEqual(DEFAULT_CAMERA);
  });
});

describe('deriveScanHint', () => {
  it('shows the hint after three unread sightings within the window, and not after two', () => {
    expect(deriveScanHint({ seenAt: [1000, 1400], readAt: null, now: 1500 })).toBe(false);
    expect(deriveScanHint({ seenAt: [1000, 1400, 1800], readAt: null, now: 1900 })).toBe(true);
  });

  it('forgets sightings older than the window, so a card that passed by long ago shows nothing', () => {
    expect(deriveScanHint({ seenAt: [1000, 1400, 1800], readAt: null, now: 1000 + HINT_WINDOW_MS })).toBe(false);
  });

  it('counts only sightings after the last read', () => {
    expect(deriveScanHint({ seenAt: [1000, 1400, 1800, 2000], readAt: 1500, now: 2100 })).toBe(false);
    expect(deriveScanHint({ seenAt: [1000, 1400, 1800, 2000, 2200], readAt: 1500, now: 2300 })).toBe(true);
  });
});

describe('deriveCameraView and the heartbeat text', () => {
  it('offers the default first, then the listed cameras, and keeps a missing chosen camera visible', () => {
    const v = deriveCameraView({ state: 'scanning', cameras: CAMS, selected: 'gone', testing: false, testRead: null });
    expect(v.options.map((o) => [o.id, o.missing])).toEqual([['', false], ['cam-a', false], ['cam-b', false], ['gone', true]]);
    expect(v.selected).toBe('gone');
    expect(v.unavailable).toBe(false);
  });

  it('marks no camera, refused permission and errors as unavailable', () => {
    for (const state of ['no_camera', 'denied', 'error'] as const) {
      expect(deriveCameraView({ state, cameras: [], selected: null, testing: false, testRead: null }).unavailable).toBe(true);
    }
    expect(deriveCameraView({ state: 'off', cameras: [], selected: null, testing: false, testRead: null }).selected).toBe('');
  });

  it('fits the heartbeat camera field (≤ 64 characters)', () => {
    expect(cameraHeartbeat('scanning', null)).toBe('scanning:default');
    expect(cameraHeartbeat('no_camera', 'x'.repeat(200)).length).toBeLessThanOrEqual(64);
  });
});

/** A scanner whose starts and stops finish when the test says, recording overlaps. */
function fakeScanner(opts: { startResult?: (c: CameraChoice) => Result<void, ScannerFailure>; cameras?: CameraInfo[] } = {}) {
  const log: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let runningStarts = 0;
  let maxRunning = 0;
  const gates: (() => void)[] = [];
  let manual = false;
  let onCode: ((t: string) => void) | null = null;
  let onFault: ((f: ScannerFailure) => void) | null = null;
  let onSeen: (() => void) | null = null;
  const gate = () => (manual ? new Promise<void>((r) => gates.push(r)) : Promise.resolve());
  const port: ScannerPort = {
    listCameras: async () => ok(opts.cameras ?? CAMS),
    async start(c, code, fault, seen) {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      log.push(`start ${'deviceId' in c ? c.deviceId : c.facingMode}`);
      await gate();
      inFlight--;
      const r = opts.startResult?.(c) ?? ok(undefined);
      if (r.ok) {
        runningStarts++;
        maxRunning = Math.max(maxRunning, runningStarts);
        onCode = code;
        onFault = fault;
        onSeen = seen ?? null;
      }
      return r;
    },
    async stop() {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      log.push('stop');
      await gate();
      inFlight--;
      runningStarts = Math.max(0, runningStarts - 1);
      onCode = null;
    },
  };
  return {
    port, log,
    hold: () => (manual = true),
    release: () => gates.splice(0).forEach((g) => g()),
    code: (t: string) => onCode?.(t),
    fault: (f: ScannerFailure) => onFault?.(f),
    seen: () => onSeen?.(),
    stats: () => ({ maxInFlight, maxRunning }),
  };
}

function memoryPref(initial: string | null = null): CameraPref & { saved: (string | null)[] } {
  let v = initial;
  const saved: (string | null)[] = [];
  return { saved, load: async () => v, save: async (id) => void saved.push((v = id)) };
}

function setup(o: Parameters<typeof fakeScanner>[0] & { pref?: string | null; active?: boolean } = {}) {
  const time = fakeClock();
  const scanner = fakeScanner(o);
  const active = signal(o.active ?? true);
  const codes: string[] = [];
  const pref = memoryPref(o.pref ?? null);
  const model = createScannerModel({ scanner: scanner.port, active, pref, clock: time.clock, onCode: (t) => codes.push(t) });
  return { time, scanner, active, codes, pref, model };
}

describe('scanner model', () => {
  it('starts the remembered camera when active and hands codes on', async () => {
    const s = setup({ pref: 'cam-b' });
    s.model.start();
    await s.time.settle();
    expect(s.scanner.log).toEqual(['start cam-b']);
    expect(s.model.state.value).toBe('scanning');
    expect(s.model.cameras.value).toEqual(CAMS);
    s.scanner.code('WSC1.abc.def');
    expect(s.codes).toEqual(['WSC1.abc.def']);
  });

  it('shows the hold-the-card hint while a code keeps being seen unread, and drops it after a read or a pause', async () => {
    const s = setup();
    s.model.start();
    await s.time.settle();
    for (let i = 0; i < 3; i++) {
      s.scanner.seen();
      await s.time.advance(200);
    }
    expect(s.model.hint.value).toBe(true);
    s.scanner.code('W2.ABCDEFGHIJKLMNOP');
    expect(s.model.hint.value).toBe(false);
    await s.time.advance(100);
    for (let i = 0; i < 3; i++) {
      s.scanner.seen();
      await s.time.advance(200);
    }
    expect(s.model.hint.value).toBe(true);
    await s.time.advance(HINT_WINDOW_MS);
    expect(s.model.hint.value).toBe(false);
  });

  it('never shows the hint when the camera runs only for the staff test', async () => {
    const s = setup({ active: false });
    s.model.start();
    s.model.test();
    await s.time.settle();
    for (let i = 0; i < 5; i++) s.scanner.seen();
    expect(s.model.hint.value).toBe(false);
  });

  it('stops when no longer active, and says off', async () => {
    const s = setup();
    s.model.start();
    await s.time.settle();
    s.active.value = false;
    await s.time.settle();
    expect(s.scanner.log).toEqual(['start user', 'stop']);
    expect(s.model.state.value).toBe('off');
  });

  it('never overlaps a start and a stop, and never runs two starts, however fast active flips', async () => {
    const s = setup();
    s.scanner.hold();
    s.model.start();
    await s.time.settle();
    for (let i = 0; i < 7; i++) {
      s.active.value = !s.active.value; // while the first start still hangs
      await s.time.settle();
    }
    for (let i = 0; i < 10; i++) {
      s.scanner.release();
      await s.time.settle();
    }
    expect(s.scanner.stats()).toEqual({ maxInFlight: 1, maxRunning: 1 });
    expect(s.active.value).toBe(false); // 7 flips from true
    expect(s.scanner.log.at(-1)).toBe('stop');
    expect(s.model.state.value).toBe('off');
  });

  it('waits for a running stop before starting again', async () => {
    const s = setup();
    s.model.start();
    await s.time.settle();
    s.scanner.hold();
    s.active.value = false; // stop begins and hangs
    await s.time.settle();
    s.active.value = true; // wants the camera back while the stop runs
    await s.time.settle();
    expect(s.scanner.log).toEqual(['start user', 'stop']);
    s.scanner.release();
    await s.time.settle();
    s.scanner.release();
    await s.time.settle();
    expect(s.scanner.log).toEqual(['start user', 'stop', 'start user']);
    expect(s.model.state.value).toBe('scanning');
  });

  it('shows a refused permission and does not ask again until the attract screen returns', async () => {
    const s = setup({ startResult: () => err('denied') });
    s.model.start();
    await s.time.settle();
    expect(s.model.state.value).toBe('denied');
    await s.time.advance(10 * 60_000);
    expect(s.scanner.log).toEqual(['start user']);
    s.active.value = false;
    await s.time.settle();
    expect(s.model.state.value).toBe('denied'); // staff mode still sees why
    s.active.value = true;
    await s.time.settle();
    expect(s.scanner.log).toEqual(['start user', 'start user']);
  });

  it('tries again after an error or a missing camera, on its own', async () => {
    let fails = 2;
    const s = setup({ startResult: () => (fails-- > 0 ? err(fails === 1 ? 'error' : 'no_camera') : ok(undefined)) });
    s.model.start();
    await s.time.settle();
    expect(s.model.state.value).toBe('error');
    await s.time.advance(RETRY_MS.error!);
    expect(s.model.state.value).toBe('no_camera');
    await s.time.advance(RETRY_MS.no_camera!);
    expect(s.model.state.value).toBe('scanning');
  });

  it('falls back to the default camera when the remembered one is gone, and keeps the choice', async () => {
    const s = setup({ pref: 'unplugged', startResult: (c) => ('deviceId' in c ? err('no_camera') : ok(undefined)) });
    s.model.start();
    await s.time.settle();
    expect(s.scanner.log).toEqual(['start unplugged', 'start user']);
    expect(s.model.state.value).toBe('scanning');
    expect(s.model.selected.value).toBe('unplugged');
  });

  it('switches to a newly chosen camera and remembers it', async () => {
    const s = setup();
    s.model.start();
    await s.time.settle();
    s.model.chooseCamera('cam-a');
    await s.time.settle();
    expect(s.scanner.log).toEqual(['start user', 'stop', 'start cam-a']);
    expect(s.pref.saved).toEqual(['cam-a']);
    s.model.chooseCamera('');
    await s.time.settle();
    expect(s.pref.saved).toEqual(['cam-a', null]);
    expect(s.scanner.log.at(-1)).toBe('start user');
  });

  it('runs a staff test while inactive: codes are shown, not acted on, and the test ends by itself', async () => {
    const s = setup({ active: false });
    s.model.start();
    await s.time.settle();
    expect(s.scanner.log).toEqual([]);
    s.model.test();
    await s.time.settle();
    expect(s.model.state.value).toBe('scanning');
    s.scanner.code('https://example.com/not-a-badge');
    expect(s.codes).toEqual([]);
    expect(s.model.testRead.value).toBe('https://example.com/not-a-badge');
    await s.time.advance(TEST_MS);
    expect(s.model.testing.value).toBe(false);
    expect(s.scanner.log).toEqual(['start user', 'stop']);
    expect(s.model.state.value).toBe('off');
  });

  it('a camera that dies while running shows an error, is stopped, and is tried again later', async () => {
    const s = setup();
    s.model.start();
    await s.time.settle();
    s.scanner.fault('error');
    await s.time.settle();
    expect(s.model.state.value).toBe('error');
    expect(s.scanner.log).toEqual(['start user', 'stop']);
    await s.time.advance(RETRY_MS.error!);
    expect(s.scanner.log).toEqual(['start user', 'stop', 'start user']);
    expect(s.model.state.value).toBe('scanning');
  });

  it('stops the camera on dispose', async () => {
    const s = setup();
    s.model.start();
    await s.time.settle();
    s.model.dispose();
    await s.time.settle();
    expect(s.scanner.log).toEqual(['start user', 'stop']);
  });
});
