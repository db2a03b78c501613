// Averaging the last few camera frames (issue 11), measured on the camera corpus and not shipped yet:
// it reads 3 points more of the corpus (noise 50 → 72 %, the everyday mix 39 → 50 %) but copies and
// averages every frame even on an idle attract screen, which a kiosk does all day. Kept here, with its
// figures in BENCHMARKS.md, for a cheaper version (grey only, fewer frames) to be weighed against.
//
// Sensor noise and a dim lobby make a webcam's frames
// grainy, and the grain is different in every frame while the badge is not. The mean of a few frames of
// a badge held still has the badge at full contrast and the noise divided by √n. A frame that differs a
// lot from the one before (the card moved in or out) starts the history afresh, so moving badges are not
// smeared together. Pure: frames are pixel arrays (grey or RGBA alike), the caller owns them.

/** How many frames are averaged at most: the noise falls to half at 4. */
export const AVERAGE_FRAMES = 4;
/** meanDiff (grey levels) above which a frame is a new scene, not the same one again. */
export const STEADY_MAX_DIFF = 6;

export interface FrameHistory {
  /**
   * Adds a frame `width` pixels wide (`stride` values a pixel); returns the average of the steady frames so
   * far, this one included, or null while there is only one.
   */
  push(frame: Uint8ClampedArray, width: number, stride?: number): Uint8ClampedArray | null;
  reset(): void;
}

/**
 * How much two frames differ, beyond their grain: the mean absolute difference of the means of 8×8
 * blocks (a block's mean has an eighth of the grain, while a badge that moved changes whole blocks).
 * `width` in pixels; `stride` values per pixel (1 grey, 4 RGBA: only the first channel is read).
 */
export function meanDiff(a: Uint8ClampedArray, b: Uint8ClampedArray, width: number, stride = 1, block = 8): number {
  if (a.length !== b.length) return Infinity;
  const height = Math.floor(a.length / stride / width);
  let total = 0;
  let blocks = 0;
  for (let by = 0; by + block <= height; by += block) {
    for (let bx = 0; bx + block <= width; bx += block) {
      let d = 0;
      for (let y = by; y < by + block; y++) {
        for (let x = bx; x < bx + block; x++) {
          const i = (y * width + x) * stride;
          d += a[i]! - b[i]!;
        }
      }
      total += Math.abs(d / (block * block));
      blocks++;
    }
  }
  return blocks === 0 ? 0 : total / blocks;
}

export function createFrameHistory(max = AVERAGE_FRAMES, steadyMaxDiff = STEADY_MAX_DIFF): FrameHistory {
  let frames: Uint8ClampedArray[] = [];
  return {
    push(frame, width, stride = 1) {
      const last = frames.at(-1);
      if (last && meanDiff(last, frame, width, stride) > steadyMaxDiff) frames = [];
      frames.push(frame);
      if (frames.length > max) frames.shift();
      if (frames.length < 2) return null;
      const out = new Uint8ClampedArray(frame.length);
      const k = frames.length;
      for (let i = 0; i < out.length; i++) {
        let s = 0;
        for (let j = 0; j < k; j++) s += frames[j]![i]!;
        out[i] = s / k;
      }
      return out;
    },
    reset() {
      frames = [];
    },
  };
}
