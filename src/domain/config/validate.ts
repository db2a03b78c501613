import * as v from 'valibot';
import { err, ok, type Result } from '../result';
import { minutesOf } from '../time';
import { RULE_DEFAULTS, type Rules } from './defaults';
import {
  CONFIG_FILES, KioskFileSchema, WEEKDAY_KEYS,
  type CategoriesFile, type CenterFile, type ConfigFileName, type EquipmentFile, type FacilitiesFile,
  type FeedbackFile, type KioskFile, type ScheduleFile,
} from './schema';

/** One problem in one file, named the way an IT person can find it: file, JSON path, what is wrong. */
export interface ConfigIssue {
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

export interface CenterConfig {
  readonly center: Omit<CenterFile, '$schema'>;
  readonly facilityKinds: FacilitiesFile['kinds'];
  readonly facilities: FacilitiesFile['facilities'];
  readonly equipment: EquipmentFile['groups'];
  readonly categories: CategoriesFile['categories'];
  readonly rules: Rules;
  readonly feedbackTopics: FeedbackFile['topics'];
  readonly weekly: ScheduleFile['weekly'];
  readonly kiosks: readonly KioskFile[];
}

/** Files as read from disk: each already JSON-parsed (parse errors are reported by the reader). */
export interface RawConfig {
  readonly files: Partial<Record<ConfigFileName, unknown>>;
  /** file name under kiosks/ → parsed content */
  readonly kiosks: Readonly<Record<string, unknown>>;
}

function jsonPath(issue: v.BaseIssue<unknown>): string {
  let path = '$';
  for (const item of issue.path ?? []) {
    const key = item.key as string | number;
    path += typeof key === 'number' ? `[${key}]` : /^[A-Za-z_$][\w$-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
  }
  return path;
}

function describe(issue: v.BaseIssue<unknown>): string {
  if (issue.kind === 'schema' && issue.input === undefined) return 'is missing';
  if (issue.type === 'strict_object' && issue.input !== undefined && issue.expected === 'never') {
    return 'is not a known field';
  }
  if (issue.kind === 'schema' && !issue.message.startsWith('must')) {
    return `has the wrong type: expected ${issue.expected}, got ${issue.received}`;
  }
  return issue.message;
}

function parseFile<S extends v.GenericSchema>(schema: S, file: string, input: unknown, issues: ConfigIssue[]) {
  if (input === undefined) {
    issues.push({ file, path: '$', message: 'file is missing' });
    return undefined;
  }
  const result = v.safeParse(schema, input, { abortPipeEarly: true });
  if (result.success) return result.output as v.InferOutput<S>;
  for (const issue of result.issues) issues.push({ file, path: jsonPath(issue), message: describe(issue) });
  return undefined;
}

function duplicates<T extends { id: string }>(items: readonly T[], file: string, path: string, issues: ConfigIssue[]) {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const first = seen.get(item.id);
    if (first !== undefined) {
      issues.push({ file, path: `${path}[${i}].id`, message: `repeats the id "${item.id}" of ${path}[${first}]` });
    } else seen.set(item.id, i);
  });
}

