import { describe, expect, it } from 'vitest';
import type { Identity } from '../../../src/domain/identity';
import type { SnapshotReply } from '../../../src/domain/protocol';
import { daysToFirstReply, isOverdue, mayReadReplies, normaliseReceipt, receiptCode, repliesFor, REPLY_SHOWN_DAYS } from '../../../src/domain/voice';

const NOW = Date.parse('2026-11-20T04:00:00Z');
const DAY = 86_400_000;
const badge = (memberId: string): Identity => ({ via: 'badge', memberId, badgeId: `${memberId}@1` });
const reply = (suggestionId: string, memberId: string, repliedAgoDays: number, at = '2026-11-01T02:00:00.000Z'): SnapshotReply => ({
  suggestionId, memberId, at, text: '更衣室柜子不够', reply: '已增加 20 个柜子', repliedAt: new Date(NOW - repliedAgoDays * DAY).toISOString(),
});

describe('who may read the center’s answers', () => {
  it('lets a badge or a mapped card read, never a typed member number or an unmapped card', () => {
    expect(mayReadReplies(badge('42'))).toBe(true);
    expect(mayReadReplies({ via: 'card', memberId: '42', cardKey: 'a'.repeat(64) })).toBe(true);
    expect(mayReadReplies({ via: 'card', memberId: null, cardKey: 'a'.repeat(64) })).toBe(false);
    expect(mayReadReplies({ via: 'keypad', memberNo: 'E1001' })).toBe(false);
  });

  it('shows a member only their own answers, oldest suggestion first', () => {
    const all = [reply('s2', '42', 1, '2026-11-05T00:00:00.000Z'), reply('s1', '42', 2, '2026-11-01T00:00:00.000Z'), reply('s3', '7', 1)];
    expect(repliesFor(badge('42'), all, new Set(), NOW).map((r) => r.suggestionId)).toEqual(['s1', 's2']);
    expect(repliesFor(badge('7'), all, new Set(), NOW).map((r) => r.suggestionId)).toEqual(['s3']);
    expect(repliesFor(badge('8'), all, new Set(), NOW)).toEqual([]);
  });

  it('shows nothing to someone who only typed the member number', () => {
    expect(repliesFor({ via: 'keypad', memberNo: '42' }, [reply('s1', '42', 1)], new Set(), NOW)).toEqual([]);
  });

  it('hides an answer read at this kiosk, and one answered longer ago than the shown days', () => {
    const all = [reply('s1', '42', 1), reply('s2', '42', REPLY_SHOWN_DAYS + 1), reply('s3', '42', REPLY_SHOWN_DAYS)];
    expect(repliesFor(badge('42'), all, new Set(['s1']), NOW).map((r) => r.suggestionId)).toEqual(['s3']);
  });
});

describe('the phone form’s receipt code', () => {
  it('is 12 characters in three groups, none of I, L, O, U, from the bytes given', () => {
    const code = receiptCode(Uint8Array.from({ length: 12 }, (_, i) => i * 23));
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(receiptCode(new Uint8Array(12).fill(255))).toBe('ZZZZ-ZZZZ-ZZZZ');
    expect(() => receiptCode(new Uint8Array(4))).toThrow();
  });

  it('reads a code typed by hand: any case, with or without dashes and spaces, O as 0 and I or L as 1', () => {
    expect(normaliseReceipt('ab12 cd34 ef56')).toBe('AB12-CD34-EF56');
    expect(normaliseReceipt('ABCD-EFGH-JKMO')).toBe('ABCD-EFGH-JKM0');
    expect(normaliseReceipt('abcd-efgh-jkmi')).toBe('ABCD-EFGH-JKM1');
    expect(normaliseReceipt('ABCD-EFGH-JKMU')).toBeNull(); // U is never in a code
    expect(normaliseReceipt('ABCD-EFGH-JK')).toBeNull();
    expect(normaliseReceipt('')).toBeNull();
  });
});

describe('overdue suggestions and the time to a first reply', () => {
  const at = '2026-11-10T04:00:00.000Z';
  it('calls a suggestion overdue after the center’s days without a reply, never one with a reply', () => {
    expect(isOverdue({ at, reply: null }, Date.parse(at) + 7 * DAY, 7)).toBe(false); // exactly 7 days: not yet
    expect(isOverdue({ at, reply: null }, Date.parse(at) + 7 * DAY + 1, 7)).toBe(true);
    expect(isOverdue({ at, reply: '已处理' }, Date.parse(at) + 30 * DAY, 7)).toBe(false);
  });

  it('counts whole days to the first reply', () => {
    expect(daysToFirstReply(at, null)).toBeNull();
    expect(daysToFirstReply(at, new Date(Date.parse(at) + 5 * 3_600_000).toISOString())).toBe(0);
    expect(daysToFirstReply(at, new Date(Date.parse(at) + 2 * DAY + 1).toISOString())).toBe(2);
  });
});

