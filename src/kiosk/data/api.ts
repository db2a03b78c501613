import * as v from 'valibot';
import { API_SNAPSHOT, SnapshotSchema, type Snapshot } from '../../domain/protocol';
import { err, ok, type Result } from '../../domain/result';

export type ApiFailure =
  | { readonly kind: 'network' }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'http'; readonly status: number }
  | { readonly kind: 'invalid'; readonly message: string };

export interface HubApi {
  fetchSnapshot(kioskId: string | null): Promise<Result<Snapshot, ApiFailure>>;
}

export function snapshotUrl(kioskId: string | null): string {
  return kioskId === null ? API_SNAPSHOT : `${API_SNAPSHOT}?kiosk=${encodeURIComponent(kioskId)}`;
}

/** The hub's API over fetch; every failure is a value, never a throw. */
export function createHubApi(fetchFn: typeof fetch = (...a) => fetch(...a), timeoutMs = 10_000): HubApi {
  return {
    async fetchSnapshot(kioskId) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      try {
        const res = await fetchFn(snapshotUrl(kioskId), {
          signal: controller.signal,
          cache: 'no-store',
          headers: { accept: 'application/json' },
        });
        if (!res.ok) return err({ kind: 'http', status: res.status });
        const body: unknown = await res.json().catch(() => undefined);
        const parsed = v.safeParse(SnapshotSchema, body);
        if (!parsed.success) return err({ kind: 'invalid', message: v.summarize(parsed.issues) });
        return ok(parsed.output);
      } catch {
        return err(controller.signal.aborted ? { kind: 'timeout' } : { kind: 'network' });
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
