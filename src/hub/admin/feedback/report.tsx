import { overallIndex, ratingHeat, satisfactionIndex, weeklyIndex, type CenterConfig, type IndexAlert, type PollTally } from '../../../domain/index';
import { Layout, type PageContext } from '../layout';
import { HeatMap, MonthlySuggestionsChart, PollBarsChart, WeeklyIndexChart, type MonthCount } from './charts';
import type { StoredPoll } from '../../feedback/polls';
import { AlertLines, percent, topicName } from './page';
import type { StoredRating } from './repo';

// The one-page monthly report for the union committee (issue 16): the month's figures and charts, and
// what needs attention now. It prints on its own (the menu and the month form do not print).

export interface ReportFigures {
  readonly month: string; // YYYY-MM
  readonly ratings: readonly StoredRating[];
  readonly months: readonly MonthCount[]; // the twelve months up to this one
  readonly overdue: number;
  readonly medianDaysToReply: number | null;
  readonly boardPosts: number;
  readonly alerts: readonly IndexAlert[];
  /** polls that closed in the month, with their counted votes (issue 16) */
  readonly polls: readonly { readonly poll: StoredPoll; readonly tally: PollTally }[];
}

export function ReportPage(props: { ctx: PageContext; config: CenterConfig; r: ReportFigures }) {
  const { ctx, config, r } = props;
  const { t, lang } = ctx;
  const tz = config.center.timeZone;
  const topic = (key: string) => topicName(config, key, lang, t('feedback.centerOverall'));
  const thisMonth = r.months.find((m) => m.month === r.month) ?? { month: r.month, received: 0, answered: 0 };
  const counted = r.ratings.filter((x) => !x.misuse).length;
  const figure = (testid: string, label: string, value: string) => (
    <tr><th scope="row">{label}</th><td data-testid={testid}>{value}</td></tr>
  );
  return (
    <Layout ctx={ctx} title={t('feedback.reportTitle', { month: r.month })}>
      <form method="get" action="/admin/report" style="display:flex;gap:1rem;align-items:end">
        <div><label for="month">{t('feedback.reportMonth')}</label><input id="month" name="month" type="month" value={r.month} /></div>
        <div><button type="submit">{t('feedback.show')}</button></div>
      </form>
      <h2 style="margin-top:.5rem">{`${config.center.name[lang]} · ${t('feedback.reportTitle', { month: r.month })}`}</h2>
      <AlertLines ctx={ctx} config={config} alerts={r.alerts} />
      <section>
        <table style="max-width:36rem">
          <tbody>
            {figure('report-ratings', t('feedback.reportRatings'), String(counted))}
            {figure('report-index', t('feedback.overall'), percent(overallIndex(r.ratings)))}
            {figure('report-received', t('suggestions.received'), String(thisMonth.received))}
            {figure('report-answered', t('suggestions.answered'), String(thisMonth.answered))}
            {figure('report-median', t('feedback.reportMedian'), r.medianDaysToReply === null ? '–' : t('feedback.reportDays', { n: r.medianDaysToReply }))}
            {figure('report-overdue', t('feedback.reportOverdue'), String(r.overdue))}
            {figure('report-board', t('feedback.reportBoard'), String(r.boardPosts))}
          </tbody>
        </table>
      </section>
      <section>
        <h3>{t('feedback.byTopic')}</h3>
        <table style="max-width:36rem">
          <thead><tr><th>{t('feedback.topic')}</th><th>{t('feedback.count')}</th><th>{t('feedback.index')}</th></tr></thead>
          <tbody>
            {satisfactionIndex(r.ratings, 'topic', tz).map((row) => (
              <tr data-testid="report-topic" data-topic={row.key}><td>{topic(row.key)}</td><td>{String(row.count)}</td><td>{percent(row.index)}</td></tr>
            ))}
          </tbody>
        </table>
      </section>
      <section><h3>{t('feedback.chartWeekly')}</h3><WeeklyIndexChart ctx={ctx} {...weeklyIndex(r.ratings, tz)} topicName={topic} /></section>
      <section><h3>{t('feedback.chartHeat')}</h3><HeatMap ctx={ctx} grid={ratingHeat(r.ratings, tz)} /></section>
      <section><h3>{t('suggestions.chartMonthly')}</h3><MonthlySuggestionsChart ctx={ctx} months={r.months} /></section>
      {r.polls.length > 0 && (
        <section>
          <h3>{t('feedback.reportPolls')}</h3>
          {r.polls.map(({ poll, tally }) => (
            <div>
              <p><strong>{poll.question[lang] || poll.question['zh-CN']}</strong>{` · ${t('polls.voters', { n: tally.voters })}`}</p>
              <PollBarsChart ctx={ctx} pollId={poll.id} labels={poll.options.map((o) => o.label[lang] || o.label['zh-CN'])} counts={tally.counts} voters={tally.voters} />
            </div>
          ))}
        </section>
      )}
    </Layout>
  );
}
