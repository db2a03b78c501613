// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';

// html5-qrcode replaced by a recorder: these tests are about what the adapter asks of the library and in
// what order, not about decoding (tests/bench/scan.ts reads real QR codes in Chromium).
const lib = vi.hoisted(() => {
  const calls: string[] = [];
  const instances: { config: unknown }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let startError: unknown = null;
  let stopFails = false;
  let deliveredWidth: number | null = null; // what the fake camera really delivers, when the test says
  let played = 0;
  let generation = 0;
  let playsAfterMs: number | null = 1; // null: the video never plays (a camera that delivers no frame)
  class Html5Qrcode {
    state = 1;
    constructor(
      readonly id: string,
      readonly config: unknown,
    ) {
      instances.push(this);
    }
    async start(camera: unknown, scan: unknown, onCode: (t: string) => void) {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      calls.push(`start ${JSON.stringify(camera)} ${JSON.stringify(scan, (k, v) => (typeof v === 'function' ? 'fn' : v))}`);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      if (startError !== null) throw startError;
      this.state = 2;
      lastOnCode = onCode;
      const video = document.createElement('video');
      if (deliveredWidth !== null) {
        const stream = new MediaStream();
        const width = deliveredWidth;
        stream.getVideoTracks = () => [{ getSettings: () => ({ width }), addEventListener() {}, removeEventListener() {} } as unknown as MediaStreamTrack];
        video.srcObject = stream;
      }
      document.getElementById(this.id)!.append(video);
      // like the library: start resolves once play() is asked, and the video plays a moment later
      if (playsAfterMs !== null) {
        const of = generation; // a video of an earlier test that plays late is not this test's
        setTimeout(() => {
          if (of === generation) played++;
          video.dispatchEvent(new Event('playing'));
        }, playsAfterMs);
      }
      return null;
    }
    async stop() {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      calls.push('stop');
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      // html5-qrcode stopped before its first frame throws and keeps believing it scans
      if (stopFails) throw new Error('Cannot read properties of undefined (reading getContext)');
      this.state = 1;
    }
    clear() {
      calls.push('clear');
    }
    getState() {
      return this.state;
    }
    getRunningTrackSettings() {
      return { facingMode: 'user' };
    }
  }
  let lastOnCode: ((t: string) => void) | null = null;
  return {
    module: { Html5Qrcode, Html5QrcodeSupportedFormats: { QR_CODE: 0 } },
    calls, instances,
    code: (t: string) => lastOnCode?.(t),
    maxInFlight: () => maxInFlight,
    failWith: (e: unknown) => (startError = e),
    failStops: (fails: boolean) => (stopFails = fails),
    deliver: (width: number | null) => (deliveredWidth = width),
    playAfter: (ms: number | null) => (playsAfterMs = ms),
    played: () => played,
    reset() {
      calls.length = 0;
      instances.length = 0;
      maxInFlight = 0;
      startError = null;
      stopFails = false;
      deliveredWidth = null;
      playsAfterMs = 1;
      played = 0;
      generation++;
    },
  };
});
vi.mock('html5-qrcode', () => lib.module);

const { classifyCameraError, createScanner, LIBRARY_DEFAULTS } = await import('../../../src/kiosk/platform/scanner');

beforeEach(() => {
  lib.reset();
  document.body.innerHTML = '<div id="app"></div><div id="scanner"></div>';
});

describe('classifyCameraError', () => {
  it('reads html5-qrcode strings and DOMExceptions as refused, missing or other', () => {
    expect(classifyCameraError('Error getting userMedia, error = NotAllowedError: Permission denied')).toBe('denied');
    expect(classifyCameraError(new DOMException('Permission denied', 'NotAllowedError'))).toBe('denied');
    expect(classifyCameraError('Error getting userMedia, error = NotFoundError: Requested device not found')).toBe('no_camera');
    expect(classifyCameraError('Error getting userMedia, error = OverconstrainedError: ')).toBe('no_camera');
    expect(classifyCameraError('Error getting userMedia, error = NotReadableError: Could not start video source')).toBe('error');
  });
});

