import type { Context } from 'hono';
import { zonedParts } from '../../../domain/index';
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
