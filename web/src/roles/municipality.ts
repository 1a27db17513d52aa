import { api, type Answer } from '../api.ts';
import { formValues, h } from '../dom.ts';
import { t } from '../i18n.ts';
import { section, table } from '../components.ts';
import { CLUB_KINDS, label, staffTable } from './common.ts';
import { sendForm } from '../forms.ts';

/** Municipality admin: clubs (approve, register), staff, neighbourhoods. */
export function municipalityAdminHome(municipalityId: string): HTMLElement[] {
  const clubs = section('clubs', 'clubs', async (body) => {
    const render = async () => {
      const { items } = await api<Answer<'/api/v1/municipalities/{municipalityId}/clubs'>>(
        `/municipalities/${municipalityId}/clubs`,
      );
      const status = h('p', { role: 'status' });
      body.replaceChildren(
        table(
          t('clubs'),
          [t('name'), t('kind'), t('status'), t('actions')],
          items.map((club) => [
            club.name,
            label.kind(club.kind),
            label.status(club.status),
            club.status === 'pending'
              ? h(
                  'button',
                  {
                    type: 'button',
                    'aria-label': `${t('approve')}: ${club.name}`,
                    onclick: async () => {
                      await api(`/clubs/${club.id}/approve`, { method: 'POST' });
                      await render();
                      const note = body.querySelector('[role=status]');
                      if (note) note.textContent = t('approved', { name: club.name });
                    },
                  },
                  t('approve'),
                )
              : '',
          ]),
        ),
        status,
        registerForm(render),
      );
    };
    await render();
  });
  const staff = section('municipality-staff', 'staff', async (body) => {
    const { items } = await api<Answer<'/api/v1/municipalities/{municipalityId}/staff'>>(
      `/municipalities/${municipalityId}/staff`,
    );
    body.replaceChildren(staffTable(items));
  });
  const hoods = section('neighbourhoods', 'neighbourhoods', async (body) => {
    const { items } = await api<Answer<'/api/v1/municipalities/{municipalityId}/neighbourhoods'>>(
      `/municipalities/${municipalityId}/neighbourhoods`,
    );
    body.replaceChildren(
      table(
        t('neighbourhoods'),
        [t('name'), t('postalCodes')],
        items.map((n) => [n.name, n.postalCodes.join(', ')]),
      ),
    );
  });
  return [clubs, staff, hoods];

  function registerForm(refresh: () => Promise<void>): HTMLElement {
    const status = h('p', { role: 'status' });
    const form = h(
      'form',
      { 'aria-labelledby': 'register-club-title' },
      h('h3', { id: 'register-club-title' }, t('registerClub')),
      h(
        'label',
        { class: 'field', for: 'club-name' },
        h('span', {}, t('clubName')),
        h('input', { id: 'club-name', name: 'name', required: true }),
      ),
      h(
        'label',
        { class: 'field', for: 'club-kind' },
        h('span', {}, t('kind')),
        h(
          'select',
          { id: 'club-kind', name: 'kind' },
          ...CLUB_KINDS.map((k) => h('option', { value: k }, label.kind(k))),
        ),
      ),
      h('button', { type: 'submit' }, t('register')),
      status,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const values = formValues(form);
      void sendForm(form, status, async () => {
        await api(`/municipalities/${municipalityId}/clubs`, {
          body: { name: values.name, kind: values.kind },
        });
        await refresh();
        return t('clubRegistered', { name: values.name ?? '' });
      });
    });
    return form;
  }
}