describe('scanner adapter', () => {
  it('asks for QR only, the native detector, 15 fps, no mirrored retry and 1280×720 from the chosen camera', async () => {
    const s = createScanner();
    expect(await s.start({ deviceId: 'cam-a' }, () => {}, () => {})).toEqual({ ok: true, value: undefined });
    expect(lib.instances[0]!.config).toEqual({ verbose: false, formatsToSupport: [0], experimentalFeatures: { useBarCodeDetectorIfSupported: true } });
    expect(lib.calls[0]).toBe(
      'start "cam-a" {"fps":15,"videoConstraints":{"deviceId":{"exact":"cam-a"},"width":{"ideal":1280},"height":{"ideal":720}},"disableFlip":true,"qrbox":"fn"}',
    );
    expect(document.getElementById('scanner')!.dataset.mirror).toBe('true');
  });

  it('still starts the camera with html5-qrcode\'s own decoder when the zxing-cpp decoder cannot load', async () => {
    // no server here for the .wasm: the polyfill fails to load, as it would in a browser without WebAssembly
    const s = createScanner();
    expect(await s.start({ facingMode: 'user' }, () => {}, () => {})).toEqual({ ok: true, value: undefined });
    expect('BarcodeDetector' in globalThis).toBe(false);
    expect(lib.calls[0]).toMatch(/^start /);
  });

  it('lays the box out at the width the camera delivers, learning it at the first start: a VGA webcam restarts once, then never', async () => {
    lib.deliver(640);
    const s = createScanner();
    const box = document.getElementById('scanner')!;
    expect(await s.start({ facingMode: 'user' }, () => {}, () => {})).toEqual({ ok: true, value: undefined });
    expect(lib.calls.filter((c) => c.startsWith('start'))).toHaveLength(2);
    expect(box.style.width).toBe('640px');
    expect(box.style.getPropertyValue('--scanner-width')).toBe('640'); // scanner.css scales it into the page's camera slot
    await s.stop();
    lib.calls.length = 0;
    await s.start({ facingMode: 'user' }, () => {}, () => {});
    expect(lib.calls.filter((c) => c.startsWith('start'))).toHaveLength(1);
    expect(box.style.width).toBe('640px');
    // a 720p camera is read at its own 1280 px, drawn in the same slot
    lib.deliver(1280);
    await s.start({ deviceId: 'hd' }, () => {}, () => {});
    expect(box.style.width).toBe('1280px');
    expect(box.style.getPropertyValue('--scanner-width')).toBe('1280');
  });

  it('ends a start only when the video plays, so a stop right after never interrupts the library\'s play()', async () => {
    lib.playAfter(200);
    const s = createScanner();
    await s.start({ facingMode: 'user' }, () => {}, () => {});
    expect(lib.played()).toBe(1); // the video played before start returned
    await s.stop();
    expect(lib.calls.map((c) => c.split(' ')[0])).toEqual(['start', 'stop', 'clear']);
  });

  it('counts a camera that never plays as started after a bounded wait, and the next stop still runs', async () => {
    vi.useFakeTimers();
    try {
      lib.playAfter(null);
      const s = createScanner();
      let started = false;
      const start = s.start({ facingMode: 'user' }, () => {}, () => {}).then((r) => (started = r.ok));
      await vi.advanceTimersByTimeAsync(2_000);
      expect(started).toBe(false);
      await vi.advanceTimersByTimeAsync(1_100);
      await start;
      expect(started).toBe(true);
      const stop = s.stop();
      await vi.advanceTimersByTimeAsync(10);
      await stop;
      expect(lib.calls).toContain('stop');
    } finally {
      vi.useRealTimers();
    }
  });

  it('leaves every option to the library for the defaults configuration (benchmark only)', async () => {
    await createScanner({ tuning: LIBRARY_DEFAULTS }).start({ facingMode: 'user' }, () => {}, () => {});
    expect(lib.instances[0]!.config).toBeUndefined();
    expect(lib.calls[0]).toBe('start {"facingMode":"user"} {}');
  });

  it('runs starts and stops one at a time, stops before a second start, and always clears the box', async () => {
    const s = createScanner();
    await Promise.all([s.start({ facingMode: 'user' }, () => {}, () => {}), s.stop(), s.start({ deviceId: 'b' }, () => {}, () => {}), s.stop()]);
    expect(lib.maxInFlight()).toBe(1);
    expect(lib.calls.map((c) => c.split(' ')[0])).toEqual(['start', 'stop', 'clear', 'start', 'stop', 'clear']);
    expect(document.getElementById('scanner')!.childElementCount).toBe(0);
    expect(document.getElementById('scanner')!.dataset.mirror).toBeUndefined();
  });

  it('reports a refused permission and leaves the box empty', async () => {
    lib.failWith('Error getting userMedia, error = NotAllowedError: Permission denied');
    const r = await createScanner().start({ facingMode: 'user' }, () => {}, () => {});
    expect(r).toEqual({ ok: false, error: 'denied' });
    expect(document.getElementById('scanner')!.childElementCount).toBe(0);
  });

  it('starts the camera again after a stop the library failed right after its start', async () => {
    const s = createScanner();
    await s.start({ facingMode: 'user' }, () => {}, () => {});
    lib.failStops(true);
    await s.stop();
    lib.failStops(false);
    expect(await s.start({ facingMode: 'user' }, () => {}, () => {})).toEqual({ ok: true, value: undefined });
    // a fresh library instance: the stuck one would refuse every start ("Cannot clear while scan is ongoing")
    expect(lib.instances).toHaveLength(2);
  });

  it('hands decoded text on while running and drops it after stop', async () => {
    const got: string[] = [];
    const s = createScanner();
    await s.start({ facingMode: 'user' }, (t) => got.push(t), () => {});
    lib.code('WSC1.a.b');
    await s.stop();
    lib.code('late');
    expect(got).toEqual(['WSC1.a.b']);
  });
});
