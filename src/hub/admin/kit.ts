import type { Context, Hono } from 'hono';
import type { HubDeps } from '../deps';
import type { PageContext } from './pages';
import type { Session } from './sessions';

export type PageStatus = 200 | 400 | 401 | 403 | 404 | 409 | 422 | 429 | 500;

/**
 * What routes.tsx hands to the admin's feature pages (kiosks, feedback, suggestions), so each feature
 * file registers its own routes with the same session, CSRF and rendering rules as the schedule pages.
 */
export interface AdminKit {
  readonly deps: HubDeps;
  sessionOf(c: Context): Promise<Session | null>;
  /** same origin, a live session and its CSRF token; otherwise the answer to send */
  guardPost(c: Context): Promise<{ session: Session; body: Record<string, unknown> } | Response>;
  ctxOf(c: Context, session: Session | null): PageContext;
  html(c: Context, body: string, status?: PageStatus): Response;
  notFound(c: Context, session: Session): Response;
}

export type AdminFeature = (admin: Hono, kit: AdminKit) => void;
