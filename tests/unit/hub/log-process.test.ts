import { afterAll, describe, expect, it } from 'vitest';
import { suggestion } from '../../fixtures/events/make';
import { AdminClient } from '../../support/admin-client';
import { startHub, type Hub } from '../../support/hub-process';

// Issue 13: the hub's log as an IT person's journalctl or log collector gets it from the real process —
// start, migrations, the day's backup, a refused event, stop — in plain text by default and one JSON
// object per line with LOG_FORMAT=json. (The line format itself is tested in ops.test.ts.)

const hubs: Hub[] = [];
afterAll(() => hubs.forEach((h) => h.cleanup()));

/** A hub's life in short: it starts, one kiosk sends an event it must refuse, it is stopped. */
async function lifeOfAHub(env: Record<string, string>): Promise<{ id: string; lines: string[] }> {
  const hub = await startHub({ env });
  hubs.push(hub);
  const poisoned = suggestion('lobby-1', 1, 'the hub must refuse this');
  const token = await (await new AdminClient(hub.url).login()).deviceToken('lobby-1');
  const res = await fetch(`${hub.url}/api/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ events: [{ ...poisoned, seq: 2147483648 }] }), // past the integer column
  });
  expect(res.status).toBe(200);
  expect(await hub.stop()).toBe(0);
  return { id: poisoned.id, lines: hub.log().split('\n').filter((l) => l !== '') };
}

describe('the hub process log', () => {
  it('is one JSON object per line with LOG_FORMAT=json, from start to stop', async () => {
    const { id, lines } = await lifeOfAHub({ LOG_FORMAT: 'json' });
    const entries = lines.map((l) => {
      try {
        return JSON.parse(l) as { time: string; level: string; msg: string };
      } catch {
        throw new Error(`a log line that is not JSON: ${l}`);
      }
    });
    for (const e of entries) {
      expect(Object.keys(e).sort()).toEqual(['level', 'msg', 'time']);
      expect(new Date(e.time).toISOString()).toBe(e.time);
      expect(['info', 'warn', 'error']).toContain(e.level);
    }
    const msgs = entries.map((e) => e.msg);
    expect(msgs.some((m) => /^Applied database migration 001/.test(m))).toBe(true);
    expect(msgs.some((m) => /^Backup written: .*backup-\d{4}-\d{2}-\d{2}\.wscb$/.test(m))).toBe(true);
    expect(msgs.some((m) => /^Hub started on http:\/\/localhost:\d+ \(embedded database in /.test(m))).toBe(true);
    expect(msgs).toContainEqual(expect.stringMatching(new RegExp(`^Rejected event ${id} from lobby-1: invalid`)));
    expect(msgs.slice(-2)).toEqual(['Hub stopping (SIGTERM).', 'Hub stopped.']);
  });

  it('is plain text by default: the time, the level, the message', async () => {
    const { lines } = await lifeOfAHub({});
    for (const l of lines) expect(l).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z (INFO |WARN |ERROR) \S/);
    expect(lines.some((l) => / INFO  Hub started on /.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/ INFO  Hub stopped\.$/);
  });
});
