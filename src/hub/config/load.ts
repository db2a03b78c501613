import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  CONFIG_FILES, err, formatConfigIssues, ok, validateConfig,
  type CenterConfig, type ConfigFileName, type ConfigIssue, type Result,
} from '../../domain/index';
import { locateJsonError } from './json-error';

/**
 * Reads and validates kiosk-config/. Every problem becomes one line of one message naming the file,
 * the JSON path (or line and column for broken JSON) and what is wrong; nothing here throws.
 */
export function loadConfig(dir: string): Result<CenterConfig, string> {
  try {
    if (!statSync(dir).isDirectory()) return err(`The configuration folder ${dir} is not a folder (set KIOSK_CONFIG_DIR).`);
  } catch {
    return err(`The configuration folder ${dir} does not exist (set KIOSK_CONFIG_DIR to the folder with center.json).`);
  }
  const issues: ConfigIssue[] = [];
  const files: Partial<Record<ConfigFileName, unknown>> = {};
  for (const name of Object.keys(CONFIG_FILES) as ConfigFileName[]) {
    // rules.json may be left out: every rule then has its default
    const value = readJson(dir, name, issues, name === 'rules.json');
    if (value !== undefined) files[name] = value;
  }
  const kiosks: Record<string, unknown> = {};
  let kioskNames: string[] = [];
  try {
    kioskNames = readdirSync(join(dir, 'kiosks')).filter((n) => n.endsWith('.json')).sort();
  } catch {
    issues.push({ file: 'kiosks/', path: '$', message: 'folder is missing: it needs one file per kiosk device' });
  }
  for (const name of kioskNames) {
    const value = readJson(dir, `kiosks/${name}`, issues, false);
    if (value !== undefined) kiosks[name] = value;
  }
  // A file that could not be read is already reported; do not add "file is missing" for it too.
  const unreadable = new Set(issues.map((i) => i.file));
  const result = validateConfig({ files, kiosks });
  if (!result.ok) {
    for (const i of result.error) if (!(unreadable.has(i.file) && i.message === 'file is missing')) issues.push(i);
  }
  if (issues.length > 0 || !result.ok) return err(formatConfigIssues(issues, dir));
  return ok(result.value);
}

function readJson(dir: string, file: string, issues: ConfigIssue[], optional: boolean): unknown {
  let text: string;
  try {
    text = readFileSync(join(dir, file), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      if (!optional) issues.push({ file, path: '$', message: 'file is missing' });
    } else {
      issues.push({ file, path: '$', message: `cannot be read (${code ?? (e as Error).message})` });
    }
    return undefined;
  }
  // Editors on Windows may save a byte-order mark; JSON.parse rejects it.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const at = locateJsonError(text);
    issues.push({ file, path: `line ${at.line}, column ${at.column}`, message: `is not valid JSON: ${at.message}` });
    return undefined;
  }
}
