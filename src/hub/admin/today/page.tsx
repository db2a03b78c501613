import { zonedParts, type CenterConfig, type Lang } from '../../../domain/index';
import { wordOr } from '../i18n';
import { Layout, type PageContext } from '../layout';
import type { ClassView, FactView, Person, SessionView, TodayView } from './repo';

// The Today page: one center day of visits, class attendance, equipment and the facts the hub kept for
// staff. Every value is text (Preact escapes it); names are the masked ones kiosks show.

const hhmm = (ms: number, tz: string) => zonedParts(ms, tz).time;

/** How staff read a person: masked name and member number, or what the kiosk sent when unresolved. */
export function personText(ctx: PageContext, p: Person): string {
  if (p.maskedName !== null) return `${p.maskedName} (${p.memberNo ?? ''})`;
  if (p.unresolved?.via === 'card') return ctx.t('today.unresolvedCard', { key: p.unresolved.value });
  if (p.unresolved?.via === 'keypad') return ctx.t('today.unresolvedNo', { no: p.unresolved.value });
  return p.subject;
}

/** A fact kind in words; a kind a later hub version adds shows as its code. */
export const factText = (ctx: PageContext, kind: string): string => wordOr(ctx, `today.fact_${kind}`, kind);

const groupName = (config: CenterConfig, id: string, lang: Lang) => config.equipment.find((g) => g.id === id)?.name[lang] ?? id;
export const minutesOf = (s: { startedAt: number; endedAt: number | null }, until: number) => Math.round(((s.endedAt ?? until) - s.startedAt) / 60_000);

