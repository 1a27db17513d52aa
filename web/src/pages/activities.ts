import { api, ApiError, sequence, type Answer, type Me, type Schema } from '../api.ts';
import { announce, formValues, h } from '../dom.ts';
import { format, locale, t, tn, type MessageKey } from '../i18n.ts';
import { button, checkbox, choice, confirmStep, emptyState, fieldset, section } from '../components.ts';
import { liftsSection } from './rides.ts';

export type Activity = Schema<'Activity'>;

export const ACCESS: Record<string, MessageKey> = {
  step_free: 'accessStepFree',
  wheelchair_toilet: 'accessWheelchairToilet',
  hearing_loop: 'accessHearingLoop',
  quiet_space: 'accessQuietSpace',
  sign_language: 'accessSignLanguage',
  assistance_dogs: 'accessAssistanceDogs',
  parking: 'accessParking',
};
export const CATEGORIES: [string, MessageKey][] = [
  ['sport', 'kindSports'],
  ['culture', 'kindCulture'],
  ['youth', 'kindYouth'],
  ['course', 'categoryCourse'],
  ['social', 'kindSocial'],
  ['other', 'kindOther'],
];

export function priceText(a: Activity): string {
  const cents = a.myPrice ? a.myPrice.priceCents : a.regularPriceCents;
  return cents === 0 ? t('free') : format.cents(cents);
}

function placesText(a: Activity): string {
  if (a.capacity === null) return t(a.signupRequired ? 'unlimited' : 'walkIn');
  return a.placesLeft ? tn('placesLeft', a.placesLeft) : t('fullWaitlist');
}

function card(a: Activity): HTMLElement {
  return h(
    'li',
    { class: 'activity' },
    h('h2', {}, h('a', { href: `#/activities/${a.id}` }, a.title)),
    h(
      'p',
      {},
      format.dateTime(a.startsAt),
      ' · ',
      a.venue.name ?? a.clubName,
      a.distanceKm != null ? ` · ${t('kmAway', { km: a.distanceKm })}` : '',
    ),
    h(
      'p',
      {},
      h('strong', {}, priceText(a)),
      ' · ',
      placesText(a),
      a.accessibility.length
        ? ` · ${a.accessibility.map((x) => t(ACCESS[x] ?? 'kindOther')).join(', ')}`
        : '',
    ),
  );
}

