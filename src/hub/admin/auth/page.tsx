import { Layout, type PageContext } from '../layout';

export function LoginPage(props: { ctx: PageContext; error?: string | undefined; username?: string }) {
  const { t } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t('auth.title')}>
      <form class="login" method="post" action="/admin/login">
        <h2>{t('auth.title')}</h2>
        {props.error && <p class="problem" role="alert">{props.error}</p>}
        <input type="hidden" name="_csrf" value={props.ctx.csrf} />
        <p>
          <label for="username">{t('auth.username')}</label>
          <input id="username" name="username" autocomplete="username" required value={props.username ?? 'admin'} />
        </p>
        <p>
          <label for="password">{t('auth.password')}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
        </p>
        <button type="submit">{t('auth.logIn')}</button>
      </form>
    </Layout>
  );
}