function Classes(props: { ctx: PageContext; tz: string; classes: readonly ClassView[] }) {
  const { ctx, tz } = props;
  const { t, lang } = ctx;
  if (props.classes.length === 0) return <p>{t('today.noClasses')}</p>;
  return (
    <table>
      <thead><tr><th>{t('today.time')}</th><th>{t('today.title')}</th><th>{t('today.capacity')}</th><th>{t('today.who')}</th></tr></thead>
      <tbody>
        {props.classes.map((c) => (
          <tr data-testid={`today-class-${c.entry.id}`} class={c.entry.cancelled ? 'cancelled' : undefined}>
            <td>{`${hhmm(Date.parse(c.entry.startsAt), tz)}–${hhmm(Date.parse(c.entry.endsAt), tz)}`}</td>
            <td>{c.entry.title[lang]}{c.entry.cancelled ? ` · ${t('today.cancelled')}` : ''}</td>
            <td data-testid="attendance-count">
              {c.entry.capacity === null ? t('today.attendedNoLimit', { n: c.people.length }) : t('today.attended', { n: c.people.length, capacity: c.entry.capacity })}
              {c.refused > 0 && <div class="hint">{t('today.refused', { n: c.refused })}</div>}
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
      <h3>{view.isToday ? t('today.occupancy') : t('today.occupancyEnd')}</h3>
      <table>
        <thead><tr><th>{t('today.group')}</th><th>{t('today.free')}</th><th>{t('today.busy')}</th><th>{t('today.queue')}</th><th>{t('today.queueHead')}</th></tr></thead>
        <tbody>
          {view.occupancy.map((g) => (
            <tr data-testid={`today-group-${g.group}`} data-free={String(g.free)} data-queue={String(g.queueLength)}>
              <td>{groupName(config, g.group, lang)}</td>
              <td>{`${g.free} / ${g.inService}`}</td>
              <td>{g.units.filter((u) => u.status === 'busy').map((u) => `${u.unit}: ${who(u.memberId ?? '')}`).join(', ')}</td>
              <td>{String(g.queueLength)}</td>
              <td>{g.head ? `${who(g.head.memberId)}${g.head.unit !== null ? ` · ${t('today.offered', { unit: g.head.unit })}` : ''}` : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('today.sessions', { n: view.sessions.length })}</h3>
      {view.sessions.length === 0 ? <p>{t('today.noSessions')}</p> : (
        <table>
          <thead><tr><th>{t('today.group')}</th><th>{t('today.unit')}</th><th>{t('today.who')}</th><th>{t('today.start')}</th><th>{t('today.end')}</th><th>{t('today.duration')}</th></tr></thead>
          <tbody>
            {view.sessions.map((s: SessionView) => (
              <tr data-testid="today-session">
                <td>{groupName(config, s.group, lang)}</td>
                <td>{String(s.unit)}</td>
                <td>{personText(ctx, s.person)}</td>
                <td>{hhmm(s.startedAt, tz)}</td>
                <td>{s.endedAt === null ? t('today.open') : `${hhmm(s.endedAt, tz)} · ${t(`today.endedBy_${s.endedBy ?? 'member'}`)}`}</td>
                <td>{t('today.minutes', { n: minutesOf(s, props.now) })}</td>
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
  if (props.facts.length === 0) return <p>{t('today.noFacts')}</p>;
  return (
    <table>
      <thead><tr><th>{t('today.time')}</th><th></th><th>{t('today.what')}</th><th>{t('today.who')}</th><th>{t('today.kiosk')}</th><th></th></tr></thead>
      <tbody>
        {props.facts.map((f) => {
          const where = f.entryId ?? (f.group ? `${groupName(config, f.group, lang)}${f.unit !== null ? ` ${f.unit}` : ''}` : '');
          return (
            <tr data-testid="today-fact" data-kind={f.kind} data-flagged={String(f.flagged)} data-resolved={String(f.resolvedAt !== null)}>
              <td>{hhmm(f.at, tz)}</td>
              <td>{f.flagged ? <strong>{t('today.flagged')}</strong> : t('today.info')}</td>
              <td>{factText(ctx, f.kind)}{where ? ` · ${where}` : ''}</td>
              <td>{personText(ctx, f.person)}</td>
              <td>{f.kioskId ?? '–'}</td>
              <td>
                {f.resolvedAt !== null && <div>{t('today.resolvedBy', { who: f.resolvedBy ?? '', when: hhmm(Date.parse(f.resolvedAt), tz) })}{f.note ? `: ${f.note}` : ''}</div>}
                {f.flagged && f.resolvedAt === null && (
                  <form method="post" action={`/admin/today/facts/${f.id}/resolve`} style="display:flex;gap:.5rem">
                    <input type="hidden" name="_csrf" value={ctx.csrf} />
                    <input type="hidden" name="day" value={props.day} />
                    <input name="note" maxlength={500} placeholder={t('today.note')} aria-label={t('today.note')} />
                    <button type="submit">{t('today.resolve')}</button>
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
    <Layout ctx={ctx} title={t('today.title', { day: view.day })}>
      <h2 style="margin-top:.5rem">{t('today.title', { day: view.day })}</h2>
      {props.notice && <p class="note" role="status">{props.notice}</p>}
      <form method="get" action="/admin/today" style="display:flex;gap:1rem;align-items:end">
        <div><label for="day">{t('today.day')}</label><input id="day" name="day" type="date" value={view.day} /></div>
        <div><button type="submit">{t('today.show')}</button></div>
      </form>
      <p>
        {t('today.export')}{' '}
        <a href={`/admin/today/visits.csv?${q}`}>{t('today.exportVisits')}</a>{' · '}
        <a href={`/admin/today/attendance.csv?${q}`}>{t('today.exportAttendance')}</a>{' · '}
        <a href={`/admin/today/sessions.csv?${q}`}>{t('today.exportSessions')}</a>{' · '}
        <a href={`/admin/today/facts.csv?${q}`}>{t('today.exportFacts')}</a>
      </p>
      <h2>{t('today.facts', { n: open })}</h2>
      <p class="hint">{t('today.factsHint')}</p>
      <Facts ctx={ctx} config={config} day={view.day} facts={view.facts} />
      <h2>{t('today.visits', { n: view.visits.length })}</h2>
      {view.visits.length === 0 ? <p>{t('today.noVisits')}</p> : (
        <table>
          <thead><tr><th>{t('today.time')}</th><th>{t('today.maskedName')}</th><th>{t('today.memberNo')}</th><th>{t('today.via')}</th><th>{t('today.verified')}</th><th>{t('today.kiosk')}</th></tr></thead>
          <tbody>
            {view.visits.map((v) => (
              <tr data-testid="today-visit">
                <td>{hhmm(v.at, tz)}</td>
                <td>{v.person.maskedName ?? personText(ctx, v.person)}</td>
                <td>{v.person.memberNo ?? '–'}</td>
                <td>{wordOr(ctx, `today.via_${v.via}`, v.via)}</td>
                <td>{v.verified ? t('today.yes') : t('today.no')}</td>
                <td>{v.kioskId}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('today.classes')}</h2>
      <Classes ctx={ctx} tz={tz} classes={view.classes} />
      <h2>{t('today.equipment')}</h2>
      <Equipment ctx={ctx} config={config} view={view} now={props.now} />
    </Layout>
  );
}