/** Resident: find activities by filters, or near me (a neighbourhood's centre or the phone's location). */
export async function activitiesPage(): Promise<HTMLElement> {
  const regions = await api<{ items: { municipalities: { id: string; name: string }[] }[] }>('/regions');
  const municipalities = regions.items.flatMap((r) => r.municipalities);
  const hoods = (
    await Promise.all(
      municipalities.map((m) =>
        api<{ items: { id: string; name: string; lat: number | null; lon: number | null }[] }>(
          `/municipalities/${m.id}/neighbourhoods`,
        ),
      ),
    )
  ).flatMap((r) => r.items);
  const list = h('ul', { class: 'activities plain', 'aria-live': 'polite' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, t('more'));
  let cursor: string | null = null;
  let query = '';
  const begin = sequence();
  const load = async (append: boolean) => {
    const current = begin();
    const page = await api<{ items: Activity[]; nextCursor: string | null }>(
      `/activities?${query}${append && cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    if (!current()) return;
    cursor = page.nextCursor;
    if (!append) list.replaceChildren();
    list.append(...page.items.map(card));
    if (!append && page.items.length === 0) list.append(h('li', {}, emptyState(t('noActivitiesFound'))));
    more.hidden = !cursor;
    if (!append) announce(t('resultCount', { count: page.items.length }));
  };
  more.addEventListener('click', () => void load(true));
  const near = h('input', { type: 'hidden', name: 'near' }) as HTMLInputElement;
  const whereNote = h('p', { role: 'status', class: 'note', hidden: true });
  const form = h(
    'form',
    { role: 'search', 'aria-label': t('findActivities') },
    choice('f-category', 'category', t('kind'), [
      ['', t('all')],
      ...CATEGORIES.map(([v, k]): [string, string] => [v, t(k)]),
    ]),
    choice('f-hood', 'nearHood', t('nearNeighbourhood'), [
      ['', t('anywhere')],
      ...hoods.filter((n) => n.lat !== null).map((n): [string, string] => [`${n.lat},${n.lon}`, n.name]),
    ]),
    checkbox('free', 'true', t('onlyFree')),
    fieldset(
      t('accessibility'),
      ...Object.entries(ACCESS).map(([value, key]) => checkbox('access', value, t(key))),
    ),
    near,
    h('button', { type: 'submit' }, t('search')),
  );
  // On a phone the filters fold away, so the first activity is in view; on a wide screen they stay open.
  const filters = h(
    'details',
    { class: 'fold filters', open: matchMedia('(min-width: 40rem)').matches },
    h('summary', {}, t('filters')),
    form,
  );
  /** Without the phone's location, say so and offer a neighbourhood instead. */
  const noLocation = () => {
    whereNote.hidden = false;
    whereNote.textContent = t('noLocation');
    filters.open = true;
    form.querySelector<HTMLSelectElement>('#f-hood')?.focus();
  };
  const nearMe = button(t('nearMe'), 'secondary', {
    onclick: () => {
      if (!navigator.geolocation) return noLocation();
      navigator.geolocation.getCurrentPosition((p) => {
        whereNote.hidden = true;
        near.value = `${p.coords.latitude.toFixed(4)},${p.coords.longitude.toFixed(4)}`;
        form.requestSubmit();
      }, noLocation);
    },
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const v = formValues(form);
    const params = new URLSearchParams();
    if (v.category) params.set('category', v.category);
    if (v.free) params.set('free', 'true');
    const access = [...form.querySelectorAll<HTMLInputElement>('input[name=access]:checked')].map(
      (i) => i.value,
    );
    if (access.length) params.set('accessibility', access.join(','));
    const point = near.value || v.nearHood;
    if (point) (params.set('near', point), params.set('km', '3'));
    near.value = '';
    query = params.toString();
    void load(false);
  });
  await load(false);
  return h(
    'div',
    {},
    h('h1', {}, t('activitiesTitle')),
    h('p', { class: 'actions' }, nearMe),
    whereNote,
    filters,
    list,
    more,
  );
}

type Pass = Answer<'/api/v1/me/passes'>['items'][number];
type MySignup = Answer<'/api/v1/me/signups'>['items'][number];

/** Resident: one activity with their price and accessibility; sign up the household, cancel. */
export async function activityPage(id: string, me: Me | null, signal: AbortSignal): Promise<HTMLElement> {
  const a = await api<Activity>(`/activities/${id}`);
  const page = h('div', {});
  const signupArea = h('div', { 'aria-live': 'polite' });
  const liftsArea = h('div', {});
  // Signed up: your sign-ups and the lifts near the top; not yet: the sign-up form after the price.
  const top = h('div', {});
  const bottom = h('div', {});
  const facts = h('p', {});
  const showFacts = (x: Activity) =>
    facts.replaceChildren(
      `${t('price')}: `,
      h('strong', {}, priceText(x)),
      x.myPrice ? ` (${t('yourPrice')})` : '',
      ' · ',
      placesText(x),
      ' · ',
      tn('pointsForActivity', x.points),
    );
  showFacts(a);
  const renderSignups = async (message?: string) => {
    if (!me?.passholderId || !a.signupRequired || a.cancelled) {
      signupArea.replaceChildren(a.signupRequired ? '' : h('p', {}, t('walkInText')));
      return;
    }
    const [passes, mine] = await Promise.all([
      api<{ items: Pass[] }>('/me/passes'),
      api<{ items: MySignup[] }>('/me/signups'),
    ]);
    const here = mine.items.filter((s) => s.activityId === id);
    (here.length ? top : bottom).append(signupArea, liftsArea);
    if (here.some((s) => s.status === 'confirmed') && !liftsArea.hasChildNodes()) {
      const { items: hoods } = await api<{
        items: { id: string; name: string; lat: number | null; lon: number | null }[];
      }>(`/municipalities/${a.municipalityId}/neighbourhoods`);
      liftsArea.append(liftsSection(id, hoods, a.startsAt, signal));
    }
    const free = passes.items.filter((p) => !here.some((s) => s.passholderId === p.passholderId));
    const form = h(
      'form',
      { 'aria-labelledby': 'signup-title' },
      h('h2', { id: 'signup-title' }, t('signUp')),
      h(
        'fieldset',
        {},
        h('legend', {}, t('whoComes')),
        ...free.map((p) =>
          h(
            'label',
            { class: 'check' },
            h('input', { type: 'checkbox', name: 'who', value: p.passholderId, checked: p.self }),
            ` ${p.firstName} ${p.lastName}`,
          ),
        ),
      ),
      h('button', { type: 'submit' }, t('signUp')),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const ids = [...form.querySelectorAll<HTMLInputElement>('input[name=who]:checked')].map((i) => i.value);
      try {
        const { signups } = await api<{ signups: { status: string }[] }>(`/activities/${id}/signups`, {
          body: { passholderIds: ids },
        });
        await renderSignups(
          signups.some((s) => s.status === 'waitlisted') ? t('signedUpWaitlist') : t('signedUp'),
        );
        showFacts(await api<Activity>(`/activities/${id}`));
      } catch (e) {
        await renderSignups(e instanceof ApiError ? e.message : t('unknownError'));
      }
    });
    signupArea.replaceChildren(
      message ? h('p', { role: 'status', class: 'note' }, message) : '',
      ...here.map((s) =>
        h(
          'p',
          {},
          `${s.firstName}: ${s.status === 'confirmed' ? t('statusSignedUp') : t('onWaitlist', { position: s.waitlistPosition ?? 0 })} `,
          button(t('cancelSignup'), 'secondary', {
            onclick: async () => {
              const sure = await confirmStep({
                question: t('cancelSignupQuestion', { name: s.firstName, title: a.title }),
                details: [t('cancelSignupDetails')],
                yes: t('cancelSignup'),
                danger: true,
              });
              if (!sure) return;
              try {
                await api(`/signups/${s.id}/cancel`, { method: 'POST' });
                await renderSignups(t('signupCancelled'));
                showFacts(await api<Activity>(`/activities/${id}`));
              } catch (e) {
                await renderSignups(e instanceof ApiError ? e.message : t('unknownError'));
              }
            },
          }),
        ),
      ),
      free.length ? form : '',
    );
    if (message) announce(message);
  };
  await renderSignups();
  page.append(
    h('h1', {}, a.title),
    a.cancelled ? h('p', { class: 'error', role: 'alert' }, t('activityCancelled')) : '',
    h('p', { class: 'big' }, format.span(a.startsAt, a.endsAt)),
    h('p', {}, [a.venue.name, a.venue.address].filter(Boolean).join(', '), ' · ', a.clubName),
    top,
    description(a),
    facts,
    ...(a.myPrice?.remaining != null
      ? [h('p', { class: 'muted' }, t('reducedLeft', { count: a.myPrice.remaining }))]
      : []),
    ...(a.myPrice?.messages ?? []).map((m) => h('p', { class: 'note' }, m.message)),
    a.accessibility.length
      ? h(
          'ul',
          { 'aria-label': t('accessibility') },
          ...a.accessibility.map((x) => h('li', {}, t(ACCESS[x] ?? 'kindOther'))),
        )
      : '',
    h('p', {}, h('a', { href: `/api/v1/activities/${id}/calendar.ics`, download: '' }, t('addToCalendar'))),
    bottom,
  );
  return page;
}

/**
 * The description in the user's language where the club wrote one, else in the club's own (Dutch first),
 * marked with its language so a reader knows why, and so a screen reader pronounces it right.
 */
function description(a: Activity): HTMLElement | string {
  const own = a.description[locale()];
  if (own) return h('p', {}, own);
  const lang = a.description.nl ? 'nl' : Object.keys(a.description)[0];
  if (!lang) return '';
  return h(
    'div',
    {},
    h('p', { class: 'muted' }, t('descriptionIn', { language: format.language(lang) })),
    h('p', { lang }, a.description[lang]!),
  );
}

/** Resident: my coming activities and messages. */
export function myActivitiesSection(): HTMLElement {
  return section('my-activities', 'myActivities', async (body) => {
    const [mine, notes] = await Promise.all([
      api<{ items: (MySignup & { title: string; startsAt: string; activityCancelled: boolean })[] }>(
        '/me/signups',
      ),
      api<{ items: { message: string; createdAt: string }[] }>('/me/notifications'),
    ]);
    body.replaceChildren(
      ...notes.items.slice(0, 5).map((n) => h('p', { class: 'note' }, n.message)),
      mine.items.length === 0
        ? emptyState(
            t('noSignupsYet'),
            h('a', { href: '#/activities', class: 'button' }, t('findActivities')),
          )
        : h(
            'ul',
            {},
            ...mine.items.map((s) =>
              h(
                'li',
                {},
                h('a', { href: `#/activities/${s.activityId}` }, s.title),
                ` · ${format.dateTime(s.startsAt)} · ${s.firstName}`,
                s.status === 'waitlisted'
                  ? ` (${t('onWaitlist', { position: s.waitlistPosition ?? 0 })})`
                  : '',
              ),
            ),
          ),
    );
  });
}
