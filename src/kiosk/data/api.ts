import * as v from 'valibot';
import { API_EVENTS, API_HEARTBEAT, EventsResponseSchema, type EventsResponse, type Heartbeat, type KioskEvent } from '../../domain/events';
import { API_SYNC, ApiErrorSchema } from '../../domain/protocol';
import { SyncResponseSchema, type SyncResponse } from '../../domain/sync';
import { err, ok, type Result } from '../../domain/result';
import { DeviceSchema, type DeviceCredentials } from './device';

export type ApiFailure =
  | { readonly kind: 'network' }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'http'; readonly status: number; readonly retryAfter?: string | null; readonly message?: string | null }
  | { readonly kind: 'invalid'; readonly message: string };

export interface HubApi {
  /** The parts the kiosk does not hold at `tag` (its If-None-Match; null: all), or 'unchanged' (304). */
  fetchSync(tag: string | null): Promise<Result<SyncResponse | 'unchanged', ApiFailure>>;
  enroll(code: string): Promise<Result<DeviceCredentials, ApiFailure>>;
  postEvents(events: readonly KioskEvent[]): Promise<Result<EventsResponse, ApiFailure>>;
  postHeartbeat(heartbeat: Heartbeat): Promise<Result<void, ApiFailure>>;
}

export const API_ENROLL = '/api/v1/enroll';

export interface HubApiOptions {
  /** the device token, or null before enrollment (the hub then answers 401) */
  readonly token: () => string | null;
  /** told about every 401/403, whichever call got it */
  readonly onUnauthorized?: (status: number) => void;
  readonly fetchFn?: typeof fetch;
  readonly timeoutMs?: number;
}

/** The hub's API over fetch with the device token; every failure is a value, never a throw. */
export function createHubApi(o: HubApiOptions): HubApi {
  const fetchFn = o.fetchFn ?? ((...a) => fetch(...a));
  const timeoutMs = o.timeoutMs ?? 15_000;

  async function call<T>(url: string, init: { method?: string; body?: unknown; auth?: boolean; headers?: Record<string, string> }, read: (res: Response) => Promise<Result<T, ApiFailure>>): Promise<Result<T, ApiFailure>> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
    const token = init.auth === false ? null : o.token();
    if (token) headers.authorization = `Bearer ${token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    try {
      const res = await fetchFn(url, {
        method: init.method ?? 'GET',
        signal: controller.signal,
        cache: 'no-store',
        headers,
        ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
      });
      // a conditional request the kiosk makes itself: with no-store, fetch hands the 304 over as it is
      if (res.status === 304) return await read(res);
      if (!res.ok) {
        if (res.status === 401 || res.status === 403) o.onUnauthorized?.(res.status);
        const body = v.safeParse(ApiErrorSchema, await res.json().catch(() => undefined));
        return err({ kind: 'http', status: res.status, retryAfter: res.headers.get('retry-after'), message: body.success ? body.output.message : null });
      }
      return await read(res);
    } catch {
      return err(controller.signal.aborted ? { kind: 'timeout' } : { kind: 'network' });
    } finally {
      clearTimeout(timer);
    }
  }

  const json = <T>(schema: v.GenericSchema<unknown, T>) => async (res: Response): Promise<Result<T, ApiFailure>> => {
    const parsed = v.safeParse(schema, await res.json().catch(() => undefined));
    return parsed.success ? ok(parsed.output) : err({ kind: 'invalid', message: v.summarize(parsed.issues) });
  };

  return {
    fetchSync: (tag) =>
      call<SyncResponse | 'unchanged'>(API_SYNC, tag === null ? {} : { headers: { 'if-none-match': tag } }, async (res) =>
        res.status === 304 ? ok('unchanged') : json(SyncResponseSchema)(res),
      ),
    enroll: (code) => call(API_ENROLL, { method: 'POST', body: { code }, auth: false }, json(DeviceSchema)),
    postEvents: (events) => call(API_EVENTS, { method: 'POST', body: { events } }, json(EventsResponseSchema)),
    postHeartbeat: (heartbeat) => call(API_HEARTBEAT, { method: 'POST', body: heartbeat }, async () => ok(undefined)),
  };
}
