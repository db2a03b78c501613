import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import type { CardMapEntry } from '../../../src/domain/card';
import type { Snapshot } from '../../../src/domain/protocol';
import { joinParts, splitSnapshot, type SyncResponse } from '../../../src/domain/sync';
import { err, ok, type Result } from '../../../src/domain/result';
import type { ApiFailure } from '../../../src/kiosk/data/api';
import type { CachedParts } from '../../../src/kiosk/data/snapshot-cache';
import { createSnapshotModel, editCardMap } from '../../../src/kiosk/state/sync/snapshot-model';
import { fakeClock } from './fake-clock';
import { snapshot } from '../../fixtures/snapshot';

/** The hub's answer carrying every part of `s`, versioned `v`. */
function full(s: Snapshot, v: string): SyncResponse {
  const p = splitSnapshot(s);
  return { serverTime: s.serverTime, config: { version: `c${v}`, data: p.config.data }, day: { version: `d${v}`, data: p.day.data }, identity: { version: `e.${v}`, full: p.identity.data } };
}

function setup(opts: { cached?: CachedParts | null; answers: Result<SyncResponse | 'unchanged', ApiFailure>[] }) {
  const c = fakeClock(1_000_000);
  const saved: { tag: string; at: number; identity: string | null }[] = [];
  const asked: (string | null)[] = [];
  const online = signal(true);
  const model = createSnapshotModel({
    api: {
      fetchSync: async (tag) => {
        asked.push(tag);
        return opts.answers.shift() ?? err({ kind: 'network' });
      },
    },
    cache: {
      load: async () => opts.cached ?? null,
      save: async (w) => (saved.push({ tag: joinParts(w.parts, w.serverTime).version, at: w.receivedAt, identity: w.identity?.kind ?? null }), true),
    },
    clock: c.clock,
    now: signal(c.clock.now()),
    browserOnline: online,
  });
  return { model, saved, asked, online, ...c };
}

describe('SnapshotModel', () => {
  it('pulls everything at start and keeps the parts', async () => {
    const s = setup({ answers: [ok(full(snapshot(), '2'))] });
    await s.model.start();
    expect(s.asked).toEqual([null]);
    expect(s.model.snapshot.value?.version).toBe('c2~e.2~d2');
    expect(s.model.receivedAt.value).toBe(1_000_000);
    expect(s.saved).toEqual([{ tag: 'c2~e.2~d2', at: 1_000_000, identity: 'full' }]);
    expect(s.model.connection.value).toBe('online');
  });

  it('shows the cached parts and their age when the hub is unreachable', async () => {
    const cached = { parts: splitSnapshot(snapshot()), serverTime: snapshot().serverTime, receivedAt: 5 };
    const s = setup({ cached, answers: [err({ kind: 'network' })] });
    await s.model.start();
    expect(s.asked).toEqual(['"legacy~legacy~legacy"']);
    expect(s.model.snapshot.value?.kiosk).toEqual(snapshot().kiosk);
    expect(s.model.receivedAt.value).toBe(5);
    expect(s.model.connection.value).toBe('offline');
    expect(s.saved).toEqual([]);
  });

  it('sends what it holds, and writes nothing and keeps its snapshot when the hub answers unchanged', async () => {
    const s = setup({ answers: [ok(full(snapshot({ rules: { snapshotPollSeconds: 2 } }), '1')), ok('unchanged')] });
    await s.model.start();
    const first = s.model.snapshot.value;
    expect(s.timers()).toEqual([2000]);
    await s.advance(2000);
    expect(s.asked).toEqual([null, '"c1~e.1~d1"']);
    expect(s.model.snapshot.value).toBe(first);
    expect(s.model.receivedAt.value).toBe(1_002_000);
    expect(s.saved).toHaveLength(1);
  });

  it('applies identity changes to the part they were made against, in place, and only the day part that came', async () => {
    const base = snapshot({ cardMap: { ['a'.repeat(32)]: { memberId: '1', maskedName: '张*' } }, revokedMembers: [], revokedBadges: [] });
    const later = snapshot({ schedule: [] });
    const changes = { members: [{ memberId: '2', maskedName: '李*', keys: ['b'.repeat(32)], suspended: false }], removed: ['1'], gone: ['a'.repeat(32)], revokedBadges: [] };
    const s = setup({
      answers: [
        ok(full(base, '1')),
        ok({ serverTime: later.serverTime, day: { version: 'd2', data: splitSnapshot(later).day.data }, identity: { version: 'e.2', since: 'e.1', changes } }),
      ],
    });
    await s.model.start();
    const held = s.model.snapshot.value!.cardMap;
    await s.model.refresh();
    const now = s.model.snapshot.value!;
    expect(now.version).toBe('c1~e.2~d2');
    expect(now.cardMap).toEqual({ ['b'.repeat(32)]: { memberId: '2', maskedName: '李*' } });
    expect(now.cardMap).toBe(held); // edited, not copied: 75,000 entries copied per change was a long task
    expect(now.schedule).toEqual([]);
    expect(now.kiosk).toEqual(base.kiosk);
    expect(s.saved.map((x) => x.identity)).toEqual(['full', 'edit']);
  });

  it('asks for everything after changes made against another version, and keeps what it showed', async () => {
    const changes = { members: [], removed: [], gone: [], revokedBadges: [] };
    const s = setup({ answers: [ok(full(snapshot(), '1')), ok({ serverTime: snapshot().serverTime, identity: { version: 'e.9', since: 'e.8', changes } }), ok(full(snapshot(), '9'))] });
    await s.model.start();
    await s.model.refresh();
    expect(s.model.snapshot.value?.version).toBe('c1~e.1~d1');
    await s.model.refresh();
    expect(s.asked).toEqual([null, '"c1~e.1~d1"', null]);
    expect(s.model.snapshot.value?.version).toBe('c9~e.9~d9');
  });

  it('fetches at once when the browser comes back online', async () => {
    const s = setup({ answers: [err({ kind: 'network' }), ok(full(snapshot(), '1'))] });
    await s.model.start();
    s.online.value = false;
    expect(s.model.connection.value).toBe('offline');
    s.online.value = true;
    await s.settle();
    expect(s.asked).toHaveLength(2);
    expect(s.model.connection.value).toBe('online');
  });
});

describe('the held card map', () => {
  const k = (n: number) => n.toString(16).padStart(32, '0');
  it('is edited in place: the keys gone out, a card handed on to its new member', () => {
    const map: Record<string, CardMapEntry> = { [k(1)]: { memberId: '1', maskedName: '张*' }, [k(2)]: { memberId: '1', maskedName: '张*' }, [k(3)]: { memberId: '2', maskedName: '李*' } };
    editCardMap(map, { del: [k(3)], put: [[k(2), { memberId: '3', maskedName: '王*' }]] });
    expect(map).toEqual({ [k(1)]: { memberId: '1', maskedName: '张*' }, [k(2)]: { memberId: '3', maskedName: '王*' } });
  });
});
