import { BarcodeDetector, prepareZXingModule } from 'barcode-detector/ponyfill';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

// zxing-cpp (WebAssembly) as the browser's BarcodeDetector where the browser has none (Linux and Windows
// Chromium, Android builds without Google services). html5-qrcode decodes with a BarcodeDetector when one
// exists, so installing it here swaps its decoder without touching the camera code. Chosen by the camera
// corpus (BENCHMARKS.md): it reads short badges the zxing-js inside html5-qrcode misses (tilt, low light,
// noise). The .wasm is served by the hub from this build and precached by the service worker, never
// fetched from a CDN; the hub's CSP allows it with 'wasm-unsafe-eval'.

let installed: Promise<boolean> | null = null;

/**
 * Puts the polyfill on globalThis.BarcodeDetector once, with the WebAssembly compiled before the first
 * frame; true when it is there. Should the decoder not load (a browser without WebAssembly, a build
 * without its .wasm), nothing is installed and html5-qrcode keeps its own zxing-js: the camera must
 * work either way.
 */
export function installBarcodeDetector(): Promise<boolean> {
  installed ??= (async () => {
    try {
      await prepareZXingModule({
        overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) },
        fireImmediately: true,
      });
      (globalThis as { BarcodeDetector?: unknown }).BarcodeDetector = BarcodeDetector;
      return true;
    } catch (e) {
      console.warn('scanner: the zxing-cpp decoder did not load; html5-qrcode decodes with zxing-js', e);
      return false;
    }
  })();
  return installed;
}
