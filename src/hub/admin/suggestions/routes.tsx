import type { Context, Hono } from 'hono';
import * as v from 'valibot';
import { foldNewlines, textProblem, UUID_RE, zonedParts } from '../../domain/index';
import { csvResponse, toCsv } from './csv';
import type { AdminKit } from './kit';
import { render } from './pages';
import { SuggestionsPage, type Filter, type SaveError } from './suggestions-page';
import { updateSuggestion } from '../feedback/store';
import { getSuggestion, listSuggestions, REPLY_MAX, STATUSES } from './suggestions-repo';

const FILTERS = ['all', ...STATUSES] as const;
const filterOf = (value: unknown): Filter => (FILTERS as readonly unknown[]).includes(value) ? (value as Filter) : 'all';

const ReplyForm = v.object({
  status: v.picklist(STATUSES),
  reply: v.pipe(v.optional(v.string(), ''), v.transform(foldNewlines), v.check((s) => textProblem(s) === null, 'chars'), v.normalize('NFC'), v.trim(), v.maxLength(REPLY_MAX)),
});

/** /admin/suggestions: the inbox, saving a status and reply, and the CSV export. */
export function suggestionRoutes(admin: Hono, kit: AdminKit): void {
  const { deps } = kit;
  const tz = deps.config.center.timeZone;

  const inbox = async (c: Context, session: NonNullable<Awaited<ReturnType<AdminKit['sessionOf']>>>, filter: Filter, error?: SaveError) => {
    const ctx = kit.ctxOf(c, session);
    const suggestions = await listSuggestions(deps.db, filter === 'all' ? null : filter);
    const notice = c.req.query('done') === 'saved' ? ctx.t('suggestionSaved') : undefined;
    const page = <SuggestionsPage ctx={ctx} config={deps.config} filter={filter} suggestions={suggestions} notice={notice} error={error} />;
    return kit.html(c, render(page), error ? 422 : 200);
  };

  admin.get('/suggestions', async (c) => {
    const session = await kit.sessionOf(c);
    if (!session) return c.redirect('/admin/login', 303);
    return inbox(c, session, filterOf(c.req.query('status')));
  });

  admin.post('/suggestions/:id', async (c) => {
    const guard = await kit.guardPost(c);
    if (guard instanceof Response) return guard;
    const id = c.req.param('id');
    const found = UUID_RE.test(id) ? await getSuggestion(deps.db, id) : null;
    if (!found) return kit.notFound(c, guard.session);
    const back = filterOf(guard.body.back);
    const form = v.safeParse(ReplyForm, guard.body);
    if (!form.success) {
      const t = kit.ctxOf(c, guard.session).t;
      const badStatus = form.issues.some((i) => i.path?.[0]?.key === 'status');
      const typed = (k: string) => (typeof guard.body[k] === 'string' ? (guard.body[k] as string) : '');
      const badChars = form.issues.some((i) => i.message === 'chars');
      const message = badStatus ? t('errStatus') : badChars ? t('errChars') : t('errReplyTooLong', { n: REPLY_MAX });
      const error = { id, message, status: typed('status'), reply: typed('reply') };
      return inbox(c, guard.session, back, error);
    }
    await updateSuggestion(deps.db, id, form.output.status, form.output.reply || null, deps.now());
    return c.redirect(`/admin/suggestions?status=${back}&done=saved#s-${id}`, 303);
  });

  admin.get('/export/suggestions.csv', async (c) => {
    const session = await kit.sessionOf(c);
    if (!session) return c.redirect('/admin/login', 303);
    const all = await listSuggestions(deps.db, null, null);
    const local = (iso: string | null) => (iso ? `${zonedParts(Date.parse(iso), tz).date} ${zonedParts(Date.parse(iso), tz).time}` : '');
    const rows = all.map((s) => [s.id, s.at, local(s.at), s.source, s.kioskId ?? '', s.topic ?? '', s.text, s.contact ?? '', s.status, s.reply ?? '', s.repliedAt ?? '']);
    const header = ['id', 'time', 'local time', 'source', 'kiosk', 'topic', 'text', 'contact', 'status', 'reply', 'replied at'];
    const today = zonedParts(deps.now(), tz).date;
    return csvResponse(toCsv(header, rows), `suggestions-${today}.csv`);
  });
}
