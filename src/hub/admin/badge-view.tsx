import type { Member } from '../members/repo';
import { Layout, type PageContext } from './pages';

// One member's badge on screen: a fresh token, its QR code and the token as text. IT uses it to test a
// 2D scanner or a kiosk camera; the end-to-end tests read the token from it. The QR is an SVG image from a
// data: URL, as on the print page; the token is plain text in a <code>.

const svgSrc = (svg: string) => `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;

export function BadgeViewPage(props: { ctx: PageContext; member: Member; token: string | null; qrSvg: string | null; validUntil: string; problem?: string | undefined }) {
  const { ctx, member } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('badgeTitle', { no: member.memberNo })}>
      <p><a href={`/admin/members/${member.id}`}>{t('backToMembers')}</a></p>
      <h2>{t('badgeTitle', { no: member.memberNo })}</h2>
      {member.suspendedAt && <p class="problem" role="alert">{t('badgeSuspendedWarning')}</p>}
      {props.problem && <p class="problem" role="alert">{props.problem}</p>}
      <p class="hint">{t('badgeHint')}</p>
      <p style="font-size:1.4rem;font-weight:700" data-testid="badge-name">{member.maskedName}</p>
      {props.qrSvg && <img src={svgSrc(props.qrSvg)} alt={member.memberNo} width={320} height={320} data-testid="badge-qr" style="background:#fff" />}
      <p>{t('badgeValidUntil', { date: props.validUntil })}</p>
      {props.token && (
        <p>
          <label>{t('badgeToken')}</label>
          <code data-testid="badge-token" style="display:block;overflow-wrap:anywhere;background:#fff;padding:.5rem;border:1px solid #ddd">{props.token}</code>
        </p>
      )}
    </Layout>
  );
}
