import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { readableMask } from '../../src/hub/badges/qr';
import { chromiumArgs, findChromium } from './chromium.mjs';

// A camera for browser tests (DESIGN §9): Chromium's fake capture device playing a y4m file that we
// write at test time from a real QR code. One 640×480 frame, 4:2:0, full range (C420jpeg); Chromium
// loops it at 10 frames a second.
//
// Why the frame can be swapped while the browser runs: Chromium's y4m reader reads every frame from
// the file again by offset (it does not map or cache it), so rewriting the frame's bytes in place — same
// size, never truncated — changes what the camera sees, as when a worker puts a different badge in
// front of it. That lets one kiosk page show a bad code and then a good one, which is what "the scanner
// keeps working" means. Replacing the file (rename, truncate) would not work and could crash the reader.

export const FRAME_WIDTH = 640;
export const FRAME_HEIGHT = 480;
export const Y4M_HEADER = `YUV4MPEG2 W${FRAME_WIDTH} H${FRAME_HEIGHT} F10:1 Ip A1:1 C420jpeg\n`;
const FRAME_MARK = 'FRAME\n';
const Y_SIZE = FRAME_WIDTH * FRAME_HEIGHT;
const C_SIZE = (FRAME_WIDTH / 2) * (FRAME_HEIGHT / 2);
export const FRAME_BYTES = Y_SIZE + 2 * C_SIZE;
/** Bytes of a one-frame file: header, frame mark, Y, U and V planes. */
export const Y4M_FILE_BYTES = Y4M_HEADER.length + FRAME_MARK.length + FRAME_BYTES;

const BLACK = 0;
const WHITE = 255;
// a grey room around the badge, so the code is not the only thing in the picture
const BACKGROUND = 150;
const NEUTRAL_CHROMA = 128;
const QUIET_MODULES = 4;

/**
 * What the camera shows: a code's text drawn clean, a frame of the camera corpus (a 640×480 grey image
 * from tests/support/camera-scene.ts: blur, noise, a phone screen…), or nothing.
 */
export type Shown = string | { readonly luma: Uint8ClampedArray } | null;

export interface FrameOptions {
  /** the QR's height as a share of the frame's (default a third, as DESIGN §9 says works) */
  readonly share?: number;
}

/**
 * The QR symbol for `text` drawn as the hub draws badges: error correction M, and a mask the kiosk's
 * zxing-js reads (src/hub/badges/qr.ts; with qrcode's own mask choice about 2 % of codes never scan).
 */
export function qrModules(text: string) {
  const mask = readableMask(text);
  return QRCode.create(text, { errorCorrectionLevel: 'M', ...(mask === undefined ? {} : { maskPattern: mask }) }).modules;
}

/**
 * The Y, U and V planes of one frame showing `text` as a QR code (qrModules), centred, with a white
 * quiet zone of four modules; null gives an empty grey frame.
 */
export function qrFrame(text: Shown, opts: FrameOptions = {}): Buffer {
  const frame = Buffer.alloc(FRAME_BYTES, NEUTRAL_CHROMA);
  if (text !== null && typeof text !== 'string') {
    frame.set(text.luma.subarray(0, Y_SIZE), 0);
    return frame;
  }
  frame.fill(BACKGROUND, 0, Y_SIZE);
  if (text === null) return frame;
  const modules = qrModules(text);
  const n = modules.size;
  const px = Math.max(1, Math.round((FRAME_HEIGHT * (opts.share ?? 1 / 3)) / n));
  const side = (n + 2 * QUIET_MODULES) * px;
  if (side > FRAME_HEIGHT) throw new Error(`a QR of ${n} modules at ${px} px does not fit the frame`);
  const left = Math.floor((FRAME_WIDTH - side) / 2);
  const top = Math.floor((FRAME_HEIGHT - side) / 2);
  for (let y = 0; y < side; y++) {
    const row = Math.floor(y / px) - QUIET_MODULES;
    for (let x = 0; x < side; x++) {
      const col = Math.floor(x / px) - QUIET_MODULES;
      const dark = row >= 0 && row < n && col >= 0 && col < n && modules.get(row, col) === 1;
      frame[(top + y) * FRAME_WIDTH + left + x] = dark ? BLACK : WHITE;
    }
  }
  return frame;
}

