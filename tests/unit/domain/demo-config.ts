import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, '../../../kiosk-config');
const read = (path: string): unknown => JSON.parse(readFileSync(join(dir, path), 'utf8'));

/** A fresh, deep copy of the shipped demo configuration, ready to be broken by a test. */
export function demoRaw(): { files: Record<string, any>; kiosks: Record<string, any> } {
  const files: Record<string, any> = {};
  for (const name of readdirSync(dir)) if (name.endsWith('.json')) files[name] = read(name);
  const kiosks: Record<string, any> = {};
  for (const name of readdirSync(join(dir, 'kiosks'))) kiosks[name] = read(join('kiosks', name));
  return { files, kiosks };
}
