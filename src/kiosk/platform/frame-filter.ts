// What the camera decoder does to a frame before zxing-cpp reads it (issue 11). Pure: pixel arrays in,
// pixel arrays out, so the camera corpus benchmark and the kiosk run the very same code.
//
// Sensor noise is the corpus's worst class for a plain frame: with grain of σ 12–25 grey levels the
// binarizer breaks a finder pattern's runs into pieces and zxing-cpp sees no symbol, although a module of
// a short badge is 5–7 px wide at 720p. A [1 2 1] smoothing in both directions (a 3×3 binomial, σ ≈ 0.7
// px) quarters the grain and barely touches 5 px modules.
//
// Glare and a moving card are the next: where a lamp's highlight lies on the card, black modules are a
// few grey levels below white ones, under the 24 levels zxing-cpp's binarizer takes for an edge, so a
// third of the symbol (a finder pattern with it) turns white; a smear of a module or more leaves the same
// faint difference. Local contrast (each pixel against the mean and spread of its own few pixels)
// brings those differences back to full scale. It also blows up the flat inside of large modules (a
// phone held close) and a small badge's grain, so it is a turn of its own, not a treatment of every frame.

/** Integer BT.601 luma of RGBA, as zxing-cpp computes it, smoothed by [1 2 1]/4 across and down. */
function smoothedLuma(rgba: Uint8ClampedArray, width: number, height: number, caller: string): Uint8Array {
  const n = width * height;
  if (rgba.length < n * 4) throw new RangeError(`${caller}: ${rgba.length} values for ${width}×${height} RGBA`);
  const grey = new Uint16Array(n);
  for (let i = 0, j = 0; i < n; i++, j += 4) grey[i] = (306 * rgba[j]! + 601 * rgba[j + 1]! + 117 * rgba[j + 2]!) >> 10;
  const across = new Uint16Array(n); // 4× the value
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const i = row + x;
      across[i] = grey[x > 0 ? i - 1 : i]! + 2 * grey[i]! + grey[x < width - 1 ? i + 1 : i]!;
    }
  }
  const out = new Uint8Array(n);
  for (let y = 0; y < height; y++) {
    const up = y > 0 ? -width : 0;
    const down = y < height - 1 ? width : 0;
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      out[i] = (across[i + up]! + 2 * across[i]! + across[i + down]! + 8) >> 4;
    }
  }
  return out;
}

function greyRgba(grey: ArrayLike<number>): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(grey.length * 4);
  for (let i = 0, j = 0; i < grey.length; i++, j += 4) {
    out[j] = out[j + 1] = out[j + 2] = grey[i]!;
    out[j + 3] = 255;
  }
  return out;
}

/**
 * The frame's luminance smoothed by [1 2 1]/4 across and down, as grey RGBA (what ImageData holds).
 * `rgba` is `width`×`height` RGBA; edges repeat their pixel.
 */
export function smoothedGrey(rgba: Uint8ClampedArray, width: number, height: number): Uint8ClampedArray<ArrayBuffer> {
  return greyRgba(smoothedLuma(rgba, width, height, 'smoothedGrey'));
}

/** The mean of each pixel's (2r+1)² square (edges repeat their pixel): a running sum across, then down. */
function boxMean(src: Float32Array, width: number, height: number, r: number): Float32Array {
  const tmp = new Float32Array(src.length);
  const out = new Float32Array(src.length);
  const side = 2 * r + 1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let s = 0;
    for (let x = -r; x <= r; x++) s += src[row + Math.min(width - 1, Math.max(0, x))]!;
    for (let x = 0; x < width; x++) {
      tmp[row + x] = s / side;
      s += src[row + Math.min(width - 1, x + r + 1)]! - src[row + Math.max(0, x - r)]!;
    }
  }
  for (let x = 0; x < width; x++) {
    let s = 0;
    for (let y = -r; y <= r; y++) s += tmp[Math.min(height - 1, Math.max(0, y)) * width + x]!;
    for (let y = 0; y < height; y++) {
      out[y * width + x] = s / side;
      s += tmp[Math.min(height - 1, y + r + 1) * width + x]! - tmp[Math.max(0, y - r) * width + x]!;
    }
  }
  return out;
}

/** Grey levels one local standard deviation from the local mean is drawn at (around mid-grey 128). */
export const LOCAL_CONTRAST_SPREAD = 50;
/** Added to the local deviation, in grey levels, so flat grain is not blown up to full contrast. */
export const LOCAL_CONTRAST_FLOOR = 4;

/**
 * The smoothed frame (as smoothedGrey) with each pixel drawn by how far it lies from the mean of the
 * (2·radius+1)² pixels around it, in units of their spread: 128 + 50·(v − mean)/(deviation + 4). A
 * highlight or a smear that leaves black modules a few levels under white ones comes out at full
 * contrast. As grey RGBA; `radius` ≥ 1 in pixels (a module or less of a short badge at 720p).
 */
export function localContrastGrey(rgba: Uint8ClampedArray, width: number, height: number, radius: number): Uint8ClampedArray<ArrayBuffer> {
  if (!(radius >= 1) || !Number.isInteger(radius)) throw new RangeError(`localContrastGrey: radius ${radius}`);
  const v = Float32Array.from(smoothedLuma(rgba, width, height, 'localContrastGrey'));
  const mean = boxMean(v, width, height, radius);
  const sq = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) sq[i] = (v[i]! - mean[i]!) ** 2;
  const spread = boxMean(sq, width, height, radius);
  const out = new Uint8ClampedArray(v.length);
  for (let i = 0; i < v.length; i++) out[i] = 128 + (LOCAL_CONTRAST_SPREAD * (v[i]! - mean[i]!)) / (Math.sqrt(spread[i]!) + LOCAL_CONTRAST_FLOOR);
  return greyRgba(out);
}
