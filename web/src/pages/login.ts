import { api, ApiError, type Me } from '../api.ts';
import { announce, formValues, h } from '../dom.ts';
import { t } from '../i18n.ts';

/** The sign-in form; calls `done` with the signed-in user. */
export function loginPage(done: (me: Me) => void): HTMLElement {
  const error = h('p', { id: 'login-error', class: 'error', role: 'alert', tabindex: -1, hidden: true });
  const login = h('input', {
    id: 'login',
    name: 'login',
    autocomplete: 'username',
    required: true,
    'aria-describedby': 'login-error',
  });
  const password = h('input', {
    id: 'password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
    'aria-describedby': 'login-error',
  });
  const submit = h('button', { type: 'submit' }, t('signIn'));
  const form = h(
    'form',
    { novalidate: true, 'aria-labelledby': 'login-title' },
    h('label', { class: 'field', for: 'login' }, h('span', {}, t('login')), login),
    h('label', { class: 'field', for: 'password' }, h('span', {}, t('password')), password),
    error,
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    error.hidden = true;
    try {
      const values = formValues(form);
      const session = await api<{ user: Me }>('/auth/login', {
        body: { login: values.login ?? '', password: values.password ?? '' },
      });
      done(session.user);
    } catch (e) {
      error.textContent = e instanceof ApiError ? e.message : t('unknownError');
      error.hidden = false;
      login.setAttribute('aria-invalid', 'true');
      password.setAttribute('aria-invalid', 'true');
      error.focus();
      announce(error.textContent);
    } finally {
      submit.disabled = false;
    }
  });
  return h(
    'div',
    {},
    h('h1', { id: 'login-title' }, t('signInTitle')),
    h('p', {}, t('signInIntro')),
    form,
    h('p', {}, h('a', { href: '#/activate' }, t('haveLetter'))),
    h('p', { class: 'muted' }, t('noAccount')),
  );
}
