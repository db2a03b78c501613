import { AdminClient } from '../support/admin-client';
import { startHub } from '../support/hub-process';
import { onBothDatabases } from './databases';

// Hub ingest: events per second through POST /api/v1/events, batches of 100, one kiosk sending
// back to back as a kiosk draining a long outage would.

const BATCHES = 30;

function batch(kioskId: string, from: number) {
  const events = [];
  for (let i = 0; i < 100; i++) {
    const n = from + i;
    events.push({
      id: `019ab000-0000-7000-8000-${String(n).padStart(12, '0')}`,
      kioskId,
      seq: n + 1,
      at: new Date(Date.UTC(2026, 10, 23, 2, 0, 0) + n * 1000).toISOString(),
      kind: n % 10 === 9 ? 'suggestion' : 'rating',
      payload: n % 10 === 9 ? { topic: null, text: `建议 ${n}`, contact: null } : { topic: 'gym', score: n % 4 },
    });
  }
  return { events };
}

async function ingest(env: Record<string, string> = {}): Promise<number> {
  const hub = await startHub({ env });
  try {
    const token = await (await new AdminClient(hub.url).login()).deviceToken('lobby-1');
    const send = (b: object) =>
      fetch(`${hub.url}/api/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(b),
      }).then(async (r) => {
        if (!r.ok) throw new Error(`ingest answered ${r.status}: ${await r.text()}`);
        return r.json();
      });
    await send(batch('lobby-1', 10_000_000)); // warm-up, not counted
    const t0 = performance.now();
    for (let b = 0; b < BATCHES; b++) await send(batch('lobby-1', b * 100));
    return (BATCHES * 100) / ((performance.now() - t0) / 1000);
  } finally {
    await hub.stop();
    hub.cleanup();
  }
}

export const ingestRates = () => onBothDatabases(ingest);
