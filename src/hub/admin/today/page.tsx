import { zonedParts, type CenterConfig, type Lang } from '../../../domain/index';
import { CATALOGS, type MessageKey } from '../i18n';
import { Layout, type PageContext } from '../layout';
import type { ClassView, FactView, Person, SessionView, TodayView } from './repo';

// The Today page: one center day of visits, class attendance, equipment and the facts the hub kept for
// staff. Every value is text (Preact escapes it); names are the masked ones kiosks show.

const hhmm = (ms: number, tz: string) => zonedParts(ms, tz).time;

/** How staff read a person: masked name and member number, or what the kiosk sent when unresolved. */
export function personText(ctx: PageContext, p: Person): string {
  if (p.maskedName !== null) return `${p.maskedName} (${p.memberNo ?? ''})`;
  if (p.unresolved?.via === 'card') return ctx.t('unresolvedCard', { key: p.unresolved.value });
  if (p.unresolved?.via === 'keypad') return ctx.t('unresolvedNo', { no: p.unresolved.value });
  return p.subject;
}

/** A fact kind in words; a kind a later hub version adds shows as its code. */
export function factText(ctx: PageContext, kind: string): string {
  const key = `fact_${kind}`;
  return Object.hasOwn(CATALOGS.en, key) ? ctx.t(key as MessageKey) : kind;
}

const groupName = (config: CenterConfig, id: string, lang: Lang) => config.equipment.find((g) => g.id === id)?.name[lang] ?? id;
export const minutesOf = (s: { startedAt: number; endedAt: number | null }, until: number) => Math.round(((s.endedAt ?? until) - s.startedAt) / 60_000);

