import { toJsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { CONFIG_FILES, KioskFileSchema } from '../../domain/index';

// JSON Schemas for people editing kiosk-config/ in an editor (the files point at them via "$schema").
// Generated from the same valibot schemas the hub validates with, so they cannot drift apart; checks
// that JSON Schema cannot express (time zones, overlaps, references between files) are left to the hub.

export const SCHEMA_NAMES = ['center', 'facilities', 'equipment', 'categories', 'rules', 'feedback', 'schedule', 'kiosk'] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];

const SOURCES: Record<SchemaName, v.GenericSchema> = {
  center: CONFIG_FILES['center.json'],
  facilities: CONFIG_FILES['facilities.json'],
  equipment: CONFIG_FILES['equipment.json'],
  categories: CONFIG_FILES['categories.json'],
  rules: CONFIG_FILES['rules.json'],
  feedback: CONFIG_FILES['feedback.json'],
  schedule: CONFIG_FILES['schedule.json'],
  kiosk: KioskFileSchema,
};

/** The JSON Schema of one config file, as the text written to kiosk-config/schema/<name>.schema.json. */
export function configJsonSchema(name: SchemaName): string {
  // errorMode 'ignore': custom v.check actions (time zone, HH:MM) have no JSON Schema form and are skipped
  const schema = toJsonSchema(SOURCES[name], { errorMode: 'ignore', typeMode: 'input' });
  const { $schema: _draft, ...body } = schema;
  const doc = { $schema: 'http://json-schema.org/draft-07/schema#', title: `kiosk-config ${name}`, ...body };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function schemaFileName(name: SchemaName): string {
  return `${name}.schema.json`;
}
