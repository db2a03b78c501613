import { computed, effect, signal, type ReadonlySignal } from '@preact/signals';
import type { CameraPref } from '../../platform/camera-pref';
import type { Clock } from '../../platform/clock';
import type { CameraChoice, CameraInfo, ScannerFailure, ScannerPort } from '../../platform/scanner';

// The camera on the attract screen (DESIGN §4.1, §4.6): it runs while `active` says so (attract screen,
// staff closed, kiosk enrolled, check-in on) and is stopped and cleared otherwise. Staff choose the
// camera (remembered on the device) and test it. No camera, or permission refused, is a state the
// staff panel shows plainly; the kiosk keeps working with the card reader and keypad.
//
// The model reconciles what should run (a pure function of its inputs) with what runs, one start or
// stop at a time: a start while a stop runs waits for it, and there are never two starts.

export type { CameraInfo } from '../../platform/scanner';
export type ScannerState = 'off' | 'starting' | 'scanning' | ScannerFailure;
export const SCANNER_STATES: readonly ScannerState[] = ['off', 'starting', 'scanning', 'no_camera', 'denied', 'error'];

/** Without a choice: whichever camera faces the person (on a PC, simply the first camera). */
export const DEFAULT_CAMERA: CameraChoice = { facingMode: 'user' };
export const TEST_MS = 30_000;
/** After a failure the same camera is tried again after this long; a refused permission is not (no nagging prompt). */
export const RETRY_MS: Readonly<Record<ScannerFailure, number | null>> = { error: 15_000, no_camera: 60_000, denied: null };
const TEST_READ_MAX = 80;

export const choiceKey = (c: CameraChoice): string => ('deviceId' in c ? `id:${c.deviceId}` : `facing:${c.facingMode}`);

/**
 * Which camera should run now, or null for none. A remembered camera that the browser no longer lists
 * (unplugged, replaced) gives way to the default; the choice stays for when it comes back. An empty
 * list proves nothing: before permission the browser lists cameras without ids.
 */
export function deriveScannerTarget(i: {
  on: boolean;
  active: boolean;
  testing: boolean;
  selected: string | null;
  cameras: readonly CameraInfo[] | null;
}): CameraChoice | null {
  if (!i.on || (!i.active && !i.testing)) return null;
  if (i.selected === null) return DEFAULT_CAMERA;
  if (i.cameras !== null && i.cameras.length > 0 && !i.cameras.some((c) => c.id === i.selected)) return DEFAULT_CAMERA;
  return { deviceId: i.selected };
}

/** A code seen and not read this many times … */
export const HINT_SEEN_MIN = 3;
/** … within this long (and since the last read) shows the hint, which stays until that is no longer so. */
export const HINT_WINDOW_MS = 3000;

/**
 * Whether to tell the worker how to hold the card (issue 11): the decoder keeps finding a QR code in the
 * picture and cannot read it (too close and blurred, moving, a glare). A single such frame says little (a
 * card on its way in); several in a few seconds, with no read since, say the card is held where it does
 * not read. `seenAt` and `readAt` are clock times; `readAt` null: nothing read yet.
 */
export function deriveScanHint(i: { seenAt: readonly number[]; readAt: number | null; now: number }): boolean {
  const recent = i.seenAt.filter((t) => t > i.now - HINT_WINDOW_MS && t <= i.now && (i.readAt === null || t > i.readAt));
  return recent.length >= HINT_SEEN_MIN;
}

export interface CameraOption {
  readonly id: string; // '' is the default camera
  readonly label: string; // empty: the browser gives no name (before permission); the screen numbers it
  readonly missing: boolean; // remembered, but not present now
}

export interface CameraView {
  readonly state: ScannerState;
  readonly options: readonly CameraOption[];
  readonly selected: string; // '' = default
  readonly testing: boolean;
  readonly testRead: string | null;
  /** no usable camera: say so, and that the card reader and keypad still work */
  readonly unavailable: boolean;
}

export function deriveCameraView(i: {
  state: ScannerState;
  cameras: readonly CameraInfo[];
  selected: string | null;
  testing: boolean;
  testRead: string | null;
}): CameraView {
  const listed: CameraOption[] = i.cameras.map((c) => ({ id: c.id, label: c.label, missing: false }));
  const missing = i.selected !== null && !i.cameras.some((c) => c.id === i.selected);
  return {
    state: i.state,
    options: [{ id: '', label: '', missing: false }, ...listed, ...(missing ? [{ id: i.selected!, label: '', missing: true }] : [])],
    selected: i.selected ?? '',
    testing: i.testing,
    testRead: i.testRead,
    unavailable: i.state === 'no_camera' || i.state === 'denied' || i.state === 'error',
  };
}

/** The heartbeat's `camera` (≤ 64 characters): state and which camera, e.g. `scanning:default`. */
export function cameraHeartbeat(state: ScannerState, selected: string | null): string {
  return `${state}:${selected === null ? 'default' : selected.slice(0, 40)}`;
}

export interface ScannerModel {
  readonly state: ReadonlySignal<ScannerState>;
  readonly cameras: ReadonlySignal<readonly CameraInfo[]>;
  readonly selected: ReadonlySignal<string | null>;
  readonly testing: ReadonlySignal<boolean>;
  readonly testRead: ReadonlySignal<string | null>;
  /** a code is in view and does not read: show how to hold it (deriveScanHint) */
  readonly hint: ReadonlySignal<boolean>;
  /** null or '' = the default camera; remembered on this device; a running camera switches over */
  chooseCamera(id: string | null): void;
  /** Staff mode: list the cameras again and run the camera for TEST_MS; codes read are shown, never acted on. */
  test(): void;
  stopTest(): void;
  /** Loads the remembered camera, then follows `active`. */
  start(): void;
  dispose(): void;
}