function Classes(props: { ctx: PageContext; tz: string; classes: readonly ClassView[] }) {
  const { ctx, tz } = props;
  const { t, lang } = ctx;
  if (props.classes.length === 0) return <p>{t('todayNoClasses')}</p>;
  return (
    <table>
      <thead><tr><th>{t('time')}</th><th>{t('title')}</th><th>{t('capacity')}</th><th>{t('todayWho')}</th></tr></thead>
      <tbody>
        {props.classes.map((c) => (
          <tr data-testid={`today-class-${c.entry.id}`} class={c.entry.cancelled ? 'cancelled' : undefined}>
            <td>{`${hhmm(Date.parse(c.entry.startsAt), tz)}–${hhmm(Date.parse(c.entry.endsAt), tz)}`}</td>
            <td>{c.entry.title[lang]}{c.entry.cancelled ? ` · ${t('cancelled')}` : ''}</td>
            <td data-testid="attendance-count">
              {c.entry.capacity === null ? t('todayAttendedNoLimit', { n: c.people.length }) : t('todayAttended', { n: c.people.length, capacity: c.entry.capacity })}
              {c.refused > 0 && <div class="hint">{t('todayRefused', { n: c.refused })}</div>}
            </td>
            <td>{c.people.map((p) => personText(ctx, p.person)).join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Equipment(props: { ctx: PageContext; config: CenterConfig; view: TodayView; now: number }) {
  const { ctx, config, view } = props;
  const { t, lang } = ctx;
  const tz = config.center.timeZone;
  const names = new Map(view.sessions.map((s) => [s.memberId, s.person]));
  const who = (subject: string) => personText(ctx, names.get(subject) ?? { subject, memberNo: null, maskedName: null, unresolved: null });
  return (
    <>
      <h3>{view.isToday ? t('todayOccupancy') : t('todayOccupancyEnd')}</h3>
      <table>
        <thead><tr><th>{t('todayGroup')}</th><th>{t('todayFree')}</th><th>{t('todayBusy')}</th><th>{t('todayQueue')}</th><th>{t('todayQueueHead')}</th></tr></thead>
        <tbody>
          {view.occupancy.map((g) => (
            <tr data-testid={`today-group-${g.group}`} data-free={String(g.free)} data-queue={String(g.queueLength)}>
              <td>{groupName(config, g.group, lang)}</td>
              <td>{`${g.free} / ${g.inService}`}</td>
              <td>{g.units.filter((u) => u.status === 'busy').map((u) => `${u.unit}: ${who(u.memberId ?? '')}`).join(', ')}</td>
              <td>{String(g.queueLength)}</td>
              <td>{g.head ? `${who(g.head.memberId)}${g.head.unit !== null ? ` · ${t('todayOffered', { unit: g.head.unit })}` : ''}` : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('todaySessions', { n: view.sessions.length })}</h3>
      {view.sessions.length === 0 ? <p>{t('todayNoSessions')}</p> : (
        <table>
          <thead><tr><th>{t('todayGroup')}</th><th>{t('todayUnit')}</th><th>{t('todayWho')}</th><th>{t('todayStart')}</th><th>{t('todayEnd')}</th><th>{t('todayDuration')}</th></tr></thead>
          <tbody>
            {view.sessions.map((s: SessionView) => (
              <tr data-testid="today-session">
                <td>{groupName(config, s.group, lang)}</td>
                <td>{String(s.unit)}</td>
                <td>{personText(ctx, s.person)}</td>
                <td>{hhmm(s.startedAt, tz)}</td>
                <td>{s.endedAt === null ? t('todayOpen') : `${hhmm(s.endedAt, tz)} · ${t(`endedBy_${s.endedBy ?? 'member'}` as MessageKey)}`}</td>
                <td>{t('todayMinutes', { n: minutesOf(s, props.now) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function Facts(props: { ctx: PageContext; config: CenterConfig; day: string; facts: readonly FactView[] }) {
  const { ctx, config } = props;
  const { t, lang } = ctx;
  const tz = config.center.timeZone;
  if (props.facts.length === 0) return <p>{t('todayNoFacts')}</p>;
  return (
    <table>
      <thead><tr><th>{t('time')}</th><th></th><th>{t('todayWhat')}</th><th>{t('todayWho')}</th><th>{t('kiosk')}</th><th></th></tr></thead>
      <tbody>
        {props.facts.map((f) => {
          const where = f.entryId ?? (f.group ? `${groupName(config, f.group, lang)}${f.unit !== null ? ` ${f.unit}` : ''}` : '');
          return (
            <tr data-testid="today-fact" data-kind={f.kind} data-flagged={String(f.flagged)} data-resolved={String(f.resolvedAt !== null)}>
              <td>{hhmm(f.at, tz)}</td>
              <td>{f.flagged ? <strong>{t('todayFlagged')}</strong> : t('todayInfo')}</td>
              <td>{factText(ctx, f.kind)}{where ? ` · ${where}` : ''}</td>
              <td>{personText(ctx, f.person)}</td>
              <td>{f.kioskId ?? '–'}</td>
              <td>
                {f.resolvedAt !== null && <div>{t('todayResolvedBy', { who: f.resolvedBy ?? '', when: hhmm(Date.parse(f.resolvedAt), tz) })}{f.note ? `: ${f.note}` : ''}</div>}
                {f.flagged && f.resolvedAt === null && (
                  <form method="post" action={`/admin/today/facts/${f.id}/resolve`} style="display:flex;gap:.5rem">
                    <input type="hidden" name="_csrf" value={ctx.csrf} />
                    <input type="hidden" name="day" value={props.day} />
                    <input name="note" maxlength={500} placeholder={t('todayNote')} aria-label={t('todayNote')} />
                    <button type="submit">{t('todayResolve')}</button>
                  </form>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function TodayPage(props: { ctx: PageContext; config: CenterConfig; view: TodayView; now: number; notice?: string | undefined }) {
  const { ctx, config, view } = props;
  const { t } = ctx;
  const tz = config.center.timeZone;
  const q = `day=${view.day}`;
  const open = view.facts.filter((f) => f.flagged && f.resolvedAt === null).length;
  return (
    <Layout ctx={ctx} title={t('todayTitle', { day: view.day })}>
      <h2 style="margin-top:.5rem">{t('todayTitle', { day: view.day })}</h2>
      {props.notice && <p class="note" role="status">{props.notice}</p>}
      <form method="get" action="/admin/today" style="display:flex;gap:1rem;align-items:end">
        <div><label for="day">{t('todayDay')}</label><input id="day" name="day" type="date" value={view.day} /></div>
        <div><button type="submit">{t('show')}</button></div>
      </form>
      <p>
        {t('todayExport')}{' '}
        <a href={`/admin/today/visits.csv?${q}`}>{t('todayExportVisits')}</a>{' · '}
        <a href={`/admin/today/attendance.csv?${q}`}>{t('todayExportAttendance')}</a>{' · '}
        <a href={`/admin/today/sessions.csv?${q}`}>{t('todayExportSessions')}</a>{' · '}
        <a href={`/admin/today/facts.csv?${q}`}>{t('todayExportFacts')}</a>
      </p>
      <h2>{t('todayFacts', { n: open })}</h2>
      <p class="hint">{t('todayFactsHint')}</p>
      <Facts ctx={ctx} config={config} day={view.day} facts={view.facts} />
      <h2>{t('todayVisits', { n: view.visits.length })}</h2>
      {view.visits.length === 0 ? <p>{t('todayNoVisits')}</p> : (
        <table>
          <thead><tr><th>{t('time')}</th><th>{t('maskedName')}</th><th>{t('memberNo')}</th><th>{t('todayVia')}</th><th>{t('todayVerified')}</th><th>{t('kiosk')}</th></tr></thead>
          <tbody>
            {view.visits.map((v) => (
              <tr data-testid="today-visit">
                <td>{hhmm(v.at, tz)}</td>
                <td>{v.person.maskedName ?? personText(ctx, v.person)}</td>
                <td>{v.person.memberNo ?? '–'}</td>
                <td>{t(`via_${v.via}` as MessageKey)}</td>
                <td>{v.verified ? t('yes') : t('no')}</td>
                <td>{v.kioskId}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('todayClasses')}</h2>
      <Classes ctx={ctx} tz={tz} classes={view.classes} />
      <h2>{t('todayEquipment')}</h2>
      <Equipment ctx={ctx} config={config} view={view} now={props.now} />
    </Layout>
  );
}
