import type { Member } from '../../members/repo';
import { Layout, type PageContext } from '../layout';

// One member's badge on screen: the short badge (issue 11: what is printed now) with its code, a button to
// replace it, and below a fresh signed token of the old kind (still accepted) with its QR and text. IT uses it to test a
// 2D scanner or a kiosk camera; the end-to-end tests read the token from it. The QR is an SVG image from a
// data: URL, as on the print page; the token is plain text in a <code>.

const svgSrc = (svg: string) => `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;

export function BadgeViewPage(props: {
  ctx: PageContext; member: Member; code: string | null; codeSvg: string | null; token: string | null; qrSvg: string | null; validUntil: string; problem?: string | undefined; notice?: string | undefined;
  /** the member's phone links: how many are live, and a new one just made (shown only now) */
  phone: { live: number; link: string | null; linkSvg: string | null };
}) {
  const { ctx, member } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('members.badgeTitle', { no: member.memberNo })}>
      <p><a href={`/admin/members/${member.id}`}>{t('members.backToMembers')}</a></p>
      <h2>{t('members.badgeTitle', { no: member.memberNo })}</h2>
      {member.suspendedAt && <p class="problem" role="alert">{t('members.badgeSuspendedWarning')}</p>}
      {props.problem && <p class="problem" role="alert">{props.problem}</p>}
      {props.notice && <p class="note" role="status">{props.notice}</p>}
      <p class="hint">{t('members.badgeHint')}</p>
      <p style="font-size:1.4rem;font-weight:700" data-testid="badge-name">{member.maskedName}</p>
      {props.codeSvg && <img src={svgSrc(props.codeSvg)} alt={member.memberNo} width={320} height={320} data-testid="badge-code-qr" style="background:#fff" />}
      {props.code && (
        <p>
          <label>{t('members.badgeCode')}</label>
          <code data-testid="badge-code" style="display:block;font-size:1.2rem;background:#fff;padding:.5rem;border:1px solid #ddd">{props.code}</code>
        </p>
      )}
      <form method="post" action={`/admin/members/${member.id}/badge/renew`}>
        <input type="hidden" name="_csrf" value={ctx.csrf} />
        <button type="submit">{t('members.badgeRenew')}</button>
        <span class="hint">{` ${t('members.badgeRenewHint')}`}</span>
      </form>
      <h3>{t('members.phoneLinkTitle')}</h3>
      <p class="hint">{t('members.phoneLinkHint')}</p>
      {props.phone.link && (
        <div data-testid="phone-link">
          <code style="display:block;overflow-wrap:anywhere;background:#fff;padding:.5rem;border:1px solid #ddd">{props.phone.link}</code>
          {props.phone.linkSvg && <img src={svgSrc(props.phone.linkSvg)} alt={t('members.phoneLinkTitle')} width={200} height={200} style="background:#fff" />}
          <p class="hint">{t('members.phoneLinkOnce')}</p>
        </div>
      )}
      <form method="post" action={`/admin/members/${member.id}/badge/link`} style="display:inline">
        <input type="hidden" name="_csrf" value={ctx.csrf} />
        <button type="submit">{t('members.phoneLinkMake')}</button>
      </form>{' '}
      {props.phone.live > 0 && (
        <form method="post" action={`/admin/members/${member.id}/badge/links/revoke`} style="display:inline">
          <input type="hidden" name="_csrf" value={ctx.csrf} />
          <button type="submit">{t('members.phoneLinkRevoke', { n: props.phone.live })}</button>
        </form>
      )}
      <h3>{t('members.badgeSignedTitle')}</h3>
      <p class="hint">{t('members.badgeSignedHint')}</p>
      {props.qrSvg && <img src={svgSrc(props.qrSvg)} alt={member.memberNo} width={240} height={240} data-testid="badge-qr" style="background:#fff" />}
      <p>{t('members.badgeValidUntil', { date: props.validUntil })}</p>
      {props.token && (
        <p>
          <label>{t('members.badgeToken')}</label>
          <code data-testid="badge-token" style="display:block;overflow-wrap:anywhere;background:#fff;padding:.5rem;border:1px solid #ddd">{props.token}</code>
        </p>
      )}
    </Layout>
  );
}
