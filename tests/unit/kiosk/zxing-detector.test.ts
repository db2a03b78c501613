import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { readableMask } from '../../../src/hub/badges/qr';
import { localContrastGrey, smoothedGrey } from '../../../src/kiosk/platform/frame-filter';
import { createFrameReader, KIOSK_TURNS, type FrameTurn, type Pixels } from '../../../src/kiosk/platform/zxing-detector';
import { HD, modulesOf, renderFrame, sceneOf, type Modules } from '../../support/camera-scene';

// The kiosk's decoder with the real zxing-cpp (its WebAssembly, loaded in Node), on frames from the
// camera scene model: what the kiosk reads in Chromium is this code on the scan box's pixels.

const BADGE = 'W2.K7Q2MZXA4TB6RN3D';
const CROP = { width: 576, height: 576 };

beforeAll(() => {
  const wasm = readFileSync(join(import.meta.dirname, '../../../node_modules/zxing-wasm/dist/reader/zxing_reader.wasm'));
  prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer } });
});

function rgba(grey: Uint8ClampedArray, width: number, height: number): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < grey.length; i++) {
    data[i * 4] = data[i * 4 + 1] = data[i * 4 + 2] = grey[i]!;
    data[i * 4 + 3] = 255;
  }
  return { data, width, height };
}

const frameOf = (modules: Modules, condition: Parameters<typeof sceneOf>[0], seed: number, frame = 0) =>
  rgba(renderFrame(modules, sceneOf(condition, seed), HD, frame, CROP), CROP.width, CROP.height);

describe('smoothedGrey', () => {
  it('leaves a flat frame as it is', () => {
    const flat = rgba(new Uint8ClampedArray(25).fill(137), 5, 5);
    expect([...smoothedGrey(flat.data, 5, 5)].filter((_, i) => i % 4 === 0)).toEqual(Array(25).fill(137));
  });

  it('spreads a single bright pixel as the 3×3 binomial [1 2 1]ᵀ[1 2 1]/16', () => {
    const grey = new Uint8ClampedArray(25);
    grey[12] = 160;
    const out = smoothedGrey(rgba(grey, 5, 5).data, 5, 5).filter((_, i) => i % 4 === 0);
    expect([out[6], out[7], out[8], out[11], out[12], out[13], out[16], out[17], out[18]]).toEqual([10, 20, 10, 20, 40, 20, 10, 20, 10]);
    expect(out[0]).toBe(0);
  });

  it('refuses a pixel array too short for its size (a programmer error)', () => {
    expect(() => smoothedGrey(new Uint8ClampedArray(10), 5, 5)).toThrow(RangeError);
  });
});

describe('localContrastGrey', () => {
  const grey = (out: Uint8ClampedArray) => [...out].filter((_, i) => i % 4 === 0);
  /** 12×12, the left half at `dark`, the right at `light`. */
  const step = (dark: number, light: number) => rgba(Uint8ClampedArray.from({ length: 144 }, (_, i) => (i % 12 < 6 ? dark : light)), 12, 12);

  it('draws a flat frame at mid-grey', () => {
    expect(grey(localContrastGrey(rgba(new Uint8ClampedArray(64).fill(231), 8, 8).data, 8, 8, 3))).toEqual(Array(64).fill(128));
  });

  /** How far apart the two sides come out, a pixel either side of the edge. */
  const apart = (dark: number, light: number) => {
    const out = grey(localContrastGrey(step(dark, light).data, 12, 12, 3));
    return out[6 * 12 + 7]! - out[6 * 12 + 4]!;
  };

  it('brings a faint edge under a highlight (10 grey levels) more than 4 times as far apart', () => {
    expect(apart(240, 250)).toBeGreaterThan(40);
  });

  it('draws a strong edge (200 levels) no further apart than it was, and the faint one at least a third as far', () => {
    expect(apart(20, 220)).toBeLessThanOrEqual(200);
    expect(apart(240, 250) / apart(20, 220)).toBeGreaterThan(1 / 3);
  });

  it('refuses a radius under 1 or not whole, and a pixel array too short for its size (programmer errors)', () => {
    expect(() => localContrastGrey(new Uint8ClampedArray(100), 5, 5, 0)).toThrow(RangeError);
    expect(() => localContrastGrey(new Uint8ClampedArray(100), 5, 5, 2.5)).toThrow(RangeError);
    expect(() => localContrastGrey(new Uint8ClampedArray(10), 5, 5, 3)).toThrow(RangeError);
  });
});

