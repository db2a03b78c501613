import * as m001 from './001-init';
import * as m002 from './002-kiosks-events';
import * as m003 from './003-rating-reasons';
import * as m004 from './004-members-badges';
import * as m005 from './005-checkins';
import * as m006 from './006-bookings';
import * as m007 from './007-short-badges';
import * as m008 from './008-demo-marks';
import * as m009 from './009-sync-log';
import * as m010 from './010-sync-old-keys';
import * as m011 from './011-voice';
import * as m012 from './012-receipts';
import * as m013 from './013-board';
import * as m014 from './014-first-reply';
import * as m015 from './015-polls';

export interface Migration {
  readonly id: string;
  readonly sql: string;
}

/** Every migration, oldest first. Append new ones; never reorder or edit applied ones. */
export const MIGRATIONS: readonly Migration[] = [m001, m002, m003, m004, m005, m006, m007, m008, m009, m010, m011, m012, m013, m014, m015];
