import * as v from 'valibot';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapshotSchema, zonedToEpoch, type Snapshot } from '../../../src/domain/index';
import { mapKeyed, parseSyncTag, SyncResponseSchema, type IdentityPart, type SyncResponse } from '../../../src/domain/sync';
import { issueShortBadge } from '../../../src/hub/badges/issue';
import { insertMember, setSuspended, updateMember } from '../../../src/hub/members/repo';
import { cancelEntry, insertEntry } from '../../../src/hub/schedule/repo';
import { pruneIdentityLog } from '../../../src/hub/sync/identity';
import { FACTS_FRESH_MS } from '../../../src/hub/sync/pull';
import { at, badge, visit } from '../../fixtures/hub/checkin';
import { applyChanges } from '../../fixtures/identity-changes';
import { DB_KINDS, startTestHub, type TestHub } from './harness';
import { bearer, enrollKiosk } from './kiosk-auth';

// Issue 14: a kiosk pulls by parts. At version v it gets exactly what changed after v — the identity
// part as the changes in the log, config and day when their content changed — a 304 when nothing did, the
// identity part in full when it is too far behind, and nothing lost to a change made during a pull.

describe.each(DB_KINDS)('sync by parts on %s', (kind) => {
  let hub: TestHub;
  let token: string;
  const ids: Record<string, number> = {};

  /** One pull from a kiosk holding `tag` (none: a first pull); the answer parsed as the kiosk does. */
  const pull = async (tag?: string, headers: Record<string, string> = {}) => {
    const res = await hub.request('/api/v1/sync', { headers: bearer(token, { ...(tag ? { 'if-none-match': tag } : {}), ...headers }) });
    const etag = res.headers.get('etag')!;
    if (res.status === 304) return { status: 304, etag, body: null };
    expect(res.status).toBe(200);
    const raw = res.headers.get('content-encoding') === 'gzip' ? (await promisify(gunzip)(Buffer.from(await res.arrayBuffer()))).toString() : await res.text();
    const parsed = v.safeParse(SyncResponseSchema, JSON.parse(raw));
    expect(parsed.issues).toBeUndefined();
    return { status: 200, etag, body: parsed.output as SyncResponse, encoding: res.headers.get('content-encoding') };
  };
  const legacy = async () => (await (await hub.request('/api/v1/snapshot', { headers: bearer(token) })).json()) as Snapshot;
  // the legacy snapshot keeps whole card keys for kiosks of an older version; /sync sends map keys
  const identityOf = (s: Snapshot): IdentityPart => ({ revokedMembers: s.revokedMembers ?? [], revokedBadges: s.revokedBadges ?? [], cardMap: mapKeyed(s.cardMap ?? {}) });
  const sorted = (p: IdentityPart) => ({ ...p, revokedMembers: [...p.revokedMembers].sort(), revokedBadges: [...p.revokedBadges].sort() });
  const member = async (no: string, name: string, card: string | null) => {
    const made = await insertMember(hub.db, { memberNo: no, name, card }, hub.clock.now);
    if (!made.ok) throw new Error(made.error);
    ids[no] = made.value.id;
  };

  beforeAll(async () => {
    hub = await startTestHub(kind);
    token = await enrollKiosk(hub, 'lobby-1');
    await member('S1', '张小明', '11112222');
    await member('S2', '李四', '33334444');
    await member('S3', '王五', null);
    await issueShortBadge(hub.db, ids.S3!, hub.clock.now);
  });
  afterAll(() => hub.cleanup());

  it('answers a first pull with every part, the same content as the whole snapshot, gzipped when asked', async () => {
    const first = await pull(undefined, { 'accept-encoding': 'gzip, br' });
    expect(first.encoding).toBe('gzip');
    const b = first.body!;
    expect(b.config && b.day && b.identity && 'full' in b.identity).toBe(true);
    const whole = await legacy();
    expect(v.safeParse(SnapshotSchema, whole).success).toBe(true);
    expect(sorted((b.identity as { full: IdentityPart }).full)).toEqual(sorted(identityOf(whole)));
    expect(b.config!.data.kiosk).toEqual(whole.kiosk);
    expect(b.day!.data.schedule).toEqual(whole.schedule);
    expect(parseSyncTag(first.etag)).toEqual({ config: b.config!.version, identity: b.identity!.version, day: b.day!.version });
  });

  it('answers 304 when nothing changed, with the same tag', async () => {
    const { etag } = await pull();
    const again = await pull(etag);
    expect(again.status).toBe(304);
    expect(again.etag).toBe(etag);
  });

  it('sends exactly the members changed after the kiosk’s version, which bring its map to the hub’s', async () => {
    const before = await pull();
    const held = (before.body!.identity as { full: IdentityPart }).full;
    await member('S4', '赵六', '55556666'); // added
    await updateMember(hub.db, ids.S1!, { memberNo: 'S1', name: '张小明', card: '77778888' }, hub.clock.now); // a new card
    await setSuspended(hub.db, ids.S2!, true, hub.clock.now); // refused
    await issueShortBadge(hub.db, ids.S3!, hub.clock.now); // badge replaced: the old one revoked
    await hub.db.query('DELETE FROM members WHERE id = $1', [ids.S4!]); // and gone again
    await member('S5', '孙七', null);
    await updateMember(hub.db, ids.S5!, { memberNo: 'S5', name: '孙七', card: null }, hub.clock.now); // a save that changes nothing a kiosk holds
    const after = await pull(before.etag);
    const b = after.body!;
    expect(b.config).toBeUndefined(); // nothing else changed
    expect(b.day).toBeUndefined();
    const id = b.identity as { since: string; changes: { members: { memberId: string }[]; removed: string[]; revokedBadges: string[] } };
    expect(id.since).toBe(before.body!.identity!.version);
    expect(id.changes.members.map((m) => m.memberId).sort()).toEqual([ids.S1, ids.S2, ids.S3, ids.S5].map(String).sort());
    expect(id.changes.removed).toEqual([String(ids.S4)]);
    expect(id.changes.revokedBadges).toHaveLength(1);
    const applied = applyChanges(held, b.identity && 'changes' in b.identity ? b.identity.changes : { members: [], removed: [], gone: [], revokedBadges: [] }).next;
    expect(sorted(applied)).toEqual(sorted(identityOf(await legacy())));
    expect((await pull(after.etag)).status).toBe(304);
  });

  it('sends a visit posted through the hub at the next pull, with no wait, and reads the parts once for many kiosks', async () => {
    const { etag } = await pull();
    hub.clock.now += FACTS_FRESH_MS; // the parts read last are out of date: the ten pulls below read them again
    const query = hub.db.query.bind(hub.db);
    let queries = 0;
    hub.db.query = ((...args: Parameters<typeof query>) => (queries++, query(...args))) as typeof hub.db.query;
    try {
      await Promise.all(Array.from({ length: 10 }, () => pull(etag)));
    } finally {
      hub.db.query = query;
    }
    // each pull asks for its token and the identity log's position; the config and day parts are read once
    // (a dozen queries), where each pull read them before
    expect(queries).toBeLessThanOrEqual(10 * 2 + 12);
    const posted = await hub.request('/api/v1/events', {
      method: 'POST', headers: bearer(token, { 'content-type': 'application/json' }), body: JSON.stringify({ events: [visit('lobby-1', new Date(hub.clock.now).toISOString(), badge(ids.S1!))] }),
    });
    expect(posted.status).toBe(200);
    const after = await pull(etag);
    expect(Object.keys(after.body!).sort()).toEqual(['day', 'serverTime']);
    expect(after.body!.day!.data.today?.visits).toContain(String(ids.S1));
    // a court booked at another kiosk: the hub's verdict is in the next pull's day part
    const startsAt = new Date(zonedToEpoch('2026-03-05', '10:00', 'Asia/Shanghai')).toISOString();
    const endsAt = new Date(zonedToEpoch('2026-03-05', '11:00', 'Asia/Shanghai')).toISOString();
    const booked = { ...visit('lobby-1', new Date(hub.clock.now).toISOString(), badge(ids.S1!)), kind: 'booking', payload: { identity: badge(ids.S1!), facilityId: 'badminton-1', startsAt, endsAt } };
    const res = await hub.request('/api/v1/events', { method: 'POST', headers: bearer(token, { 'content-type': 'application/json' }), body: JSON.stringify({ events: [booked] }) });
    expect(((await res.json()) as { results: { status: string }[] }).results[0]!.status).toBe('applied');
    const withBooking = await pull(after.etag);
    expect(Object.keys(withBooking.body!).sort()).toEqual(['day', 'serverTime']);
    expect(withBooking.body!.day!.data.bookings?.map((b) => [b.facilityId, b.startsAt, b.status])).toContainEqual(['badminton-1', startsAt, 'confirmed']);
  });

  it('sends the day part alone for a new class and a cancelled one', async () => {
    const { etag } = await pull();
    const start = Date.parse(at(120));
    // written past the hub (as its own housekeeping writes): kiosks get it once the parts read last are FACTS_FRESH_MS old
    await insertEntry(hub.db, 'sync-class', { category: 'fitness', titleZh: '课', titleEn: 'Class', startsAt: start, endsAt: start + 3_600_000, room: 'r-sync', instructor: '', capacity: 5 });
    expect((await pull(etag)).status).toBe(304);
    hub.clock.now += FACTS_FRESH_MS;
    const added = await pull(etag);
    expect(Object.keys(added.body!).sort()).toEqual(['day', 'serverTime']);
    expect(added.body!.day!.data.schedule.find((e) => e.id === 'sync-class')?.cancelled).toBe(false);
    hub.clock.now += FACTS_FRESH_MS;
    await cancelEntry(hub.db, 'sync-class', hub.clock.now);
    hub.clock.now += FACTS_FRESH_MS;
    const cancelled = await pull(added.etag);
    expect(Object.keys(cancelled.body!).sort()).toEqual(['day', 'serverTime']);
    expect(cancelled.body!.day!.data.schedule.find((e) => e.id === 'sync-class')?.cancelled).toBe(true);
  });

  it('sends the identity part in full to a kiosk too far behind, of another database, or ahead of the log', async () => {
    const old = await pull();
    await member('S6', '周八', '99990000');
    await member('S7', '吴九', null);
    await pruneIdentityLog(hub.db, 1); // what old missed is gone
    const behind = await pull(old.etag);
    expect(behind.body!.identity && 'full' in behind.body!.identity).toBe(true);
    const tag = parseSyncTag(behind.etag)!;
    for (const identity of ['otherdb.5', `${tag.identity.split('.')[0]}.999999`]) {
      const r = await pull(`"${tag.config}~${identity}~${tag.day}"`);
      expect(r.body!.identity && 'full' in r.body!.identity).toBe(true);
      expect(r.body!.config).toBeUndefined();
    }
  });

  it('sends the identity part in full when the changes include one logged without the keys it replaced (before migration 010)', async () => {
    const before = await pull();
    await hub.db.query('INSERT INTO sync_identity_log (member_id) VALUES ($1)', [ids.S2]); // as 009's trigger logged it
    const r = await pull(before.etag);
    expect(r.body!.identity && 'full' in r.body!.identity).toBe(true);
    await member('S8', '郑十', '55556666'); // logged with its old keys: changes again from here
    const next = await pull(r.etag);
    expect(next.body!.identity && 'changes' in next.body!.identity).toBe(true);
  });

  it.runIf(kind === 'postgres')('never loses a change committed while a pull runs, nor one that took its number first and committed last', async () => {
    const before = await pull();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let written!: () => void;
    const wrote = new Promise<void>((r) => (written = r));
    // a slow import: its change is logged, then it waits before committing
    const slow = hub.db.transaction(async (q) => {
      await updateMember(q, ids.S1!, { memberNo: 'S1', name: '张小明', card: '12121212' }, hub.clock.now);
      written();
      await held;
    });
    await wrote;
    // a quick edit after it: were it numbered and committed first, a pull would move past the slow one for good
    const quick = updateMember(hub.db, ids.S2!, { memberNo: 'S2', name: '李四', card: '34343434' }, hub.clock.now);
    await new Promise((r) => setTimeout(r, 200));
    const during = await pull(before.etag);
    expect(during.status).toBe(304); // neither is there yet, and the version did not move past them
    release();
    await Promise.all([slow, quick]);
    const after = await pull(during.etag);
    const changes = after.body!.identity && 'changes' in after.body!.identity ? after.body!.identity.changes : null;
    expect(changes?.members.map((m) => m.memberId).sort()).toEqual([String(ids.S1), String(ids.S2)].sort());
  });
});
