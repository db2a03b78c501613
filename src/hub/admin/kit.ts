import type { Context, Env } from 'hono';
import type { HubDeps } from '../deps';
import type { Session } from './auth/sessions';
import type { MessageKey } from './i18n';
import type { PageContext } from './layout';

export type PageStatus = 200 | 400 | 401 | 403 | 404 | 409 | 422 | 429 | 500;

/** A logged-in admin's request: who, and the page context (language, words, CSRF token). */
export interface AdminRequest {
  readonly session: Session;
  readonly ctx: PageContext;
}

/** A form POST that passed the guard: same origin, a live session, its CSRF token; and the form. */
export interface AdminForm extends AdminRequest {
  readonly body: Record<string, unknown>;
}

/**
 * What routes.tsx hands to each admin feature (one folder each: routes, page, repo, i18n), so every
 * feature registers its routes with the same session, CSRF and rendering rules. A page checks the
 * session once (`page`), a form passes the guard once (`post`); neither is written out per route.
 */
export interface AdminKit {
  readonly deps: HubDeps;
  /** a page for a logged-in admin (GET `/admin${path}`); without a session the answer is the login page */
  get<P extends string>(path: P, handler: (c: Context<Env, `/admin${P}`>, r: AdminRequest) => Response | Promise<Response>): void;
  /** a form (POST); a foreign origin or a wrong CSRF token is 403, no session goes to the login page */
  post<P extends string>(path: P, handler: (c: Context<Env, `/admin${P}`>, r: AdminForm) => Response | Promise<Response>): void;
  ctxOf(c: Context, session: Session | null): PageContext;
  html(c: Context, body: string, status?: PageStatus): Response;
  notFound(c: Context, session: Session): Response;
  /** 403: a form that expired or came from another site */
  forbidden(c: Context, session: Session | null): Response;
  /** 400: the address asked for something this page cannot show (a day or a period that is not one) */
  badRequest(c: Context, session: Session, title: MessageKey, message: MessageKey): Response;
  /** the notice a form's redirect asked for (`?done=<one of the table's keys>`, or `?problem=`), in the page's words */
  notice<K extends string>(c: Context, ctx: PageContext, table: Readonly<Record<K, MessageKey>>, param?: 'done' | 'problem'): string | undefined;
  /** after a form: back to `path` (303) with `?done=` (or `&done=`) so the page says what happened */
  done(c: Context, path: string, done: string): Response;
}

export type AdminFeature = (kit: AdminKit) => void;