/** Validates every file and every reference between files; returns all problems at once. */
export function validateConfig(raw: RawConfig): Result<CenterConfig, ConfigIssue[]> {
  const issues: ConfigIssue[] = [];
  const f = raw.files;
  const center = parseFile(CONFIG_FILES['center.json'], 'center.json', f['center.json'], issues);
  const facilities = parseFile(CONFIG_FILES['facilities.json'], 'facilities.json', f['facilities.json'], issues);
  const equipment = parseFile(CONFIG_FILES['equipment.json'], 'equipment.json', f['equipment.json'], issues);
  const categories = parseFile(CONFIG_FILES['categories.json'], 'categories.json', f['categories.json'], issues);
  const rules = parseFile(CONFIG_FILES['rules.json'], 'rules.json', f['rules.json'] ?? {}, issues);
  const feedback = parseFile(CONFIG_FILES['feedback.json'], 'feedback.json', f['feedback.json'], issues);
  const schedule = parseFile(CONFIG_FILES['schedule.json'], 'schedule.json', f['schedule.json'], issues);
  const kioskNames = Object.keys(raw.kiosks).sort();
  if (kioskNames.length === 0) issues.push({ file: 'kiosks/', path: '$', message: 'needs at least one kiosk file' });
  const kiosks: KioskFile[] = [];
  for (const name of kioskNames) {
    const k = parseFile(KioskFileSchema, `kiosks/${name}`, raw.kiosks[name], issues);
    if (k) kiosks.push(k);
  }

  if (center) {
    for (const day of WEEKDAY_KEYS) {
      const h = center.openingHours[day];
      if (h && minutesOf(h.open) >= minutesOf(h.close)) {
        issues.push({ file: 'center.json', path: `$.openingHours.${day}`, message: 'opens at or after it closes' });
      }
    }
  }
  if (facilities) {
    duplicates(facilities.kinds, 'facilities.json', '$.kinds', issues);
    duplicates(facilities.facilities, 'facilities.json', '$.facilities', issues);
    const kinds = new Set(facilities.kinds.map((k) => k.id));
    facilities.facilities.forEach((fac, i) => {
      if (!kinds.has(fac.kind)) {
        issues.push({ file: 'facilities.json', path: `$.facilities[${i}].kind`, message: `refers to an unknown facility kind "${fac.kind}"` });
      }
    });
  }
  if (equipment) {
    duplicates(equipment.groups, 'equipment.json', '$.groups', issues);
    equipment.groups.forEach((g, i) => {
      g.outOfService.forEach((unit, j) => {
        if (unit > g.units) {
          issues.push({ file: 'equipment.json', path: `$.groups[${i}].outOfService[${j}]`, message: `unit ${unit} does not exist (the group has ${g.units})` });
        }
      });
    });
  }
  if (categories) duplicates(categories.categories, 'categories.json', '$.categories', issues);
  if (feedback) duplicates(feedback.topics, 'feedback.json', '$.topics', issues);
  if (rules && minutesOf(rules.bookingOpens ?? RULE_DEFAULTS.bookingOpens) >= minutesOf(rules.bookingCloses ?? RULE_DEFAULTS.bookingCloses)) {
    issues.push({ file: 'rules.json', path: '$.bookingOpens', message: 'is not before bookingCloses' });
  }
  duplicates(kiosks, 'kiosks/', '$', issues);

  if (schedule) {
    duplicates(schedule.weekly, 'schedule.json', '$.weekly', issues);
    const categoryIds = new Set(categories?.categories.map((c) => c.id));
    const roomIds = new Set(facilities?.facilities.map((r) => r.id));
    schedule.weekly.forEach((e, i) => {
      if (categories && !categoryIds.has(e.category)) {
        issues.push({ file: 'schedule.json', path: `$.weekly[${i}].category`, message: `refers to an unknown category "${e.category}"` });
      }
      if (facilities && !roomIds.has(e.room)) {
        issues.push({ file: 'schedule.json', path: `$.weekly[${i}].room`, message: `refers to an unknown facility "${e.room}"` });
      }
      if (minutesOf(e.start) + e.minutes > 24 * 60) {
        issues.push({ file: 'schedule.json', path: `$.weekly[${i}].minutes`, message: 'runs past midnight' });
      }
      for (let j = 0; j < i; j++) {
        const o = schedule.weekly[j]!;
        if (o.room !== e.room || o.weekday !== e.weekday) continue;
        const [s1, s2] = [minutesOf(e.start), minutesOf(o.start)];
        if (s1 < s2 + o.minutes && s2 < s1 + e.minutes) {
          issues.push({ file: 'schedule.json', path: `$.weekly[${i}]`, message: `overlaps $.weekly[${j}] ("${o.id}") in room "${e.room}" on ${e.weekday}` });
        }
      }
    });
  }

  if (issues.length > 0 || !center || !facilities || !equipment || !categories || !rules || !feedback || !schedule) {
    return err(issues);
  }
  const { $schema: _c, ...centerData } = center;
  const { $schema: _r, ...ruleOverrides } = rules;
  const merged = { ...RULE_DEFAULTS, ...Object.fromEntries(Object.entries(ruleOverrides).filter(([, x]) => x !== undefined)) } as Rules;
  return ok({
    center: centerData,
    facilityKinds: facilities.kinds,
    facilities: facilities.facilities,
    equipment: equipment.groups,
    categories: categories.categories,
    rules: merged,
    feedbackTopics: feedback.topics,
    weekly: schedule.weekly,
    kiosks,
  });
}

/** One line per issue, for the hub's refusal to start. */
export function formatConfigIssues(issues: readonly ConfigIssue[], dir: string): string {
  const lines = issues.map((i) => `  ${dir.replace(/\/$/, '')}/${i.file.replace(/^kiosks\/$/, 'kiosks')} at ${i.path}: ${i.message}`);
  return `The configuration in ${dir} has ${issues.length === 1 ? 'a problem' : `${issues.length} problems`}:\n${lines.join('\n')}`;
}
