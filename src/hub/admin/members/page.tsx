import type { Member } from '../../members/repo';
import type { BadRow, MemberErrors, MemberValues } from '../../members/form';
import { Layout, type PageContext } from '../layout';

// The Members pages: list with search, add, edit, suspend, and the CSV import with its report of bad
// rows. Names are what staff or a CSV file typed: rendered as text by Preact (escaped), never as HTML.

export const PRINT_MAX = 200;

const csrfField = (ctx: PageContext) => <input type="hidden" name="_csrf" value={ctx.csrf} />;

function Field(props: { ctx: PageContext; name: keyof MemberErrors; label: string; value: string; errors: MemberErrors; hint?: string }) {
  const { t } = props.ctx;
  const e = props.errors[props.name];
  return (
    <p>
      <label for={props.name}>{props.label}</label>
      <input id={props.name} name={props.name} value={props.value} aria-invalid={e ? 'true' : undefined} autocomplete="off" />
      {props.hint && <span class="hint">{props.hint}</span>}
      {e && <span class="err" role="alert" data-testid={`err-${props.name}`}>{t(e)}</span>}
    </p>
  );
}

export function MemberForm(props: { ctx: PageContext; action: string; values: MemberValues; errors: MemberErrors; submit: string; editing: boolean }) {
  const { ctx, values, errors } = props;
  const { t } = ctx;
  return (
    <form class="entry" method="post" action={props.action}>
      {csrfField(ctx)}
      <Field ctx={ctx} name="memberNo" label={t('members.memberNo')} value={values.memberNo} errors={errors} />
      <Field ctx={ctx} name="name" label={t('members.memberName')} value={values.name} errors={errors} />
      <Field ctx={ctx} name="card" label={t('members.cardNumber')} value={values.card} errors={errors} hint={t('members.cardHint')} />
      {props.editing && (
        <p><label><input type="checkbox" name="removeCard" checked={values.removeCard} style="width:auto" /> {t('members.removeCard')}</label></p>
      )}
      <div class="actions"><button type="submit">{props.submit}</button></div>
    </form>
  );
}

const day = (iso: string) => iso.slice(0, 10);

function MemberRow(props: { ctx: PageContext; m: Member }) {
  const { ctx, m } = props;
  const { t } = ctx;
  const base = `/admin/members/${m.id}`;
  return (
    <tr data-testid="member-row" class={m.suspendedAt ? 'cancelled' : undefined}>
      <td>{m.memberNo}</td>
      <td data-testid="member-name">{m.name}</td>
      <td>{m.maskedName}</td>
      <td>{m.hasCard ? '✓' : '–'}</td>
      <td data-testid="member-badge">{m.badgeIssuedAt ? t('members.badgeNew', { date: day(m.badgeIssuedAt) }) : t('members.badgeOldOnly')}</td>
      <td class="mark">{m.suspendedAt ? t('members.suspendedSince', { date: day(m.suspendedAt) }) : t('members.active')}</td>
      <td style="white-space:nowrap">
        <a href={base}>{t('members.edit')}</a>{' · '}
        <a href={`/admin/members/badges?id=${m.id}`}>{t('members.printBadge')}</a>{' · '}
        <a href={`${base}/badge`}>{t('members.showBadge')}</a>{' '}
        <form method="post" action={`${base}/${m.suspendedAt ? 'unsuspend' : 'suspend'}`} style="display:inline">
          {csrfField(ctx)}
          <button type="submit">{m.suspendedAt ? t('members.unsuspend') : t('members.suspend')}</button>
        </form>
      </td>
    </tr>
  );
}

export function MembersPage(props: {
  ctx: PageContext; members: readonly Member[]; total: number; search: string; notice?: string | undefined; values: MemberValues; errors: MemberErrors;
  /** active members who hold only the old signed badge (issue 11) */
  oldBadges: number;
}) {
  const { ctx, members, search } = props;
  const { t } = ctx;
  const hasErrors = Object.keys(props.errors).length > 0;
  return (
    <Layout ctx={ctx} title={t('nav.members')}>
      <h2 style="margin-top:.5rem">{t('nav.members')}</h2>
      {props.notice && <p class="note" role="status">{props.notice}</p>}
      <form method="get" action="/admin/members" style="display:flex;gap:.5rem;max-width:40rem">
        <input name="q" value={search} placeholder={t('members.searchHint')} aria-label={t('members.searchHint')} />
        <button type="submit">{t('members.search')}</button>
      </form>
      <p class="hint">{t('members.count', { shown: members.length, total: props.total })}</p>
      <p>
        <a href={`/admin/members/badges?q=${encodeURIComponent(search)}`}>{t('members.printBadges')}</a>
        {' · '}<a href="/admin/members/import">{t('members.importMembers')}</a>
      </p>
      <p class="hint">{t('members.printBadgesHint', { n: PRINT_MAX })}</p>
      {props.oldBadges > 0 && (
        <p class="note" data-testid="old-badges">
          {t('members.oldBadges', { n: props.oldBadges })}{' '}<a href="/admin/members/badges?old=1">{t('members.printNewBadges', { n: Math.min(props.oldBadges, PRINT_MAX) })}</a>
        </p>
      )}
      {members.length === 0 ? <p>{t('members.noMembers')}</p> : (
        <table>
          <thead><tr><th>{t('members.memberNo')}</th><th>{t('members.memberName')}</th><th>{t('members.maskedName')}</th><th>{t('members.card')}</th><th>{t('members.badgeColumn')}</th><th>{t('members.memberStatus')}</th><th></th></tr></thead>
          <tbody>{members.map((m) => <MemberRow ctx={ctx} m={m} />)}</tbody>
        </table>
      )}
      <h2 id="add">{t('members.addMember')}</h2>
      {hasErrors && <p class="problem" role="alert">{t('members.fixErrors')}</p>}
      <MemberForm ctx={ctx} action="/admin/members#add" values={props.values} errors={props.errors} submit={t('members.add')} editing={false} />
    </Layout>
  );
}

