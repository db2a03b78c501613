import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Lang } from '../../../domain/text';
import { t } from '../../i18n/t';

// The camera preview's own place in the layout (issue 12). The preview itself is html5-qrcode's box
// outside the Preact root (platform/scanner.ts: a re-render must never tear the video out), so this
// slot reserves the room in the page and tells the box where it is: its screen rectangle goes into
// --camera-x/y/w/h on <html>, and scanner.css draws the box there. With no slot on screen the box is
// hidden (the camera may still read: the Book screen's scan step has its own slot).
//
// `preview` false (kiosk config `cameraPreview`): no picture, a small "camera on" mark instead.

export function CameraSlot({ lang, preview = true }: { lang: Lang; preview?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || !preview) return;
    const root = document.documentElement;
    const place = () => {
      const r = el.getBoundingClientRect();
      root.style.setProperty('--camera-x', String(r.left));
      root.style.setProperty('--camera-y', String(r.top));
      root.style.setProperty('--camera-w', String(r.width));
      root.style.setProperty('--camera-h', String(r.height));
      root.dataset.cameraSlot = '';
    };
    place();
    // the slot moves when anything above it changes size (a language's longer words, a notice): watch
    // its ancestors as well as itself, and the fonts arriving
    const watch = new ResizeObserver(place);
    for (let e: Element | null = el; e && e !== document.body; e = e.parentElement) watch.observe(e);
    addEventListener('resize', place);
    addEventListener('scroll', place, true); // inside a panel that scrolls (staff mode's camera test)
    void document.fonts?.ready.then(place);
    return () => {
      watch.disconnect();
      removeEventListener('resize', place);
      removeEventListener('scroll', place, true);
      delete root.dataset.cameraSlot;
    };
  }, [preview]);
  if (!preview) {
    return (
      <p class="camera-on" data-testid="camera-on">
        <span class="camera-on-dot" aria-hidden="true" />
        {t(lang, 'camera.on')}
      </p>
    );
  }
  return <div ref={ref} class="camera-slot" data-testid="camera-slot" aria-hidden="true" />;
}
