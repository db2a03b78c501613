import type { ReaderOptions, ReadResult } from 'zxing-wasm/reader';
import { BADGE_PREFIX } from '../../domain/badge';
import { parseShortBadge } from '../../domain/badge-code';
import { localContrastGrey, smoothedGrey } from './frame-filter';

// zxing-cpp (WebAssembly) in the shape of the browser's BarcodeDetector, for browsers that have none
// (Linux and Windows Chromium, Android builds without Google services). html5-qrcode decodes with a
// BarcodeDetector when one exists, so putting this one on globalThis swaps its decoder without touching
// the camera code. Chosen by the camera corpus (BENCHMARKS.md): zxing-cpp reads short badges the zxing-js
// inside html5-qrcode misses, and reading frames in turns, plain, smoothed or at local contrast
// (frame-filter.ts), reads the noisy, glared and moving ones too, at one decode a frame. Written over
// zxing-wasm rather than the barcode-detector package because that package hides what a kiosk wants to
// know: a symbol was seen and could not be read.

/** What one camera frame held: a badge's text, a QR symbol seen but not decoded, or nothing. */
export type FrameRead =
  | { readonly kind: 'read'; readonly text: string; readonly corners: readonly { x: number; y: number }[] }
  | { readonly kind: 'seen' }
  | { readonly kind: 'none' };

export interface Pixels {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

type Read = (image: ImageData, options: ReaderOptions) => Promise<ReadResult[]>;

/** What the kiosk asks zxing-cpp for: QR only, and the symbols it found but could not decode. */
export const READER_OPTIONS: ReaderOptions = { formats: ['QRCode'], tryHarder: true, tryRotate: true, tryInvert: true, tryDownscale: true, returnErrors: true };

/** How a frame is treated before zxing-cpp reads it: as it is, smoothed, or at local contrast of a radius. */
export type FrameTurn = 'plain' | 'smoothed' | { readonly localContrast: number };

/**
 * The kiosk's turns, one a frame, over and over. Chosen on the camera corpus (BENCHMARKS.md): plain reads
 * far and phone badges, smoothed the grainy ones, local contrast glare and a moving card; the two radii
 * (3 and 4 px, a module or less at 720p) each read scenes the other misses. One decode a frame, as before.
 */
export const KIOSK_TURNS: readonly FrameTurn[] = ['plain', { localContrast: 4 }, 'smoothed', { localContrast: 3 }];

/**
 * What a local-contrast turn may read: a badge of ours (a short one, or anything spelt as a signed one:
 * the scan pipeline judges those, a forged one included). Blowing up faint differences can turn a
 * badge's smeared data into another text that passes the QR's own checks (the corpus met it once in 1,080
 * scenes: "548" for a W2 badge); a plain or smoothed turn still reads any code, so a worker showing some
 * other QR is still told it is not a badge. Anything else a local-contrast turn decodes is a code seen.
 */
const isBadgeText = (text: string) => parseShortBadge(text).ok || text.startsWith(BADGE_PREFIX);

function treat(turn: FrameTurn, frame: Pixels): Uint8ClampedArray {
  if (turn === 'plain') return frame.data;
  if (turn === 'smoothed') return smoothedGrey(frame.data, frame.width, frame.height);
  return localContrastGrey(frame.data, frame.width, frame.height, turn.localContrast);
}

/**
 * Reads frames one after the other, each in the next of `turns`. `read` is zxing-wasm's readBarcodes
 * (the kiosk's, or Node's in the tests and the benchmark).
 */
export function createFrameReader(read: Read, turns: readonly FrameTurn[] = KIOSK_TURNS): { read(frame: Pixels): Promise<FrameRead> } {
  if (turns.length === 0) throw new RangeError('createFrameReader: no turns');
  let count = 0;
  return {
    async read(frame) {
      const turn = turns[count++ % turns.length]!;
      const image = { data: treat(turn, frame), width: frame.width, height: frame.height, colorSpace: 'srgb' } as ImageData;
      const found = await read(image, READER_OPTIONS);
      const valid = found.find((r) => r.isValid && r.text !== '' && (typeof turn === 'string' || isBadgeText(r.text)));
      if (valid) {
        const p = valid.position;
        return { kind: 'read', text: valid.text, corners: [p.topLeft, p.topRight, p.bottomRight, p.bottomLeft] };
      }
      return found.length > 0 ? { kind: 'seen' } : { kind: 'none' };
    },
  };
}

interface DetectedBarcode {
  readonly rawValue: string;
  readonly format: 'qr_code';
  readonly boundingBox: DOMRectReadOnly;
  readonly cornerPoints: readonly { x: number; y: number }[];
}

let seenListener: () => void = () => {};
/** Who hears of a symbol seen and not read (the scanner that runs); one at a time. */
export function onSymbolSeen(listener: () => void): void {
  seenListener = listener;
}

/**
 * A BarcodeDetector class over `read`. html5-qrcode calls detect(canvas) with the scan box's pixels and
 * takes the largest result's rawValue; nothing else of the standard interface is used.
 */
export function detectorClass(read: Read) {
  return class ZxingBarcodeDetector {
    readonly #frames = createFrameReader(read);
    static getSupportedFormats(): Promise<string[]> {
      return Promise.resolve(['qr_code']);
    }
    async detect(source: HTMLCanvasElement | ImageData): Promise<DetectedBarcode[]> {
      const pixels = source instanceof HTMLCanvasElement ? source.getContext('2d')?.getImageData(0, 0, source.width, source.height) : source;
      if (!pixels || pixels.width === 0 || pixels.height === 0) return [];
      const r = await this.#frames.read(pixels);
      if (r.kind === 'seen') seenListener();
      if (r.kind !== 'read') return [];
      const xs = r.corners.map((c) => c.x);
      const ys = r.corners.map((c) => c.y);
      const [x, y] = [Math.min(...xs), Math.min(...ys)];
      const box = new DOMRectReadOnly(x, y, Math.max(...xs) - x, Math.max(...ys) - y);
      return [{ rawValue: r.text, format: 'qr_code', boundingBox: box, cornerPoints: r.corners }];
    }
  };
}
