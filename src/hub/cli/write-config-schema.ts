import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { configJsonSchema, SCHEMA_NAMES, schemaFileName } from '../config/json-schema';

// `npm run config:schema`: regenerates kiosk-config/schema/*.schema.json after a change to the
// valibot config schemas. A unit test fails while the committed files are stale.
const dir = resolve(process.argv[2] ?? join(process.env.KIOSK_CONFIG_DIR || './kiosk-config', 'schema'));
mkdirSync(dir, { recursive: true });
for (const name of SCHEMA_NAMES) {
  writeFileSync(join(dir, schemaFileName(name)), configJsonSchema(name));
  console.log(`wrote ${join(dir, schemaFileName(name))}`);
}
