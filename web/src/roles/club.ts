import { api, type Answer } from '../api.ts';
import { formValues, h } from '../dom.ts';
import { format, t } from '../i18n.ts';
import { section, table } from '../components.ts';
import { label, staffTable } from './common.ts';
import { sendForm } from '../forms.ts';

type Club = Answer<'/api/v1/clubs/{clubId}'>;
type Activity = Answer<'/api/v1/clubs/{clubId}/activities'>['items'][number];

function activitiesTable(items: Activity[]): HTMLElement {
  if (items.length === 0) return h('p', {}, t('noActivities'));
  return table(
    t('comingActivities'),
    [t('when'), t('activity'), t('price'), t('places')],
    items.map((a) => [
      format.dateTime(a.startsAt),
      a.title,
      a.regularPriceCents === 0 ? t('free') : format.cents(a.regularPriceCents),
      a.capacity === null ? t('unlimited') : String(a.capacity),
    ]),
  );
}

/** Club admin: the club, its coming activities and its staff (with a form to add door staff). */
export function clubAdminHome(clubId: string): HTMLElement[] {
  const overview = section(`club-${clubId}`, 'roleClubAdmin', async (body) => {
    const [club, activities] = await Promise.all([
      api<Club>(`/clubs/${clubId}`),
      api<Answer<'/api/v1/clubs/{clubId}/activities'>>(`/clubs/${clubId}/activities`),
    ]);
    body.replaceChildren(
      h('p', {}, h('strong', {}, club.name), ` · ${label.kind(club.kind)} · ${label.status(club.status)}`),
      h('h3', {}, t('comingActivities')),
      activitiesTable(activities.items),
    );
  });
  const staff = section(`club-staff-${clubId}`, 'staff', async (body) => {
    const render = async () => {
      const { items } = await api<Answer<'/api/v1/clubs/{clubId}/staff'>>(`/clubs/${clubId}/staff`);
      body.replaceChildren(staffTable(items), addDoorForm(render));
    };
    await render();
  });
  return [overview, staff];

  function addDoorForm(refresh: () => Promise<void>): HTMLElement {
    const status = h('p', { role: 'status' });
    const field = (id: string, name: string, key: Parameters<typeof t>[0], type = 'text') =>
      h(
        'label',
        { class: 'field', for: id },
        h('span', {}, t(key)),
        h('input', { id, name, type, required: true }),
      );
    const form = h(
      'form',
      { 'aria-labelledby': 'add-door-title' },
      h('h3', { id: 'add-door-title' }, t('addDoorStaff')),
      field('door-name', 'displayName', 'displayName'),
      field('door-email', 'email', 'email', 'email'),
      field('door-password', 'password', 'firstPassword', 'password'),
      h('button', { type: 'submit' }, t('add')),
      status,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const values = formValues(form);
      void sendForm(form, status, async () => {
        await api(`/clubs/${clubId}/staff`, { body: { ...values, role: 'door' } });
        await refresh();
        return t('staffAdded', { name: values.displayName ?? '' });
      });
    });
    return form;
  }
}

/** Door staff: which club they welcome for, and what is coming (scanning arrives with passes). */
export function doorHome(clubId: string): HTMLElement[] {
  return [
    section(`door-${clubId}`, 'roleDoor', async (body) => {
      const [club, activities] = await Promise.all([
        api<Club>(`/clubs/${clubId}`),
        api<Answer<'/api/v1/clubs/{clubId}/activities'>>(`/clubs/${clubId}/activities`),
      ]);
      body.replaceChildren(
        h('p', {}, t('doorIntro', { club: club.name })),
        h('h3', {}, t('comingActivities')),
        activitiesTable(activities.items),
      );
    }),
  ];
}
