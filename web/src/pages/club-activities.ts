import { api, ApiError, type Answer } from '../api.ts';
import { announce, formValues, h } from '../dom.ts';
import { format, t, tn } from '../i18n.ts';
import { button, checkbox, choice, confirmStep, emptyState, field, fieldset, table } from '../components.ts';
import { sendForm } from '../forms.ts';
import { ACCESS, CATEGORIES, type Activity } from './activities.ts';
import {
  defaultActivityTimes,
  fromBrusselsInput,
  proposedDeadline,
  toBrusselsInput,
} from './activity-times.ts';
import { membershipOffersSection } from './membership-offers.ts';

type ClubActivities = Answer<'/api/v1/clubs/{clubId}/activities'>;
type ClubActivity = ClubActivities['items'][number];

/** Where the API's field problems belong in the activity form (pointer -> control name). */
const ACTIVITY_FIELDS = {
  '/regularPriceCents': 'price',
  '/venue/name': 'venue',
  '/venue/address': 'address',
  '/repeatWeekly': 'repeat',
  '/description/nl': 'descriptionNl',
  '/description/fr': 'descriptionFr',
  '/description/en': 'descriptionEn',
};

const LANGUAGES = [
  ['nl', 'descriptionNl'],
  ['fr', 'descriptionFr'],
  ['en', 'descriptionEn'],
] as const;

/** What the form fills in of an activity: a saved one when editing, the proposed times for a new one. */
type Prefill = Pick<Activity, 'startsAt' | 'endsAt' | 'signupDeadline'> &
  Partial<
    Pick<
      Activity,
      | 'title'
      | 'category'
      | 'capacity'
      | 'regularPriceCents'
      | 'points'
      | 'venue'
      | 'description'
      | 'accessibility'
    >
  >;

/** The fields of the activity form (new and edit), each id prefixed so two forms never share one. */
function activityFields(p: string, a: Prefill): HTMLElement[] {
  const description = (lang: string, name: string) =>
    h(
      'label',
      { class: 'field', for: `${p}-${name}` },
      h('span', {}, t('descriptionInLanguage', { language: format.language(lang) })),
      h(
        'textarea',
        { id: `${p}-${name}`, name, lang, rows: 3, maxlength: 4000 },
        a.description?.[lang] ?? '',
      ),
    );
  return [
    field(`${p}-title`, 'title', t('title'), { required: true, maxlength: 120, value: a.title ?? '' }),
    choice(
      `${p}-category`,
      'category',
      t('kind'),
      CATEGORIES.map(([v, k]) => [v, t(k)]),
      a.category ?? '',
    ),
    field(`${p}-start`, 'startsAt', t('startsAt'), {
      type: 'datetime-local',
      required: true,
      value: toBrusselsInput(a.startsAt),
    }),
    field(`${p}-end`, 'endsAt', t('endsAt'), {
      type: 'datetime-local',
      required: true,
      value: toBrusselsInput(a.endsAt),
    }),
    field(`${p}-deadline`, 'signupDeadline', t('signupDeadlineOptional'), {
      type: 'datetime-local',
      value: a.signupDeadline ? toBrusselsInput(a.signupDeadline) : '',
    }),
    field(`${p}-capacity`, 'capacity', t('capacityOptional'), {
      type: 'number',
      min: 1,
      value: a.capacity ?? '',
    }),
    field(`${p}-price`, 'price', t('regularPriceEuro'), {
      type: 'number',
      min: 0,
      step: 0.01,
      value: (a.regularPriceCents ?? 0) / 100,
      required: true,
    }),
    field(`${p}-points`, 'points', t('points'), { type: 'number', min: 0, max: 100, value: a.points ?? 1 }),
    field(`${p}-venue`, 'venue', t('venue'), { maxlength: 120, value: a.venue?.name ?? '' }),
    field(`${p}-address`, 'address', t('address'), { maxlength: 200, value: a.venue?.address ?? '' }),
    fieldset(
      t('descriptions'),
      h('p', { class: 'muted' }, t('descriptionsHelp')),
      ...LANGUAGES.map(([lang, name]) => description(lang, name)),
    ),
    fieldset(
      t('accessibility'),
      ...Object.entries(ACCESS).map(([value, key]) =>
        checkbox('access', value, ` ${t(key)}`, { checked: a.accessibility?.includes(value) ?? false }),
      ),
    ),
  ];
}

/** The activity as the form says it, in the API's words (times from Brussels to UTC, euros to cents). */
function readActivity(form: HTMLFormElement) {
  const v = formValues(form);
  return {
    title: v.title ?? '',
    category: (v.category ?? 'other') as Activity['category'],
    startsAt: fromBrusselsInput(v.startsAt!),
    endsAt: fromBrusselsInput(v.endsAt!),
    signupDeadline: v.signupDeadline ? fromBrusselsInput(v.signupDeadline) : null,
    capacity: v.capacity ? Number(v.capacity) : null,
    regularPriceCents: Math.round(Number(v.price) * 100),
    points: v.points ? Number(v.points) : 1,
    venue: { name: v.venue?.trim() || null, address: v.address?.trim() || null },
    description: Object.fromEntries(
      LANGUAGES.map(([lang, name]) => [lang, (v[name] ?? '').trim()]).filter(([, text]) => text),
    ),
    accessibility: [...form.querySelectorAll<HTMLInputElement>('input[name=access]:checked')].map(
      (i) => i.value,
    ),
  };
}

