import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyConfig, editJson, runHubToExit } from '../support/hub-process';

// The IT person edits kiosk-config by hand; a mistake must stop the hub with one plain message.
test.describe('a broken kiosk-config', () => {
  test('stops the hub with the file, the JSON path and the problem, and no stack trace', async () => {
    const configDir = copyConfig((dir) =>
      editJson(join(dir, 'schedule.json'), (j) => {
        j.weekly[3].room = 'rooftop';
      }),
    );
    const { code, stdout, stderr } = await runHubToExit({ configDir });
    expect(code).not.toBe(0);
    expect(stderr).toContain('schedule.json at $.weekly[3].room: refers to an unknown facility "rooftop"');
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stdout).not.toContain('Kiosk:');
  });

  test('names the line of a file that is not valid JSON', async () => {
    const configDir = copyConfig((dir) => writeFileSync(join(dir, 'equipment.json'), '{\n  "groups": [\n    { "id": "rower", }\n  ]\n}\n'));
    const { code, stderr } = await runHubToExit({ configDir });
    expect(code).not.toBe(0);
    expect(stderr).toContain('equipment.json');
    expect(stderr).toMatch(/line 3/i);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  test('names an unknown time zone', async () => {
    const configDir = copyConfig((dir) => editJson(join(dir, 'center.json'), (j) => (j.timeZone = 'Mars/Olympus')));
    const { code, stderr } = await runHubToExit({ configDir });
    expect(code).not.toBe(0);
    expect(stderr).toContain('center.json at $.timeZone: is not a known IANA time zone');
  });
});
