import * as m001 from './001-init';

export interface Migration {
  readonly id: string;
  readonly sql: string;
}

/** Every migration, oldest first. Append new ones; never reorder or edit applied ones. */
export const MIGRATIONS: readonly Migration[] = [m001];
