import { api, ApiError, type Me } from '../api.ts';
import { announce, formValues, h } from '../dom.ts';
import { t } from '../i18n.ts';
import { field } from '../components.ts';

/** Activating a pass with the code from the welcome letter. */
export function activatePage(done: (me: Me) => void): HTMLElement {
  const error = h('p', { class: 'error', role: 'alert', tabindex: -1, hidden: true });
  const form = h(
    'form',
    { 'aria-labelledby': 'activate-title', novalidate: true },
    field('act-pass', 'passNumber', t('passNumber'), {
      inputmode: 'numeric',
      autocomplete: 'username',
      required: true,
    }),
    field('act-code', 'activationCode', t('activationCode'), {
      autocomplete: 'one-time-code',
      required: true,
    }),
    field('act-password', 'password', t('newPassword'), {
      type: 'password',
      autocomplete: 'new-password',
      required: true,
      minlength: 10,
    }),
    field('act-email', 'email', t('emailOptional'), { type: 'email', autocomplete: 'email' }),
    error,
    h('button', { type: 'submit' }, t('activate')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const v = formValues(form);
    try {
      const session = await api<{ user: Me }>('/auth/activate', {
        body: {
          passNumber: v.passNumber,
          activationCode: v.activationCode,
          password: v.password,
          ...(v.email ? { email: v.email } : {}),
        },
      });
      done(session.user);
    } catch (e) {
      error.textContent = e instanceof ApiError ? e.message : t('unknownError');
      error.hidden = false;
      error.focus();
      announce(error.textContent);
    }
  });
  return h(
    'div',
    {},
    h('h1', { id: 'activate-title' }, t('activateTitle')),
    h('p', {}, t('activateIntro')),
    form,
  );
}
