import { randomBytes, randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as v from 'valibot';
import { isLang, zonedParts, type Lang } from '../../domain/index';
import type { HubDeps } from '../deps';
import { clientIp, foreignOrigin, sameSecret } from '../http/security';
import { cancelEntry, findOverlap, getEntry, insertEntry, listEntries, updateEntry, type EntryInput } from '../schedule/repo';
import type { Queryable } from '../db/port';
import { promoteWaitlists } from '../reservations/apply';
import { snapshotWindow } from '../snapshot';
import { describeWhen, emptyValues, parseEntryForm, valuesFromEntry, valuesOf, type EntryErrors } from './entry-form';
import { bookingRoutes } from './bookings-routes';
import { feedbackRoutes } from './feedback-routes';
import { translator } from './i18n';
import { kioskRoutes } from './kiosks-routes';
import { memberRoutes } from './members-routes';
import type { AdminKit, PageStatus } from './kit';
import { hashPassword, verifyPassword } from './password';
import { minutesOf } from './rate-limit';
import { Dashboard, EditPage, LoginPage, MessagePage, render, type PageContext } from './pages';
import { createSession, deleteSession, deleteSessionsOf, findSession, SESSION_HOURS, type Session } from './sessions';
import { suggestionRoutes } from './suggestions-routes';
import { todayRoutes } from './today-routes';
import { passwordHashOf } from './users';
import { lockRoom } from '../db/locks';

const SESSION_COOKIE = 'wsc_admin';
const LOGIN_CSRF_COOKIE = 'wsc_login_csrf';
const LANG_COOKIE = 'wsc_admin_lang';

const LoginForm = v.object({
  username: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(64)),
  password: v.pipe(v.string(), v.minLength(1), v.maxLength(1024)),
});
const EntryId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9@_.:-]{1,128}$/));
const FLASH = { added: 'added', saved: 'saved', cancelled: 'cancelledDone' } as const;


