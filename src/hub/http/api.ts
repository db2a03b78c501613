import { Hono, type Context } from 'hono';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import * as v from 'valibot';
import { err, EventsEnvelopeSchema, HeartbeatSchema, ok, type Result } from '../../domain/index';
import { AttemptWindow } from '../admin/auth/rate-limit';
import type { HubDeps } from '../deps';
import { clientIp } from './security';
import { HubUnavailable } from '../events/apply';
import { ingestEvents } from '../events/ingest';
import { saveHeartbeat } from '../kiosks/health';
import { kioskOfToken, redeemEnrollmentCode } from '../kiosks/tokens';
import { answerSync, readSnapshot, type SyncState } from '../sync/pull';
import { parseSyncTag } from '../../domain/sync';

type Env = { Variables: { kioskId: string } };

const gzipAsync = promisify(gzip);
/** Smaller answers go as they are: gzip's header and the work are not worth it. */
const GZIP_FROM = 1024;

const EnrollSchema = v.strictObject({ code: v.pipe(v.string(), v.minLength(1), v.maxLength(200)) });

const problem = (c: Context, status: 400 | 401 | 404 | 429, error: string, message: string) => c.json({ error, message }, status);

/** Wrong enrollment codes per address in 10 minutes: a person mistyping, not a script trying codes. */
const ENROLL_FAILURES = 10;
/** Wrong device tokens per address in 10 minutes: a kiosk whose enrollment was replaced stops well before. */
const TOKEN_FAILURES = 60;
const THROTTLE_WINDOW_MS = 10 * 60_000;

const tooMany = (c: Context, waitMs: number) => {
  c.header('Retry-After', String(Math.ceil(waitMs / 1000)));
  return problem(c, 429, 'too_many_attempts', `Too many failed attempts from this address; try again in ${Math.ceil(waitMs / 1000)} s.`);
};

/** Parses a JSON body with a schema; the error is plain words naming the first problem and where. */
async function parseBody<S extends v.GenericSchema>(c: Context, schema: S): Promise<Result<v.InferOutput<S>, string>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    return err('The body is not valid JSON.');
  }
  const r = v.safeParse(schema, raw);
  if (r.success) return ok(r.output);
  const issue = r.issues[0]!;
  const path = (issue.path ?? []).map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`)).join('');
  return err(`$${path}: ${issue.message}`);
}

/** The kiosks' API under /api/v1. Every error is JSON {error, message}; every call but enroll needs a device token. */
export function apiRoutes(deps: HubDeps, syncState: SyncState): Hono<Env> {
  const api = new Hono<Env>();
  // failures are throttled per address (issue 10); a success does not reset them, a script could mix in one
  const enrollFailures = new AttemptWindow(ENROLL_FAILURES, THROTTLE_WINDOW_MS);
  const tokenFailures = new AttemptWindow(TOKEN_FAILURES, THROTTLE_WINDOW_MS);

  api.post('/enroll', async (c) => {
    const ip = clientIp(c);
    const wait = enrollFailures.waitMs(ip, deps.now());
    if (wait > 0) return tooMany(c, wait);
    const body = await parseBody(c, EnrollSchema);
    if (!body.ok) return problem(c, 400, 'bad_request', body.error);
    const result = await redeemEnrollmentCode(deps.db, body.value.code, deps.now());
    if (result === 'bad_enrollment_code') {
      enrollFailures.count(ip, deps.now());
      return problem(c, 400, 'bad_enrollment_code', 'This enrollment link was already used, has expired, or is not one of ours. Ask for a new one on the admin page (Kiosks).');
    }
    if (!deps.config.kiosks.some((k) => k.id === result.kioskId)) {
      return problem(c, 400, 'bad_enrollment_code', `The kiosk "${result.kioskId}" is no longer in kiosk-config/kiosks.`);
    }
    return c.json(result);
  });

  const auth = async (c: Context<Env>, next: () => Promise<void>) => {
    const ip = clientIp(c);
    const wait = tokenFailures.waitMs(ip, deps.now());
    if (wait > 0) return tooMany(c, wait);
    const header = c.req.header('Authorization') ?? '';
    const token = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header)?.[1];
    const kioskId = token ? await kioskOfToken(deps.db, token, deps.now()) : null;
    if (!kioskId) {
      tokenFailures.count(ip, deps.now());
      return problem(c, 401, 'unauthorized', 'This kiosk is not enrolled, or its enrollment was replaced. Enroll it again from the admin page (Kiosks).');
    }
    c.set('kioskId', kioskId);
    await next();
    return undefined;
  };

  // the whole snapshot in one piece: kiosks of a version before issue 14, until they update
  api.get('/snapshot', auth, async (c) => {
    const result = await readSnapshot(deps.db, deps.config, c.get('kioskId'), deps.now(), true);
    if (!result.ok) return problem(c, 404, 'unknown_kiosk', `The kiosk "${c.get('kioskId')}" is no longer in kiosk-config/kiosks.`);
    deps.counters.snapshotPulls++;
    return c.json(result.snapshot);
  });

  // sync by parts (issue 14, sync/pull.ts): the kiosk's part versions come in If-None-Match
  api.get('/sync', auth, async (c) => {
    const answer = await answerSync(deps.db, deps.config, syncState, c.get('kioskId'), parseSyncTag(c.req.header('If-None-Match')), deps.now());
    if (answer.kind === 'unknown_kiosk') return problem(c, 404, 'unknown_kiosk', `The kiosk "${c.get('kioskId')}" is no longer in kiosk-config/kiosks.`);
    deps.counters.snapshotPulls++;
    c.header('ETag', answer.tag);
    if (answer.kind === 'unchanged') return c.body(null, 304);
    c.header('Content-Type', 'application/json; charset=utf-8');
    c.header('Vary', 'Accept-Encoding');
    if (answer.body.length < GZIP_FROM || !/\bgzip\b/.test(c.req.header('Accept-Encoding') ?? '')) return c.body(answer.body);
    // zlib works in Node's thread pool: a full identity part of megabytes does not hold up other requests
    c.header('Content-Encoding', 'gzip');
    return c.body(new Uint8Array(await gzipAsync(answer.body)));
  });

  api.post('/events', auth, async (c) => {
    const body = await parseBody(c, EventsEnvelopeSchema);
    if (!body.ok) return problem(c, 400, 'bad_request', body.error);
    try {
      const results = await ingestEvents(deps.db, deps.config, c.get('kioskId'), body.value.events, deps.now(), deps.log);
      for (const r of results) deps.counters.events[r.status]++;
      return c.json({ results });
    } catch (e) {
      if (!(e instanceof HubUnavailable)) throw e;
      c.header('Retry-After', '30');
      return c.json({ error: 'unavailable', message: 'The hub cannot store events right now; the kiosk keeps them and sends them again.' }, 503);
    }
  });

  api.post('/heartbeat', auth, async (c) => {
    const body = await parseBody(c, HeartbeatSchema);
    if (!body.ok) return problem(c, 400, 'bad_request', body.error);
    await saveHeartbeat(deps.db, c.get('kioskId'), body.value, deps.now());
    return c.body(null, 204);
  });

  return api;
}
