import { zonedParts, type KioskFile } from '../../../domain/index';
import { isSilent, type KioskHealth } from '../../kiosks/health';
import { Layout, type PageContext } from '../layout';

// The Kiosks page: each configured device's health from its last heartbeat, and the enrollment buttons.
// Every value (including a kiosk's own last error text) is rendered as text.

export function localTime(iso: string, timeZone: string): string {
  const p = zonedParts(Date.parse(iso), timeZone);
  return `${p.date} ${p.time}`;
}

const ageMinutes = (iso: string, now: number) => Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));

function KioskRow(props: { ctx: PageContext; kiosk: KioskFile; health: KioskHealth | undefined; now: number; timeZone: string; silentMinutes: number }) {
  const { ctx, kiosk, health, now, timeZone } = props;
  const { t } = ctx;
  const hb = health?.heartbeat ?? null;
  const silent = isSilent(health, now, props.silentMinutes);
  const action = `/admin/kiosks/${encodeURIComponent(kiosk.id)}`;
  const button = (path: string, label: string) => (
    <form method="post" action={`${action}/${path}`} style="display:inline;margin-right:.5rem">
      <input type="hidden" name="_csrf" value={ctx.csrf} />
      <button type="submit">{label}</button>
    </form>
  );
  return (
    <tr data-testid={`kiosk-${kiosk.id}`} class={silent ? 'silent' : undefined}>
      <td>{kiosk.name}</td>
      <td>{kiosk.id}</td>
      <td>{health?.enrolledAt ? `${t('enrolled')} ${localTime(health.enrolledAt, timeZone)}` : t('notEnrolled')}</td>
      <td>{health?.lastSeenAt ? localTime(health.lastSeenAt, timeZone) : t('never')}</td>
      <td>{hb?.version ?? '–'}</td>
      <td>{hb ? String(hb.pending) : '–'}</td>
      <td>{hb?.oldestPendingAt ? t('minutesAgo', { n: ageMinutes(hb.oldestPendingAt, now) }) : '–'}</td>
      <td>{hb ? String(hb.deadLetters) : '–'}</td>
      <td style="white-space:pre-wrap">{hb?.lastError ?? '–'}</td>
      <td>{hb ? (hb.storage.persisted ? t('yes') : t('no')) : '–'}</td>
      <td data-testid={`kiosk-status-${kiosk.id}`}>
        {silent ? <strong class="problem" title={t('silentHint', { n: props.silentMinutes })}>{`⚠ ${t('silent')}`}</strong> : health?.enrolledAt && !hb?.stuck ? t('ok') : hb?.stuck ? '' : '–'}
        {hb?.stuck && (
          // an event the hub keeps failing on (issue 10): the kiosk keeps it and syncs the rest; the IT
          // person looks up the event id in the hub's log
          <div class="problem" data-testid={`kiosk-stuck-${kiosk.id}`}>
            {`⚠ ${t('stuckSince', { since: localTime(hb.stuck.since, timeZone), n: hb.stuck.count })}`}
            <br />
            <code>{`${hb.stuck.kind} #${hb.stuck.seq} ${hb.stuck.eventId}${hb.stuck.status ? ` · HTTP ${hb.stuck.status}` : ''}`}</code>
          </div>
        )}
      </td>
      <td style="white-space:nowrap">{button('enroll', t('enroll'))}{button('enroll-here', t('enrollHere'))}</td>
    </tr>
  );
}

export function KiosksPage(props: {
  ctx: PageContext; kiosks: readonly KioskFile[]; health: Map<string, KioskHealth>; now: number; timeZone: string; silentMinutes: number;
}) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('kiosksTitle')}>
      <h2 style="margin-top:.5rem">{t('kiosksTitle')}</h2>
      <p class="hint">{t('enrollHint')}</p>
      <table>
        <thead>
          <tr>
            <th>{t('kioskName')}</th><th>{t('kioskId')}</th><th>{t('enrolled')}</th><th>{t('lastSeen')}</th><th>{t('version')}</th>
            <th>{t('pending')}</th><th>{t('oldestPending')}</th><th>{t('deadLetters')}</th><th>{t('lastError')}</th>
            <th>{t('storagePersisted')}</th><th>{t('status')}</th><th></th>
          </tr>
        </thead>
        <tbody>
          {props.kiosks.map((k) => (
            <KioskRow ctx={ctx} kiosk={k} health={props.health.get(k.id)} now={props.now} timeZone={props.timeZone} silentMinutes={props.silentMinutes} />
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

export function EnrollPage(props: { ctx: PageContext; kiosk: KioskFile; link: string; qrSvg: string }) {
  const { ctx, kiosk } = props;
  const { t } = ctx;
  const src = `data:image/svg+xml;base64,${Buffer.from(props.qrSvg, 'utf8').toString('base64')}`;
  return (
    <Layout ctx={ctx} title={t('enrollTitle', { name: kiosk.name })}>
      <p><a href="/admin/kiosks">{t('backToKiosks')}</a></p>
      <h2>{t('enrollTitle', { name: kiosk.name })}</h2>
      <p class="note">{t('enrollOnce')}</p>
      <p style="word-break:break-all"><a data-testid="enroll-link" href={props.link}>{props.link}</a></p>
      <img src={src} alt={t('enrollQr')} width={320} height={320} style="background:#fff" />
    </Layout>
  );
}
