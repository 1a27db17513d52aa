import { api, ApiError, type Answer } from '../api.ts';
import { announce, formValues, h } from '../dom.ts';
import { t } from '../i18n.ts';
import { choice, field, section, table } from '../components.ts';
import { CLUB_KINDS, label, staffTable, type StaffMember } from './common.ts';
import { sendForm } from '../forms.ts';

const STAFF_ROLES = ['counter', 'municipality_admin'] as const;

/** Municipality admin: clubs (approve, register), staff, neighbourhoods. */
export function municipalityAdminHome(municipalityId: string): HTMLElement[] {
  const clubs = section('clubs', 'clubs', async (body) => {
    const list = h('div', {});
    const status = h('p', { role: 'status', tabindex: '-1', id: 'clubs-status' });
    const say = (text: string, ok: boolean) => {
      status.className = ok ? 'ok' : 'error';
      status.textContent = text;
      announce(text);
    };
    const render = async () => {
      const { items } = await api<Answer<'/api/v1/municipalities/{municipalityId}/clubs'>>(
        `/municipalities/${municipalityId}/clubs`,
      );
      list.replaceChildren(
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
                      try {
                        await api(`/clubs/${club.id}/approve`, { method: 'POST' });
                      } catch (e) {
                        say(e instanceof ApiError ? e.message : t('unknownError'), false);
                        return;
                      }
                      await render();
                      // The button is gone: focus goes to the line that says what was saved.
                      say(t('approved', { name: club.name }), true);
                      status.focus();
                    },
                  },
                  t('approve'),
                )
              : '',
          ]),
        ),
      );
    };
    await render();
    body.replaceChildren(list, status, registerForm(render));
  });
  const staff = section('municipality-staff', 'staff', async (body) => {
    const list = h('div', {});
    const show = (items: StaffMember[]) => list.replaceChildren(staffTable(items));
    show(
      (
        await api<Answer<'/api/v1/municipalities/{municipalityId}/staff'>>(
          `/municipalities/${municipalityId}/staff`,
        )
      ).items,
    );
    body.replaceChildren(list, addStaffForm(show));
  });
  const hoods = section('neighbourhoods', 'neighbourhoods', async (body) => {
    const { items } = await api<Answer<'/api/v1/municipalities/{municipalityId}/neighbourhoods'>>(
      `/municipalities/${municipalityId}/neighbourhoods`,
    );
    body.replaceChildren(
      table(
        t('neighbourhoods'),
        [t('name'), t('postalCodes')],
        items.map((n) => [n.name, n.postalCodes.join(', ') || t('munNoPostalCodes')]),
      ),
    );
  });
  return [clubs, staff, hoods];

  function registerForm(refresh: () => Promise<void>): HTMLElement {
    const status = h('p', { role: 'status' });
    const form = h(
      'form',
      { 'aria-labelledby': 'register-club-title', id: 'register-club', novalidate: true },
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

  /** Adds a counter clerk or another admin of the municipality; creates the account when needed. */
  function addStaffForm(show: (items: StaffMember[]) => void): HTMLElement {
    const status = h('p', { role: 'status' });
    const form = h(
      'form',
      { 'aria-labelledby': 'add-staff-title', id: 'add-staff', novalidate: true },
      h('h3', { id: 'add-staff-title' }, t('munAddStaff')),
      field('staff-name', 'displayName', t('displayName'), { required: true, maxlength: 120 }),
      field('staff-email', 'email', t('email'), { type: 'email', required: true }),
      field('staff-password', 'password', t('firstPassword'), {
        type: 'password',
        autocomplete: 'new-password',
      }),
      choice(
        'staff-role',
        'role',
        t('role'),
        STAFF_ROLES.map((r) => [r, label.role(r)]),
        'counter',
      ),
      h('button', { type: 'submit' }, t('add')),
      status,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const v = formValues(form);
      void sendForm(form, status, async () => {
        const { items } = await api<Answer<'/api/v1/municipalities/{municipalityId}/staff', 'post'>>(
          `/municipalities/${municipalityId}/staff`,
          {
            body: {
              displayName: v.displayName,
              email: v.email,
              role: v.role,
              ...(v.password ? { password: v.password } : {}),
            },
          },
        );
        show(items);
        return t('munStaffAdded', {
          name: v.displayName ?? '',
          role: label.role(v.role ?? '').toLocaleLowerCase(),
        });
      });
    });
    return form;
  }
}
