import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { detectorClass, onSymbolSeen } from './zxing-detector';

// zxing-cpp as the browser's BarcodeDetector where the browser has none (zxing-detector.ts says why).
// The .wasm is served by the hub from this build and precached by the service worker, never fetched
// from a CDN; the hub's CSP allows it with 'wasm-unsafe-eval'.

let installed: Promise<boolean> | null = null;

/**
 * Puts the zxing-cpp detector on globalThis.BarcodeDetector once, with the WebAssembly compiled before
 * the first frame; true when it is there. Should the decoder not load (a browser without WebAssembly, a
 * build without its .wasm), nothing is installed and html5-qrcode keeps its own zxing-js: the camera
 * must work either way. `onSeen`: a frame held a QR symbol that could not be read.
 */
export function installBarcodeDetector(onSeen: () => void): Promise<boolean> {
  onSymbolSeen(onSeen);
  installed ??= (async () => {
    try {
      await prepareZXingModule({
        overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) },
        fireImmediately: true,
      });
      (globalThis as { BarcodeDetector?: unknown }).BarcodeDetector = detectorClass(readBarcodes);
      return true;
    } catch (e) {
      console.warn('scanner: the zxing-cpp decoder did not load; html5-qrcode decodes with zxing-js', e);
      return false;
    }
  })();
  return installed;
}
