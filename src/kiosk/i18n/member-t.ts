import type { Lang } from '../../domain/text';
import { memberEn } from './member.en';
import { memberZhCN } from './member.zh-CN';
import { wordsFor } from './t';

// t() for the member screen's words, imported only by its chunk (see t.ts wordsFor).

export type MemberKey = keyof typeof memberEn;
export const MEMBER_CATALOGS: Readonly<Record<Lang, Readonly<Record<MemberKey, string>>>> = { en: memberEn, 'zh-CN': memberZhCN };

export const tMember = wordsFor(MEMBER_CATALOGS);
