import { api, ApiError, type Answer } from '../api.ts';
import { announce, formValues, h } from '../dom.ts';
import { format, t } from '../i18n.ts';
import { button, choice, confirmStep, emptyState, field, table } from '../components.ts';
import { sendForm } from '../forms.ts';
import { ACCESS, CATEGORIES, type Activity } from './activities.ts';
import { membershipOffersSection } from './membership-offers.ts';

type ClubActivities = Answer<'/api/v1/clubs/{clubId}/activities'>;
type ClubActivity = ClubActivities['items'][number];

/** Where the API's field problems belong in the activity form (pointer -> control name). */
const ACTIVITY_FIELDS = {
  '/regularPriceCents': 'price',
  '/venue/name': 'venue',
  '/venue/address': 'address',
  '/repeatWeekly': 'repeat',
  '/description/nl': 'description',
};

/** Club admin: the activity editor and the club's coming activities. */
export async function clubActivitiesPage(clubId: string): Promise<HTMLElement> {
  const list = h('div', {});
  const club = await api<Answer<'/api/v1/clubs/{clubId}'>>(`/clubs/${clubId}`);
  const approved = club.status === 'approved';
  const listStatus = h('p', { role: 'status' });
  const publishButton = (a: ClubActivity) => {
    const button = h('button', { type: 'button', class: 'secondary', disabled: !approved }, t('publishNow'));
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await api(`/activities/${a.id}/publish`, { method: 'POST' });
        listStatus.className = 'ok';
        listStatus.textContent = `${a.title}: ${t('published')}`;
        announce(listStatus.textContent);
        await render();
      } catch (e) {
        button.disabled = false;
        listStatus.className = 'error';
        listStatus.textContent = e instanceof ApiError ? e.message : t('unknownError');
      }
    });
    return button;
  };
  const render = async () => {
    const { items } = await api<ClubActivities>(`/clubs/${clubId}/activities`);
    list.replaceChildren(
      table(
        t('comingActivities'),
        [t('when'), t('activity'), t('places'), t('signups')],
        items
          .filter((a) => !a.cancelled)
          .map((a) => [
            format.shortDateTime(a.startsAt),
            h(
              'span',
              {},
              h('a', { href: `#/club/activities/${a.id}` }, a.title),
              // (a club awaiting approval cannot publish: the note above says so, no dead button here)
              ...(a.draft ? [' ', h('strong', { class: 'tag' }, t('draft'))] : []),
              ...(a.draft && approved ? [' ', publishButton(a)] : []),
            ),
            a.capacity === null ? t('unlimited') : String(a.capacity),
            String(a.signedUp),
          ]),
      ),
      listStatus,
    );
  };
  const status = h('p', { role: 'status' });
  const local = (d: Date) =>
    new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  const tomorrow = new Date(Date.now() + 86_400_000);
  const draftBox = h('input', {
    id: 'act-draft',
    type: 'checkbox',
    name: 'draft',
    value: 'yes',
    checked: !approved,
    disabled: !approved,
  });
  const submit = h('button', { type: 'submit' }, approved ? t('publish') : t('saveDraft'));
  const form = h(
    'form',
    { 'aria-labelledby': 'new-activity-title' },
    h('h2', { id: 'new-activity-title' }, t('newActivity')),
    field('act-title', 'title', t('title'), { required: true, maxlength: 120 }),
    choice(
      'act-category',
      'category',
      t('kind'),
      CATEGORIES.map(([v, k]) => [v, t(k)]),
    ),
    field('act-start', 'startsAt', t('startsAt'), {
      type: 'datetime-local',
      required: true,
      value: local(tomorrow),
    }),
    field('act-end', 'endsAt', t('endsAt'), {
      type: 'datetime-local',
      required: true,
      value: local(new Date(tomorrow.getTime() + 7_200_000)),
    }),
    field('act-capacity', 'capacity', t('capacityOptional'), { type: 'number', min: 1 }),
    field('act-price', 'price', t('regularPriceEuro'), {
      type: 'number',
      min: 0,
      step: 0.01,
      value: 0,
      required: true,
    }),
    field('act-points', 'points', t('points'), { type: 'number', min: 0, max: 100, value: 1 }),
    field('act-venue', 'venue', t('venue')),
    field('act-address', 'address', t('address')),
    field('act-description', 'description', t('description')),
    field('act-repeat', 'repeat', t('repeatWeekly'), { type: 'number', min: 0, max: 52, value: 0 }),
    h(
      'fieldset',
      {},
      h('legend', {}, t('accessibility')),
      ...Object.entries(ACCESS).map(([value, key]) =>
        h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'access', value }), ` ${t(key)}`),
      ),
    ),
    h('label', { class: 'check', for: 'act-draft' }, draftBox, ` ${t('saveAsDraft')}`),
    submit,
    status,
  );
  // The button says what it will do: publish, or only save a draft.
  const sync = () => (submit.textContent = draftBox.checked ? t('saveDraft') : t('publish'));
  draftBox.addEventListener('change', sync);
  form.addEventListener('reset', () => setTimeout(sync));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const v = formValues(form);
    void sendForm(
      form,
      status,
      async () => {
        await api(`/clubs/${clubId}/activities`, {
          body: {
            title: v.title,
            category: v.category,
            startsAt: new Date(v.startsAt!).toISOString(),
            endsAt: new Date(v.endsAt!).toISOString(),
            capacity: v.capacity ? Number(v.capacity) : null,
            regularPriceCents: Math.round(Number(v.price) * 100),
            points: Number(v.points || 1),
            venue: { name: v.venue || null, address: v.address || null },
            description: v.description ? { nl: v.description } : {},
            repeatWeekly: Number(v.repeat || 0),
            draft: !approved || v.draft === 'yes',
            accessibility: [...form.querySelectorAll<HTMLInputElement>('input[name=access]:checked')].map(
              (i) => i.value,
            ),
          },
        });
        await render();
        return !approved || v.draft === 'yes' ? t('savedAsDraft') : t('published');
      },
      ACTIVITY_FIELDS,
    );
  });
  await render();
  return h(
    'div',
    {},
    h('h1', {}, t('clubActivities')),
    ...(approved ? [] : [h('p', { class: 'note', role: 'note' }, t('clubPendingNote'))]),
    list,
    form,
    ...(approved ? [await membershipOffersSection(clubId)] : []),
  );
}

