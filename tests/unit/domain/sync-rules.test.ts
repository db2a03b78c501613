import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { backoffDelay, classifyStatus, nextDelay, retryAfterMs } from '../../../src/domain/backoff';
import { EventSchema, EventsRequestSchema } from '../../../src/domain/events';
import { UUID_RE, uuidv7 } from '../../../src/domain/ids';
import { settleBatch } from '../../../src/domain/outbox';

const bytes = (n: number) => new Uint8Array(10).fill(n);

describe('uuidv7', () => {
  it('makes a version-7 UUID whose prefix is the time, so ids sort by creation', () => {
    const a = uuidv7(Date.parse('2026-11-23T01:00:00Z'), bytes(255));
    const b = uuidv7(Date.parse('2026-11-23T01:00:00.001Z'), bytes(0));
    expect(a).toMatch(UUID_RE);
    expect(a[14]).toBe('7');
    expect('89ab').toContain(a[19]);
    expect(a < b).toBe(true);
  });
});

describe('backoff', () => {
  it('grows the ceiling exponentially from 1 s and caps it at 5 min', () => {
    expect(backoffDelay(0, 0.999)).toBe(1000);
    expect(backoffDelay(3, 0.999)).toBe(7992);
    expect(backoffDelay(30, 0.999)).toBe(299_700);
  });

  it('never waits less than 1 s, however low the jitter', () => {
    expect(backoffDelay(5, 0)).toBe(1000);
  });

  it('honours Retry-After in seconds and as an HTTP date, capped at 5 min', () => {
    const now = Date.parse('2026-11-23T01:00:00Z');
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('Mon, 23 Nov 2026 01:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(nextDelay(0, 0.5, 7000)).toBe(7000);
    expect(nextDelay(0, 0.5, 3_600_000)).toBe(300_000);
  });

  it('retries on timeouts, 429 and 5xx, stops on 401/403, and refuses other 4xx', () => {
    expect([200, 408, 429, 500, 503, 401, 403, 400, 413].map(classifyStatus)).toEqual([
      'ok', 'retry', 'retry', 'retry', 'retry', 'auth', 'auth', 'refused', 'refused',
    ]);
  });
});

describe('settleBatch', () => {
  it('deletes applied and duplicate, dead-letters rejected, keeps what was not answered', () => {
    const r = settleBatch(['a', 'b', 'c', 'd'], [
      { id: 'a', status: 'applied' },
      { id: 'b', status: 'duplicate' },
      { id: 'c', status: 'rejected', reason: 'id_conflict' },
      { id: 'zz', status: 'applied' },
    ]);
    expect(r).toEqual({ done: ['a', 'b'], dead: [{ id: 'c', reason: 'id_conflict' }], unanswered: ['d'] });
  });
});

describe('event schemas', () => {
  const base = { id: uuidv7(0, bytes(1)), kioskId: 'lobby-1', seq: 1, at: '2026-11-23T01:00:00.000Z' };

  it('accepts a rating and refuses a neutral middle score', () => {
    expect(v.safeParse(EventSchema, { ...base, kind: 'rating', payload: { topic: 'gym', score: 3 } }).success).toBe(true);
    expect(v.safeParse(EventSchema, { ...base, kind: 'rating', payload: { topic: 'gym', score: 1.5 } }).success).toBe(false);
  });

  it('refuses a suggestion over 500 characters and an empty one', () => {
    const s = (text: string) => ({ ...base, kind: 'suggestion', payload: { topic: null, text, contact: null } });
    expect(v.safeParse(EventSchema, s('好'.repeat(500))).success).toBe(true);
    expect(v.safeParse(EventSchema, s('好'.repeat(501))).success).toBe(false);
    expect(v.safeParse(EventSchema, s('   ')).success).toBe(false);
  });

  it('refuses a batch of more than 100 events and an empty one', () => {
    const e = { ...base, kind: 'rating', payload: { topic: null, score: 2 } };
    expect(v.safeParse(EventsRequestSchema, { events: Array(100).fill(e) }).success).toBe(true);
    expect(v.safeParse(EventsRequestSchema, { events: Array(101).fill(e) }).success).toBe(false);
    expect(v.safeParse(EventsRequestSchema, { events: [] }).success).toBe(false);
  });
});
