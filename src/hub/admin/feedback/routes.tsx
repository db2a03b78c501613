import type { Context } from 'hono';
import { addDays, zonedParts, zonedToEpoch } from '../../../domain/index';
import { countPublished } from '../../feedback/board';
import { pollsClosedIn, tallies } from '../../feedback/polls';
import { countOverdue, daysToReplyOf, suggestionsByMonth } from '../suggestions/repo';
import { ReportPage, type ReportFigures } from './report';
import { csvResponse, toCsv } from '../csv';
import { loadIndexAlerts, periodOf, ratingsOf } from './repo';
import { FeedbackPage } from './page';
import type { Session } from '../auth/sessions';
import type { AdminKit } from '../kit';
import { render } from '../layout';

/** /admin/feedback (the index and raw ratings of a period) and its CSV export. */
export function feedbackRoutes(kit: AdminKit): void {
  const { deps } = kit;
  const tz = deps.config.center.timeZone;
  const period = (c: Context) => periodOf(c.req.query('from'), c.req.query('to'), deps.now(), tz);
  const badPeriod = (c: Context, session: Session) => kit.badRequest(c, session, 'nav.feedback', 'feedback.badPeriod');

  kit.get('/feedback', async (c, { session }) => {
    const p = period(c);
    if (!p) return badPeriod(c, session);
    const ratings = await ratingsOf(deps.db, p, tz, deps.config.rules);
    const alerts = await loadIndexAlerts(deps.db, deps.now(), tz, deps.config.rules);
    return kit.html(c, render(<FeedbackPage ctx={kit.ctxOf(c, session)} config={deps.config} period={p} ratings={ratings} alerts={alerts} />));
  });

  /** Polls closed in [start, end) with their counts. */
  const closedPolls = async (start: number, end: number) => {
    const polls = await pollsClosedIn(deps.db, start, end);
    const counted = await tallies(deps.db, polls);
    return polls.map((poll) => ({ poll, tally: counted.get(poll.id)! }));
  };

  // the month's one-page report for the union committee (issue 16); the current month by default
  kit.get('/report', async (c, { session, ctx }) => {
    const now = deps.now();
    const month = c.req.query('month') || zonedParts(now, tz).date.slice(0, 7);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return kit.badRequest(c, session, 'nav.feedback', 'feedback.badMonth');
    const first = `${month}-01`;
    const next = addDays(first, 32).slice(0, 7) + '-01';
    const [start, end] = [zonedToEpoch(first, '00:00', tz), zonedToEpoch(next, '00:00', tz)];
    const ratings = await ratingsOf(deps.db, { from: first, to: addDays(next, -1) }, tz, deps.config.rules);
    const days = (await daysToReplyOf(deps.db, start, end)).sort((a, b) => a - b);
    const figures: ReportFigures = {
      month, ratings, months: await suggestionsByMonth(deps.db, Math.min(now, end - 1), tz),
      overdue: await countOverdue(deps.db, now, deps.config.rules.suggestionReplyDays),
      medianDaysToReply: days.length === 0 ? null : days[Math.floor((days.length - 1) / 2)]!,
      boardPosts: await countPublished(deps.db, start, end), alerts: await loadIndexAlerts(deps.db, now, tz, deps.config.rules),
      polls: await closedPolls(start, Math.min(end, now)),
    };
    return kit.html(c, render(<ReportPage ctx={ctx} config={deps.config} r={figures} />));
  });

  kit.get('/export/ratings.csv', async (c, { session }) => {
    const p = period(c);
    if (!p) return badPeriod(c, session);
    const ratings = await ratingsOf(deps.db, p, tz, deps.config.rules);
    const rows = ratings.map((r) => {
      const local = zonedParts(r.at, tz);
      return [r.id, new Date(r.at).toISOString(), `${local.date} ${local.time}`, r.kioskId, r.topic ?? '', r.score, r.reasons.join(' '), r.misuse ? 'misuse' : ''];
    });
    const body = toCsv(['id', 'time', 'local time', 'kiosk', 'topic', 'score', 'reasons', 'misuse'], rows);
    return csvResponse(body, `ratings-${p.from}-to-${p.to}.csv`);
  });
}
