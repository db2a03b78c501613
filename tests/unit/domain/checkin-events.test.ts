import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { EventSchema } from '../../../src/domain/events';
import { isVerified, subjectOf, type Identity } from '../../../src/domain/identity';
import { SnapshotSchema } from '../../../src/domain/protocol';

const base = { id: '01890a5d-ac96-774b-bcce-b302099a8057', kioskId: 'lobby-1', seq: 1, at: '2026-11-23T01:00:00.000Z' };
const key = 'a'.repeat(64);
const badge: Identity = { via: 'badge', memberId: '42', badgeId: '42@1790000000' };
const parse = (kind: string, payload: unknown) => v.safeParse(EventSchema, { ...base, kind, payload }).success;

describe('identity', () => {
  it('files a badge or a mapped card under the member id, and others under card key or member number', () => {
    expect(subjectOf(badge)).toBe('42');
    expect(subjectOf({ via: 'card', memberId: '42', cardKey: key })).toBe('42');
    expect(subjectOf({ via: 'card', memberId: null, cardKey: key })).toBe(`card:${key}`);
    expect(subjectOf({ via: 'keypad', memberNo: 'A-100' })).toBe('no:A-100');
  });

  it('counts only a badge and a mapped card as verified', () => {
    expect(isVerified(badge)).toBe(true);
    expect(isVerified({ via: 'card', memberId: '42', cardKey: key })).toBe(true);
    expect(isVerified({ via: 'card', memberId: null, cardKey: key })).toBe(false);
    expect(isVerified({ via: 'keypad', memberNo: '100' })).toBe(false);
  });
});

describe('check-in event payloads', () => {
  it('accepts a visit from every kind of identification', () => {
    expect(parse('visit', { identity: badge, outcome: 'visit_recorded' })).toBe(true);
    expect(parse('visit', { identity: { via: 'keypad', memberNo: '100' }, outcome: 'visit_already_today' })).toBe(true);
    expect(parse('visit', { identity: { via: 'card', memberId: null, cardKey: key }, outcome: 'visit_recorded' })).toBe(true);
  });

  it('refuses a keypad number for a class or a machine: it is only a claim', () => {
    const keypad = { via: 'keypad', memberNo: '100' };
    expect(parse('class_checkin', { identity: keypad, entryId: 'e1', outcome: 'checked_in' })).toBe(false);
    expect(parse('gym', { identity: keypad, group: 'rower', outcome: 'queued', steps: [] })).toBe(false);
    expect(parse('class_checkin', { identity: badge, entryId: 'e1', outcome: 'checked_in' })).toBe(true);
  });

  it('refuses a card number where a card key belongs, so no card number is ever sent', () => {
    expect(parse('visit', { identity: { via: 'card', memberId: null, cardKey: '0012345678' }, outcome: 'visit_recorded' })).toBe(false);
  });

  it('refuses outcomes of the wrong kind and steps beyond the limit', () => {
    expect(parse('class_checkin', { identity: badge, entryId: 'e1', outcome: 'session_started' })).toBe(false);
    const step = { action: 'session_start', group: 'rower', unit: 1 };
    expect(parse('gym', { identity: badge, group: 'rower', outcome: 'session_started', steps: [step] })).toBe(true);
    expect(parse('gym', { identity: badge, group: 'rower', outcome: 'session_started', steps: Array(5).fill(step) })).toBe(false);
    expect(parse('gym', { identity: badge, group: 'rower', outcome: 'session_started', steps: [{ ...step, unit: 0 }] })).toBe(false);
  });

  it('keeps a failed scan to its reason and source: there is no field for what the code said', () => {
    expect(parse('scan_failed', { reason: 'not_our_code', source: 'camera' })).toBe(true);
    expect(parse('scan_failed', { reason: 'not_our_code', source: 'camera', text: 'https://example.com' })).toBe(false);
    expect(parse('scan_failed', { reason: 'checked_in', source: 'camera' })).toBe(false);
  });
});

describe('snapshot identity fields', () => {
  it('refuses a card map keyed by anything but a card key', () => {
    const snap = (cardMap: unknown) => ({ cardMap });
    const entries = v.safeParse(v.pick(SnapshotSchema, ['cardMap']), snap({ [key]: { memberId: '1', maskedName: '张*明' } }));
    expect(entries.success).toBe(true);
    expect(v.safeParse(v.pick(SnapshotSchema, ['cardMap']), snap({ '0012345678': { memberId: '1', maskedName: '张*明' } })).success).toBe(false);
  });
});
