// Words of logging in, in both languages, under `auth.` in the admin's catalog (i18n.ts).
// English is the key source; zh-CN must have every key (a missing one is a compile error).
export const en = {
  title: 'Admin login',
  username: 'Username',
  password: 'Password',
  logIn: 'Log in',
  loginFailed: 'Wrong username or password.',
  tooManyAttempts: 'Too many attempts; try again in {n} minutes.',
} as const;

export const zh: Record<keyof typeof en, string> = {
  title: '管理员登录',
  username: '用户名',
  password: '密码',
  logIn: '登录',
  loginFailed: '用户名或密码错误。',
  tooManyAttempts: '尝试次数过多，请 {n} 分钟后再试。',
};
