import { overallIndex, ratingHeat, satisfactionIndex, weeklyIndex, type CenterConfig, type IndexAlert, type IndexRow, type Lang } from '../../../domain/index';
import { HeatMap, WeeklyIndexChart } from './charts';
import type { Period, StoredRating } from './repo';
import { wordOr } from '../i18n';
import { localTime } from '../kiosks/page';
import { Layout, type PageContext } from '../layout';

// The Feedback page: the satisfaction index of a period (overall, by day, hour and topic) and the raw
// ratings. Numbers come from the shared domain functions, so they match the kiosk's own misuse rule.

export const RAW_LIMIT = 1000;

export const percent = (index: number | null) => (index === null ? '–' : `${Math.round(index * 1000) / 10}%`);

export function topicName(config: CenterConfig, topic: string | null | '', lang: Lang, overall: string): string {
  if (!topic) return overall;
  return config.feedbackTopics.find((x) => x.id === topic)?.name[lang] ?? topic;
}

export const kioskName = (config: CenterConfig, id: string | null) => (id === null ? '–' : (config.kiosks.find((k) => k.id === id)?.name ?? id));

function IndexTable(props: { ctx: PageContext; title: string; keyLabel: string; rows: readonly IndexRow[]; label: (key: string) => string }) {
  const { t } = props.ctx;
  return (
    <section>
      <h3>{props.title}</h3>
      <table>
        <thead><tr><th>{props.keyLabel}</th><th>{t('feedback.count')}</th><th>{t('feedback.happy')}</th><th>{t('feedback.misuse')}</th><th>{t('feedback.index')}</th></tr></thead>
        <tbody>
          {props.rows.map((r) => (
            <tr><td>{props.label(r.key)}</td><td>{String(r.count)}</td><td>{String(r.happy)}</td><td>{String(r.misuse)}</td><td>{percent(r.index)}</td></tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function PeriodForm(props: { ctx: PageContext; action: string; from: string; to: string }) {
  const { t } = props.ctx;
  return (
    <form method="get" action={props.action} style="display:flex;gap:1rem;align-items:end;flex-wrap:wrap">
      <div><label for="from">{t('feedback.from')}</label><input id="from" name="from" type="date" value={props.from} /></div>
      <div><label for="to">{t('feedback.to')}</label><input id="to" name="to" type="date" value={props.to} /></div>
      <div><button type="submit">{t('feedback.show')}</button></div>
    </form>
  );
}

/** The alerts' sentences: a topic whose last ratings are less happy than the center's threshold. */
export function AlertLines(props: { ctx: PageContext; config: CenterConfig; alerts: readonly IndexAlert[] }) {
  const { ctx, config } = props;
  if (props.alerts.length === 0) return null;
  return (
    <>
      {props.alerts.map((a) => (
        <p class="problem" role="status" data-testid="alert-index" data-topic={a.topic} data-index={a.index.toFixed(3)} data-count={String(a.count)}>
          {ctx.t('feedback.alert', {
            topic: topicName(config, a.topic, ctx.lang, ctx.t('feedback.centerOverall')), index: percent(a.index), count: a.count, threshold: percent(config.rules.alertIndexBelow),
          })}
        </p>
      ))}
    </>
  );
}

export function FeedbackPage(props: { ctx: PageContext; config: CenterConfig; period: Period; ratings: readonly StoredRating[]; alerts: readonly IndexAlert[] }) {
  const { ctx, config, period, ratings } = props;
  const { t, lang } = ctx;
  const tz = config.center.timeZone;
  const overall = overallIndex(ratings);
  const query = `from=${period.from}&to=${period.to}`;
  const newest = [...ratings].reverse().slice(0, RAW_LIMIT);
  const topic = (key: string) => topicName(config, key, lang, t('feedback.centerOverall'));
  return (
    <Layout ctx={ctx} title={t('nav.feedback')}>
      <h2 style="margin-top:.5rem">{t('nav.feedback')}</h2>
      <PeriodForm ctx={ctx} action="/admin/feedback" from={period.from} to={period.to} />
      <p>
        <a href={`/admin/export/ratings.csv?${query}`}>{t('feedback.exportRatings')}</a>{' · '}
        <a href="/admin/export/suggestions.csv">{t('feedback.exportSuggestions')}</a>{' · '}
        <a href="/admin/report" data-testid="report-link">{t('feedback.report')}</a>
      </p>
      <AlertLines ctx={ctx} config={config} alerts={props.alerts} />
      <p style="font-size:1.3rem">{`${t('feedback.overall')}: `}<strong data-testid="overall-index">{percent(overall)}</strong></p>
      <h3>{t('feedback.chartWeekly')}</h3>
      <WeeklyIndexChart ctx={ctx} {...weeklyIndex(ratings, tz)} topicName={topic} />
      <h3>{t('feedback.chartHeat')}</h3>
      <HeatMap ctx={ctx} grid={ratingHeat(ratings, tz)} />
      {ratings.length === 0 ? <p>{t('feedback.noRatings')}</p> : (
        <>
          <IndexTable ctx={ctx} title={t('feedback.byDay')} keyLabel={t('feedback.day')} rows={satisfactionIndex(ratings, 'day', tz)} label={(k) => k} />
          <IndexTable ctx={ctx} title={t('feedback.byHour')} keyLabel={t('feedback.hour')} rows={satisfactionIndex(ratings, 'hour', tz)} label={(k) => `${k}:00`} />
          <IndexTable ctx={ctx} title={t('feedback.byTopic')} keyLabel={t('feedback.topic')} rows={satisfactionIndex(ratings, 'topic', tz)} label={topic} />
          <h3>{t('feedback.rawRatings')}</h3>
          {ratings.length > RAW_LIMIT && <p class="hint">{t('feedback.rawLimited', { shown: RAW_LIMIT, total: ratings.length })}</p>}
          <table>
            <thead><tr><th>{t('feedback.time')}</th><th>{t('feedback.kiosk')}</th><th>{t('feedback.topic')}</th><th>{t('feedback.score')}</th><th>{t('feedback.reasons')}</th><th></th></tr></thead>
            <tbody>
              {newest.map((r) => (
                <tr data-testid="rating-row" class={r.misuse ? 'misuse' : undefined}>
                  <td>{localTime(new Date(r.at).toISOString(), tz)}</td>
                  <td>{kioskName(config, r.kioskId)}</td>
                  <td>{topic(r.topic ?? '')}</td>
                  <td>{t(`feedback.face${r.score}`)}</td>
                  <td>{r.reasons.map((x) => reasonWord(ctx, x)).join(', ')}</td>
                  <td>{r.misuse ? <strong>{t('feedback.misuseMark')}</strong> : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Layout>
  );
}

/** A known reason in the page's language; anything else (a later kiosk version's reason) as sent. */
export function reasonWord(ctx: PageContext, reason: string): string {
  return wordOr(ctx, `feedback.reason_${reason}`, reason);
}