/** A whole one-frame y4m file for `text` (null: no code in sight). */
export function y4mOf(text: Shown, opts: FrameOptions = {}): Buffer {
  return Buffer.concat([Buffer.from(Y4M_HEADER, 'ascii'), Buffer.from(FRAME_MARK, 'ascii'), qrFrame(text, opts)]);
}

/** The y4m file a fake camera plays, with what it shows changeable while a browser reads it. */
export class FakeCameraFile {
  private constructor(readonly path: string, private readonly opts: FrameOptions) {}

  /** Writes the file; `path` must be absolute (Chromium is told it on its command line). */
  static create(path: string, text: Shown, opts: FrameOptions = {}): FakeCameraFile {
    writeFileSync(path, y4mOf(text, opts));
    return new FakeCameraFile(path, opts);
  }

  /** Puts another code (or none) in front of the camera: the frame's bytes rewritten in place. */
  show(text: Shown): void {
    const fd = openSync(this.path, 'r+');
    try {
      writeSync(fd, qrFrame(text, this.opts), 0, FRAME_BYTES, Y4M_HEADER.length + FRAME_MARK.length);
    } finally {
      closeSync(fd);
    }
  }
}

/** The flags that make Chromium's camera play a file instead of asking for a real device. */
export function fakeCameraArgs(y4mPath: string): string[] {
  return ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${y4mPath}`];
}

export interface CameraBrowser {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly camera: FakeCameraFile;
  /** the kiosk page's console, kept for a failing test's report */
  readonly log: readonly string[];
  /** What the page and its camera looked like: for a scan that never came. */
  diagnose(): Promise<{ screen: Buffer | null; state: string; console: string }>;
  close(): Promise<void>;
}

/**
 * A Chromium of its own (the video is fixed per browser launch) whose camera shows `text` (or nothing),
 * with camera permission granted for the hub's origin, e.g. http://127.0.0.1:<port> (unless
 * `permission: false`).
 */
export async function launchWithCamera(
  origin: string,
  text: Shown,
  opts: FrameOptions & { permission?: boolean; viewport?: { width: number; height: number }; deviceScaleFactor?: number } = {},
): Promise<CameraBrowser> {
  const dir = mkdtempSync(join(tmpdir(), 'wsc-camera-'));
  const camera = FakeCameraFile.create(join(dir, 'camera.y4m'), text, opts);
  // permission false: the camera is there but the site may not use it (the prompt is refused)
  const args = fakeCameraArgs(camera.path).filter((a) => opts.permission !== false || a !== '--use-fake-ui-for-media-stream');
  const browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: [...chromiumArgs(), ...args] });
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1920, height: 1080 }, deviceScaleFactor: opts.deviceScaleFactor ?? 1, serviceWorkers: 'allow' });
  if (opts.permission !== false) await context.grantPermissions(['camera'], { origin });
  const page = await context.newPage();
  const log: string[] = [];
  page.on('console', (m) => {
    log.push(`${new Date().toISOString()} ${m.type()} ${m.text()}`);
    // E2E_CONSOLE=1: the kiosk's console in the test output as it happens
    if (process.env.E2E_CONSOLE) console.log('[kiosk]', m.type(), m.text());
  });
  page.on('pageerror', (e) => log.push(`${new Date().toISOString()} pageerror ${e.message}`));
  return {
    browser,
    context,
    page,
    camera,
    log,
    async diagnose() {
      const video = await page
        .evaluate(() => {
          const v = document.querySelector('#scanner video') as HTMLVideoElement | null;
          if (!v) return { video: null, scanner: document.querySelector('#scanner')?.outerHTML.slice(0, 500) ?? null };
          const c = document.createElement('canvas');
          [c.width, c.height] = [160, 120];
          const g = c.getContext('2d')!;
          g.drawImage(v, 0, 0, 160, 120);
          const d = g.getImageData(0, 0, 160, 120).data;
          let dark = 0;
          for (let i = 0; i < d.length; i += 4) if (d[i]! < 80) dark++;
          return { video: { readyState: v.readyState, paused: v.paused, currentTime: v.currentTime, width: v.videoWidth, darkPixels: dark } };
        })
        .catch((e: Error) => ({ error: e.message }));
      return { screen: await page.screenshot().catch(() => null), state: JSON.stringify({ url: page.url(), ...video }), console: log.join('\n') };
    },
    async close() {
      await browser.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
