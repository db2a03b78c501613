import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configJsonSchema, SCHEMA_NAMES, schemaFileName } from '../../../src/hub/config/json-schema';
import { CONFIG_DIR } from './harness';

describe('kiosk-config JSON Schemas', () => {
  it.each(SCHEMA_NAMES)('kiosk-config/schema/%s.schema.json matches the valibot schema (run npm run config:schema if not)', (name) => {
    const onDisk = readFileSync(join(CONFIG_DIR, 'schema', schemaFileName(name)), 'utf8');
    expect(onDisk).toBe(configJsonSchema(name));
  });

  it('describes unknown fields as not allowed, like the hub does', () => {
    const schema = JSON.parse(configJsonSchema('center'));
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'name', 'timeZone', 'openingHours']));
  });
});
