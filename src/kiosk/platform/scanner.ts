import type { Html5Qrcode, Html5QrcodeCameraScanConfig, Html5QrcodeFullConfig } from 'html5-qrcode';
import { err, ok, type Result } from '../../domain/result';
import './scanner.css';

// The camera QR scanner: html5-qrcode's Html5Qrcode (not its built-in UI) in the fixed #scanner box that
// index.html holds outside the Preact root, so a re-render never tears the video out from under it.
// This is the only file that imports html5-qrcode (unmaintained upstream: swap it here). It reads codes
// and hands their text on; what a code means is the check-in model's business.
//
// The library is loaded on the first start, not with the app: ~100 KiB of decoder that the attract
// screen does not need to paint. The service worker precaches the chunk, so it loads offline too.

export interface CameraInfo {
  readonly id: string; // MediaDeviceInfo.deviceId
  readonly label: string; // empty until the browser has been allowed to use a camera
}

/** A camera by device id (chosen in staff mode), or whatever camera faces that way. */
export type CameraChoice = { readonly deviceId: string } | { readonly facingMode: 'user' | 'environment' };

export type ScannerFailure = 'no_camera' | 'denied' | 'error';

export interface ScannerPort {
  /** The video inputs, without opening one. */
  listCameras(): Promise<Result<readonly CameraInfo[], ScannerFailure>>;
  /**
   * Opens the camera and scans until stop(); every decoded frame calls onCode (the same code many times a
   * second while it is held up). onFault: the running camera went away (unplugged, taken by another app).
   * onSeen: a frame held a QR code the decoder found and could not read (only where the kiosk's own
   * zxing-cpp decoder runs; a native BarcodeDetector does not say).
   */
  start(
    camera: CameraChoice,
    onCode: (text: string) => void,
    onFault: (f: ScannerFailure) => void,
    onSeen?: () => void,
  ): Promise<Result<void, ScannerFailure>>;
  /** Stops the camera and empties the box; safe to call at any time. */
  stop(): Promise<void>;
}

/** How hard to look. `qrbox` is a fraction of the preview's shorter side (a centred square), or none. */
export interface ScanTuning {
  readonly fps: number | undefined;
  readonly qrbox: number | undefined;
  readonly disableFlip: boolean | undefined;
  readonly qrOnly: boolean;
  readonly nativeDetector: boolean | undefined;
  /**
   * The camera resolution to ask for (a 16:9 width; the height follows). The #scanner box is laid out
   * at the width the camera really delivers, so the decoder reads the centre of the picture at the
   * camera's own pixels (scanner.css).
   */
  readonly videoWidth: number | undefined;
  /**
   * Where the browser has no BarcodeDetector: 'zxing-cpp' installs the kiosk's zxing-wasm detector
   * (zxing-detector.ts) so html5-qrcode decodes with it; 'zxing-js' leaves html5-qrcode's own decoder.
   */
  readonly fallbackDecoder: 'zxing-js' | 'zxing-cpp';
}

// Measured with `npm run bench` (BENCHMARKS.md, scan-to-result). Why these:
// - fps: html5-qrcode waits 1000/fps ms *after* each decode, so at its default of 2 a code waits half a
//   second on average before it is even looked at. 15 keeps a miss-decode cycle under ~70 ms on the
//   kiosk's 2 cores without pinning one of them.
// - qrbox 0.8 of the shorter side: the decoder reads a centred square instead of the whole frame (fewer
//   pixels per try) and the shading shows the worker where to hold the badge.
// - disableFlip: the library decodes every missed frame a second time mirrored. Our preview is mirrored
//   only by CSS; the pixels the decoder sees are not, and a printed badge is never mirror-written.
// - QR only: the decoder stops trying 15 other formats on every frame.
// - the browser's BarcodeDetector where it exists (ChromeOS, Android, macOS); zxing-js elsewhere.
// - 1280×720 from the camera, read at its own pixels: html5-qrcode decodes the video redrawn at the
//   #scanner box's layout size, so the box is laid out at the width the camera delivers and the square
//   it decodes is the centre of the picture, uncropped and unscaled. On the camera corpus that reads a
//   short badge in 86 % of scenes within 1 s against 63 % at 640×480 (a card held further away still has
//   modules of 3 px or more). A camera that cannot do 720p delivers what it can, and the box follows.
// - zxing-cpp where the browser has no native detector, reading frames in four turns (plain, local
//   contrast, smoothed, local contrast; zxing-detector.ts): on the camera corpus it reads the short badge
//   in far more scenes than zxing-js, noisy, glaring and smeared ones included (BENCHMARKS.md).
export const SHIPPED_TUNING: ScanTuning = { fps: 15, qrbox: 0.8, disableFlip: true, qrOnly: true, nativeDetector: true, videoWidth: 1280, fallbackDecoder: 'zxing-cpp' };

/** html5-qrcode as it comes: `new Html5Qrcode(id)` and `start(camera, {fps: undefined})`. For the benchmark. */
export const LIBRARY_DEFAULTS: ScanTuning = { fps: undefined, qrbox: undefined, disableFlip: undefined, qrOnly: false, nativeDetector: undefined, videoWidth: undefined, fallbackDecoder: 'zxing-js' };

