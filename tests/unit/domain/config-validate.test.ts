import { describe, expect, it } from 'vitest';
import { formatConfigIssues, validateConfig } from '../../../src/domain/config/validate';
import { RULE_DEFAULTS } from '../../../src/domain/config/defaults';
import { demoRaw } from './demo-config';

function issuesOf(mutate: (raw: ReturnType<typeof demoRaw>) => void) {
  const raw = demoRaw();
  mutate(raw);
  const result = validateConfig(raw);
  if (result.ok) throw new Error('expected the configuration to be refused');
  return result.error;
}

describe('validateConfig', () => {
  it('accepts the shipped demo center with two kiosks and at least 20 weekly entries in every category', () => {
    const result = validateConfig(demoRaw());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.kiosks).toHaveLength(2);
    expect(result.value.weekly.length).toBeGreaterThanOrEqual(20);
    const used = new Set(result.value.weekly.map((w) => w.category));
    expect([...used].sort()).toEqual(result.value.categories.map((c) => c.id).sort());
  });

  it('fills every rule left out of rules.json with its default', () => {
    const result = validateConfig(demoRaw());
    expect(result.ok && result.value.rules).toEqual(RULE_DEFAULTS);
  });

  it('lets rules.json override one default and keeps the others', () => {
    const raw = demoRaw();
    raw.files['rules.json'] = { idleSeconds: 45 };
    const result = validateConfig(raw);
    expect(result.ok && result.value.rules.idleSeconds).toBe(45);
    expect(result.ok && result.value.rules.scanDebounceSeconds).toBe(5);
  });

  it('names the file and path of a value of the wrong type', () => {
    const issues = issuesOf((r) => (r.files['equipment.json'].groups[1].units = 'six'));
    expect(issues).toContainEqual({
      file: 'equipment.json',
      path: '$.groups[1].units',
      message: 'has the wrong type: expected number, got "six"',
    });
  });

  it('names a missing required field', () => {
    const issues = issuesOf((r) => delete r.files['center.json'].timeZone);
    expect(issues).toContainEqual({ file: 'center.json', path: '$.timeZone', message: 'is missing' });
  });

  it('names a missing file', () => {
    const issues = issuesOf((r) => delete r.files['schedule.json']);
    expect(issues).toContainEqual({ file: 'schedule.json', path: '$', message: 'file is missing' });
  });

  it('refuses an unknown time zone', () => {
    const issues = issuesOf((r) => (r.files['center.json'].timeZone = 'Asia/Beijing'));
    expect(issues).toEqual([
      { file: 'center.json', path: '$.timeZone', message: 'is not a known IANA time zone (e.g. "Asia/Shanghai")' },
    ]);
  });

  it('refuses a schedule entry in a room that does not exist', () => {
    const issues = issuesOf((r) => (r.files['schedule.json'].weekly[2].room = 'rooftop'));
    expect(issues).toEqual([
      { file: 'schedule.json', path: '$.weekly[2].room', message: 'refers to an unknown facility "rooftop"' },
    ]);
  });

  it('refuses a schedule entry of an unknown category', () => {
    const issues = issuesOf((r) => (r.files['schedule.json'].weekly[0].category = 'karaoke'));
    expect(issues[0]?.message).toBe('refers to an unknown category "karaoke"');
  });

  it('refuses a facility of an unknown kind', () => {
    const issues = issuesOf((r) => (r.files['facilities.json'].facilities[0].kind = 'squash'));
    expect(issues).toEqual([
      { file: 'facilities.json', path: '$.facilities[0].kind', message: 'refers to an unknown facility kind "squash"' },
    ]);
  });

  it('refuses two weekly entries that overlap in one room on one day', () => {
    const issues = issuesOf((r) => {
      const w = r.files['schedule.json'].weekly;
      w.push({ ...w[0], id: 'yoga-twice', start: '18:00' });
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'schedule.json', path: `$.weekly[22]` });
    expect(issues[0]?.message).toBe('overlaps $.weekly[0] ("yoga-mon") in room "activity-room" on mon');
  });

  it('accepts back-to-back entries in one room', () => {
    const raw = demoRaw();
    const w = raw.files['schedule.json'].weekly;
    w.push({ ...w[0], id: 'after-yoga', start: '19:30' });
    expect(validateConfig(raw).ok).toBe(true);
  });

  it('refuses repeated ids, bad times, unknown fields and empty names, all at once', () => {
    const issues = issuesOf((r) => {
      r.files['categories.json'].categories[1].id = 'fitness';
      r.files['center.json'].openingHours.mon.open = '7am';
      r.files['feedback.json'].topics[0].colour = 'red';
      r.files['center.json'].name.en = ' ';
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        { file: 'categories.json', path: '$.categories[1].id', message: 'repeats the id "fitness" of $.categories[0]' },
        { file: 'center.json', path: '$.openingHours.mon.open', message: 'must be a time "HH:MM" (00:00–23:59)' },
        { file: 'feedback.json', path: '$.topics[0].colour', message: 'is not a known field' },
        { file: 'center.json', path: '$.name.en', message: 'must not be empty' },
      ]),
    );
  });

  it('refuses opening hours that close before they open', () => {
    const issues = issuesOf((r) => (r.files['center.json'].openingHours.sat = { open: '21:00', close: '08:00' }));
    expect(issues).toEqual([{ file: 'center.json', path: '$.openingHours.sat', message: 'opens at or after it closes' }]);
  });

  it('refuses a kiosk file with an unknown feature and names the kiosk file', () => {
    const issues = issuesOf((r) => (r.kiosks['lobby-1.json'].features = ['schedule', 'karaoke']));
    expect(issues[0]).toMatchObject({ file: 'kiosks/lobby-1.json', path: '$.features[1]' });
  });

  it('refuses a configuration without any kiosk', () => {
    const issues = issuesOf((r) => {
      for (const k of Object.keys(r.kiosks)) delete r.kiosks[k];
    });
    expect(issues).toEqual([{ file: 'kiosks/', path: '$', message: 'needs at least one kiosk file' }]);
  });

  it('formats the problems as one message with the folder, file, path and problem', () => {
    const text = formatConfigIssues([{ file: 'center.json', path: '$.timeZone', message: 'is missing' }], './kiosk-config/');
    expect(text).toBe('The configuration in ./kiosk-config/ has a problem:\n  ./kiosk-config/center.json at $.timeZone: is missing');
  });
});
