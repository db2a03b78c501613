import { translatorFor } from '../../domain/index';

// Words of the phone suggestion form. The form's own labels match the kiosk's suggestion box, so a
// worker who continues on the phone sees the same form.
const en = {
  // the phone badge page (/b/<token>, issue 11)
  badgeTitle: 'My member badge',
  badgeHint: 'Turn the screen brightness up and hold the phone 20–30 cm in front of the kiosk camera.',
  badgeGone: 'This badge link no longer works. Ask the center staff for a new one.',
  badgeNone: 'No badge yet. Ask the center staff.',
  title: 'Suggestion',
  intro: 'Ideas and wishes for the center. The staff read every one.',
  topic: 'What is it about?',
  overall: 'The center overall',
  text: 'Your suggestion',
  textHint: 'Up to {max} characters.',
  contact: 'Contact (optional)',
  contactHint: 'Phone or email, only if you would like an answer.',
  anonymous: 'Anonymous by default: we only know who you are if you leave a contact.',
  send: 'Send',
  thanks: 'Thank you!',
  thanksText: 'Your suggestion is saved. The staff read every one.',
  another: 'Write another suggestion',
  errText: 'Please write your suggestion.',
  errTextLong: 'Your suggestion is too long (at most {max} characters).',
  errContactLong: 'The contact is too long (at most {max} characters).',
  errChars: 'This contains a character that cannot be saved (a control or text-direction character). Please retype it without.',
  errTopic: 'Choose a topic from the list.',
  fix: 'Please correct what is marked below. Your text is kept.',
  forbidden: 'This form has expired or did not come from this site. Reload the page and try again.',
  tooMany: 'Too many suggestions from this connection. Please try again in {n} minutes.',
  language: '中文',
} as const;

export type PhoneKey = keyof typeof en;

const zh: Record<PhoneKey, string> = {
  badgeTitle: '我的会员码',
  badgeHint: '请把屏幕亮度调到最高，将手机放在终端摄像头前 20–30 厘米处。',
  badgeGone: '此会员码链接已失效，请向服务中心工作人员索取新的链接。',
  badgeNone: '尚无会员码，请联系服务中心工作人员。',
  title: '意见建议',
  intro: '对服务中心的想法和期望。工作人员会阅读每一条。',
  topic: '关于哪一方面？',
  overall: '服务中心整体',
  text: '您的建议',
  textHint: '最多 {max} 个字。',
  contact: '联系方式（可选）',
  contactHint: '电话或邮箱，仅在您希望得到答复时填写。',
  anonymous: '默认匿名：除非您留下联系方式，我们不会知道您是谁。',
  send: '提交',
  thanks: '谢谢您！',
  thanksText: '您的建议已保存，工作人员会阅读每一条。',
  another: '再写一条建议',
  errText: '请填写您的建议。',
  errTextLong: '建议太长（最多 {max} 个字）。',
  errContactLong: '联系方式太长（最多 {max} 个字）。',
  errChars: '含有无法保存的字符（控制字符或文字方向控制符），请删去后重新输入。',
  errTopic: '请从列表中选择。',
  fix: '请修改下面标出的内容，您写的文字已保留。',
  forbidden: '此表单已过期或并非来自本站。请刷新页面后重试。',
  tooMany: '此连接提交的建议过多，请 {n} 分钟后再试。',
  language: 'English',
};

export const phoneTranslator = translatorFor<PhoneKey>({ en, 'zh-CN': zh });
export type PhoneT = ReturnType<typeof phoneTranslator>;
