import { issueEnrollmentCode } from '../../../src/hub/kiosks/tokens';
import type { TestHub } from './harness';

/** Enrolls a kiosk the way a device does (one-time code → POST /api/v1/enroll) and returns its token. */
export async function enrollKiosk(hub: TestHub, kioskId = 'lobby-1'): Promise<string> {
  const code = await issueEnrollmentCode(hub.db, kioskId, hub.clock.now);
  const res = await hub.request('/api/v1/enroll', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
  const body = (await res.json()) as { token?: string };
  if (!body.token) throw new Error(`enrollment failed: ${res.status} ${JSON.stringify(body)}`);
  return body.token;
}

export const bearer = (token: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...extra });
