import type { Context } from 'hono';
import { randomUUID } from 'node:crypto';
import {
  err, ok, POLL_OPTION_MAX, POLL_OPTIONS_MAX, POLL_OPTIONS_MIN, POLL_QUESTION_MAX, textProblem, UUID_RE, zonedParts, type Result,
} from '../../../domain/index';
import { closePollNow, createPoll, listPolls, removeUpcomingPoll, setPublished, tallies, uncountedByPoll, type PollInput } from '../../feedback/polls';
import type { Session } from '../auth/sessions';
import { parseLocalDateTime } from '../form-time';
import type { MessageKey } from '../i18n';
import type { AdminKit } from '../kit';
import { render } from '../layout';
import { PollsPage, type PollValues } from './page';

const DONE = { created: 'polls.created', closed: 'polls.closed', published: 'polls.published', unpublished: 'polls.unpublished', removed: 'polls.removed' } as const;
const PROBLEM = { not_closable: 'polls.notClosable', not_publishable: 'polls.notPublishable', not_published: 'polls.notPublished', not_removable: 'polls.notRemovable' } as const;

const field = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
/** One line of text as staff typed it: NFC, trimmed, inner runs of white space (a pasted line break) as one space. */
const line = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

function valuesOf(body: Record<string, unknown>): PollValues {
  return {
    questionZh: field(body, 'questionZh'), questionEn: field(body, 'questionEn'),
    options: Array.from({ length: POLL_OPTIONS_MAX }, (_, i) => ({ zh: field(body, `option${i + 1}Zh`), en: field(body, `option${i + 1}En`) })),
    multiple: body.multiple === 'on', changeable: body.changeable === 'on', opens: field(body, 'opens'), closes: field(body, 'closes'),
  };
}

type FormProblem = { readonly key: MessageKey; readonly n?: number };

/** The new-poll form → a poll, or what is wrong in it (one message, the first problem). */
export function parsePollForm(v: PollValues, timeZone: string, now: number): Result<PollInput, FormProblem> {
  const typed = [v.questionZh, v.questionEn, ...v.options.flatMap((o) => [o.zh, o.en])];
  if (typed.some((s) => textProblem(s) !== null)) return err({ key: 'polls.errChars' });
  const question = { 'zh-CN': line(v.questionZh), en: line(v.questionEn) };
  if (question['zh-CN'] === '' || question['zh-CN'].length > POLL_QUESTION_MAX || question.en.length > POLL_QUESTION_MAX) return err({ key: 'polls.errQuestion', n: POLL_QUESTION_MAX });
  // a row left empty is skipped; a row with English only is a mistake worth saying
  const rows = v.options.map((o) => ({ zh: line(o.zh), en: line(o.en) })).filter((o) => o.zh !== '' || o.en !== '');
  const badOption = rows.some((o) => o.zh === '' || o.zh.length > POLL_OPTION_MAX || o.en.length > POLL_OPTION_MAX);
  if (badOption || rows.length < POLL_OPTIONS_MIN || rows.length > POLL_OPTIONS_MAX) return err({ key: 'polls.errOptions', n: POLL_OPTION_MAX });
  const opensAt = parseLocalDateTime(v.opens, timeZone);
  const closesAt = parseLocalDateTime(v.closes, timeZone);
  if (opensAt === null || closesAt === null || closesAt <= opensAt || closesAt <= now) return err({ key: 'polls.errWhen' });
  return ok({
    question: { 'zh-CN': question['zh-CN'], en: question.en || question['zh-CN'] },
    options: rows.map((o) => ({ 'zh-CN': o.zh, en: o.en || o.zh })),
    multiple: v.multiple, changeable: v.changeable, opensAt, closesAt,
  });
}

/** A datetime-local value in the center's zone for an instant, to fill the form. */
function localInput(ms: number, timeZone: string): string {
  const p = zonedParts(ms, timeZone);
  return `${p.date}T${p.time.slice(0, 5)}`;
}

/** /admin/polls: the list with counts and bars, the new-poll form, closing and publishing. */
export function pollRoutes(kit: AdminKit): void {
  const { deps } = kit;
  const tz = deps.config.center.timeZone;
  const blank = (now: number): PollValues => ({
    questionZh: '', questionEn: '', options: [], multiple: false, changeable: false, opens: localInput(now, tz), closes: localInput(now + 7 * 86_400_000, tz),
  });

  const page = async (c: Context, session: Session, values?: PollValues, error?: FormProblem) => {
    const ctx = kit.ctxOf(c, session);
    const now = deps.now();
    const polls = await listPolls(deps.db);
    const counted = await tallies(deps.db, polls);
    const further = await uncountedByPoll(deps.db);
    const notice = kit.notice(c, ctx, DONE) ?? kit.notice(c, ctx, PROBLEM, 'problem');
    const body = (
      <PollsPage ctx={ctx} timeZone={tz} now={now} polls={polls} tallies={counted} uncounted={further} values={values ?? blank(now)}
        error={error ? ctx.t(error.key, { n: error.n ?? 0 }) : undefined} notice={notice} />
    );
    return kit.html(c, render(body), error ? 422 : 200);
  };

  kit.get('/polls', (c, { session }) => page(c, session));

  kit.post('/polls', async (c, { session, body }) => {
    const values = valuesOf(body);
    const parsed = parsePollForm(values, tz, deps.now());
    if (!parsed.ok) return page(c, session, values, parsed.error);
    await createPoll(deps.db, randomUUID(), parsed.value, session.username, deps.now());
    return kit.done(c, '/admin/polls', 'created');
  });

  const onPoll = (path: string, act: (id: string, user: string) => Promise<boolean>, done: keyof typeof DONE, problem: keyof typeof PROBLEM) => {
    kit.post(`/polls/:id/${path}`, async (c, { session }) => {
      const id = c.req.param('id');
      if (!UUID_RE.test(id)) return kit.notFound(c, session);
      // a poll that is not (or no longer) in the state the button was for: the page says so, nothing changes
      return (await act(id, session.username)) ? kit.done(c, `/admin/polls#p-${id}`, done) : c.redirect(`/admin/polls?problem=${problem}`, 303);
    });
  };
  onPoll('close', (id) => closePollNow(deps.db, id, deps.now()), 'closed', 'not_closable');
  onPoll('publish', (id, user) => setPublished(deps.db, id, true, user, deps.now()), 'published', 'not_publishable');
  onPoll('unpublish', (id, user) => setPublished(deps.db, id, false, user, deps.now()), 'unpublished', 'not_published');
  onPoll('remove', (id) => removeUpcomingPoll(deps.db, id, deps.now()), 'removed', 'not_removable');
}