describe('the kiosk frame reader (zxing-cpp)', () => {
  const modules = modulesOf(BADGE, readableMask(BADGE));

  it('reads a clean badge on a plain frame, with its corners', async () => {
    const r = await createFrameReader(readBarcodes).read(frameOf(modules, 'clean', 1000));
    expect(r.kind).toBe('read');
    if (r.kind === 'read') {
      expect(r.text).toBe(BADGE);
      expect(r.corners).toHaveLength(4);
    }
  });

  const readsOn = async (turn: FrameTurn, frame: Pixels) => (await createFrameReader(readBarcodes, [turn]).read(frame)).kind === 'read';

  it('reads a grainy frame on its smoothed turn that the plain turn misses', async () => {
    const frame = frameOf(modules, 'sensor noise', 6000, 2);
    expect(await readsOn('plain', frame)).toBe(false);
    expect(await readsOn('smoothed', frame)).toBe(true);
  });

  it("reads a badge under a lamp's highlight on a local-contrast turn that the plain and smoothed turns miss", async () => {
    const frame = frameOf(modules, 'glare', 8003);
    expect(await readsOn('plain', frame)).toBe(false);
    expect(await readsOn('smoothed', frame)).toBe(false);
    expect(await readsOn({ localContrast: 4 }, frame)).toBe(true);
    expect(await readsOn({ localContrast: 3 }, frame)).toBe(true);
  });

  it('reads a badge smeared by a moving hand on a local-contrast turn that the plain and smoothed turns miss', async () => {
    const frame = frameOf(modules, 'motion', 9003);
    expect(await readsOn('plain', frame)).toBe(false);
    expect(await readsOn('smoothed', frame)).toBe(false);
    expect(await readsOn({ localContrast: 4 }, frame)).toBe(true);
  });

  it("takes the kiosk's turns in order, one a frame: plain, local contrast 4, smoothed, local contrast 3, and again", async () => {
    expect(KIOSK_TURNS).toEqual(['plain', { localContrast: 4 }, 'smoothed', { localContrast: 3 }]);
    const glare = frameOf(modules, 'glare', 8003);
    const reader = createFrameReader(readBarcodes);
    const kinds = [];
    for (let i = 0; i < 6; i++) kinds.push((await reader.read(glare)).kind === 'read');
    expect(kinds).toEqual([false, true, false, true, false, true]);
  });

  it('takes only a badge from a local-contrast turn: any other text there is a code seen, while a plain turn reads it', async () => {
    const foreign = modulesOf('548', readableMask('548')); // what a local-contrast turn once made of a smeared badge
    const frame = frameOf(foreign, 'clean', 1000);
    expect(await createFrameReader(readBarcodes, ['plain']).read(frame)).toMatchObject({ kind: 'read', text: '548' });
    expect(await createFrameReader(readBarcodes, [{ localContrast: 4 }]).read(frame)).toEqual({ kind: 'seen' });
    expect(await createFrameReader(readBarcodes, [{ localContrast: 4 }]).read(frameOf(modules, 'clean', 1000))).toMatchObject({ kind: 'read', text: BADGE });
  });

  it('refuses a reader with no turns (a programmer error)', () => {
    expect(() => createFrameReader(readBarcodes, [])).toThrow(RangeError);
  });

  it('sees nothing on a blank card', async () => {
    const blank: Modules = { size: 21, get: () => false };
    const reader = createFrameReader(readBarcodes);
    expect((await reader.read(frameOf(blank, 'clean', 1000))).kind).toBe('none');
    expect((await reader.read(frameOf(blank, 'clean', 1000))).kind).toBe('none');
  });

  it('says a code was seen when its finder patterns are found and its data cannot be read', async () => {
    // the middle of the symbol painted over: the three corners still say "a QR code is here"
    const damaged: Modules = { size: modules.size, get: (r, c) => (r >= 9 && r <= 20 && c >= 9 && c <= 20 ? (r * 7 + c * 3) % 5 < 2 : modules.get(r, c)) };
    const r = await createFrameReader(readBarcodes).read(frameOf(damaged, 'clean', 1000));
    expect(r.kind).toBe('seen');
  });
});
