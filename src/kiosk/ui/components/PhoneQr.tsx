import { useEffect, useState } from 'preact/hooks';
import type { Lang } from '../../../domain/text';
import { tFeedback } from '../../i18n/feedback-t';

// "Continue on your phone": the hub's own suggestion form, as a QR drawn here in SVG from the module
// matrix (no canvas, no image request). Error correction M; a quiet zone of 4 modules as the spec asks.
// The encoder is loaded when the suggestion screen first shows (its own precached chunk, so it works
// offline too): it is 9 KiB the attract screen and every scan would otherwise pay for at start.

const QUIET = 4;

/** The phone form's address on the hub (served without JS, stores the suggestion like the kiosk). */
export function phoneFormUrl(origin: string, kioskId: string, lang: Lang): string {
  const query = new URLSearchParams({ k: kioskId, lang });
  return `${origin.replace(/\/+$/, '')}/suggest?${query.toString()}`;
}

/** One SVG path for the dark modules: a 1-module-high rectangle per horizontal run. */
export function qrPath(size: number, dark: (row: number, col: number) => boolean): string {
  let d = '';
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (!dark(row, col)) continue;
      const start = col;
      while (col + 1 < size && dark(row, col + 1)) col++;
      d += `M${start + QUIET} ${row + QUIET}h${col - start + 1}v1h${-(col - start + 1)}z`;
    }
  }
  return d;
}

interface Props {
  readonly lang: Lang;
  readonly url: string;
}

export function PhoneQr({ lang, url }: Props) {
  // undefined: the encoder is on its way (the frame shows at once); null: the address cannot be a QR
  const [drawing, setDrawing] = useState<{ size: number; d: string } | null | undefined>(undefined);
  useEffect(() => {
    let current = true;
    void import('qrcode').then(({ create }) => {
      let next: { size: number; d: string } | null = null;
      try {
        const { modules } = create(url, { errorCorrectionLevel: 'M' });
        next = { size: modules.size, d: qrPath(modules.size, (r, c) => modules.get(r, c) === 1) };
      } catch {
        // too long for a QR: leave the code out rather than break the form
      }
      if (current) setDrawing(next);
    });
    return () => {
      current = false;
    };
  }, [url]);
  if (drawing === null) return null;
  const side = drawing ? drawing.size + QUIET * 2 : 1;
  return (
    <figure class="phone-qr" data-testid="phone-qr" data-url={url}>
      <svg class="phone-qr-code" viewBox={`0 0 ${side} ${side}`} role="img" aria-label={tFeedback(lang, 'suggest.phone.qr')} shape-rendering="crispEdges">
        <rect width={side} height={side} fill="#ffffff" />
        {drawing && <path d={drawing.d} fill="#000000" />}
      </svg>
      <figcaption>
        <span class="phone-qr-title">{tFeedback(lang, 'suggest.phone.title')}</span>
        <span class="phone-qr-text">{tFeedback(lang, 'suggest.phone.text')}</span>
      </figcaption>
    </figure>
  );
}
