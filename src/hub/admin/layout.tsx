import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Lang } from '../../domain/index';
import type { T } from './i18n';

// The admin's page frame: layout, rendering, the message page. Every value is rendered as text by Preact (escaped); nothing here uses
// dangerouslySetInnerHTML. Forms work without any client script.

export interface PageContext {
  readonly t: T;
  readonly lang: Lang;
  readonly csrf: string;
  readonly loggedIn: boolean;
}

const CSS = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#f5f6f8}
header{display:flex;gap:1rem;align-items:center;justify-content:space-between;padding:.75rem 1.5rem;background:#0d1b2a;color:#fff}
header a{color:#fff}header button{color:#fff;background:transparent;border:1px solid #fff;border-radius:4px}
main{max-width:72rem;margin:0 auto;padding:1rem 1.5rem 3rem}
h1{font-size:1.4rem;margin:0}h2{font-size:1.2rem;margin-top:2rem}h3{font-size:1rem;margin:1.25rem 0 .25rem}
table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}
.cancelled td{color:#595959;text-decoration:line-through}.cancelled td.mark{text-decoration:none;color:#a00;font-weight:600}
form.entry{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.75rem 1rem;background:#fff;padding:1rem;border:1px solid #ddd}
label{display:block;font-weight:600}input,select{font:inherit;width:100%;box-sizing:border-box;padding:.35rem}
.err{color:#a00;font-size:.9rem;margin:.15rem 0 0}.hint{color:#555;font-size:.85rem;margin:.15rem 0 0}
.note{padding:.5rem .75rem;background:#e7f5e9;border:1px solid #8c8}.problem{padding:.5rem .75rem;background:#fdecea;border:1px solid #d88}
button{font:inherit;padding:.4rem 1rem;cursor:pointer}.actions{grid-column:1/-1;display:flex;gap:1rem}
.login{max-width:22rem;margin:3rem auto;background:#fff;padding:1.5rem;border:1px solid #ddd}.login p{margin:.75rem 0}
@media print{header,form,.no-print{display:none}body{background:#fff}main{max-width:none;padding:0}section,svg{break-inside:avoid}}
`;

/** `refreshSeconds`: the page reloads itself (a job's progress, without client JavaScript). */
export function Layout(props: { ctx: PageContext; title: string; children: ComponentChildren; refreshSeconds?: number }) {
  const { ctx } = props;
  const other = ctx.lang === 'en' ? 'zh-CN' : 'en';
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {props.refreshSeconds !== undefined && <meta http-equiv="refresh" content={String(props.refreshSeconds)} />}
        <title>{`${props.title} · ${ctx.t('appTitle')}`}</title>
        <style>{CSS}</style>
      </head>
      <body>
        <header>
          <h1>{ctx.t('appTitle')}</h1>
          <nav style="display:flex;gap:1rem;align-items:center">
            <a href={`?lang=${other}`} lang={other}>{ctx.t('language')}</a>
            {ctx.loggedIn && (
              <>
                <a href="/admin">{ctx.t('nav.schedule')}</a>
                <a href="/admin/today">{ctx.t('nav.today')}</a>
                <a href="/admin/bookings">{ctx.t('nav.bookings')}</a>
                <a href="/admin/kiosks">{ctx.t('nav.kiosks')}</a>
                <a href="/admin/feedback">{ctx.t('nav.feedback')}</a>
                <a href="/admin/suggestions">{ctx.t('nav.suggestions')}</a>
                <a href="/admin/polls">{ctx.t('nav.polls')}</a>
                <a href="/admin/members">{ctx.t('nav.members')}</a>
              </>
            )}
            {ctx.loggedIn && (
              <form method="post" action="/admin/logout">
                <input type="hidden" name="_csrf" value={ctx.csrf} />
                <button type="submit">{ctx.t('logOut')}</button>
              </form>
            )}
            {ctx.loggedIn && (
              // ends every session of this admin (a lost laptop, a shared browser), this one included
              <form method="post" action="/admin/logout-everywhere">
                <input type="hidden" name="_csrf" value={ctx.csrf} />
                <button type="submit">{ctx.t('logOutEverywhere')}</button>
              </form>
            )}
          </nav>
        </header>
        <main>{props.children}</main>
      </body>
    </html>
  );
}

export function render(node: preact.VNode): string {
  return `<!doctype html>${renderToString(node)}`;
}

export function MessagePage(props: { ctx: PageContext; title: string; message: string }) {
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <p class="problem" role="alert">{props.message}</p>
      <p><a href="/admin">{props.ctx.t('backToSchedule')}</a></p>
    </Layout>
  );
}
