import { createRequire } from 'node:module';
import QRCode from 'qrcode';

// Badge QR codes that every kiosk can read. Chromium without a native barcode detector (Linux, Windows)
// decodes with zxing-js inside html5-qrcode, and zxing-js cannot find about 2 % of our badge codes at
// all, even in a perfect image: the data modules happen to form a false finder pattern. Any other mask
// pattern reads. So before drawing a badge the hub decodes the code with the same zxing-js the kiosk
// ships and keeps the first mask it reads (qrcode's own choice first, so most badges are unchanged).

type MaskPattern = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;
type Zx = typeof import('html5-qrcode/third_party/zxing-js.umd.js');
let zx: Zx | null = null;
// the UMD build is CommonJS; loaded on first use so a hub that never draws a badge never pays for it
const zxing = (): Zx => (zx ??= createRequire(import.meta.url)('html5-qrcode/third_party/zxing-js.umd.js') as Zx);

const SCALE = 4;
const QUIET = 4;

/** Does zxing-js read `text` back from this QR's modules, drawn clean at 4 px per module? */
export function zxingReads(text: string, mask: MaskPattern | undefined): boolean {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M', ...(mask === undefined ? {} : { maskPattern: mask }) });
  const n = qr.modules.size;
  const width = (n + 2 * QUIET) * SCALE;
  const lum = new Uint8ClampedArray(width * width).fill(255);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      if (!qr.modules.get(y, x)) continue;
      for (let dy = 0; dy < SCALE; dy++) lum.fill(0, ((y + QUIET) * SCALE + dy) * width + (x + QUIET) * SCALE, ((y + QUIET) * SCALE + dy) * width + (x + QUIET + 1) * SCALE);
    }
  }
  const ZX = zxing() as unknown as Record<string, new (...a: unknown[]) => { decode?: (b: unknown) => { getText(): string } }>;
  try {
    const bitmap = new ZX.BinaryBitmap!(new ZX.HybridBinarizer!(new ZX.RGBLuminanceSource!(lum, width, width)));
    return new ZX.QRCodeReader!().decode!(bitmap).getText() === text;
  } catch {
    return false;
  }
}

/** The mask to draw `text` with: undefined (qrcode's choice) when zxing reads that, else the first that reads. */
export function readableMask(text: string): MaskPattern | undefined {
  if (zxingReads(text, undefined)) return undefined;
  for (const m of [0, 1, 2, 3, 4, 5, 6, 7] as const) if (zxingReads(text, m)) return m;
  return undefined; // never seen: every failing code so far read with another mask
}

const options = (text: string) => {
  const mask = readableMask(text);
  return { errorCorrectionLevel: 'M' as const, ...(mask === undefined ? {} : { maskPattern: mask }) };
};

export const badgeQrSvg = (token: string): Promise<string> => QRCode.toString(token, { ...options(token), type: 'svg', margin: 2 });

export const badgeQrPng = (token: string, path: string): Promise<void> => QRCode.toFile(path, token, { ...options(token), type: 'png', margin: 4, scale: 8 });
