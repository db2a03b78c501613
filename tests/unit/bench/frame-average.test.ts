import { describe, expect, it } from 'vitest';
import { createFrameHistory, meanDiff } from '../../bench/frame-average';
import { rng } from '../../support/camera-scene';

const W = 64;
/** A grey frame: a dark square at `x`, and sensor grain of sigma `noise` drawn from `seed`. */
function frame(x: number, noise: number, seed: number): Uint8ClampedArray {
  const r = rng(seed);
  const f = new Uint8ClampedArray(W * W);
  for (let i = 0; i < f.length; i++) {
    const col = i % W;
    const row = Math.floor(i / W);
    f[i] = (col >= x && col < x + 20 && row >= 20 && row < 40 ? 30 : 220) + noise * r.normal();
  }
  return f;
}
const sigmaOf = (f: Uint8ClampedArray, clean: Uint8ClampedArray) => Math.sqrt(f.reduce((s, v, i) => s + (v - clean[i]!) ** 2, 0) / f.length);

describe('averaging steady frames', () => {
  it('halves the grain of a badge held still over four frames', () => {
    const h = createFrameHistory();
    const clean = frame(10, 0, 1);
    expect(h.push(frame(10, 20, 1), W)).toBeNull(); // one frame: nothing to average yet
    h.push(frame(10, 20, 2), W);
    h.push(frame(10, 20, 3), W);
    const avg = h.push(frame(10, 20, 4), W)!;
    expect(sigmaOf(frame(10, 20, 5), clean)).toBeGreaterThan(17);
    expect(sigmaOf(avg, clean)).toBeLessThan(11);
  });

  it('starts afresh when the badge moves, so two positions are never smeared together', () => {
    const h = createFrameHistory();
    h.push(frame(10, 20, 1), W);
    h.push(frame(10, 20, 2), W);
    expect(meanDiff(frame(10, 20, 3), frame(30, 20, 4), W)).toBeGreaterThan(6);
    expect(meanDiff(frame(10, 20, 3), frame(10, 20, 4), W)).toBeLessThan(6); // grain alone is not a move
    expect(h.push(frame(30, 20, 3), W)).toBeNull();
    expect(h.push(frame(30, 20, 4), W)).not.toBeNull();
  });

  it('keeps at most four frames and treats frames of another size as a new scene', () => {
    const h = createFrameHistory(4);
    for (let i = 0; i < 10; i++) h.push(frame(10, 5, i), W);
    expect(h.push(new Uint8ClampedArray(16), 4)).toBeNull();
  });
});
