import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { groupByDay, zonedParts, type CenterConfig, type Lang } from '../../domain/index';
import type { StoredEntry } from '../schedule/repo';
import type { EntryErrors, EntryField, EntryValues } from './entry-form';
import type { T } from './i18n';

// Server-rendered admin pages. Every value is rendered as text by Preact (escaped); nothing here uses
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
                <a href="/admin">{ctx.t('navSchedule')}</a>
                <a href="/admin/today">{ctx.t('navToday')}</a>
                <a href="/admin/bookings">{ctx.t('navBookings')}</a>
                <a href="/admin/kiosks">{ctx.t('navKiosks')}</a>
                <a href="/admin/feedback">{ctx.t('navFeedback')}</a>
                <a href="/admin/suggestions">{ctx.t('navSuggestions')}</a>
                <a href="/admin/members">{ctx.t('navMembers')}</a>
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

export function LoginPage(props: { ctx: PageContext; error?: string | undefined; username?: string }) {
  const { t } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t('loginTitle')}>
      <form class="login" method="post" action="/admin/login">
        <h2>{t('loginTitle')}</h2>
        {props.error && <p class="problem" role="alert">{props.error}</p>}
        <input type="hidden" name="_csrf" value={props.ctx.csrf} />
        <p>
          <label for="username">{t('username')}</label>
          <input id="username" name="username" autocomplete="username" required value={props.username ?? 'admin'} />
        </p>
        <p>
          <label for="password">{t('password')}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
        </p>
        <button type="submit">{t('logIn')}</button>
      </form>
    </Layout>
  );
}

export function MessagePage(props: { ctx: PageContext; title: string; message: string }) {
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <p class="problem" role="alert">{props.message}</p>
      <p><a href="/admin">{props.ctx.t('backToSchedule')}</a></p>
    </Layout>
  );
}

const nameOf = (list: readonly { id: string; name: Record<Lang, string> }[], id: string, lang: Lang) =>
  list.find((x) => x.id === id)?.name[lang] ?? id;

function EntryForm(props: {
  ctx: PageContext; config: CenterConfig; values: EntryValues; errors: EntryErrors; action: string; submit: string;
}) {
  const { t, lang } = props.ctx;
  const { values, errors } = props;
  const field = (name: EntryField, label: string, control: ComponentChildren, hint?: string) => {
    const e = errors[name];
    return (
      <div>
        <label for={name}>{label}</label>
        {control}
        {hint && <p class="hint" id={`${name}-hint`}>{hint}</p>}
        {e && <p class="err" id={`${name}-err`}>{t(e.key, e.params)}</p>}
      </div>
    );
  };
  const input = (name: EntryField, type: 'text' | 'date' | 'time' | 'number' = 'text', extra: Record<string, string | boolean> = {}) => (
    <input id={name} name={name} type={type as 'text'} value={values[name]} aria-invalid={errors[name] ? 'true' : undefined}
      aria-describedby={[errors[name] ? `${name}-err` : '', name === 'capacity' ? 'capacity-hint' : ''].filter(Boolean).join(' ') || undefined} {...extra} />
  );
  const select = (name: EntryField, options: readonly { id: string; name: Record<Lang, string> }[]) => (
    <select id={name} name={name} aria-invalid={errors[name] ? 'true' : undefined}>
      {options.map((o) => <option value={o.id} selected={o.id === values[name]}>{o.name[lang]}</option>)}
    </select>
  );
  return (
    <form class="entry" method="post" action={props.action}>
      <input type="hidden" name="_csrf" value={props.ctx.csrf} />
      {field('title_zh', t('titleZh'), input('title_zh', 'text', { required: true, maxlength: '120' }))}
      {field('title_en', t('titleEn'), input('title_en', 'text', { required: true, maxlength: '120' }))}
      {field('category', t('category'), select('category', props.config.categories))}
      {field('date', t('date'), input('date', 'date', { required: true }))}
      {field('start', t('start'), input('start', 'time', { required: true }))}
      {field('minutes', t('minutes'), input('minutes', 'number', { required: true, min: '5', max: '720', step: '5' }))}
      {field('room', t('room'), select('room', props.config.facilities))}
      {field('instructor', t('instructor'), input('instructor', 'text', { maxlength: '80' }))}
      {field('capacity', t('capacity'), input('capacity', 'number', { min: '0', max: '10000' }), t('capacityHint'))}
      <div class="actions"><button type="submit">{props.submit}</button></div>
    </form>
  );
}

