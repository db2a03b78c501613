import { Hono, type Context } from 'hono';
import { isLang, type Lang } from '../../domain/index';
import { render } from '../admin/layout';
import { AttemptWindow } from '../admin/auth/rate-limit';
import { memberOfPhoneLink } from '../badges/phone-link';
import { badgeQrSvg } from '../badges/qr';
import type { HubDeps } from '../deps';
import { clientIp } from '../http/security';
import { phoneTranslator } from './i18n';

// /b/<token>: a member's badge on their phone (issue 11), from the personal link staff send. No login:
// the link is the key. One page, no script: the masked name and the QR as large as the screen allows,
// black on white for the camera. Wrong tokens are throttled per address.

const CSS = `
body{font:18px/1.4 system-ui,sans-serif;margin:0;background:#fff;color:#000;text-align:center}
header{padding:.6rem 1rem;background:#0d1b2a;color:#fff;display:flex;justify-content:space-between;gap:1rem}header a{color:#fff}
h1{font-size:1rem;margin:0}.name{font-size:1.6rem;font-weight:700;margin:1rem 0 .5rem}
.qr{display:block;width:min(92vw,70vh);height:auto;margin:0 auto;image-rendering:pixelated}
.hint{color:#333;margin:1rem;font-size:1rem}.problem{margin:2rem 1rem;font-size:1.2rem}
`;
const WRONG_LINKS = 30;
const svgSrc = (svg: string) => `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;

export function phoneBadgeRoutes(deps: HubDeps): Hono {
  const app = new Hono();
  const wrong = new AttemptWindow(WRONG_LINKS, 10 * 60_000);
  const page = (c: Context, lang: Lang, body: preact.ComponentChildren, status: 200 | 404 | 429 = 200) => {
    const t = phoneTranslator(lang);
    const other: Lang = lang === 'en' ? 'zh-CN' : 'en';
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex');
    return c.html(render(
      <html lang={lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{t('badgeTitle')}</title>
          <style>{CSS}</style>
        </head>
        <body>
          <header><h1>{deps.config.center.name[lang]}</h1><a href={`?lang=${other}`} lang={other}>{t('language')}</a></header>
          {body}
        </body>
      </html>,
    ), status);
  };

  app.get('/:token', async (c) => {
    const asked = c.req.query('lang');
    const lang: Lang = isLang(asked) ? asked : 'zh-CN';
    const t = phoneTranslator(lang);
    const ip = clientIp(c);
    if (wrong.waitMs(ip, deps.now()) > 0) return page(c, lang, <p class="problem">{t('badgeGone')}</p>, 429);
    const who = await memberOfPhoneLink(deps.db, c.req.param('token'));
    if (!who) {
      wrong.count(ip, deps.now());
      return page(c, lang, <p class="problem" data-testid="badge-gone">{t('badgeGone')}</p>, 404);
    }
    if (!who.code) return page(c, lang, <p class="problem">{t('badgeNone')}</p>);
    return page(c, lang, (
      <main>
        <p class="name" data-testid="badge-name">{who.maskedName}</p>
        <img class="qr" src={svgSrc(await badgeQrSvg(who.code))} alt={t('badgeTitle')} data-testid="badge-qr" />
        <p class="hint">{t('badgeHint')}</p>
      </main>
    ));
  });
  return app;
}