/** Club staff: one activity's sign-ups and waiting list, the self check-in QR, and cancelling. */
export async function clubActivityPage(id: string, signal: AbortSignal): Promise<HTMLElement> {
  const [a, lists] = await Promise.all([
    api<Activity>(`/activities/${id}`),
    api<Answer<'/api/v1/activities/{activityId}/signups'>>(`/activities/${id}/signups`),
  ]);
  const qr = h('div', { class: 'qr' });
  const showQr = async () => {
    const { qrSvg } = await api<Answer<'/api/v1/activities/{activityId}/checkin-code'>>(
      `/activities/${id}/checkin-code`,
    );
    qr.innerHTML = qrSvg; // our own API's SVG: only the QR's paths
    const next = setTimeout(() => void showQr(), 90_000);
    signal.addEventListener('abort', () => clearTimeout(next), { once: true });
  };
  const cancel = button(t('cancelActivity'), 'danger');
  cancel.addEventListener('click', async () => {
    const sure = await confirmStep({
      question: t('cancelActivityQuestion', { title: a.title }),
      details: [t('confirmCancel')],
      yes: t('cancelActivity'),
      danger: true,
    });
    if (!sure) return;
    try {
      await api(`/activities/${id}/cancel`, { method: 'POST' });
      announce(t('activityCancelled'));
      location.hash = '#/club/activities';
    } catch (e) {
      announce(e instanceof ApiError ? e.message : t('unknownError'));
    }
  });
  return h(
    'div',
    {},
    h('h1', {}, a.title),
    h('p', {}, format.dateTime(a.startsAt)),
    h('h2', {}, t('signedUpList', { count: lists.confirmed.length })),
    lists.confirmed.length
      ? table(
          t('signups'),
          [t('name'), t('passNumber'), t('checkedIn')],
          lists.confirmed.map((s) => [s.name, format.passNumber(s.passNumber), s.checkedIn ? '✓' : '']),
        )
      : emptyState(t('noSignupsHere')),
    h('h2', {}, t('waitingList', { count: lists.waitlisted.length })),
    lists.waitlisted.length
      ? table(
          t('waitingList', { count: lists.waitlisted.length }),
          [t('name'), t('passNumber')],
          lists.waitlisted.map((s) => [s.name, format.passNumber(s.passNumber)]),
        )
      : emptyState(t('noWaitingList')),
    h('h2', {}, t('selfCheckin')),
    h('p', {}, t('selfCheckinHelp')),
    h('button', { type: 'button', onclick: () => void showQr() }, t('showQr')),
    qr,
    h('p', {}, cancel),
  );
}