export function Dashboard(props: {
  ctx: PageContext; config: CenterConfig; entries: readonly StoredEntry[]; now: number; notice?: string | undefined;
  values: EntryValues; errors: EntryErrors;
}) {
  const { ctx, config, now } = props;
  const { t, lang } = ctx;
  const tz = config.center.timeZone;
  const days = groupByDay(props.entries, now, tz, 8);
  const hasErrors = Object.keys(props.errors).length > 0;
  return (
    <Layout ctx={ctx} title={config.center.name[lang]}>
      <h2 style="margin-top:.5rem">{config.center.name[lang]}</h2>
      {props.notice && <p class="note" role="status">{props.notice}</p>}
      <h2>{t('kiosks')}</h2>
      <table>
        <thead><tr><th>ID</th><th>{t('title')}</th><th>{t('features')}</th></tr></thead>
        <tbody>
          {config.kiosks.map((k) => <tr><td>{k.id}</td><td>{k.name}</td><td>{k.features.join(', ')}</td></tr>)}
        </tbody>
      </table>
      <h2>{t('schedule')}</h2>
      {days.map((day) => (
        <section>
          <h3>{day.date}{day.isToday ? ` · ${t('today')}` : ''}</h3>
          {day.entries.length === 0 ? <p>{t('nothingOn')}</p> : (
            <table>
              <thead><tr><th>{t('time')}</th><th>{t('title')}</th><th>{t('category')}</th><th>{t('room')}</th><th>{t('instructor')}</th><th>{t('capacity')}</th><th></th></tr></thead>
              <tbody>
                {day.entries.map((e) => {
                  const s = zonedParts(Date.parse(e.startsAt), tz).time;
                  const end = zonedParts(Date.parse(e.endsAt), tz).time;
                  return (
                    <tr class={e.cancelled ? 'cancelled' : undefined}>
                      <td>{`${s}–${end}`}</td>
                      <td>{e.title[lang]}</td>
                      <td>{nameOf(config.categories, e.category, lang)}</td>
                      <td>{nameOf(config.facilities, e.room, lang)}</td>
                      <td>{e.instructor}</td>
                      <td>{e.capacity === null ? t('noLimit') : String(e.capacity)}</td>
                      <td class="mark">{e.cancelled ? t('cancelled') : <a href={`/admin/entries/${encodeURIComponent(e.id)}`}>{t('edit')}</a>}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
      ))}
      <h2 id="add">{t('addTitle')}</h2>
      {hasErrors && <p class="problem" role="alert">{t('fixErrors')}</p>}
      <EntryForm ctx={ctx} config={config} values={props.values} errors={props.errors} action="/admin/entries#add" submit={t('addEntry')} />
    </Layout>
  );
}

export function EditPage(props: {
  ctx: PageContext; config: CenterConfig; entry: StoredEntry; values: EntryValues; errors: EntryErrors;
}) {
  const { ctx, entry } = props;
  const { t } = ctx;
  const action = `/admin/entries/${encodeURIComponent(entry.id)}`;
  return (
    <Layout ctx={ctx} title={t('editTitle')}>
      <p><a href="/admin">{t('backToSchedule')}</a></p>
      <h2>{t('editTitle')}</h2>
      {entry.cancelled && <p class="problem">{t('alreadyCancelled')}</p>}
      {Object.keys(props.errors).length > 0 && <p class="problem" role="alert">{t('fixErrors')}</p>}
      <EntryForm ctx={ctx} config={props.config} values={props.values} errors={props.errors} action={action} submit={t('save')} />
      {!entry.cancelled && (
        <form method="post" action={`${action}/cancel`} style="margin-top:1.5rem">
          <input type="hidden" name="_csrf" value={ctx.csrf} />
          <button type="submit">{t('cancelEntry')}</button>
        </form>
      )}
    </Layout>
  );
}