/** The admin pages under /admin: login, the week's schedule, and adding, editing, cancelling entries. */
export function adminRoutes(deps: HubDeps): Hono {
  const admin = new Hono();
  const cookieBase = { httpOnly: true, sameSite: 'Strict', secure: deps.tls } as const;
  // A hash to check against when the username is unknown, so both cases take the same time.
  const dummyHash = hashPassword(randomBytes(16).toString('hex'));

  const formLimit = bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.text('The form is too large (limit 64 KiB).', 413) });
  // a member CSV of a few thousand rows is larger than any form
  const importLimit = bodyLimit({ maxSize: 16 * 1024 * 1024, onError: (c) => c.text('The file is too large (limit 16 MiB).', 413) });
  admin.use('*', (c, next) => (c.req.path === '/admin/members/import' ? importLimit : formLimit)(c, next));

  const langOf = (c: Context): Lang => {
    const asked = c.req.query('lang');
    if (isLang(asked)) {
      setCookie(c, LANG_COOKIE, asked, { ...cookieBase, path: '/admin', maxAge: 365 * 86_400 });
      return asked;
    }
    const saved = getCookie(c, LANG_COOKIE);
    return isLang(saved) ? saved : 'zh-CN';
  };
  const ctxOf = (c: Context, session: Session | null, csrf = session?.csrfToken ?? ''): PageContext => {
    const lang = langOf(c);
    return { t: translator(lang), lang, csrf, loggedIn: session !== null };
  };
  const html = (c: Context, body: string, status: PageStatus = 200) => {
    c.header('Cache-Control', 'no-store');
    return c.html(body, status);
  };
  const forbidden = (c: Context, session: Session | null) => {
    const ctx = ctxOf(c, session);
    return html(c, render(<MessagePage ctx={ctx} title="403" message={ctx.t('forbidden')} />), 403);
  };
  const sessionOf = (c: Context) => findSession(deps.db, getCookie(c, SESSION_COOKIE), deps.now());

  /** Every POST after login: same origin, a live session, and that session's CSRF token. */
  const guardPost = async (c: Context): Promise<{ session: Session; body: Record<string, unknown> } | Response> => {
    if (foreignOrigin(c)) return forbidden(c, null);
    const session = await sessionOf(c);
    if (!session) return c.redirect('/admin/login', 303);
    const body = (await c.req.parseBody()) as Record<string, unknown>;
    if (!sameSecret(body._csrf, session.csrfToken)) return forbidden(c, session);
    return { session, body };
  };

  const loginPage = (c: Context, status: 200 | 401 | 429, error?: string) => {
    // double-submit token: the login form has no session yet to hold a CSRF token
    const token = randomBytes(32).toString('base64url');
    setCookie(c, LOGIN_CSRF_COOKIE, token, { ...cookieBase, path: '/admin' });
    return html(c, render(<LoginPage ctx={ctxOf(c, null, token)} error={error} />), status);
  };

  admin.get('/login', async (c) => ((await sessionOf(c)) ? c.redirect('/admin', 303) : loginPage(c, 200)));

  admin.post('/login', async (c) => {
    if (foreignOrigin(c)) return forbidden(c, null);
    const t = translator(langOf(c));
    const ip = clientIp(c);
    const body = (await c.req.parseBody()) as Record<string, unknown>;
    if (!sameSecret(body._csrf, getCookie(c, LOGIN_CSRF_COOKIE))) return forbidden(c, null);
    const form = v.safeParse(LoginForm, body);
    const name = form.success ? form.output.username : '';
    // the try is counted here, before the first await of the check: a burst cannot pass together
    const wait = deps.limiter.begin(ip, name, deps.now());
    if (wait > 0) return loginPage(c, 429, t('tooManyAttempts', { n: minutesOf(wait) }));
    const stored = form.success ? await passwordHashOf(deps.db, name) : null;
    const good = form.success && (await verifyPassword(form.output.password, stored ?? (await dummyHash))) && stored !== null;
    if (!good || !form.success) {
      deps.log(`Failed admin login for "${name.slice(0, 64)}" from ${ip}.`);
      // the last try this address had: say so now rather than at the next one
      const now = deps.limiter.byAddress.waitMs(ip, deps.now());
      return now > 0 ? loginPage(c, 429, t('tooManyAttempts', { n: minutesOf(now) })) : loginPage(c, 401, t('loginFailed'));
    }
    deps.limiter.succeed(ip, name);
    const session = await createSession(deps.db, form.output.username, deps.now());
    setCookie(c, SESSION_COOKIE, session.id, { ...cookieBase, path: '/', maxAge: SESSION_HOURS * 3600 });
    deleteCookie(c, LOGIN_CSRF_COOKIE, { path: '/admin' });
    return c.redirect('/admin', 303);
  });

  admin.post('/logout', async (c) => {
    const guard = await guardPost(c);
    if (guard instanceof Response) return guard;
    await deleteSession(deps.db, getCookie(c, SESSION_COOKIE));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/admin/login', 303);
  });

  // a lost laptop or a shared browser: every session of this admin ends, this one included
  admin.post('/logout-everywhere', async (c) => {
    const guard = await guardPost(c);
    if (guard instanceof Response) return guard;
    const n = await deleteSessionsOf(deps.db, guard.session.username);
    deps.log(`Admin "${guard.session.username}" logged out everywhere (${n} sessions ended).`);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/admin/login', 303);
  });

  const dashboard = async (c: Context, session: Session, values = emptyValues(deps.config, today()), errors: EntryErrors = {}) => {
    const now = deps.now();
    const { from, to } = snapshotWindow(deps.config.center.timeZone, now);
    const entries = await listEntries(deps.db, from, to);
    const ctx = ctxOf(c, session);
    const done = c.req.query('done');
    const notice = done && done in FLASH ? ctx.t(FLASH[done as keyof typeof FLASH]) : undefined;
    const page = <Dashboard ctx={ctx} config={deps.config} entries={entries} now={now} notice={notice} values={values} errors={errors} />;
    return html(c, render(page), Object.keys(errors).length > 0 ? 422 : 200);
  };
  const today = () => zonedParts(deps.now(), deps.config.center.timeZone).date;

  admin.get('/', async (c) => {
    const session = await sessionOf(c);
    return session ? dashboard(c, session) : c.redirect('/admin/login', 303);
  });

  /** Writes an entry unless it overlaps another in its room; the room lock makes check-and-write atomic. */
  const writeChecked = (id: string | null, input: EntryInput, write: (tx: Queryable) => Promise<unknown>) =>
    deps.db.transaction(async (tx) => {
      await lockRoom(tx, input.room);
      const clash = await findOverlap(tx, input.room, input.startsAt, input.endsAt, id);
      if (clash) return clash;
      await write(tx);
      return null;
    });
  const overlapError = (c: Context, clash: NonNullable<Awaited<ReturnType<typeof findOverlap>>>): EntryErrors => {
    const lang = langOf(c);
    return { start: { key: 'errOverlap', params: { title: clash.title[lang], when: describeWhen(clash, deps.config.center.timeZone) } } };
  };

  admin.post('/entries', async (c) => {
    const guard = await guardPost(c);
    if (guard instanceof Response) return guard;
    const values = valuesOf(guard.body);
    const parsed = parseEntryForm(guard.body, deps.config, deps.now());
    if (!parsed.ok) return dashboard(c, guard.session, values, parsed.errors);
    const id = `e-${randomUUID()}`;
    const clash = await writeChecked(null, parsed.input, (tx) => insertEntry(tx, id, parsed.input));
    if (clash) return dashboard(c, guard.session, values, overlapError(c, clash));
    return c.redirect('/admin?done=added', 303);
  });

  const entryOf = async (c: Context) => {
    const id = v.safeParse(EntryId, c.req.param('id'));
    return id.success ? getEntry(deps.db, id.output) : null;
  };
  const notFound = (c: Context, session: Session) => {
    const ctx = ctxOf(c, session);
    return html(c, render(<MessagePage ctx={ctx} title="404" message={ctx.t('notFound')} />), 404);
  };

  admin.get('/entries/:id', async (c) => {
    const session = await sessionOf(c);
    if (!session) return c.redirect('/admin/login', 303);
    const entry = await entryOf(c);
    if (!entry) return notFound(c, session);
    const values = valuesFromEntry(entry, deps.config.center.timeZone);
    return html(c, render(<EditPage ctx={ctxOf(c, session)} config={deps.config} entry={entry} values={values} errors={{}} />));
  });

  admin.post('/entries/:id', async (c) => {
    const guard = await guardPost(c);
    if (guard instanceof Response) return guard;
    const entry = await entryOf(c);
    if (!entry) return notFound(c, guard.session);
    const values = valuesOf(guard.body);
    // an entry already under way may be corrected, but not moved to an earlier time in the past
    const earliest = Math.min(deps.now(), Date.parse(entry.startsAt));
    const parsed = parseEntryForm(guard.body, deps.config, earliest);
    const showErrors = (errors: EntryErrors) =>
      html(c, render(<EditPage ctx={ctxOf(c, guard.session)} config={deps.config} entry={entry} values={values} errors={errors} />), 422);
    if (!parsed.ok) return showErrors(parsed.errors);
    // a cancelled entry blocks no room, so correcting one needs no overlap check
    const write = (tx: Queryable) => updateEntry(tx, entry.id, parsed.input);
    const clash = entry.cancelled ? (await write(deps.db), null) : await writeChecked(entry.id, parsed.input, write);
    if (clash) return showErrors(overlapError(c, clash));
    // more places go to the waitlist now, not at the next minute's timer
    await promoteWaitlists(deps.db, deps.config, deps.now()).catch((e: unknown) => deps.log(`Could not give freed class places to the waitlist: ${e instanceof Error ? e.message : String(e)}`));
    return c.redirect('/admin?done=saved', 303);
  });

  admin.post('/entries/:id/cancel', async (c) => {
    const guard = await guardPost(c);
    if (guard instanceof Response) return guard;
    const entry = await entryOf(c);
    if (!entry) return notFound(c, guard.session);
    await cancelEntry(deps.db, entry.id, deps.now());
    return c.redirect('/admin?done=cancelled', 303);
  });

  const kit: AdminKit = { deps, sessionOf, guardPost, ctxOf: (c, session) => ctxOf(c, session), html, notFound };
  for (const feature of [kioskRoutes, feedbackRoutes, suggestionRoutes, memberRoutes, todayRoutes, bookingRoutes]) feature(admin, kit);

  return admin;
}
