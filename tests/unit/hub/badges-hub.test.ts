import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBadge } from '../../../src/domain/badge';
import { fromBase64url } from '../../../src/domain/bytes';
import { SnapshotSchema } from '../../../src/domain/protocol';
import { verifyEd25519 } from '../../../src/hub/badges/ed25519';
import { BADGE_VALID_DAYS, issueBadge } from '../../../src/hub/badges/issue';
import { activeBadgeKeys, createSigningKey, retireSigningKey } from '../../../src/hub/badges/keys';
import { openPglite } from '../../../src/hub/db/pglite';
import { createHub } from '../../../src/hub/hub';
import { getMember, insertMember, setSuspended } from '../../../src/hub/members/repo';
import { DB_KINDS, demoConfig, NOW, startTestHub, type TestHub } from './harness';
import { bearer, enrollKiosk } from './kiosk-auth';

const keysOf = (snapshot: { badgeKeys?: { kid: number; publicKey: string }[] }) =>
  new Map((snapshot.badgeKeys ?? []).map((k) => [k.kid, fromBase64url(k.publicKey)!] as const));

describe.each(DB_KINDS)('badge keys and the snapshot on %s', (kind) => {
  let hub: TestHub;
  let token: string;
  beforeAll(async () => {
    hub = await startTestHub(kind);
    token = await enrollKiosk(hub);
  });
  afterAll(() => hub.cleanup());

  const snapshot = async () => v.parse(SnapshotSchema, await (await hub.request('/api/v1/snapshot', { headers: bearer(token) })).json());

  it('creates one signing key on the first start and keeps it when the hub starts again on the same database', async () => {
    const first = await activeBadgeKeys(hub.db);
    expect(first).toHaveLength(1);
    const again = await createHub({ db: hub.db, config: demoConfig(), kioskDist: hub.kioskDist, now: () => NOW, hourly: false, log: () => undefined });
    again.stop();
    expect(await activeBadgeKeys(hub.db)).toEqual(first);
  });

  it('issues a badge that a kiosk verifies with the keys from its snapshot, valid for a year', async () => {
    const made = await insertMember(hub.db, { memberNo: 'E1001', name: '欧阳小华' }, NOW);
    if (!made.ok) throw new Error(made.error);
    const badge = await issueBadge(hub.db, { id: made.value.id, maskedName: '欧阳*华' }, NOW);
    if (!badge.ok) throw new Error(badge.error);
    const snap = await snapshot();
    const verdict = await verifyBadge(badge.value, { keys: keysOf(snap), suspendedMembers: snap.revokedMembers ?? [], now: NOW }, verifyEd25519);
    expect(verdict).toMatchObject({ ok: true, value: { memberId: String(made.value.id), name: '欧阳*华', expiresAt: NOW / 1000 + BADGE_VALID_DAYS * 86_400 } });
  });

  it('lists a suspended member in revokedMembers, so the kiosk refuses the badge, and lifts it on unsuspend', async () => {
    const made = await insertMember(hub.db, { memberNo: 'E1002', name: 'John Smith' }, NOW);
    if (!made.ok) throw new Error(made.error);
    const member = (await getMember(hub.db, made.value.id))!;
    const badge = await issueBadge(hub.db, member, NOW);
    if (!badge.ok) throw new Error(badge.error);
    const before = (await snapshot()).version;
    await setSuspended(hub.db, made.value.id, true, NOW);
    const snap = await snapshot();
    expect(snap.version).not.toBe(before);
    expect(snap.revokedMembers).toContain(String(made.value.id));
    const ctx = { keys: keysOf(snap), suspendedMembers: snap.revokedMembers ?? [], now: NOW };
    expect(await verifyBadge(badge.value, ctx, verifyEd25519)).toEqual({ ok: false, error: 'suspended_member' });
    await setSuspended(hub.db, made.value.id, false, NOW);
    expect((await snapshot()).revokedMembers).not.toContain(String(made.value.id));
  });

  it('rotates: a new key signs, both stay in the snapshot until the old one is retired', async () => {
    const [old] = await activeBadgeKeys(hub.db);
    const kid = await createSigningKey(hub.db, NOW + 1000);
    const badge = await issueBadge(hub.db, { id: 1, maskedName: '李*' }, NOW);
    expect(badge.ok && badge.value).toBeTruthy();
    expect((await snapshot()).badgeKeys!.map((k) => k.kid)).toEqual([old!.kid, kid]);
    await retireSigningKey(hub.db, old!.kid, NOW);
    expect((await snapshot()).badgeKeys!.map((k) => k.kid)).toEqual([kid]);
  });
});

describe('badge key on an embedded database that is closed and opened again', () => {
  it('keeps the same key across a real restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsc-keys-'));
    try {
      const start = async () => {
        const db = await openPglite(dir);
        const hub = await createHub({ db, config: demoConfig(), kioskDist: dir, now: () => NOW, hourly: false, log: () => undefined });
        hub.stop();
        const keys = await activeBadgeKeys(db);
        await db.close();
        return keys;
      };
      const first = await start();
      expect(first).toHaveLength(1);
      expect(await start()).toEqual(first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
