import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { badgeQrSvg } from '../../badges/qr';
import { zonedParts } from '../../../domain/index';
import { BADGE_VALID_DAYS, issueShortBadge, shortBadgeOf, signBadge } from '../../badges/issue';
import { currentSigningKey } from '../../badges/keys';
import { createPhoneLink, livePhoneLinks, revokePhoneLinks } from '../../badges/phone-link';
import type { Queryable } from '../../db/port';
import { memberValuesOf, parseImport, parseMember, rowsText, type BadRow, type MemberErrors, type MemberValues } from '../../members/form';
import {
  countMembers, getMember, getMembersByIds, insertMember, listMembers, setSuspended, updateMember, importMembers, type Member, type SaveError, membersWithOldBadges, countOldBadges,
} from '../../members/repo';
import { BadgeViewPage } from './badge-view';
import { BadgesPrintPage, type BadgeCard } from './badges-print';
import type { MessageKey } from '../i18n';
import type { AdminKit } from '../kit';
import { createImportJobs, type ImportJob } from './import-jobs';
import { ImportPage, ImportProgressPage, MemberEditPage, MembersPage, PRINT_MAX } from './page';
import { render, type PageContext } from '../layout';
import type { Session } from '../auth/sessions';

const DONE = { added: 'members.memberAdded', saved: 'members.memberSaved', suspended: 'members.memberSuspended', unsuspended: 'members.memberUnsuspended' } as const;
const BADGE_DONE = { renewed: 'members.badgeRenewed' } as const;
const SAVE_ERROR: Record<SaveError, { field: 'memberNo' | 'card'; key: MessageKey }> = {
  duplicate_member_no: { field: 'memberNo', key: 'members.errDuplicateMemberNo' },
  duplicate_card: { field: 'card', key: 'members.errDuplicateCard' },
};
/** How long an upload's answer waits for its import: a short list is reported at once, a long one gets a progress page. */
const IMPORT_ANSWER_WAIT_MS = 2_000;
type ImportOutcome = { readonly report: { created: number; updated: number; bad: readonly BadRow[] }; readonly toFix: string };
const EMPTY: MemberValues = { memberNo: '', name: '', card: '', removeCard: false };
const searchOf = (c: Context) => (c.req.query('q') ?? '').trim().slice(0, 64);
const idOf = (raw: string | undefined) => (raw && /^[1-9][0-9]{0,9}$/.test(raw) && Number(raw) <= 2 ** 31 - 1 ? Number(raw) : null);