export function MemberEditPage(props: { ctx: PageContext; member: Member; values: MemberValues; errors: MemberErrors }) {
  const { ctx, member } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('members.editMember', { no: member.memberNo })}>
      <p><a href="/admin/members">{t('members.backToMembers')}</a>{' · '}<a href={`/admin/members/${member.id}/badge`}>{t('members.showBadge')}</a></p>
      <h2>{t('members.editMember', { no: member.memberNo })}</h2>
      {member.suspendedAt && <p class="problem">{t('members.suspendedSince', { date: day(member.suspendedAt) })}</p>}
      {Object.keys(props.errors).length > 0 && <p class="problem" role="alert">{t('members.fixErrors')}</p>}
      <MemberForm ctx={ctx} action={`/admin/members/${member.id}`} values={props.values} errors={props.errors} submit={t('members.save')} editing />
    </Layout>
  );
}

export function ImportPage(props: {
  ctx: PageContext; text: string; problem?: string | undefined; report?: { created: number; updated: number; bad: readonly BadRow[] } | undefined;
  /** the import already running, when this one was refused for it */
  running?: string | undefined;
}) {
  const { ctx, report } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('members.importMembers')}>
      <p><a href="/admin/members">{t('members.backToMembers')}</a></p>
      <h2>{t('members.importMembers')}</h2>
      {props.problem && <p class="problem" role="alert">{props.problem}</p>}
      {props.running && <p><a href={`/admin/members/import/${props.running}`}>{t('members.importSeeRunning')}</a></p>}
      {report && (
        <>
          <p class={report.bad.length ? 'problem' : 'note'} role="status" data-testid="import-summary">
            {t('members.importDone', { created: report.created, updated: report.updated, bad: report.bad.length })}
          </p>
          {report.bad.length > 0 && (
            <>
              <h3>{t('members.importBadRows')}</h3>
              <table data-testid="import-bad-rows">
                <thead><tr><th>{t('members.line')}</th><th>{t('members.reason')}</th></tr></thead>
                <tbody>{report.bad.map((b) => <tr data-testid="bad-row"><td>{String(b.line)}</td><td>{t(b.reason, b.params)}</td></tr>)}</tbody>
              </table>
            </>
          )}
        </>
      )}
      <p class="hint">{t('members.importHint')}</p>
      <form method="post" action="/admin/members/import" enctype="multipart/form-data" style="background:#fff;border:1px solid #ddd;padding:1rem">
        {csrfField(ctx)}
        <p><label for="file">{t('members.importFile')}</label><input id="file" name="file" type="file" accept=".csv,text/csv" /></p>
        <p><label for="csv">{t('members.importText')}</label><textarea id="csv" name="csv" rows={10} style="width:100%;font:inherit">{props.text}</textarea></p>
        <button type="submit">{t('members.importRun')}</button>
      </form>
    </Layout>
  );
}

/** An import of a long list on its way: how far it has come, refreshed every second until its report. */
export function ImportProgressPage(props: { ctx: PageContext; progress: { rows: number; done: number } }) {
  const { ctx, progress } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('members.importMembers')} refreshSeconds={1}>
      <p><a href="/admin/members">{t('members.backToMembers')}</a></p>
      <h2>{t('members.importMembers')}</h2>
      <p role="status" data-testid="import-progress">
        {t('members.importRunning', { done: progress.done.toLocaleString(ctx.lang), rows: progress.rows.toLocaleString(ctx.lang) })}
      </p>
      <progress max={Math.max(1, progress.rows)} value={progress.done} style="width:100%;height:1.5rem" />
      <p class="hint">{t('members.importRunningHint')}</p>
    </Layout>
  );
}
