import { translatorFor, type Lang } from '../../domain/index';
import * as auth from './auth/i18n';
import * as schedule from './schedule/i18n';
import * as kiosks from './kiosks/i18n';
import * as feedback from './feedback/i18n';
import * as suggestions from './suggestions/i18n';
import * as members from './members/i18n';
import * as today from './today/i18n';
import * as bookings from './bookings/i18n';
import * as polls from './polls/i18n';

// The admin's words in both languages: the frame and the menu here, each page's in its folder's i18n.ts,
// joined under the page's name (`members.title`), so a page's words are found next to the page and two
// pages cannot take each other's key. English is the key source; zh-CN must have every key.
const frameEn = {
  appTitle: 'Service center admin',
  logOut: 'Log out',
  logOutEverywhere: 'Log out everywhere',
  forbidden: 'This form has expired or did not come from this site. Go back, reload the page and try again.',
  tooLarge: 'The form is too large.',
  notFound: 'There is no such page or entry.',
  serverError: 'Something went wrong on the hub. The error was logged; please try again.',
  backToSchedule: 'Back to the schedule',
  'nav.kiosks': 'Kiosks',
  language: '中文',
  'nav.schedule': 'Schedule',
  'nav.feedback': 'Feedback',
  'nav.suggestions': 'Suggestions',
  'nav.members': 'Members',
  'nav.today': 'Today',
  'nav.bookings': 'Bookings',
  'nav.polls': 'Polls',
} as const;

const frameZh: Record<keyof typeof frameEn, string> = {
  appTitle: '服务中心管理',
  logOut: '退出登录',
  logOutEverywhere: '全部设备退出登录',
  forbidden: '此表单已过期或并非来自本站。请返回、刷新页面后重试。',
  tooLarge: '提交的表单过大。',
  notFound: '没有这个页面或条目。',
  serverError: '服务器出错，已记录错误，请重试。',
  backToSchedule: '返回日程',
  'nav.kiosks': '自助终端',
  language: 'English',
  'nav.schedule': '日程',
  'nav.feedback': '评价',
  'nav.suggestions': '意见建议',
  'nav.members': '会员',
  'nav.today': '今日',
  'nav.bookings': '预约',
  'nav.polls': '意见征集',
};

type Namespaced<N extends string, C> = { readonly [K in keyof C & string as `${N}.${K}`]: string };

function under<N extends string, C extends Readonly<Record<string, string>>>(ns: N, catalog: C): Namespaced<N, C> {
  return Object.fromEntries(Object.entries(catalog).map(([k, v]) => [`${ns}.${k}`, v])) as Namespaced<N, C>;
}

const en = {
  ...frameEn,
  ...under('auth', auth.en),
  ...under('schedule', schedule.en),
  ...under('kiosks', kiosks.en),
  ...under('feedback', feedback.en),
  ...under('suggestions', suggestions.en),
  ...under('members', members.en),
  ...under('today', today.en),
  ...under('bookings', bookings.en),
  ...under('polls', polls.en),
};

export type MessageKey = keyof typeof en;

const zh: Record<MessageKey, string> = {
  ...frameZh,
  ...under('auth', auth.zh),
  ...under('schedule', schedule.zh),
  ...under('kiosks', kiosks.zh),
  ...under('feedback', feedback.zh),
  ...under('suggestions', suggestions.zh),
  ...under('members', members.zh),
  ...under('today', today.zh),
  ...under('bookings', bookings.zh),
  ...under('polls', polls.zh),
};

export const CATALOGS: Record<Lang, Record<MessageKey, string>> = { en, 'zh-CN': zh };

export const translator = translatorFor(CATALOGS);

/** Whether a key made at run time (a code the hub may add later, say) has words. */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(en, key);

/** The words for a key made at run time, or `fallback` (the code as it came) where there are none. */
export const wordOr = (ctx: { readonly t: T }, key: string, fallback: string): string => (isMessageKey(key) ? ctx.t(key) : fallback);
export type T = ReturnType<typeof translator>;
