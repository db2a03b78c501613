import type { Context } from 'hono';
import * as v from 'valibot';
import { randomUUID } from 'node:crypto';
import { BOARD_DID_MAX, BOARD_SAID_MAX, foldNewlines, textProblem, UUID_RE, zonedParts } from '../../../domain/index';
import { csvResponse, toCsv } from '../csv';
import type { Session } from '../auth/sessions';
import type { AdminKit } from '../kit';
import { render } from '../layout';
import { SuggestionsPage, type Filter, type PublishError, type SaveError } from './page';
import { publishPost, shownPosts, withdrawPost } from '../../feedback/board';
import { updateSuggestion } from '../../feedback/store';
import { countOverdue, getSuggestion, listSuggestions, REPLY_MAX, STATUSES, suggestionsByMonth } from './repo';

const FILTERS = ['all', ...STATUSES] as const;
const filterOf = (value: unknown): Filter => (FILTERS as readonly unknown[]).includes(value) ? (value as Filter) : 'all';

const ReplyForm = v.object({
  status: v.picklist(STATUSES),
  reply: v.pipe(v.optional(v.string(), ''), v.transform(foldNewlines), v.check((s) => textProblem(s) === null, 'chars'), v.normalize('NFC'), v.trim(), v.maxLength(REPLY_MAX)),
});

/** A form field as typed, '' when it was not sent: to show the form again as it was. */
const typedIn = (body: Record<string, unknown>) => (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');

const DONE = { saved: 'suggestions.saved', published: 'suggestions.published', withdrawn: 'suggestions.withdrawn' } as const;

const postText = (max: number) => v.pipe(v.optional(v.string(), ''), v.transform(foldNewlines), v.check((s) => textProblem(s) === null, 'chars'), v.normalize('NFC'), v.trim(), v.maxLength(max, 'long'));
const PostForm = v.object({ saidZh: postText(BOARD_SAID_MAX), saidEn: postText(BOARD_SAID_MAX), didZh: postText(BOARD_DID_MAX), didEn: postText(BOARD_DID_MAX) });

/** /admin/suggestions: the inbox, saving a status and reply, and the CSV export. */
export function suggestionRoutes(kit: AdminKit): void {
  const { deps } = kit;
  const tz = deps.config.center.timeZone;

  /** a configured topic, 'overall' (the center as a whole), or null: every topic */
  const topicOf = (raw: string | undefined) => (raw === 'overall' || deps.config.feedbackTopics.some((x) => x.id === raw) ? raw! : null);
  const known = async (id: string) => UUID_RE.test(id) && (await getSuggestion(deps.db, id)) !== null;

  const inbox = async (c: Context, session: Session, filter: Filter, error?: SaveError, publishError?: PublishError) => {
    const ctx = kit.ctxOf(c, session);
    const topic = topicOf(c.req.query('topic'));
    const suggestions = await listSuggestions(deps.db, filter === 'all' ? null : filter, undefined, topic);
    const clock = { now: deps.now(), replyDays: deps.config.rules.suggestionReplyDays };
    const page = (
      <SuggestionsPage ctx={ctx} config={deps.config} filter={filter} suggestions={suggestions} notice={kit.notice(c, ctx, DONE)} error={error}
        board={await shownPosts(deps.db)} publishError={publishError} topic={topic} clock={clock}
        overdue={await countOverdue(deps.db, clock.now, clock.replyDays)} months={await suggestionsByMonth(deps.db, clock.now, tz)} />
    );
    return kit.html(c, render(page), error || publishError ? 422 : 200);
  };

  // "You said, we did" (issue 16): an answered suggestion, worded by staff for every kiosk; English may be
  // left empty, and the kiosks then show the Chinese
  kit.post('/suggestions/:id/publish', async (c, { session, body, ctx }) => {
    const id = c.req.param('id');
    if (!(await known(id))) return kit.notFound(c, session);
    const back = filterOf(body.back);
    const typed = typedIn(body);
    const values = { saidZh: typed('saidZh'), saidEn: typed('saidEn'), didZh: typed('didZh'), didEn: typed('didEn') };
    const form = v.safeParse(PostForm, body);
    const problem = !form.success
      ? (form.issues.some((i) => i.message === 'chars') ? ctx.t('suggestions.errChars') : ctx.t('suggestions.errPostLong', { said: BOARD_SAID_MAX, did: BOARD_DID_MAX }))
      : form.output.saidZh === '' || form.output.didZh === '' ? ctx.t('suggestions.errPostEmpty') : null;
    if (problem !== null || !form.success) return inbox(c, session, back, undefined, { id, message: problem ?? '', values });
    const f = form.output;
    const post = { suggestionId: id, said: { 'zh-CN': f.saidZh, en: f.saidEn || f.saidZh }, did: { 'zh-CN': f.didZh, en: f.didEn || f.didZh } };
    await publishPost(deps.db, randomUUID(), post, session.username, deps.now());
    return kit.done(c, `/admin/suggestions?status=${back}`, 'published');
  });

  kit.post('/suggestions/board/:id/withdraw', async (c, { session }) => {
    const id = c.req.param('id');
    if (!UUID_RE.test(id)) return kit.notFound(c, session);
    await withdrawPost(deps.db, id, deps.now()); // withdrawn already: the page shows it gone
    return kit.done(c, '/admin/suggestions', 'withdrawn');
  });

  kit.get('/suggestions', async (c, { session }) => {
    return inbox(c, session, filterOf(c.req.query('status')));
  });

  kit.post('/suggestions/:id', async (c, { session, body }) => {
    const id = c.req.param('id');
    if (!(await known(id))) return kit.notFound(c, session);
    const back = filterOf(body.back);
    const form = v.safeParse(ReplyForm, body);
    if (!form.success) {
      const t = kit.ctxOf(c, session).t;
      const badStatus = form.issues.some((i) => i.path?.[0]?.key === 'status');
      const typed = typedIn(body);
      const badChars = form.issues.some((i) => i.message === 'chars');
      const message = badStatus ? t('suggestions.errStatus') : badChars ? t('suggestions.errChars') : t('suggestions.errReplyTooLong', { n: REPLY_MAX });
      const error = { id, message, status: typed('status'), reply: typed('reply') };
      return inbox(c, session, back, error);
    }
    await updateSuggestion(deps.db, id, form.output.status, form.output.reply || null, deps.now());
    return kit.done(c, `/admin/suggestions?status=${back}#s-${id}`, 'saved');
  });

  kit.get('/export/suggestions.csv', async (c, _r) => {
    const all = await listSuggestions(deps.db, null, null);
    const local = (iso: string | null) => (iso ? `${zonedParts(Date.parse(iso), tz).date} ${zonedParts(Date.parse(iso), tz).time}` : '');
    const rows = all.map((s) => [s.id, s.at, local(s.at), s.source, s.kioskId ?? '', s.topic ?? '', s.text, s.contact ?? '', s.status, s.reply ?? '', s.repliedAt ?? '']);
    const header = ['id', 'time', 'local time', 'source', 'kiosk', 'topic', 'text', 'contact', 'status', 'reply', 'replied at'];
    const today = zonedParts(deps.now(), tz).date;
    return csvResponse(toCsv(header, rows), `suggestions-${today}.csv`);
  });
}
