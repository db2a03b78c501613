import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { setCookie, getCookie } from 'hono/cookie';
import { isLang, type Lang } from '../../domain/index';
import type { HubDeps } from '../deps';
import { foreignOrigin, sameSecret } from '../http/security';
import { createAuth } from './auth/routes';
import type { Session } from './auth/sessions';
import { bookingRoutes } from './bookings/routes';
import { feedbackRoutes } from './feedback/routes';
import { translator, type MessageKey, type T } from './i18n';
import type { AdminKit, PageStatus } from './kit';
import { kioskRoutes } from './kiosks/routes';
import { MessagePage, render, type PageContext } from './layout';
import { memberRoutes } from './members/routes';
import { pollRoutes } from './polls/routes';
import { scheduleRoutes } from './schedule/routes';
import { suggestionRoutes } from './suggestions/routes';
import { todayRoutes } from './today/routes';

const LANG_COOKIE = 'wsc_admin_lang';

/** The admin pages under /admin: the kit every feature shares (sessions, CSRF, language, rendering), then each feature's routes. */
export function adminRoutes(deps: HubDeps): Hono {
  const admin = new Hono();
  const cookieBase = { httpOnly: true, sameSite: 'Strict', secure: deps.tls } as const;
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
  const ctxOf = (c: Context, session: Session | null): PageContext => {
    const lang = langOf(c);
    return { t: translator(lang), lang, csrf: session?.csrfToken ?? '', loggedIn: session !== null };
  };
  const html = (c: Context, body: string, status: PageStatus = 200) => {
    c.header('Cache-Control', 'no-store');
    return c.html(body, status);
  };
  const message = (c: Context, session: Session | null, title: (t: T) => string, key: MessageKey, status: 400 | 403 | 404) => {
    const ctx = ctxOf(c, session);
    return html(c, render(<MessagePage ctx={ctx} title={title(ctx.t)} message={ctx.t(key)} />), status);
  };
  const auth = createAuth(deps, cookieBase);
  const toLogin = (c: Context) => c.redirect('/admin/login', 303);

  const kit: AdminKit = {
    deps, ctxOf, html,
    get: (path, handler) => {
      admin.get(path, async (c) => {
        const session = await auth.sessionOf(c);
        return session ? handler(c, { session, ctx: ctxOf(c, session) }) : toLogin(c);
      });
    },
    // every POST after login: same origin, a live session, and that session's CSRF token
    post: (path, handler) => {
      admin.post(path, async (c) => {
        if (foreignOrigin(c)) return kit.forbidden(c, null);
        const session = await auth.sessionOf(c);
        if (!session) return toLogin(c);
        const body = (await c.req.parseBody()) as Record<string, unknown>;
        if (!sameSecret(body._csrf, session.csrfToken)) return kit.forbidden(c, session);
        return handler(c, { session, body, ctx: ctxOf(c, session) });
      });
    },
    notFound: (c, session) => message(c, session, () => '404', 'notFound', 404),
    forbidden: (c, session) => message(c, session, () => '403', 'forbidden', 403),
    badRequest: (c, session, title, key) => message(c, session, (t) => t(title), key, 400),
    notice: (c, ctx, table, param = 'done') => {
      const asked = c.req.query(param);
      return asked !== undefined && Object.hasOwn(table, asked) ? ctx.t(table[asked as keyof typeof table]) : undefined;
    },
    done: (c, path, done) => {
      const [where, hash] = path.split('#');
      return c.redirect(`${where}${where!.includes('?') ? '&' : '?'}done=${done}${hash ? `#${hash}` : ''}`, 303);
    },
  };
  auth.routes(admin, kit);
  for (const feature of [scheduleRoutes, kioskRoutes, feedbackRoutes, suggestionRoutes, memberRoutes, todayRoutes, bookingRoutes, pollRoutes]) feature(kit);
  return admin;
}