/** After saving an edit, the saved values become the form's own, so its reset keeps them. */
function keepValues(form: HTMLFormElement): void {
  form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea').forEach((c) => {
    if (c instanceof HTMLInputElement && c.type === 'checkbox') c.defaultChecked = c.checked;
    else c.defaultValue = c.value;
  });
  form.querySelectorAll('option').forEach((o) => (o.defaultSelected = o.selected));
}

const same = (x: string | null | undefined, y: string | null | undefined) =>
  (x ?? '').trim() === (y ?? '').trim();

/** Does the change matter to people signed up (the API tells them the same cases): time, venue, fewer places. */
function mattersToPeople(a: Activity, next: ReturnType<typeof readActivity>): boolean {
  return (
    Date.parse(a.startsAt) !== Date.parse(next.startsAt) ||
    Date.parse(a.endsAt) !== Date.parse(next.endsAt) ||
    !same(a.venue.name, next.venue.name) ||
    !same(a.venue.address, next.venue.address) ||
    (next.capacity !== null && (a.capacity === null || next.capacity < a.capacity))
  );
}

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
  const proposed = defaultActivityTimes(new Date());
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
    ...activityFields('act', proposed),
    field('act-repeat', 'repeat', t('repeatWeekly'), { type: 'number', min: 0, max: 52, value: 0 }),
    h('label', { class: 'check', for: 'act-draft' }, draftBox, ` ${t('saveAsDraft')}`),
    submit,
    status,
  );
  // Until the club sets a deadline itself, it follows the start: the evening before, or none when that has passed.
  const startInput = form.querySelector<HTMLInputElement>('#act-start')!;
  const deadlineInput = form.querySelector<HTMLInputElement>('#act-deadline')!;
  let deadlineTouched = false;
  deadlineInput.addEventListener('input', () => (deadlineTouched = true));
  startInput.addEventListener('change', () => {
    if (deadlineTouched || !startInput.value) return;
    const deadline = proposedDeadline(fromBrusselsInput(startInput.value), new Date());
    deadlineInput.value = deadline ? toBrusselsInput(deadline) : '';
  });
  form.addEventListener('reset', () => (deadlineTouched = false));
  // The button says what it will do: publish, or only save a draft.
  const sync = () => (submit.textContent = draftBox.checked ? t('saveDraft') : t('publish'));
  draftBox.addEventListener('change', sync);
  form.addEventListener('reset', () => setTimeout(sync));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const v = formValues(form);
    const draft = !approved || v.draft === 'yes';
    void sendForm(
      form,
      status,
      async () => {
        await api(`/clubs/${clubId}/activities`, {
          body: { ...readActivity(form), repeatWeekly: Number(v.repeat || 0), draft },
        });
        await render();
        return draft ? t('savedAsDraft') : t('published');
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

/** Club staff: one activity's sign-ups and waiting list, the self check-in QR, changing and cancelling it. */
export async function clubActivityPage(id: string, signal: AbortSignal): Promise<HTMLElement> {
  const [first, lists] = await Promise.all([
    api<Activity>(`/activities/${id}`),
    api<Answer<'/api/v1/activities/{activityId}/signups'>>(`/activities/${id}/signups`),
  ]);
  let a = first;
  const title = h('h1', {}, a.title);
  const when = h('p', {}, format.span(a.startsAt, a.endsAt));
  const place = (x: Activity) => [x.venue.name, x.venue.address].filter(Boolean).join(', ');
  const where = h('p', {}, place(a));
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
  /** Everyone who gets a message when the time, the place or the number of places changes. */
  const people = lists.confirmed.length + lists.waitlisted.length;
  const editStatus = h('p', { role: 'status', id: 'edit-status' });
  const edit = h(
    'form',
    { 'aria-labelledby': 'edit-activity-title' },
    h('h2', { id: 'edit-activity-title' }, t('editActivity')),
    ...activityFields('edit', a),
    h('button', { type: 'submit' }, t('saveChanges')),
    editStatus,
  );
  edit.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!edit.reportValidity()) return;
    const next = readActivity(edit);
    if (people > 0 && mattersToPeople(a, next)) {
      const sure = await confirmStep({
        question: t('editNotifyQuestion'),
        details: [tn('editNotifyCount', people), t('editNotifyWhat')],
        yes: t('saveAndNotify'),
      });
      if (!sure) return;
    }
    void sendForm(
      edit,
      editStatus,
      async () => {
        const saved = await api<Activity & { notified: number }>(`/activities/${id}`, {
          method: 'PATCH',
          body: next,
        });
        a = saved;
        title.textContent = saved.title;
        when.textContent = format.span(saved.startsAt, saved.endsAt);
        where.textContent = place(saved);
        keepValues(edit);
        return saved.notified > 0 ? tn('savedNotified', saved.notified) : t('saved');
      },
      ACTIVITY_FIELDS,
    );
  });
  return h(
    'div',
    {},
    title,
    when,
    where,
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
    ...(a.cancelled ? [] : [edit]),
    h('p', {}, cancel),
  );
}