export interface ScannerModelPorts {
  readonly scanner: ScannerPort;
  readonly active: ReadonlySignal<boolean>;
  readonly pref: CameraPref;
  readonly clock: Clock;
  /** every decoded frame's text while active (many per second for one badge: debounce downstream) */
  readonly onCode: (text: string) => void;
}

const FAULTED = '!faulted';

export function createScannerModel(p: ScannerModelPorts): ScannerModel {
  const state = signal<ScannerState>('off');
  const cameras = signal<readonly CameraInfo[] | null>(null);
  const selected = signal<string | null>(null);
  const testing = signal(false);
  const testRead = signal<string | null>(null);
  const on = signal(false);
  const hint = signal(false);
  let seenAt: number[] = [];
  let readAt: number | null = null;
  let cancelHint = () => {};
  const judgeHint = () => {
    const now = p.clock.now();
    seenAt = seenAt.filter((t) => t > now - HINT_WINDOW_MS);
    hint.value = deriveScanHint({ seenAt, readAt, now });
  };
  const clearHint = () => {
    cancelHint();
    seenAt = [];
    hint.value = false;
  };
  const failed = signal<string | null>(null); // the camera that last failed: not tried again until something changes
  const target = computed(() =>
    deriveScannerTarget({ on: on.value, active: p.active.value, testing: testing.value, selected: selected.value, cameras: cameras.value }),
  );
  let running: string | null = null; // key of the camera the port runs
  let busy = false;
  let cancelTest = () => {};
  let cancelRetry = () => {};
  const disposers: (() => void)[] = [];

  const handleSeen = () => {
    if (!p.active.peek()) return;
    seenAt.push(p.clock.now());
    judgeHint();
    cancelHint();
    cancelHint = p.clock.after(HINT_WINDOW_MS, judgeHint); // and gone once the seen frames stop
  };

  const handleCode = (text: string) => {
    readAt = p.clock.now();
    clearHint();
    if (p.active.peek()) p.onCode(text);
    else if (testing.peek()) testRead.value = text.slice(0, TEST_READ_MAX);
  };

  const onFault = (f: ScannerFailure) => {
    if (running === null || running === FAULTED) return;
    const key = running;
    running = FAULTED; // not what any target wants: reconcile stops it
    fail(key, f);
    void reconcile();
  };

  const fail = (key: string, f: ScannerFailure) => {
    state.value = f;
    failed.value = key;
    cancelRetry();
    const ms = RETRY_MS[f];
    if (ms !== null) cancelRetry = p.clock.after(ms, () => failed.value === key && (failed.value = null));
  };

  const refreshCameras = async () => {
    const r = await p.scanner.listCameras();
    if (r.ok) cameras.value = r.value;
    else if (r.error === 'no_camera') cameras.value = [];
  };

  const reconcile = async () => {
    if (busy) return;
    busy = true;
    try {
      for (;;) {
        const want = target.peek();
        const key = want === null ? null : choiceKey(want);
        if (key === running) return;
        if (running !== null) {
          await p.scanner.stop();
          running = null;
          clearHint();
          if (state.peek() === 'scanning' || state.peek() === 'starting') state.value = 'off';
          continue;
        }
        if (want === null || key === null || key === failed.peek()) return;
        state.value = 'starting';
        const r = await p.scanner.start(want, handleCode, onFault, handleSeen);
        if (r.ok) {
          running = key;
          state.value = 'scanning';
          failed.value = null;
          void refreshCameras(); // permission is granted now: the list has ids and names
        } else {
          fail(key, r.error);
          // a remembered camera that is gone: the list tells the target to fall back to the default
          if ('deviceId' in want && r.error !== 'denied') await refreshCameras();
        }
      }
    } finally {
      busy = false;
    }
  };

  const stopTest = () => {
    cancelTest();
    testing.value = false;
  };

  return {
    state,
    cameras: computed(() => cameras.value ?? []),
    selected,
    testing,
    testRead,
    hint,
    chooseCamera(id) {
      const next = id === '' ? null : id;
      if (next === selected.peek()) return;
      selected.value = next;
      failed.value = null;
      void p.pref.save(next);
    },
    test() {
      cancelTest();
      failed.value = null;
      testRead.value = null;
      testing.value = true;
      cancelTest = p.clock.after(TEST_MS, stopTest);
      void refreshCameras();
    },
    stopTest,
    start() {
      if (disposers.length > 0) return;
      // a new attract screen is a fresh try for a camera that failed before (plugged in since, say)
      let wasActive = p.active.peek();
      disposers.push(
        effect(() => {
          const a = p.active.value;
          if (a && !wasActive) {
            failed.value = null;
            stopTest();
          }
          wasActive = a;
        }),
        effect(() => {
          target.value;
          failed.value;
          void reconcile();
        }),
      );
      void p.pref
        .load()
        .catch(() => null)
        .then((id) => {
          if (selected.peek() === null) selected.value = id;
          on.value = true;
        });
    },
    dispose() {
      disposers.splice(0).forEach((d) => d());
      cancelTest();
      cancelRetry();
      on.value = false;
      void reconcile();
    },
  };
}
