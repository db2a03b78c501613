import { randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as v from 'valibot';
import type { HubDeps } from '../../deps';
import { clientIp, foreignOrigin, sameSecret } from '../../http/security';
import type { AdminKit } from '../kit';
import { render } from '../layout';
import { LoginPage } from './page';
import { hashPassword, verifyPassword } from './password';
import { minutesOf } from './rate-limit';
import { createSession, deleteSession, deleteSessionsOf, findSession, SESSION_HOURS } from './sessions';
import { passwordHashOf } from './users';

// Logging in and out: the session cookie is set and read here only.

const SESSION_COOKIE = 'wsc_admin';
const LOGIN_CSRF_COOKIE = 'wsc_login_csrf';

const LoginForm = v.object({
  username: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(64)),
  password: v.pipe(v.string(), v.minLength(1), v.maxLength(1024)),
});

type CookieBase = { readonly httpOnly: true; readonly sameSite: 'Strict'; readonly secure: boolean };

export function createAuth(deps: HubDeps, cookieBase: CookieBase) {
  // A hash to check against when the username is unknown, so both cases take the same time.
  const dummyHash = hashPassword(randomBytes(16).toString('hex'));
  const sessionOf = (c: Context) => findSession(deps.db, getCookie(c, SESSION_COOKIE), deps.now());

  const routes = (admin: Hono, kit: AdminKit) => {
    const loginPage = (c: Context, status: 200 | 401 | 429, error?: string) => {
      // double-submit token: the login form has no session yet to hold a CSRF token
      const token = randomBytes(32).toString('base64url');
      setCookie(c, LOGIN_CSRF_COOKIE, token, { ...cookieBase, path: '/admin' });
      return kit.html(c, render(<LoginPage ctx={{ ...kit.ctxOf(c, null), csrf: token }} error={error} />), status);
    };

    admin.get('/login', async (c) => ((await sessionOf(c)) ? c.redirect('/admin', 303) : loginPage(c, 200)));

    admin.post('/login', async (c) => {
      if (foreignOrigin(c)) return kit.forbidden(c, null);
      const t = kit.ctxOf(c, null).t;
      const ip = clientIp(c);
      const body = (await c.req.parseBody()) as Record<string, unknown>;
      if (!sameSecret(body._csrf, getCookie(c, LOGIN_CSRF_COOKIE))) return kit.forbidden(c, null);
      const form = v.safeParse(LoginForm, body);
      const name = form.success ? form.output.username : '';
      // the try is counted here, before the first await of the check: a burst cannot pass together
      const wait = deps.limiter.begin(ip, name, deps.now());
      if (wait > 0) return loginPage(c, 429, t('auth.tooManyAttempts', { n: minutesOf(wait) }));
      const stored = form.success ? await passwordHashOf(deps.db, name) : null;
      const good = form.success && (await verifyPassword(form.output.password, stored ?? (await dummyHash))) && stored !== null;
      if (!good || !form.success) {
        deps.log(`Failed admin login for "${name.slice(0, 64)}" from ${ip}.`);
        // the last try this address had: say so now rather than at the next one
        const now = deps.limiter.byAddress.waitMs(ip, deps.now());
        return now > 0 ? loginPage(c, 429, t('auth.tooManyAttempts', { n: minutesOf(now) })) : loginPage(c, 401, t('auth.loginFailed'));
      }
      deps.limiter.succeed(ip, name);
      const session = await createSession(deps.db, form.output.username, deps.now());
      setCookie(c, SESSION_COOKIE, session.id, { ...cookieBase, path: '/', maxAge: SESSION_HOURS * 3600 });
      deleteCookie(c, LOGIN_CSRF_COOKIE, { path: '/admin' });
      return c.redirect('/admin', 303);
    });

    kit.post('/logout', async (c) => {
      await deleteSession(deps.db, getCookie(c, SESSION_COOKIE));
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.redirect('/admin/login', 303);
    });

    // a lost laptop or a shared browser: every session of this admin ends, this one included
    kit.post('/logout-everywhere', async (c, { session }) => {
      const n = await deleteSessionsOf(deps.db, session.username);
      deps.log(`Admin "${session.username}" logged out everywhere (${n} sessions ended).`);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.redirect('/admin/login', 303);
    });
  };
  return { sessionOf, routes };
}
