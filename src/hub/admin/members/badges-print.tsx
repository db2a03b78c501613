import type { LocalizedText } from '../../../domain/index';
import type { PageContext } from '../layout';

// Badge cards to print: ID-card size (85.6 × 54 mm), eight to an A4 sheet. The QR box is 46 mm: a short
// badge (version 1, 21 modules and a 2-module margin) is then a 39 mm code of 1.8 mm modules, which the
// camera corpus reads from 12 to 50 cm (BENCHMARKS.md). The QR is an SVG image
// from a data: URL (the CSP allows data: images, and an <img> cannot run anything inside the SVG). The
// masked name and member number are text, escaped by Preact like every other value.

export interface BadgeCard {
  readonly memberNo: string;
  readonly maskedName: string;
  readonly qrSvg: string;
  /** YYYY-MM-DD; null for the short badge, which stays valid until staff issue a new one */
  readonly validUntil: string | null;
}

const CSS = `
@page{size:A4;margin:10mm}
body{font:14px/1.3 system-ui,sans-serif;margin:0;color:#000;background:#fff}
.bar{padding:.75rem 1rem;background:#0d1b2a;color:#fff}.bar a{color:#fff}
.sheet{display:grid;grid-template-columns:repeat(2,85.6mm);gap:6mm;padding:6mm;justify-content:center}
.card{width:85.6mm;height:54mm;box-sizing:border-box;border:.3mm dashed #888;border-radius:3mm;padding:3mm;display:flex;gap:3mm;break-inside:avoid;page-break-inside:avoid}
.card img{width:46mm;height:46mm;flex:none}
.who{display:flex;flex-direction:column;justify-content:space-between;min-width:0}
.center{font-size:10pt;font-weight:600}.name{font-size:18pt;font-weight:700;overflow-wrap:anywhere}
.no{font:12pt ui-monospace,monospace;overflow-wrap:anywhere}.until{font-size:8pt;color:#333}
@media print{.bar{display:none}.sheet{padding:0}}
`;

const svgSrc = (svg: string) => `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;

export function BadgesPrintPage(props: { ctx: PageContext; centerName: LocalizedText; cards: readonly BadgeCard[]; problem?: string | undefined }) {
  const { ctx } = props;
  const { t } = ctx;
  const center = props.centerName[ctx.lang];
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <title>{`${t('members.printBadges')} · ${center}`}</title>
        <style>{CSS}</style>
      </head>
      <body>
        <div class="bar">
          <a href="/admin/members">{t('members.backToMembers')}</a>
          {` · ${t('members.printBadges')}: ${props.cards.length} · Ctrl+P`}
        </div>
        {props.problem && <p role="alert" style="padding:1rem;color:#a00">{props.problem}</p>}
        <div class="sheet">
          {props.cards.map((c) => (
            <div class="card" data-testid="badge-card">
              <img src={svgSrc(c.qrSvg)} alt={c.memberNo} />
              <div class="who">
                <div class="center">{center}</div>
                <div class="name" data-testid="badge-name">{c.maskedName}</div>
                <div class="no">{c.memberNo}</div>
                {c.validUntil && <div class="until">{t('members.badgeValidUntil', { date: c.validUntil })}</div>}
              </div>
            </div>
          ))}
        </div>
      </body>
    </html>
  );
}
