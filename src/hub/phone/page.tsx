import type { ComponentChildren } from 'preact';
import { CONTACT_MAX, SUGGESTION_MAX, type CenterConfig, type Lang } from '../../domain/index';
import type { ReceiptView } from '../feedback/replies';
import type { PhoneKey, PhoneT } from './i18n';

// The phone suggestion form: server-rendered, one column, large controls, no script. What a visitor
// typed is put back as text (Preact escapes it), never as HTML.

export interface PhoneCtx {
  readonly t: PhoneT;
  readonly lang: Lang;
  readonly config: CenterConfig;
  /** the kiosk id from the QR code, '' when there was none */
  readonly kiosk: string;
}

export interface PhoneValues {
  readonly topic: string;
  readonly text: string;
  readonly contact: string;
}
export type PhoneErrors = Partial<Record<keyof PhoneValues, PhoneKey>>;

const CSS = `
body{font:18px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#f5f6f8}
header{display:flex;justify-content:space-between;align-items:center;gap:1rem;padding:.75rem 1rem;background:#0d1b2a;color:#fff}
header a{color:#fff}h1{font-size:1.1rem;margin:0}main{max-width:36rem;margin:0 auto;padding:1rem}
label{display:block;font-weight:600;margin-top:1rem}select,textarea,input{font:inherit;width:100%;box-sizing:border-box;padding:.6rem;margin-top:.25rem}
textarea{min-height:10rem}button{font:inherit;font-size:1.1rem;width:100%;padding:.9rem;margin-top:1.25rem;background:#1d5fa8;color:#fff;border:0;border-radius:.4rem}
.hint{color:#555;font-size:.9rem;margin:.2rem 0 0}.err{color:#a00;margin:.2rem 0 0}.problem{padding:.6rem;background:#fdecea;border:1px solid #d88}
.note{padding:.6rem;background:#e7f5e9;border:1px solid #8c8}
`;

export function formHref(ctx: PhoneCtx, lang: Lang = ctx.lang): string {
  const q = new URLSearchParams(ctx.kiosk ? { k: ctx.kiosk, lang } : { lang });
  return `/suggest?${q.toString()}`;
}

function PhoneLayout(props: { ctx: PhoneCtx; children: ComponentChildren }) {
  const { ctx } = props;
  const other: Lang = ctx.lang === 'en' ? 'zh-CN' : 'en';
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${ctx.t('title')} · ${ctx.config.center.name[ctx.lang]}`}</title>
        <style>{CSS}</style>
      </head>
      <body>
        <header><h1>{ctx.config.center.name[ctx.lang]}</h1><a href={formHref(ctx, other)} lang={other}>{ctx.t('language')}</a></header>
        <main>{props.children}</main>
      </body>
    </html>
  );
}

export function PhoneForm(props: { ctx: PhoneCtx; csrf: string; values: PhoneValues; errors: PhoneErrors; problem?: string | undefined }) {
  const { ctx, values, errors } = props;
  const { t, lang } = ctx;
  const err = (name: keyof PhoneValues) => {
    const key = errors[name];
    return key ? <p class="err" id={`${name}-err`}>{t(key, { max: name === 'contact' ? CONTACT_MAX : SUGGESTION_MAX })}</p> : null;
  };
  const invalid = (name: keyof PhoneValues) => (errors[name] ? 'true' : undefined);
  return (
    <PhoneLayout ctx={ctx}>
      <h2>{t('title')}</h2>
      <p>{t('intro')}</p>
      <p class="note">{t('anonymous')}</p>
      {props.problem && <p class="problem" role="alert">{props.problem}</p>}
      {!props.problem && Object.keys(errors).length > 0 && <p class="problem" role="alert">{t('fix')}</p>}
      <form method="post" action="/suggest">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <input type="hidden" name="k" value={ctx.kiosk} />
        <input type="hidden" name="lang" value={lang} />
        <label for="topic">{t('topic')}</label>
        <select id="topic" name="topic" aria-invalid={invalid('topic')}>
          <option value="" selected={values.topic === ''}>{t('overall')}</option>
          {ctx.config.feedbackTopics.map((x) => <option value={x.id} selected={x.id === values.topic}>{x.name[lang]}</option>)}
        </select>
        {err('topic')}
        <label for="text">{t('text')}</label>
        <textarea id="text" name="text" maxlength={SUGGESTION_MAX} required aria-invalid={invalid('text')} aria-describedby="text-hint">{values.text}</textarea>
        <p class="hint" id="text-hint">{t('textHint', { max: SUGGESTION_MAX })}</p>
        {err('text')}
        <label for="contact">{t('contact')}</label>
        <input id="contact" name="contact" maxlength={CONTACT_MAX} value={values.contact} autocomplete="off" aria-invalid={invalid('contact')} aria-describedby="contact-hint" />
        <p class="hint" id="contact-hint">{t('contactHint')}</p>
        {err('contact')}
        <button type="submit">{t('send')}</button>
      </form>
    </PhoneLayout>
  );
}

export function PhoneThanks(props: { ctx: PhoneCtx; receipt: { code: string; link: string } }) {
  const { ctx, receipt } = props;
  return (
    <PhoneLayout ctx={ctx}>
      <h2 data-testid="thank-you">{ctx.t('thanks')}</h2>
      <p>{ctx.t('thanksText')}</p>
      <section class="note">
        <h3 style="margin:0">{ctx.t('receiptTitle')}</h3>
        <p data-testid="receipt-code" style="font:700 1.6rem/1.3 ui-monospace,monospace;letter-spacing:.08em;margin:.4rem 0">{receipt.code}</p>
        <p class="hint">{ctx.t('receiptKeep')}</p>
        <p><a data-testid="receipt-link" href={receipt.link}>{ctx.t('receiptOpen')}</a></p>
      </section>
      <p><a href={formHref(ctx)}>{ctx.t('another')}</a></p>
    </PhoneLayout>
  );
}

/** The answer page a receipt opens (issue 16): the suggestion, where it stands, the center's answer. */
export function PhoneReceipt(props: { ctx: PhoneCtx; view: ReceiptView; date: (iso: string) => string }) {
  const { ctx, view } = props;
  return (
    <PhoneLayout ctx={ctx}>
      <h2>{ctx.t('receiptPage')}</h2>
      <p class="hint">{ctx.t('receiptWritten', { date: props.date(view.at) })}</p>
      <p data-testid="receipt-text" style="white-space:pre-wrap">{view.text}</p>
      <p data-testid="receipt-status"><strong>{ctx.t(`receiptStatus_${view.status}`)}</strong></p>
      {view.reply !== null ? (
        <section class="note">
          <p style="margin:0">{ctx.t('receiptAnswer', { date: view.repliedAt ? props.date(view.repliedAt) : '' })}</p>
          <p data-testid="receipt-answer" style="white-space:pre-wrap;font-weight:600">{view.reply}</p>
        </section>
      ) : (
        <p>{ctx.t('receiptNoAnswer')}</p>
      )}
    </PhoneLayout>
  );
}

export function PhoneMessage(props: { ctx: PhoneCtx; message: string }) {
  return (
    <PhoneLayout ctx={props.ctx}>
      <p class="problem" role="alert">{props.message}</p>
      <p><a href={formHref(props.ctx)}>{props.ctx.t('title')}</a></p>
    </PhoneLayout>
  );
}
