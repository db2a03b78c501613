import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { readableMask } from '../../../src/hub/badges/qr';
import { smoothedGrey } from '../../../src/kiosk/platform/frame-filter';
import { createFrameReader, type Pixels } from '../../../src/kiosk/platform/zxing-detector';
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

  it('reads a grainy frame on its smoothed turn that the plain turn misses', async () => {
    const frame = frameOf(modules, 'sensor noise', 6000, 2);
    const reader = createFrameReader(readBarcodes);
    expect((await reader.read(frame)).kind).not.toBe('read'); // the plain turn
    const second = await reader.read(frame); // the same frame, smoothed
    expect(second).toMatchObject({ kind: 'read', text: BADGE });
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
