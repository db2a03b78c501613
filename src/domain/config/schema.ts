import * as v from 'valibot';
import { LocalizedTextSchema } from '../text';
import { isTime, isValidTimeZone } from '../time';
import { RULE_DEFAULTS } from './defaults';
import { parsePinHash } from '../pin';

// One valibot schema per file of kiosk-config/. The JSON Schemas for editors are generated from these.

const Id = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be a short id: a–z, 0–9, "-" or "_"'));
const Time = v.pipe(v.string(), v.check(isTime, 'must be a time "HH:MM" (00:00–23:59)'));
const Minutes = v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1'));
const Count = v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(0, 'must not be negative'));
const TimeZone = v.pipe(v.string(), v.check(isValidTimeZone, 'is not a known IANA time zone (e.g. "Asia/Shanghai")'));
const SchemaRef = { $schema: v.optional(v.string()) };

const OpeningHours = v.nullable(v.strictObject({ open: Time, close: Time }));
export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export const CenterFileSchema = v.strictObject({
  ...SchemaRef,
  id: Id,
  name: LocalizedTextSchema,
  timeZone: TimeZone,
  // null means closed that day
  openingHours: v.strictObject({
    mon: OpeningHours, tue: OpeningHours, wed: OpeningHours, thu: OpeningHours,
    fri: OpeningHours, sat: OpeningHours, sun: OpeningHours,
  }),
});

const KindRulesSchema = v.strictObject({
  slotMinutes: v.optional(v.pipe(Minutes, v.maxValue(720, 'must be at most 720'))),
  opens: v.optional(Time),
  closes: v.optional(Time),
  horizonDays: v.optional(v.pipe(Minutes, v.maxValue(60, 'must be at most 60'))),
  perDayPerKind: v.optional(Count),
  futureMax: v.optional(Count),
  checkInOpensMinutesBefore: v.optional(Count),
  noShowReleaseMinutesAfter: v.optional(Count),
});

export const FacilitiesFileSchema = v.strictObject({
  ...SchemaRef,
  kinds: v.array(v.strictObject({
    id: Id, name: LocalizedTextSchema, bookable: v.boolean(),
    // this kind's own booking rules over rules.json's (e.g. 30-min table-tennis slots); see domain booking.ts
    rules: v.optional(KindRulesSchema),
  })),
  facilities: v.array(v.strictObject({ id: Id, kind: Id, name: LocalizedTextSchema })),
});

export const EquipmentFileSchema = v.strictObject({
  ...SchemaRef,
  groups: v.array(
    v.strictObject({
      id: Id,
      name: LocalizedTextSchema,
      units: v.pipe(Count, v.minValue(1, 'must be at least 1')),
      // 1-based unit numbers that are out of service
      outOfService: v.optional(v.array(v.pipe(v.number(), v.integer(), v.minValue(1))), []),
    }),
  ),
});

export const CategoriesFileSchema = v.strictObject({
  ...SchemaRef,
  categories: v.array(
    v.strictObject({
      id: Id,
      name: LocalizedTextSchema,
      color: v.pipe(v.string(), v.regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour "#rrggbb"')),
    }),
  ),
});

const ruleEntries = Object.fromEntries(
  Object.entries(RULE_DEFAULTS).map(([key, value]) => [
    key,
    v.optional(typeof value === 'number' ? v.pipe(v.number(), v.minValue(0, 'must not be negative')) : Time),
  ]),
) as unknown as { [K in keyof typeof RULE_DEFAULTS]: v.OptionalSchema<v.GenericSchema<(typeof RULE_DEFAULTS)[K] extends number ? number : string>, undefined> };

export const RulesFileSchema = v.strictObject({ ...SchemaRef, ...ruleEntries });

export const FeedbackFileSchema = v.strictObject({
  ...SchemaRef,
  topics: v.array(v.strictObject({ id: Id, name: LocalizedTextSchema })),
});

export const WeeklyEntrySchema = v.strictObject({
  id: Id,
  category: Id,
  title: LocalizedTextSchema,
  weekday: v.picklist(WEEKDAY_KEYS, 'must be one of mon, tue, wed, thu, fri, sat, sun'),
  start: Time,
  minutes: Minutes,
  room: Id,
  instructor: v.pipe(v.string(), v.maxLength(80)),
  capacity: v.nullable(Count),
});
export type WeeklyEntry = v.InferOutput<typeof WeeklyEntrySchema>;

export const ScheduleFileSchema = v.strictObject({
  ...SchemaRef,
  // repeated every week, so a demo or a stable timetable is never empty
  weekly: v.array(WeeklyEntrySchema),
});

// checkin: identification (camera, card reader, keypad), visits and classes; gym: equipment on the member
// screen and occupancy with the queue head on the attract screen
export const KIOSK_FEATURES = ['schedule', 'checkin', 'gym', 'book', 'rate', 'suggest'] as const;
export type KioskFeature = (typeof KIOSK_FEATURES)[number];
// how the kiosk's screen stands: 'auto' follows the browser window (a rotated panel rotates it too)
export const ORIENTATIONS = ['auto', 'landscape', 'portrait'] as const;
export type Orientation = (typeof ORIENTATIONS)[number];

export const KioskFileSchema = v.strictObject({
  ...SchemaRef,
  id: Id,
  name: v.pipe(v.string(), v.minLength(1)),
  features: v.array(v.picklist(KIOSK_FEATURES, `must be one of ${KIOSK_FEATURES.join(', ')}`)),
  idleSeconds: v.optional(v.pipe(Minutes, v.minValue(5, 'must be at least 5'))),
  // PBKDF2 hash "pbkdf2-sha256$iterations$salt$hash" (base64url) of the staff PIN: the kiosk checks it
  // offline with WebCrypto, which has PBKDF2 but no scrypt
  staffPinHash: v.optional(v.pipe(v.string(), v.check((x) => parsePinHash(x) !== null, 'must be made by npm run pin-hash (pbkdf2-sha256$…)'))),
  // 'user' (front) or 'environment' (back), or a device label remembered from staff mode
  camera: v.optional(v.string(), 'user'),
  // the screen's orientation when the window does not say it right (a panel turned without the OS knowing)
  orientation: v.optional(v.picklist(ORIENTATIONS, `must be one of ${ORIENTATIONS.join(', ')}`), 'auto'),
  // false: no camera picture on any screen, only a small "camera on" mark (the camera still reads)
  cameraPreview: v.optional(v.boolean(), true),
});

export type CenterFile = v.InferOutput<typeof CenterFileSchema>;
export type FacilitiesFile = v.InferOutput<typeof FacilitiesFileSchema>;
export type EquipmentFile = v.InferOutput<typeof EquipmentFileSchema>;
export type CategoriesFile = v.InferOutput<typeof CategoriesFileSchema>;
export type RulesFile = v.InferOutput<typeof RulesFileSchema>;
export type FeedbackFile = v.InferOutput<typeof FeedbackFileSchema>;
export type ScheduleFile = v.InferOutput<typeof ScheduleFileSchema>;
export type KioskFile = v.InferOutput<typeof KioskFileSchema>;

/** Every file of kiosk-config/ with its schema; kiosks/*.json each use KioskFileSchema. */
export const CONFIG_FILES = {
  'center.json': CenterFileSchema,
  'facilities.json': FacilitiesFileSchema,
  'equipment.json': EquipmentFileSchema,
  'categories.json': CategoriesFileSchema,
  'rules.json': RulesFileSchema,
  'feedback.json': FeedbackFileSchema,
  'schedule.json': ScheduleFileSchema,
} as const;
export type ConfigFileName = keyof typeof CONFIG_FILES;
