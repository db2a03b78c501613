import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  identityEdit, identityVersion, joinParts, parseIdentityVersion, parseSyncTag, splitSnapshot, SyncResponseSchema, syncTag,
  type IdentityPart,
} from '../../../src/domain/sync';
import { resolveCard } from '../../../src/domain/card';
import { applyChanges } from '../../fixtures/identity-changes';
import { snapshot } from '../../fixtures/snapshot';

const key = (n: number) => n.toString(16).padStart(32, '0'); // map keys
const identity: IdentityPart = {
  revokedMembers: ['9'],
  revokedBadges: [],
  cardMap: {
    [key(1)]: { memberId: '1', maskedName: '张*' },
    [key(2)]: { memberId: '1', maskedName: '张*' }, // a card and a short badge
    [key(3)]: { memberId: '2', maskedName: '李*' },
  },
};

describe('sync tags', () => {
  it('carry the three part versions there and back', () => {
    const p = { config: 'aB3_-x', identity: identityVersion('k7f', 120), day: 'Zz9' };
    expect(parseSyncTag(syncTag(p))).toEqual(p);
    expect(parseIdentityVersion(p.identity)).toEqual({ epoch: 'k7f', seq: 120 });
  });

  it('read anything else as no versions, so the pull is answered in full', () => {
    for (const h of [undefined, '', '*', '"a~b"', 'W/"a~b~c"', '"a~b~c~d"', '"a b~c~d"', `"${'x'.repeat(65)}~b~c"`]) expect(parseSyncTag(h)).toBeNull();
    for (const s of ['legacy', '.5', 'e.', 'e.1.2', 'e.-1']) expect(parseIdentityVersion(s)).toBeNull();
  });
});

describe('identity changes', () => {
  it('replace a changed member’s keys, drop a removed member’s, and leave the rest', () => {
    const edit = applyChanges(identity, {
      members: [{ memberId: '1', maskedName: '张*', keys: [key(2), key(4)], suspended: false }], // lost card 1, new card 4
      removed: ['2'],
      gone: [key(1), key(2), key(3)], // what members 1 and 2 held before
      revokedBadges: [],
    });
    expect(edit.next.cardMap).toEqual({ [key(2)]: { memberId: '1', maskedName: '张*' }, [key(4)]: { memberId: '1', maskedName: '张*' } });
    expect([...edit.del].sort()).toEqual([key(1), key(3)]);
    expect(edit.put.map(([k]) => k).sort()).toEqual([key(2), key(4)]);
    expect(edit.next.revokedMembers).toEqual(['9']);
  });

  it('refuse a suspended member at once: no keys in the map and the id among the revoked', () => {
    const edit = applyChanges(identity, { members: [{ memberId: '2', maskedName: '李*', keys: [key(3)], suspended: true }], removed: [], gone: [key(3)], revokedBadges: [] });
    expect(edit.next.cardMap[key(3)]).toBeUndefined();
    expect(edit.next.revokedMembers).toEqual(['2', '9']);
    expect(edit.del).toEqual([key(3)]);
  });

  it('lift a suspension, add a replaced badge to the refused ones, and move a card between members', () => {
    const edit = applyChanges(identity, {
      members: [
        { memberId: '9', maskedName: '王*', keys: [key(3)], suspended: false }, // card 3 handed on to member 9
        { memberId: '2', maskedName: '李*', keys: [], suspended: false },
      ],
      removed: [],
      gone: [key(3)],
      revokedBadges: [key(7)],
    });
    expect(edit.next.revokedMembers).toEqual([]);
    expect(edit.next.revokedBadges).toEqual([key(7)]);
    expect(edit.next.cardMap[key(3)]).toEqual({ memberId: '9', maskedName: '王*' });
    expect(edit.del).not.toContain(key(3)); // written again, never deleted after
  });

  it('drop the keys the changes say the members held, without the map to look them up in', () => {
    const edit = identityEdit({ revokedMembers: [], revokedBadges: [] }, { members: [{ memberId: '1', maskedName: '张*', keys: [key(5), key(1)], suspended: false }], removed: ['2'], gone: [key(1), key(2), key(3)], revokedBadges: [] });
    expect([...edit.del].sort()).toEqual([key(2), key(3)]); // card 1 kept: written again
    expect(edit.put).toEqual([[key(5), { memberId: '1', maskedName: '张*' }], [key(1), { memberId: '1', maskedName: '张*' }]]);
  });

  it('change nothing for changes that carry nothing', () => {
    const edit = applyChanges(identity, { members: [], removed: [], gone: [], revokedBadges: [] });
    expect(edit.next).toEqual({ ...identity, revokedMembers: ['9'] });
    expect([edit.put, edit.del]).toEqual([[], []]);
  });
});

describe('parts', () => {
  it('split a full snapshot and join back to the same content, versioned by the parts', () => {
    const s = { ...snapshot(), cardMap: identity.cardMap, revokedMembers: identity.revokedMembers, revokedBadges: [] };
    const parts = splitSnapshot(s);
    const joined = joinParts(parts, s.serverTime);
    const { version: _a, ...content } = joined;
    const { version: _b, ...original } = s;
    expect(content).toEqual(original);
    expect(joined.version).toBe('legacy~legacy~legacy');
  });

  it('cut the whole card keys of a legacy snapshot to map keys, which find the same members', () => {
    const whole = (n: number) => key(n) + 'f'.repeat(32);
    const parts = splitSnapshot({ ...snapshot(), cardMap: { [whole(1)]: { memberId: '1', maskedName: '张*' } } });
    expect(parts.identity.data.cardMap).toEqual({ [key(1)]: { memberId: '1', maskedName: '张*' } });
    expect(resolveCard(whole(1), parts.identity.data.cardMap, false)).toEqual({ kind: 'member', key: whole(1), memberId: '1', maskedName: '张*' });
  });

  it('are refused on the wire when a key is not a hash, however the rest looks', () => {
    const bad = { serverTime: new Date(0).toISOString(), identity: { version: 'e.1', since: 'e.0', changes: { members: [{ memberId: '1', maskedName: 'x', keys: ['123'], suspended: false }], removed: [], gone: [], revokedBadges: [] } } };
    expect(v.safeParse(SyncResponseSchema, bad).success).toBe(false);
  });
});
