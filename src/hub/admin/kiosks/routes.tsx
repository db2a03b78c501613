import type { Context } from 'hono';
import QRCode from 'qrcode';
import { issueEnrollmentCode } from '../../kiosks/tokens';
import { listKioskHealth } from '../../kiosks/health';
import type { AdminKit } from '../kit';
import { EnrollPage, KiosksPage } from './page';
import { render } from '../layout';

/** The link a kiosk opens once: on this hub's own origin, as the browser reached it. */
export function originOf(c: Context): string {
  const url = new URL(c.req.url);
  return `${url.protocol}//${c.req.header('Host') ?? url.host}`;
}

/** /admin/kiosks: health of every configured kiosk, and enrolling one by link, QR or on this device. */
export function kioskRoutes(kit: AdminKit): void {
  const { deps } = kit;
  const kioskOf = (c: Context) => deps.config.kiosks.find((k) => k.id === c.req.param('id')) ?? null;

  kit.get('/kiosks', async (c, { session }) => {
    const page = (
      <KiosksPage ctx={kit.ctxOf(c, session)} kiosks={deps.config.kiosks} health={await listKioskHealth(deps.db)} now={deps.now()}
        timeZone={deps.config.center.timeZone} silentMinutes={deps.config.rules.kioskSilentMinutes} />
    );
    return kit.html(c, render(page));
  });

  kit.post('/kiosks/:id/enroll', async (c, { session }) => {
    const kiosk = kioskOf(c);
    if (!kiosk) return kit.notFound(c, session);
    const code = await issueEnrollmentCode(deps.db, kiosk.id, deps.now());
    const link = `${originOf(c)}/?enroll=${encodeURIComponent(code)}`;
    const qrSvg = await QRCode.toString(link, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    return kit.html(c, render(<EnrollPage ctx={kit.ctxOf(c, session)} kiosk={kiosk} link={link} qrSvg={qrSvg} />));
  });

  kit.post('/kiosks/:id/enroll-here', async (c, { session }) => {
    const kiosk = kioskOf(c);
    if (!kiosk) return kit.notFound(c, session);
    const code = await issueEnrollmentCode(deps.db, kiosk.id, deps.now());
    return c.redirect(`/?enroll=${encodeURIComponent(code)}`, 303);
  });
}
