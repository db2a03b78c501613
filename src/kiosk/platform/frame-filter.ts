// What the camera decoder does to a frame before zxing-cpp reads it (issue 11). Pure: pixel arrays in,
// pixel arrays out, so the camera corpus benchmark and the kiosk run the very same code.
//
// Sensor noise is the corpus's worst class: with grain of σ 12–25 grey levels the binarizer breaks a
// finder pattern's runs into pieces and zxing-cpp sees no symbol, although a module of a short badge is
// 5–7 px wide at 720p. A [1 2 1] smoothing in both directions (a 3×3 binomial, σ ≈ 0.7 px) quarters the
// grain and barely touches 5 px modules: on the corpus it reads every noisy scene (9 of 18 before). It
// costs a small badge far away a little, so the kiosk reads frames plain and smoothed in turn.

/**
 * The frame's luminance smoothed by [1 2 1]/4 across and down, as grey RGBA (what ImageData holds).
 * `rgba` is `width`×`height` RGBA; edges repeat their pixel.
 */
export function smoothedGrey(rgba: Uint8ClampedArray, width: number, height: number): Uint8ClampedArray<ArrayBuffer> {
  const n = width * height;
  if (rgba.length < n * 4) throw new RangeError(`smoothedGrey: ${rgba.length} values for ${width}×${height} RGBA`);
  const grey = new Uint16Array(n);
  // integer BT.601 luma, as zxing-cpp computes it
  for (let i = 0, j = 0; i < n; i++, j += 4) grey[i] = (306 * rgba[j]! + 601 * rgba[j + 1]! + 117 * rgba[j + 2]!) >> 10;
  const across = new Uint16Array(n); // 4× the value
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const i = row + x;
      across[i] = grey[x > 0 ? i - 1 : i]! + 2 * grey[i]! + grey[x < width - 1 ? i + 1 : i]!;
    }
  }
  const out = new Uint8ClampedArray(n * 4);
  for (let y = 0; y < height; y++) {
    const up = y > 0 ? -width : 0;
    const down = y < height - 1 ? width : 0;
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const v = (across[i + up]! + 2 * across[i]! + across[i + down]! + 8) >> 4;
      const j = i * 4;
      out[j] = out[j + 1] = out[j + 2] = v;
      out[j + 3] = 255;
    }
  }
  return out;
}