/** /admin/members: list, search, add, edit, suspend, CSV import, and printing badge cards. */
export function memberRoutes(kit: AdminKit): void {
  const { deps } = kit;
  const db = deps.db;
  const imports = createImportJobs<ImportOutcome>({
    now: deps.now, newId: randomUUID, onFailure: (e) => deps.log(`Member import failed, nothing was imported: ${e instanceof Error ? e.message : String(e)}`),
  });

  /** The import's page as its job stands: how far it has come, its report, or that it failed. */
  const importAnswer = (c: Context, ctx: PageContext, job: ImportJob<ImportOutcome>, pasted: string) => {
    switch (job.state.kind) {
      case 'running':
        return kit.html(c, render(<ImportProgressPage ctx={ctx} progress={job.state.progress} />));
      case 'done':
        return kit.html(c, render(<ImportPage ctx={ctx} text={job.state.result.toFix} report={job.state.result.report} />));
      case 'failed':
        return kit.html(c, render(<ImportPage ctx={ctx} text={pasted} problem={ctx.t('members.importFailed')} />), 500);
    }
  };

  const listPage = async (c: Context, session: Session, values = EMPTY, errors: MemberErrors = {}) => {
    const ctx = kit.ctxOf(c, session);
    const search = searchOf(c);
    const page = <MembersPage ctx={ctx} members={await listMembers(db, search)} total={await countMembers(db)} oldBadges={await countOldBadges(db)} search={search} notice={kit.notice(c, ctx, DONE)} values={values} errors={errors} />;
    return kit.html(c, render(page), Object.keys(errors).length ? 422 : 200);
  };

  kit.get('/members', (c, { session }) => listPage(c, session));

  kit.post('/members', async (c, { session, body }) => {
    const values = memberValuesOf(body);
    const parsed = parseMember(values);
    if (!parsed.ok) return listPage(c, session, values, parsed.error);
    const made = await insertMember(db, parsed.value, deps.now());
    if (!made.ok) return listPage(c, session, values, { [SAVE_ERROR[made.error].field]: SAVE_ERROR[made.error].key });
    return kit.done(c, '/admin/members', 'added');
  });

  // before /members/:id, so these names are not read as ids
  kit.get('/members/import', async (c, { session }) => {
    return kit.html(c, render(<ImportPage ctx={kit.ctxOf(c, session)} text="" />));
  });

  kit.post('/members/import', async (c, { session, body }) => {
    const ctx = kit.ctxOf(c, session);
    const pasted = typeof body.csv === 'string' ? body.csv : '';
    const file = body.file instanceof File && body.file.size > 0 ? body.file : null;
    let text = pasted;
    if (file) {
      try {
        // fatal: a GBK file from Excel's plain "CSV" must be refused, not imported as mojibake
        text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
      } catch {
        return kit.html(c, render(<ImportPage ctx={ctx} text={pasted} problem={ctx.t('members.importNotUtf8')} />), 422);
      }
    }
    if (text.trim() === '') return kit.html(c, render(<ImportPage ctx={ctx} text="" problem={ctx.t('members.importEmpty')} />), 422);
    const job = imports.start(async (progress) => {
      const { good, bad } = parseImport(text);
      const rows = good.length + bad.length;
      progress({ rows, done: 0 });
      const report = await db.transaction(async (tx) => applyRows(tx, good, bad, deps.now(), (handled) => progress({ rows, done: bad.length + handled })));
      // what comes back to fix is the refused rows of a pasted list, not the whole list
      return { report, toFix: pasted && report.bad.length ? rowsText(pasted, new Set(report.bad.map((b) => b.line))) : '' };
    });
    if (!job) return kit.html(c, render(<ImportPage ctx={ctx} text={pasted} problem={ctx.t('members.importBusy')} running={imports.running()?.id} />), 409);
    // a short list is done within this wait and answered here; a long one goes on behind its progress page
    const settled = await imports.settle(job.id, IMPORT_ANSWER_WAIT_MS);
    return settled?.state.kind === 'running' ? c.redirect(`/admin/members/import/${job.id}`, 303) : importAnswer(c, ctx, settled ?? job, pasted);
  });

  kit.get('/members/import/:job', async (c, { session }) => {
    const job = imports.get(c.req.param('job'));
    if (!job) return kit.notFound(c, session);
    return importAnswer(c, kit.ctxOf(c, session), job, '');
  });

  kit.get('/members/badges', async (c, { session }) => {
    const ctx = kit.ctxOf(c, session);
    const id = idOf(c.req.query('id'));
    // ?old=1: every member who still holds only the old signed badge, to reprint them in one batch
    const members = id !== null ? await getMembersByIds(db, [id]) : c.req.query('old') === '1' ? await membersWithOldBadges(db, PRINT_MAX) : await listMembers(db, searchOf(c), PRINT_MAX);
    const cards: BadgeCard[] = [];
    const now = deps.now();
    for (const m of members.filter((x) => x.suspendedAt === null)) {
      // the short badge (issue 11), issued now for a member who has none yet
      const code = await shortBadgeOf(db, m.id, now);
      if (code === null) continue;
      cards.push({ memberNo: m.memberNo, maskedName: m.maskedName, qrSvg: await badgeQrSvg(code), validUntil: null });
    }
    return kit.html(c, render(<BadgesPrintPage ctx={ctx} centerName={deps.config.center.name} cards={cards} />));
  });

  const memberOf = async (c: Context): Promise<Member | null> => {
    const id = idOf(c.req.param('id'));
    return id === null ? null : getMember(db, id);
  };
  const editPage = (c: Context, session: Session, member: Member, values: MemberValues, errors: MemberErrors = {}) =>
    kit.html(c, render(<MemberEditPage ctx={kit.ctxOf(c, session)} member={member} values={values} errors={errors} />), Object.keys(errors).length ? 422 : 200);

  kit.get('/members/:id', async (c, { session }) => {
    const member = await memberOf(c);
    if (!member) return kit.notFound(c, session);
    return editPage(c, session, member, { memberNo: member.memberNo, name: member.name, card: '', removeCard: false });
  });

  // a fresh badge on screen, suspended members included (with a warning): IT tests refusals with it too
  const badgePage = async (c: Context, session: Session, member: Member, link: string | null = null) => {
    const ctx = kit.ctxOf(c, session);
    const now = deps.now();
    const key = await currentSigningKey(db);
    const token = key ? await signBadge(member, key, now) : null;
    const value = token?.ok ? token.value : null;
    const qrSvg = value ? await badgeQrSvg(value) : null;
    const validUntil = zonedParts(now + BADGE_VALID_DAYS * 86_400_000, deps.config.center.timeZone).date;
    const problem = value ? undefined : ctx.t('members.noSigningKey');
    const code = await shortBadgeOf(db, member.id, now);
    const codeSvg = code ? await badgeQrSvg(code) : null;
    const phone = { live: await livePhoneLinks(db, member.id), link, linkSvg: link ? await badgeQrSvg(link) : null };
    return kit.html(c, render(
      <BadgeViewPage ctx={ctx} member={member} code={code} codeSvg={codeSvg} token={value} qrSvg={qrSvg} validUntil={validUntil} problem={problem} notice={kit.notice(c, ctx, BADGE_DONE)} phone={phone} />,
    ));
  };
  kit.get('/members/:id/badge', async (c, { session }) => {
    const member = await memberOf(c);
    if (!member) return kit.notFound(c, session);
    return badgePage(c, session, member);
  });

  /** A form about one member: the member, or 404. */
  const memberAction = (path: string, act: (c: Context, session: Session, member: Member) => Promise<Response>) =>
    kit.post(`/members/:id${path}`, async (c, { session }) => {
      const member = await memberOf(c);
      return member ? act(c, session, member) : kit.notFound(c, session);
    });

  // a personal link for the member's phone (issue 11): shown once, here, to send or to scan with the phone
  memberAction('/badge/link', async (c, session, member) => {
    const token = await createPhoneLink(db, member.id, deps.now());
    return badgePage(c, session, member, `${new URL(c.req.url).origin}/b/${token}`);
  });

  memberAction('/badge/links/revoke', async (c, _session, member) => {
    await revokePhoneLinks(db, member.id, deps.now());
    return c.redirect(`/admin/members/${member.id}/badge`, 303);
  });

  // a lost badge: a new code replaces the old, which every kiosk refuses from its next snapshot on
  memberAction('/badge/renew', async (c, session, member) => {
    await issueShortBadge(db, member.id, deps.now());
    deps.log(`New badge issued for member ${member.memberNo} by ${session.username}; the old one no longer works.`);
    return kit.done(c, `/admin/members/${member.id}/badge`, 'renewed');
  });

  kit.post('/members/:id', async (c, { session, body }) => {
    const member = await memberOf(c);
    if (!member) return kit.notFound(c, session);
    const values = memberValuesOf(body);
    const parsed = parseMember(values);
    if (!parsed.ok) return editPage(c, session, member, values, parsed.error);
    const saved = await updateMember(db, member.id, parsed.value, deps.now());
    if (!saved.ok) return editPage(c, session, member, values, { [SAVE_ERROR[saved.error].field]: SAVE_ERROR[saved.error].key });
    return kit.done(c, '/admin/members', 'saved');
  });

  for (const [path, suspend] of [['suspend', true], ['unsuspend', false]] as const) {
    memberAction(`/${path}`, async (c, _session, member) => {
      await setSuspended(db, member.id, suspend, deps.now());
      return kit.done(c, '/admin/members', suspend ? 'suspended' : 'unsuspended');
    });
  }

}

/** Applies the good rows set-based (members/repo importMembers); a card another member holds joins the bad rows. */
async function applyRows(tx: Queryable, good: ReturnType<typeof parseImport>['good'], parsedBad: readonly BadRow[], now: number, progress: (handled: number) => void) {
  const result = await importMembers(tx, good, now, progress);
  const bad = [...parsedBad, ...result.refused.map((r) => ({ line: r.line, reason: SAVE_ERROR[r.error].key }))].sort((a, b) => a.line - b.line);
  return { created: result.created, updated: result.updated, bad };
}