export const SCANNER_ELEMENT_ID = 'scanner';

/** How long a start waits for the video to play before it counts as started anyway (see playing()). */
const PLAY_WAIT_MS = 3_000;

const DENIED = /NotAllowedError|PermissionDeniedError|SecurityError|Permission denied/i;
const NO_CAMERA = /NotFoundError|DevicesNotFoundError|OverconstrainedError|ConstraintNotSatisfiedError|Requested device not found|not supported/i;

/** html5-qrcode rejects with strings ("Error getting userMedia, error = NotAllowedError: …") or DOMExceptions. */
export function classifyCameraError(e: unknown): ScannerFailure {
  const text = e instanceof Error || (typeof DOMException !== 'undefined' && e instanceof DOMException) ? `${e.name}: ${e.message}` : String(e);
  if (DENIED.test(text)) return 'denied';
  if (NO_CAMERA.test(text)) return 'no_camera';
  return 'error';
}

export interface ScannerOptions {
  readonly tuning?: ScanTuning;
  readonly elementId?: string;
  readonly doc?: Document;
}

export function createScanner(opts: ScannerOptions = {}): ScannerPort {
  const tuning = opts.tuning ?? SHIPPED_TUNING;
  const id = opts.elementId ?? SCANNER_ELEMENT_ID;
  const doc = opts.doc ?? document;
  let lib: Promise<typeof import('html5-qrcode')> | null = null;
  let qr: Html5Qrcode | null = null;
  let running = false;
  let seen: () => void = () => {};
  let detach = () => {};
  // Every start and stop runs after the one before has finished: a start while a stop runs waits,
  // and there are never two starts on the camera at once.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(op: () => Promise<T>): Promise<T> => {
    const next = queue.then(op, op);
    queue = next.catch(() => undefined);
    return next;
  };

  const host = () => doc.getElementById(id);
  // the width each camera really delivers, learned at its first start: the box is laid out at it
  const delivered = new Map<string, number>();
  const cameraKey = (c: CameraChoice) => ('deviceId' in c ? `id:${c.deviceId}` : `facing:${c.facingMode}`);
  /** Lays the box out at the video's width (the decoder's pixels); scanner.css draws it in the page's camera slot. */
  const layBox = (width: number | undefined) => {
    const el = host();
    if (!el || width === undefined) return;
    el.style.width = `${width}px`;
    el.style.setProperty('--scanner-width', String(width));
  };
  const trackWidth = (): number | undefined => {
    const video = host()?.querySelector('video');
    const track = video?.srcObject instanceof MediaStream ? video.srcObject.getVideoTracks()[0] : undefined;
    return track?.getSettings?.().width;
  };

  const instance = async (): Promise<Html5Qrcode> => {
    if (qr) return qr;
    lib ??= import('html5-qrcode');
    // the decoder first: html5-qrcode looks for a BarcodeDetector when it is constructed
    if (tuning.fallbackDecoder === 'zxing-cpp' && tuning.nativeDetector && !('BarcodeDetector' in globalThis)) {
      await (await import('./barcode-polyfill')).installBarcodeDetector(() => running && seen());
    }
    const { Html5Qrcode, Html5QrcodeSupportedFormats } = await lib;
    const config: Html5QrcodeFullConfig | undefined = tuning.qrOnly || tuning.nativeDetector !== undefined
      ? {
          verbose: false,
          ...(tuning.qrOnly ? { formatsToSupport: [Html5QrcodeSupportedFormats.QR_CODE] } : {}),
          ...(tuning.nativeDetector !== undefined ? { experimentalFeatures: { useBarCodeDetectorIfSupported: tuning.nativeDetector } } : {}),
        }
      : undefined;
    qr = new Html5Qrcode(id, config);
    return qr;
  };

  const scanConfig = (camera: CameraChoice): Html5QrcodeCameraScanConfig => {
    const c: Html5QrcodeCameraScanConfig = { fps: tuning.fps };
    const w = tuning.videoWidth;
    if (w !== undefined) {
      // videoConstraints replace the camera argument in html5-qrcode, so the camera goes in here too
      const which = 'deviceId' in camera ? { deviceId: { exact: camera.deviceId } } : { facingMode: camera.facingMode };
      c.videoConstraints = { ...which, width: { ideal: w }, height: { ideal: Math.round((w * 9) / 16) } };
    }
    if (tuning.disableFlip !== undefined) c.disableFlip = tuning.disableFlip;
    const f = tuning.qrbox;
    if (f !== undefined) {
      c.qrbox = (w, h) => {
        const side = Math.max(50, Math.floor(Math.min(w, h) * f)); // the library refuses a box under 50 px
        return { width: side, height: side };
      };
    }
    return c;
  };

  /** Mirror the preview unless the camera says it faces away from the person (a rear camera). */
  const markFacing = (q: Html5Qrcode) => {
    const el = host();
    if (!el) return;
    let facing: string | undefined;
    try {
      facing = q.getRunningTrackSettings().facingMode;
    } catch {
      facing = undefined;
    }
    el.dataset.mirror = facing === 'environment' ? 'false' : 'true';
  };

  /**
   * Continuous autofocus where the camera has it (issue 11): a fixed-focus webcam has none and blurs a
   * card held close (the camera corpus's largest failure); one that can focus should, all the time.
   */
  const focusContinuously = () => {
    const video = host()?.querySelector('video');
    const track = video?.srcObject instanceof MediaStream ? video.srcObject.getVideoTracks()[0] : undefined;
    const caps = track?.getCapabilities?.() as (MediaTrackCapabilities & { focusMode?: string[] }) | undefined;
    if (!track || !caps?.focusMode?.includes('continuous')) return;
    track.applyConstraints({ advanced: [{ focusMode: 'continuous' } as MediaTrackConstraintSet] }).catch(() => undefined);
  };

  /**
   * html5-qrcode's start resolves once it has asked the video to play, before it plays; a stop in that
   * moment (the relaunch at another width below, a worker leaving at once) interrupts a play() whose
   * promise the library never handles, an error in the page. So a start ends when the video plays, or
   * after a bounded wait: a camera that never delivers a frame is not a reason to hang the queue.
   */
  const playing = (): Promise<void> => {
    const video = host()?.querySelector('video');
    if (!video || video.readyState >= 3 /* HAVE_FUTURE_DATA: it plays already */) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        for (const e of ['playing', 'error', 'emptied']) video.removeEventListener(e, done);
        resolve();
      };
      const timer = setTimeout(done, PLAY_WAIT_MS);
      for (const e of ['playing', 'error', 'emptied']) video.addEventListener(e, done);
    });
  };

  /** Tells the model when the running camera ends by itself (unplugged, taken by another app). */
  const watchTrack = (onFault: (f: ScannerFailure) => void) => {
    const video = host()?.querySelector('video');
    const tracks = video?.srcObject instanceof MediaStream ? video.srcObject.getVideoTracks() : [];
    const ended = () => running && onFault('error');
    for (const t of tracks) t.addEventListener('ended', ended);
    return () => tracks.forEach((t) => t.removeEventListener('ended', ended));
  };

  const stopNow = async () => {
    detach();
    detach = () => {};
    running = false;
    const q = qr;
    if (q) {
      try {
        if (q.getState() !== 1 /* NOT_STARTED */ && q.getState() !== 0) await q.stop();
      } catch {
        // already stopped, or the track died: clearing below is what matters
      }
      try {
        q.clear();
      } catch {
        // clear() throws while the library believes it scans; the element is emptied below anyway
      }
      // A stop soon after a start (before the first video frame drew its canvas) fails inside the
      // library and leaves it believing it scans, so every later start fails: start afresh next time.
      if (q.getState() !== 1 /* NOT_STARTED */ && q.getState() !== 0) qr = null;
    }
    const el = host();
    if (el) {
      el.replaceChildren();
      delete el.dataset.mirror;
    }
  };

  return {
    async listCameras() {
      const md = doc.defaultView?.navigator.mediaDevices;
      if (!md?.enumerateDevices) return err('no_camera');
      try {
        const inputs = (await md.enumerateDevices()).filter((d) => d.kind === 'videoinput');
        if (inputs.length === 0) return err('no_camera');
        // before permission Chromium lists one input with an empty id: present, but not yet choosable
        return ok(inputs.filter((d) => d.deviceId !== '').map((d) => ({ id: d.deviceId, label: d.label })));
      } catch (e) {
        return err(classifyCameraError(e));
      }
    },
    start(camera, onCode, onFault, onSeen) {
      return serial(async (): Promise<Result<void, ScannerFailure>> => {
        seen = onSeen ?? (() => {});
        if (running) await stopNow();
        if (!host()) return err('error');
        try {
          const key = cameraKey(camera);
          const launch = async () => {
            const q = await instance(); // a fresh one if the stop before left the library stuck
            layBox(delivered.get(key) ?? tuning.videoWidth);
            // a deviceId goes as {deviceId: id}, which the library turns into {exact: id}
            await q.start('deviceId' in camera ? camera.deviceId : { facingMode: camera.facingMode }, scanConfig(camera), (text) => running && onCode(text), undefined);
            await playing();
          };
          await launch();
          // a camera that delivers another width than asked (a 640×480 webcam): learn it and start once
          // more with the box at that width, so the decoder reads the picture unscaled from then on
          const got = trackWidth();
          if (tuning.videoWidth !== undefined && got !== undefined && got !== (delivered.get(key) ?? tuning.videoWidth)) {
            delivered.set(key, got);
            await stopNow();
            await launch();
          }
          running = true;
          const q = await instance();
          markFacing(q);
          focusContinuously();
          detach = watchTrack(onFault);
          return ok(undefined);
        } catch (e) {
          await stopNow();
          return err(classifyCameraError(e));
        }
      });
    },
    stop: () => serial(stopNow),
  };
}
