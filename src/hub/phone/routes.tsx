import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import * as v from 'valibot';
import { isLang, normaliseReceipt, receiptCode, RECEIPT_LENGTH, SuggestionPayloadSchema, foldNewlines, textProblem, uuidv7, zonedParts, type Lang } from '../../domain/index';
import { render } from '../admin/layout';
import { AttemptWindow, minutesOf } from '../admin/auth/rate-limit';
import type { HubDeps } from '../deps';
import { insertSuggestions } from '../feedback/store';
import { clientIp, foreignOrigin, sameSecret } from '../http/security';
import { phoneTranslator } from './i18n';
import { PhoneForm, PhoneMessage, PhoneReceipt, PhoneThanks, type PhoneCtx, type PhoneErrors, type PhoneValues } from './page';
import { suggestionByReceipt } from '../feedback/replies';
import { sha256 } from '../kiosks/tokens';

const CSRF_COOKIE = 'wsc_suggest_csrf';
/** Stored suggestions per client address and hour: enough for a person, not for a script. */
const POSTS_PER_HOUR = 10;
/** Receipt codes per client address and hour that match nothing: a mistyped code or two, not a search. */
const RECEIPT_MISSES_PER_HOUR = 20;
const EMPTY: PhoneValues = { topic: '', text: '', contact: '' };

const str = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * /suggest: the suggestion form a worker opens on their phone from the kiosk's QR code. No login: it
 * only ever adds a suggestion, guarded by a double-submit CSRF cookie, a body limit and a per-address
 * rate limit. Suggestions are stored like the kiosk's (source 'phone').
 */
export function phoneRoutes(deps: HubDeps): Hono {
  const phone = new Hono();
  // the limiter counts stored suggestions; it lives as long as the hub process, like the login limiter
  const limiter = new AttemptWindow(POSTS_PER_HOUR, 3_600_000);
  const lookups = new AttemptWindow(RECEIPT_MISSES_PER_HOUR, 3_600_000);
  const cookie = { httpOnly: true, sameSite: 'Strict', secure: deps.tls, path: '/suggest' } as const;

  phone.use('*', bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.text('The form is too large (limit 64 KiB).', 413) }));

  const ctxOf = (lang: unknown, kiosk: unknown): PhoneCtx => {
    const k = str(kiosk);
    const l: Lang = isLang(lang) ? lang : 'zh-CN';
    // only a configured kiosk id is carried on; anything else is the hub's own link (no kiosk)
    return { t: phoneTranslator(l), lang: l, config: deps.config, kiosk: deps.config.kiosks.some((x) => x.id === k) ? k : '' };
  };
  const html = (c: Context, body: string, status: 200 | 403 | 404 | 422 | 429 = 200) => {
    c.header('Cache-Control', 'no-store');
    return c.html(body, status);
  };
  const form = (c: Context, ctx: PhoneCtx, values: PhoneValues, errors: PhoneErrors, status: 200 | 422 | 429, problem?: string) => {
    const token = randomBytes(32).toString('base64url');
    setCookie(c, CSRF_COOKIE, token, cookie);
    return html(c, render(<PhoneForm ctx={ctx} csrf={token} values={values} errors={errors} problem={problem} />), status);
  };

  phone.get('/', (c) => form(c, ctxOf(c.req.query('lang'), c.req.query('k')), EMPTY, {}, 200));

  phone.post('/', async (c) => {
    const body = (await c.req.parseBody()) as Record<string, unknown>;
    const ctx = ctxOf(body.lang, body.k);
    if (foreignOrigin(c) || !sameSecret(body._csrf, getCookie(c, CSRF_COOKIE))) {
      return html(c, render(<PhoneMessage ctx={ctx} message={ctx.t('forbidden')} />), 403);
    }
    // browsers send textarea line breaks as CRLF; count them as the kiosk does, one character each
    const values: PhoneValues = { topic: str(body.topic), text: foldNewlines(str(body.text)), contact: str(body.contact) };
    const ip = clientIp(c);

    const errors: PhoneErrors = {};
    if (values.topic !== '' && !deps.config.feedbackTopics.some((x) => x.id === values.topic)) errors.topic = 'errTopic';
    const parsed = v.safeParse(SuggestionPayloadSchema, {
      topic: values.topic || null, text: values.text, contact: values.contact.trim() === '' ? null : values.contact,
    });
    if (!parsed.success) {
      for (const issue of parsed.issues) {
        const field = issue.path?.[0]?.key;
        if (field === 'text') errors.text = textProblem(values.text) !== null ? 'errChars' : values.text.trim() === '' ? 'errText' : 'errTextLong';
        else if (field === 'contact') errors.contact = textProblem(values.contact) !== null ? 'errChars' : 'errContactLong';
        else errors.topic = 'errTopic';
      }
    }
    if (!parsed.success || Object.keys(errors).length > 0) return form(c, ctx, values, errors, 422);

    const now = deps.now();
    // counted before the insert's await, so a burst of posts cannot all pass the check together
    const blocked = limiter.take(ip, now);
    if (blocked > 0) return form(c, ctx, values, {}, 429, ctx.t('tooMany', { n: minutesOf(blocked) }));
    const id = uuidv7(now, randomBytes(10));
    // the writer's receipt (issue 16): the code is shown once, here; the hub keeps only its hash
    const code = receiptCode(randomBytes(RECEIPT_LENGTH));
    // no kiosk outbox behind it, so the hub makes its id
    await insertSuggestions(deps.db, [{ id, kioskId: ctx.kiosk || null, source: 'phone', at: new Date(now).toISOString(), ...parsed.output, receiptHash: sha256(code) }]);
    const link = `${new URL(c.req.url).origin}/suggest/r/${code}?lang=${ctx.lang}`;
    return html(c, render(<PhoneThanks ctx={ctx} receipt={{ code, link }} />));
  });

  // A receipt's answer page. A code nobody holds is counted against the address, so codes cannot be tried
  // by the thousand; one that is found is not counted (the writer may look every day).
  phone.get('/r/:code', async (c) => {
    const ctx = ctxOf(c.req.query('lang'), '');
    const ip = clientIp(c);
    const now = deps.now();
    const blocked = lookups.waitMs(ip, now);
    if (blocked > 0) return html(c, render(<PhoneMessage ctx={ctx} message={ctx.t('receiptTooMany', { n: minutesOf(blocked) })} />), 429);
    const code = normaliseReceipt(c.req.param('code'));
    const view = code ? await suggestionByReceipt(deps.db, sha256(code)) : null;
    if (!view) {
      lookups.count(ip, now);
      return html(c, render(<PhoneMessage ctx={ctx} message={ctx.t('receiptUnknown')} />), 404);
    }
    const date = (iso: string) => zonedParts(Date.parse(iso), deps.config.center.timeZone).date;
    return html(c, render(<PhoneReceipt ctx={ctx} view={view} date={date} />));
  });

  return phone;
}
