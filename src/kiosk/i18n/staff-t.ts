import type { Catalogs } from '../../domain/text';
import { wordsFor } from './t';
import { staffEn } from './staff.en';
import { staffZhCN } from './staff.zh-CN';

// t() for staff mode's own words, imported only by the staff-mode chunk (issue 12 made room in the start
// budget this way): a worker's kiosk never loads them unless staff open the panel.

export type StaffKey = keyof typeof staffEn;
export const STAFF_CATALOGS: Catalogs<StaffKey> = { en: staffEn, 'zh-CN': staffZhCN };

export const tStaff = wordsFor(STAFF_CATALOGS);
