import type { Catalogs } from '../../domain/text';
import { memberEn } from './member.en';
import { memberZhCN } from './member.zh-CN';
import { wordsFor } from './t';

// t() for the member screen's words, imported only by its chunk (see t.ts wordsFor).

export type MemberKey = keyof typeof memberEn;
export const MEMBER_CATALOGS: Catalogs<MemberKey> = { en: memberEn, 'zh-CN': memberZhCN };

export const tMember = wordsFor(MEMBER_CATALOGS);
