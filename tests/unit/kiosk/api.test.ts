import { describe, expect, it } from 'vitest';
import { createHubApi, snapshotUrl } from '../../../src/kiosk/data/api';
import { snapshot } from './snapshot-fixture';

const answer = (body: unknown, status = 200) => async () => new Response(JSON.stringify(body), { status });

describe('hub api client', () => {
  it('asks for the kiosk by id, or without the parameter when none is known', () => {
    expect(snapshotUrl('lobby-1')).toBe('/api/v1/snapshot?kiosk=lobby-1');
    expect(snapshotUrl('a b')).toBe('/api/v1/snapshot?kiosk=a%20b');
    expect(snapshotUrl(null)).toBe('/api/v1/snapshot');
  });

  it('returns a parsed snapshot', async () => {
    const result = await createHubApi(answer(snapshot())).fetchSnapshot('lobby-1');
    expect(result.ok && result.value.version).toBe('v1');
  });

  it('returns an invalid body as an error value', async () => {
    const result = await createHubApi(answer({ version: 'x' })).fetchSnapshot(null);
    expect(!result.ok && result.error.kind).toBe('invalid');
  });

  it('returns an HTTP error with its status', async () => {
    const result = await createHubApi(answer({ error: 'x', message: 'y' }, 503)).fetchSnapshot(null);
    expect(result).toEqual({ ok: false, error: { kind: 'http', status: 503 } });
  });

  it('returns a network failure instead of throwing', async () => {
    const result = await createHubApi(async () => Promise.reject(new TypeError('Failed to fetch'))).fetchSnapshot(null);
    expect(result).toEqual({ ok: false, error: { kind: 'network' } });
  });

  it('gives up after the timeout', async () => {
    const hang: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const result = await createHubApi(hang, 20).fetchSnapshot(null);
    expect(result).toEqual({ ok: false, error: { kind: 'timeout' } });
  });
});
