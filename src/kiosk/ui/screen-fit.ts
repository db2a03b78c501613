import { useLayoutEffect } from 'preact/hooks';
import type { Orientation } from '../../domain/config/schema';

// One layout per orientation, drawn on a design canvas and scaled to the screen (issue 12). Lobby panels
// come as 1920×1080, 1366×768, 1280×800, 1080×1920 and 800×1280 (and 4K at 200 %, which the browser
// sees as 1920×1080): rather than a breakpoint for each, the kiosk lays itself out on a canvas of the
// design's size in the screen's orientation (1920 wide and at least 1080 high in landscape, 1080 wide
// and at least 1920 high in portrait) and the browser's zoom scales that canvas to the screen. Every
// length in the stylesheets, 64 px touch targets included, is then a length at 1080p, and a 1366×768
// panel shows the same screen, smaller, that was checked at 1920×1080.

export const DESIGN_LONG = 1920;
export const DESIGN_SHORT = 1080;

export interface ScreenFit {
  readonly orientation: 'landscape' | 'portrait';
  /** CSS zoom of the app: screen pixels per design pixel */
  readonly zoom: number;
  /** the design canvas, in design pixels: it fills the screen exactly once zoomed */
  readonly width: number;
  readonly height: number;
}

/**
 * How to lay out on a `width`×`height` window. `orientation` from the kiosk's config; 'auto' follows
 * the window. The canvas keeps the design's width for the orientation and takes whatever height the
 * screen's proportions give it (never less than the design's, so a squarer screen gets a taller canvas);
 * a window the other way round than the configured orientation is drawn as if it were.
 */
export function deriveScreenFit(width: number, height: number, orientation: Orientation = 'auto'): ScreenFit {
  const w = Math.max(1, width);
  const h = Math.max(1, height);
  const o = orientation === 'auto' ? (w >= h ? 'landscape' : 'portrait') : orientation;
  const [designW, designH] = o === 'landscape' ? [DESIGN_LONG, DESIGN_SHORT] : [DESIGN_SHORT, DESIGN_LONG];
  const zoom = Math.min(w / designW, h / designH);
  return { orientation: o, zoom, width: w / zoom, height: h / zoom };
}

/**
 * Keeps the app (`#app`, the Preact root) fitted to the window: zoom and canvas size on the element,
 * the orientation on <html> (the stylesheets' portrait rules), and the zoom as --fit for what lives
 * outside the app (the camera preview).
 */
export function useScreenFit(orientation: Orientation | undefined): void {
  useLayoutEffect(() => {
    const app = document.getElementById('app');
    const root = document.documentElement;
    const apply = () => {
      const fit = deriveScreenFit(innerWidth, innerHeight, orientation);
      root.dataset.orientation = fit.orientation;
      root.style.setProperty('--fit', String(fit.zoom));
      if (!app) return;
      app.style.zoom = String(fit.zoom);
      app.style.width = `${fit.width}px`;
      app.style.height = `${fit.height}px`;
    };
    apply();
    addEventListener('resize', apply);
    return () => removeEventListener('resize', apply);
  }, [orientation]);
}
