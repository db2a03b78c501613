import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import * as v from 'valibot';
import { zonedParts, type CenterConfig } from '../../../domain/index';
import { isSilent, listKioskHealth } from '../../kiosks/health';
import type { Queryable } from '../../db/port';
import { lockRoom } from '../../db/locks';
import { promoteWaitlists } from '../../reservations/apply';
import { cancelEntry, findOverlap, getEntry, insertEntry, listEntries, updateEntry, type EntryInput } from '../../schedule/repo';
import { snapshotWindow } from '../../snapshot';
import type { Session } from '../auth/sessions';
import type { AdminKit } from '../kit';
import { render } from '../layout';
import { describeWhen, emptyValues, parseEntryForm, valuesFromEntry, valuesOf, type EntryErrors } from './entry-form';
import { Dashboard, EditPage } from './page';
import { countOverdue } from '../suggestions/repo';
import { loadIndexAlerts } from '../feedback/repo';

const EntryId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9@_.:-]{1,128}$/));
const DONE = { added: 'schedule.added', saved: 'schedule.saved', cancelled: 'schedule.cancelledDone' } as const;

/** Configured kiosks that were enrolled and have not called for longer than rules.kioskSilentMinutes, by name. */
async function silentKiosks(db: Queryable, config: CenterConfig, now: number): Promise<string[]> {
  const health = await listKioskHealth(db);
  return config.kiosks.filter((k) => isSilent(health.get(k.id), now, config.rules.kioskSilentMinutes)).map((k) => k.name);
}

/** /admin (the home page): the week's schedule, and adding, editing, cancelling entries. */
export function scheduleRoutes(kit: AdminKit): void {
  const { deps } = kit;
  const today = () => zonedParts(deps.now(), deps.config.center.timeZone).date;

  const dashboard = async (c: Context, session: Session, values = emptyValues(deps.config, today()), errors: EntryErrors = {}) => {
    const now = deps.now();
    const { from, to } = snapshotWindow(deps.config.center.timeZone, now);
    const entries = await listEntries(deps.db, from, to);
    const ctx = kit.ctxOf(c, session);
    const alerts = {
      overdueSuggestions: await countOverdue(deps.db, now, deps.config.rules.suggestionReplyDays),
      index: await loadIndexAlerts(deps.db, now, deps.config.center.timeZone, deps.config.rules),
      silentKiosks: await silentKiosks(deps.db, deps.config, now),
    };
    const page = <Dashboard ctx={ctx} config={deps.config} entries={entries} now={now} notice={kit.notice(c, ctx, DONE)} values={values} errors={errors} alerts={alerts} />;
    return kit.html(c, render(page), Object.keys(errors).length > 0 ? 422 : 200);
  };

  kit.get('/', (c, { session }) => dashboard(c, session));

  /** Writes an entry unless it overlaps another in its room; the room lock makes check-and-write atomic. */
  const writeChecked = (id: string | null, input: EntryInput, write: (tx: Queryable) => Promise<unknown>) =>
    deps.db.transaction(async (tx) => {
      await lockRoom(tx, input.room);
      const clash = await findOverlap(tx, input.room, input.startsAt, input.endsAt, id);
      if (clash) return clash;
      await write(tx);
      return null;
    });
  const overlapError = (c: Context, clash: NonNullable<Awaited<ReturnType<typeof findOverlap>>>): EntryErrors => {
    const lang = kit.ctxOf(c, null).lang;
    return { start: { key: 'schedule.errOverlap', params: { title: clash.title[lang], when: describeWhen(clash, deps.config.center.timeZone) } } };
  };

  kit.post('/entries', async (c, { session, body }) => {
    const values = valuesOf(body);
    const parsed = parseEntryForm(body, deps.config, deps.now());
    if (!parsed.ok) return dashboard(c, session, values, parsed.error);
    const id = `e-${randomUUID()}`;
    const clash = await writeChecked(null, parsed.value, (tx) => insertEntry(tx, id, parsed.value));
    if (clash) return dashboard(c, session, values, overlapError(c, clash));
    return kit.done(c, '/admin', 'added');
  });

  const entryOf = async (c: Context) => {
    const id = v.safeParse(EntryId, c.req.param('id'));
    return id.success ? getEntry(deps.db, id.output) : null;
  };

  kit.get('/entries/:id', async (c, { session, ctx }) => {
    const entry = await entryOf(c);
    if (!entry) return kit.notFound(c, session);
    const values = valuesFromEntry(entry, deps.config.center.timeZone);
    return kit.html(c, render(<EditPage ctx={ctx} config={deps.config} entry={entry} values={values} errors={{}} />));
  });

  kit.post('/entries/:id', async (c, { session, body, ctx }) => {
    const entry = await entryOf(c);
    if (!entry) return kit.notFound(c, session);
    const values = valuesOf(body);
    // an entry already under way may be corrected, but not moved to an earlier time in the past
    const earliest = Math.min(deps.now(), Date.parse(entry.startsAt));
    const parsed = parseEntryForm(body, deps.config, earliest);
    const showErrors = (errors: EntryErrors) =>
      kit.html(c, render(<EditPage ctx={ctx} config={deps.config} entry={entry} values={values} errors={errors} />), 422);
    if (!parsed.ok) return showErrors(parsed.error);
    // a cancelled entry blocks no room, so correcting one needs no overlap check
    const write = (tx: Queryable) => updateEntry(tx, entry.id, parsed.value);
    const clash = entry.cancelled ? (await write(deps.db), null) : await writeChecked(entry.id, parsed.value, write);
    if (clash) return showErrors(overlapError(c, clash));
    // more places go to the waitlist now, not at the next minute's timer
    await promoteWaitlists(deps.db, deps.config, deps.now()).catch((e: unknown) => deps.log(`Could not give freed class places to the waitlist: ${e instanceof Error ? e.message : String(e)}`));
    return kit.done(c, '/admin', 'saved');
  });

  kit.post('/entries/:id/cancel', async (c, { session }) => {
    const entry = await entryOf(c);
    if (!entry) return kit.notFound(c, session);
    await cancelEntry(deps.db, entry.id, deps.now());
    return kit.done(c, '/admin', 'cancelled');
  });
}
