import { describe, expect, it } from 'vitest';
import { createHubApi } from '../../../src/kiosk/data/api';
import { splitSnapshot } from '../../../src/domain/sync';
import { snapshot } from '../../fixtures/snapshot';

const answer = (body: unknown, status = 200, headers: Record<string, string> = {}) => async () =>
  new Response(JSON.stringify(body), { status, headers });
const api = (fetchFn: typeof fetch, extra: { timeoutMs?: number; onUnauthorized?: (s: number) => void } = {}) =>
  createHubApi({ fetchFn, token: () => 'device-token-123', ...extra });

describe('hub api client', () => {
  it('sends the device token as a bearer on every kiosk call, and none to enroll', async () => {
    const seen: { url: string; method: string; auth: string | null; tag: string | null; body: unknown }[] = [];
    const spy: typeof fetch = async (url, init) => {
      const headers = new Headers(init?.headers);
      seen.push({ url: String(url), method: init?.method ?? 'GET', auth: headers.get('authorization'), tag: headers.get('if-none-match'), body: init?.body ? JSON.parse(String(init.body)) : null });
      return new Response(JSON.stringify({ results: [] }), { status: 200 });
    };
    const a = api(spy);
    await a.fetchSync(null);
    await a.fetchSync('"c~e.1~d"');
    await a.postEvents([]);
    await a.enroll('CODE1');
    expect(seen.map((s) => [s.url, s.method, s.auth, s.tag])).toEqual([
      ['/api/v1/sync', 'GET', 'Bearer device-token-123', null],
      ['/api/v1/sync', 'GET', 'Bearer device-token-123', '"c~e.1~d"'],
      ['/api/v1/events', 'POST', 'Bearer device-token-123', null],
      ['/api/v1/enroll', 'POST', null, null],
    ]);
    expect(seen[3]!.body).toEqual({ code: 'CODE1' });
  });

  it('returns the parts that came, parsed', async () => {
    const { version: _v, serverTime, ...content } = snapshot();
    const parts = splitSnapshot({ ...snapshot(), cardMap: {}, revokedMembers: [], revokedBadges: [] });
    const result = await api(answer({ serverTime, config: { version: 'c1', data: parts.config.data }, day: { version: 'd1', data: parts.day.data } })).fetchSync(null);
    expect(result.ok && result.value !== 'unchanged' && result.value.config?.data.kiosk).toEqual(content.kiosk);
  });

  it('returns a 304 as unchanged', async () => {
    const result = await api(async () => new Response(null, { status: 304 })).fetchSync('"c~e.1~d"');
    expect(result).toEqual({ ok: true, value: 'unchanged' });
  });

  it('returns an invalid body as an error value', async () => {
    const result = await api(answer({ serverTime: 'x' })).fetchSync(null);
    expect(!result.ok && result.error.kind).toBe('invalid');
  });

  it('returns an HTTP error with its status, Retry-After and the hub message', async () => {
    const result = await api(answer({ error: 'x', message: 'busy' }, 503, { 'retry-after': '7' })).fetchSync(null);
    expect(result).toEqual({ ok: false, error: { kind: 'http', status: 503, retryAfter: '7', message: 'busy' } });
  });

  it('tells about a 401 whichever call got it', async () => {
    const statuses: number[] = [];
    await api(answer({ error: 'unauthorized', message: 'no' }, 401), { onUnauthorized: (s) => statuses.push(s) }).postEvents([]);
    expect(statuses).toEqual([401]);
  });

  it('returns a network failure instead of throwing', async () => {
    const result = await api(async () => Promise.reject(new TypeError('Failed to fetch'))).fetchSync(null);
    expect(result).toEqual({ ok: false, error: { kind: 'network' } });
  });

  it('gives up after the timeout', async () => {
    const hang: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const result = await api(hang, { timeoutMs: 20 }).postEvents([]);
    expect(result).toEqual({ ok: false, error: { kind: 'timeout' } });
  });

  it('reads the enrollment answer', async () => {
    const result = await api(answer({ kioskId: 'lobby-1', token: 'abcdefghijklmnop' })).enroll('c');
    expect(result).toEqual({ ok: true, value: { kioskId: 'lobby-1', token: 'abcdefghijklmnop' } });
  });
});
