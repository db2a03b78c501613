import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/hub/config/load';
import { CONFIG_DIR } from './harness';

const dirs: string[] = [];
function brokenCopy(edit: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'wsc-config-'));
  dirs.push(dir);
  cpSync(CONFIG_DIR, dir, { recursive: true });
  edit(dir);
  return dir;
}
function editJson(dir: string, file: string, edit: (json: any) => void) {
  const path = join(dir, file);
  const json = JSON.parse(readFileSync(path, 'utf8'));
  edit(json);
  writeFileSync(path, JSON.stringify(json, null, 2));
}
function messageFor(dir: string): string {
  const result = loadConfig(dir);
  if (result.ok) throw new Error('expected the configuration to be refused');
  return result.error;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('loadConfig', () => {
  it('loads the shipped demo configuration with both kiosks', () => {
    const result = loadConfig(CONFIG_DIR);
    expect(result.ok && result.value.kiosks.map((k) => k.id)).toEqual(['gym-1', 'lobby-1']);
  });

  it('names the file, line and column of invalid JSON', () => {
    const dir = brokenCopy((d) => writeFileSync(join(d, 'equipment.json'), '{\n  "groups": [\n    { "id": "rower", }\n  ]\n}\n'));
    expect(messageFor(dir)).toContain(`${dir}/equipment.json at line 3, column 22: is not valid JSON: expected a double-quoted property name, found "}"`);
  });

  it('names a truncated file at its end', () => {
    const dir = brokenCopy((d) => writeFileSync(join(d, 'feedback.json'), '{"topics": ['));
    expect(messageFor(dir)).toContain('feedback.json at line 1, column 13: is not valid JSON: expected a value');
  });

  it('says which required file is missing', () => {
    const dir = brokenCopy((d) => rmSync(join(d, 'categories.json')));
    const message = messageFor(dir);
    expect(message).toContain('categories.json at $: file is missing');
  });

  it('names the JSON path of a value of the wrong type', () => {
    const dir = brokenCopy((d) => editJson(d, 'equipment.json', (j) => (j.groups[1].units = 'six')));
    expect(messageFor(dir)).toContain('equipment.json at $.groups[1].units: has the wrong type: expected number, got "six"');
  });

  it('names an entry that refers to an unknown facility', () => {
    const dir = brokenCopy((d) => editJson(d, 'schedule.json', (j) => (j.weekly[3].room = 'rooftop')));
    expect(messageFor(dir)).toContain('schedule.json at $.weekly[3].room: refers to an unknown facility "rooftop"');
  });

  it('names two weekly entries that overlap in one room', () => {
    const dir = brokenCopy((d) =>
      editJson(d, 'schedule.json', (j) => {
        j.weekly[1] = { ...j.weekly[0], id: 'yoga-twin' };
      }),
    );
    expect(messageFor(dir)).toMatch(/schedule\.json at \$\.weekly\[1\]: overlaps \$\.weekly\[0\] \("yoga-mon"\) in room "activity-room" on mon/);
  });

  it('names an unknown time zone', () => {
    const dir = brokenCopy((d) => editJson(d, 'center.json', (j) => (j.timeZone = 'Mars/Olympus')));
    expect(messageFor(dir)).toContain('center.json at $.timeZone: is not a known IANA time zone');
  });

  it('says when the configuration folder does not exist', () => {
    expect(messageFor('/nonexistent/kiosk-config')).toBe(
      'The configuration folder /nonexistent/kiosk-config does not exist (set KIOSK_CONFIG_DIR to the folder with center.json).',
    );
  });

  it('says when there is no kiosks folder', () => {
    const dir = brokenCopy((d) => rmSync(join(d, 'kiosks'), { recursive: true }));
    expect(messageFor(dir)).toContain('kiosks at $: folder is missing');
  });
});
