import type { Context } from 'hono';
import { foldNewlines, textProblem, zonedParts, type CenterConfig } from '../../../domain/index';
import { csvResponse, toCsv, type Cell } from '../csv';
import type { Session } from '../auth/sessions';
import type { AdminKit } from '../kit';
import { render } from '../layout';
import { minutesOf, TodayPage } from './page';
import { dayOf, loadTodayView, resolveFact, type Person, type TodayView } from './repo';

// /admin/today: one center day of check-in, its four CSV exports, and marking a fact resolved.

const NOTE_MAX = 500;
const FACT_ID = /^[1-9][0-9]{0,17}$/;

const local = (ms: number, config: CenterConfig) => {
  const p = zonedParts(ms, config.center.timeZone);
  return `${p.date} ${p.time}`;
};
const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());
/** member number, masked name, and the kiosk's key for someone unresolved: three columns in every file */
const who = (p: Person): Cell[] => [p.memberNo ?? '', p.maskedName ?? '', p.unresolved ? p.subject : ''];
const WHO = ['member no', 'masked name', 'unresolved as'];

const EXPORTS: Record<string, (v: TodayView, config: CenterConfig, now: number) => { header: string[]; rows: Cell[][] }> = {
  visits: (v, config) => ({
    header: ['time', 'local time', ...WHO, 'via', 'verified', 'kiosk'],
    rows: v.visits.map((x) => [iso(x.at), local(x.at, config), ...who(x.person), x.via, x.verified ? 'yes' : 'no', x.kioskId]),
  }),
  attendance: (v, config) => ({
    header: ['entry', 'title', 'starts', 'capacity', 'checked in at', ...WHO, 'kiosk', 'hub found'],
    rows: v.classes.flatMap((c) => c.people.map((p) => [
      c.entry.id, c.entry.title.en, local(Date.parse(c.entry.startsAt), config), c.entry.capacity, local(p.at, config), ...who(p.person), p.kioskId, p.hubOutcome,
    ])),
  }),
  sessions: (v, config, now) => ({
    header: ['group', 'unit', ...WHO, 'start', 'end', 'minutes', 'ended by'],
    rows: v.sessions.map((s) => [
      s.group, s.unit, ...who(s.person), local(s.startedAt, config), s.endedAt === null ? '' : local(s.endedAt, config), minutesOf(s, now), s.endedBy ?? 'open',
    ]),
  }),
  facts: (v, config) => ({
    header: ['id', 'time', 'local time', 'kind', 'flagged', ...WHO, 'entry', 'group', 'unit', 'kiosk', 'resolved at', 'resolved by', 'note'],
    rows: v.facts.map((f) => [
      f.id, iso(f.at), local(f.at, config), f.kind, f.flagged ? 'yes' : 'no', ...who(f.person), f.entryId, f.group, f.unit, f.kioskId, f.resolvedAt, f.resolvedBy, f.note,
    ]),
  }),
};


const DONE = { resolved: 'today.resolved' } as const;
const PROBLEM = { chars: 'today.errChars' } as const;
export function todayRoutes(kit: AdminKit): void {
  const { deps } = kit;
  const tz = deps.config.center.timeZone;
  const badDay = (c: Context, session: Session) => kit.badRequest(c, session, 'nav.today', 'today.badDay');

  kit.get('/today', async (c, { session }) => {
    const day = dayOf(c.req.query('day'), deps.now(), tz);
    if (!day) return badDay(c, session);
    const ctx = kit.ctxOf(c, session);
    const view = await loadTodayView(deps.db, deps.config, day, deps.now());
    const notice = kit.notice(c, ctx, DONE) ?? kit.notice(c, ctx, PROBLEM, 'problem');
    return kit.html(c, render(<TodayPage ctx={ctx} config={deps.config} view={view} now={deps.now()} notice={notice} />));
  });

  for (const name of Object.keys(EXPORTS)) {
    kit.get(`/today/${name}.csv`, async (c, { session }) => {
      const day = dayOf(c.req.query('day'), deps.now(), tz);
      if (!day) return badDay(c, session);
      const { header, rows } = EXPORTS[name]!(await loadTodayView(deps.db, deps.config, day, deps.now()), deps.config, deps.now());
      return csvResponse(toCsv(header, rows), `${name}-${day}.csv`);
    });
  }

  kit.post('/today/facts/:id/resolve', async (c, { session, body }) => {
    const id = c.req.param('id');
    if (!FACT_ID.test(id)) return kit.notFound(c, session);
    const raw = typeof body.note === 'string' ? foldNewlines(body.note) : '';
    const day = dayOf(typeof body.day === 'string' ? body.day : undefined, deps.now(), tz) ?? zonedParts(deps.now(), tz).date;
    if (textProblem(raw) !== null) return c.redirect(`/admin/today?day=${day}&problem=chars`, 303); // the note is not saved
    const note = raw.normalize('NFC').trim().slice(0, NOTE_MAX);
    // resolving one already resolved (two staff, a double click) is not an error: the page shows who did
    await resolveFact(deps.db, id, session.username, note, deps.now());
    return kit.done(c, `/admin/today?day=${day}`, 'resolved');
  });
}
