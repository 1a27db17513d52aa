import { api, ApiError, type Answer } from '../api.ts';
import { announce, formValues, h } from '../dom.ts';
import { format, t } from '../i18n.ts';
import { go } from '../router.ts';
import { choice, field, table } from '../components.ts';

/** Counter: find a resident by name, pass number or birth date. */
export function counterSearchPage(): HTMLElement {
  const results = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    { role: 'search', 'aria-label': t('findResident') },
    field('search-q', 'q', t('nameOrPassNumber'), { autocomplete: 'off' }),
    field('search-birth', 'birthDate', t('birthDate'), { type: 'date' }),
    h('button', { type: 'submit' }, t('search')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const v = formValues(form);
    const params = new URLSearchParams();
    if (v.q) params.set('q', v.q);
    if (v.birthDate) params.set('birthDate', v.birthDate);
    try {
      const { items } = await api<Answer<'/api/v1/passholders'>>(`/passholders?${params}`);
      results.replaceChildren(
        items.length === 0
          ? h('p', {}, t('noResults'))
          : table(
              t('results'),
              [t('name'), t('birthDate'), t('passNumber')],
              items.map((r) => [
                h('a', { href: `#/counter/p/${r.id}` }, `${r.firstName} ${r.lastName}`),
                format.date(r.birthDate),
                format.passNumber(r.passNumber),
              ]),
            ),
      );
      announce(t('resultCount', { count: items.length }));
    } catch (e) {
      results.replaceChildren(
        h('p', { class: 'error', role: 'alert' }, e instanceof ApiError ? e.message : t('unknownError')),
      );
    }
  });
  return h(
    'div',
    {},
    h('h1', {}, t('findResident')),
    form,
    results,
    h('p', {}, h('a', { href: '#/counter/new', class: 'button' }, t('registerResident'))),
  );
}

/** Counter: register a resident; shows a possible duplicate and asks to confirm. */
export async function counterRegisterPage(municipalityId: string): Promise<HTMLElement> {
  const { items: hoods } = await api<Answer<'/api/v1/municipalities/{municipalityId}/neighbourhoods'>>(
    `/municipalities/${municipalityId}/neighbourhoods`,
  );
  const status = h('div', { role: 'alert', tabindex: -1 });
  let confirmDuplicate = false;
  const form = h(
    'form',
    { 'aria-labelledby': 'register-title', novalidate: true },
    field('reg-first', 'firstName', t('firstName'), { required: true, autocomplete: 'off' }),
    field('reg-last', 'lastName', t('lastName'), { required: true, autocomplete: 'off' }),
    field('reg-birth', 'birthDate', t('birthDate'), { type: 'date', required: true }),
    field('reg-postal', 'postalCode', t('postalCode'), {
      required: true,
      inputmode: 'numeric',
      pattern: '[0-9]{4}',
    }),
    choice('reg-hood', 'neighbourhoodId', t('neighbourhood'), [
      ['', '—'],
      ...hoods.map((n): [string, string] => [n.id, n.name]),
    ]),
    choice('reg-locale', 'locale', t('language'), [
      ['nl', 'Nederlands'],
      ['fr', 'Français'],
      ['en', 'English'],
    ]),
    field('reg-email', 'email', t('emailOptional'), { type: 'email' }),
    field('reg-phone', 'phone', t('phoneOptional'), { type: 'tel' }),
    field('reg-address', 'address', t('addressOptional')),
    status,
    h('button', { type: 'submit' }, t('register')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const v = formValues(form);
    const body = {
      firstName: v.firstName,
      lastName: v.lastName,
      birthDate: v.birthDate,
      postalCode: v.postalCode,
      neighbourhoodId: v.neighbourhoodId || null,
      locale: v.locale,
      email: v.email || null,
      phone: v.phone || null,
      address: v.address || null,
      confirmDuplicate,
    };
    try {
      const result = await api<Answer<'/api/v1/passholders', 'post'>>('/passholders', { body });
      sessionStorage.setItem(
        `letter:${result.passholder.id}`,
        JSON.stringify({ code: result.activationCode, expiresAt: result.activationExpiresAt }),
      );
      go(`counter/p/${result.passholder.id}`);
    } catch (e) {
      const err = e instanceof ApiError ? e : null;
      status.className = 'error';
      status.textContent = err?.message ?? t('unknownError');
      if (err?.code === 'possible_duplicate') {
        confirmDuplicate = true;
        status.append(' ', t('confirmDuplicate'));
      }
      for (const f of err?.fields ?? []) {
        form.querySelector(`[name="${f.pointer.slice(1)}"]`)?.setAttribute('aria-invalid', 'true');
      }
      status.focus();
    }
  });
  return h('div', {}, h('h1', { id: 'register-title' }, t('registerResident')), form);
}
