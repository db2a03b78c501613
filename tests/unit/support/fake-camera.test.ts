import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FRAME_BYTES, FRAME_HEIGHT, FRAME_WIDTH, FakeCameraFile, Y4M_FILE_BYTES, Y4M_HEADER, qrModules, y4mOf } from '../../support/fake-camera';

// The end-to-end camera is only as good as its picture: these check the file Chromium is given.

const TOKEN = 'WSC1.AQEAAAAAAAAAAAAAAAAAAAAAAAAAAA.' + 'x'.repeat(86);
const lumaAt = (file: Buffer, x: number, y: number) => file[Y4M_HEADER.length + 6 + y * FRAME_WIDTH + x]!;

describe('fake camera y4m', () => {
  it('is one 640×480 4:2:0 frame behind the header Chromium expects', () => {
    const file = y4mOf(TOKEN);
    expect(file.length).toBe(Y4M_FILE_BYTES);
    expect(FRAME_BYTES).toBe(640 * 480 * 1.5);
    expect(file.subarray(0, Y4M_HEADER.length + 6).toString('ascii')).toBe('YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\nFRAME\n');
    // neutral chroma: a black-and-white picture
    expect(file.subarray(Y4M_HEADER.length + 6 + 640 * 480).every((b) => b === 128)).toBe(true);
  });

  it('draws the QR modules of the text as the hub prints badges, about a third of the frame high, inside a white quiet zone', () => {
    const file = y4mOf(TOKEN);
    const modules = qrModules(TOKEN);
    const n = modules.size;
    const px = Math.round(FRAME_HEIGHT / 3 / n);
    expect(n * px).toBeGreaterThan(FRAME_HEIGHT * 0.28);
    expect(n * px).toBeLessThan(FRAME_HEIGHT * 0.4);
    const side = (n + 8) * px;
    const left = Math.floor((FRAME_WIDTH - side) / 2);
    const top = Math.floor((FRAME_HEIGHT - side) / 2);
    let mismatches = 0;
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        const luma = lumaAt(file, left + (c + 4) * px + (px >> 1), top + (r + 4) * px + (px >> 1));
        if ((luma === 0) !== (modules.get(r, c) === 1)) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
    expect(lumaAt(file, left + px, top + px)).toBe(255); // quiet zone
    expect(lumaAt(file, 5, 5)).not.toBe(255); // the room around the badge is not white
  });

  it('shows another code by rewriting the frame in place, keeping the file size', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsc-y4m-'));
    try {
      const cam = FakeCameraFile.create(join(dir, 'c.y4m'), TOKEN);
      cam.show('another code');
      expect(statSync(cam.path).size).toBe(Y4M_FILE_BYTES);
      expect(readFileSync(cam.path).equals(y4mOf('another code'))).toBe(true);
      cam.show(null);
      expect(readFileSync(cam.path).equals(y4mOf(null))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
