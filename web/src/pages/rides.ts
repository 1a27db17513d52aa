import { api, ApiError, type Answer, type Me } from '../api.ts';
import { announce, formValues, h } from '../dom.ts';
import { format, locale, t, tn, type MessageKey } from '../i18n.ts';
import {
  button,
  checkbox,
  choice,
  confirmStep,
  emptyState,
  field,
  fieldset,
  loadingNote,
  section,
} from '../components.ts';
import { sendForm } from '../forms.ts';

type MyRides = Answer<'/api/v1/me/rides'>;
type MyOffer = MyRides['offers'][number];
type Passenger = MyOffer['requests'][number];
type MyRequest = MyRides['requests'][number];
type OfferItem = Answer<'/api/v1/activities/{activityId}/ride-offers'>['items'][number];
type Looking = Answer<'/api/v1/activities/{activityId}/ride-requests'>['items'][number];
type Hood = { id: string; name: string; lat: number | null; lon: number | null };

const NEEDS: Record<string, MessageKey> = {
  wheelchair: 'needWheelchair',
  help_at_door: 'needHelpAtDoor',
  assistance_dog: 'needAssistanceDog',
  child_seat: 'needChildSeat',
};
const needWords = (needs: string[]) => needs.map((n) => (NEEDS[n] ? t(NEEDS[n]) : n)).join(', ');
const needChecks = (name: 'allows' | 'needs') =>
  fieldset(
    t(name === 'allows' ? 'carAllows' : 'iNeed'),
    ...Object.entries(NEEDS).map(([value, key]) => checkbox(name, value, t(key))),
  );
const checked = (form: HTMLElement, name: string) =>
  [...form.querySelectorAll<HTMLInputElement>(`input[name=${name}]:checked`)].map((i) => i.value);
const errorText = (e: unknown) => (e instanceof ApiError ? e.message : t('unknownError'));
const live = (status: string) => !['cancelled', 'declined'].includes(status);
const joined = (...parts: (string | false | null | undefined)[]) => parts.filter(Boolean).join(' · ');

/** How a card is shown: on My lifts (titled by the activity) or in the activity's own lifts section. */
type View = {
  /** Reloads the lifts and says what happened. */
  refresh: (message?: string) => Promise<void>;
  /** Fires when the user leaves the page: stops the ride code's clock. */
  signal?: AbortSignal;
  /** On the activity page the card is part of its section; on My lifts it is a card of its own. */
  onActivityPage: boolean;
};

/** The words for an offer: "You offer 3 seats from Molenhoek · open · 1 neighbour asks for a seat". */
export function offerSummary(o: MyOffer): string {
  const asking = o.requests.filter((r) => r.status === 'requested').length;
  const riding = o.requests.filter((r) => r.status === 'accepted').length;
  const state =
    o.status === 'cancelled' ? t('rideCancelled') : o.seatsTaken >= o.seats ? t('offerFull') : t('offerOpen');
  return joined(
    `${tn('youOfferSeats', o.seats)}${o.area ? ` ${t('fromArea', { area: o.area })}` : ''}`,
    state,
    o.status === 'open' && (asking ? tn('neighboursAsking', asking) : !riding && t('noAsksYet')),
    o.status === 'open' && riding > 0 && tn('neighboursRiding', riding),
  );
}

/** The words for a request: "You ask for a lift from Stationswijk · waiting for a driver". */
export function requestSummary(r: MyRequest): string {
  const name = r.driver?.firstName ?? '';
  const state: Record<string, string> = {
    open: t('rideOpen'),
    requested: t('waitingForAnswer', { name }),
    proposed: t('rideProposedPassenger', { name }),
    accepted: r.pickupConfirmedAt ? t('pickedUp') : t('liftAgreedWith', { name }),
    declined: t('liftDeclinedBy', { name }),
    cancelled: t('rideCancelled'),
  };
  return joined(
    `${t('youAskLift')}${r.area ? ` ${t('fromArea', { area: r.area })}` : ''}`,
    r.seats > 1 && tn('forPeople', r.seats),
    state[r.status],
  );
}

/** A `tel:` link, so a phone can call straight away. */
function phoneLink(phone: string): HTMLAnchorElement {
  return h('a', { href: `tel:${phone.replace(/[^+\d]/g, '')}` }, phone);
}

/** A line "label: value" where the value may be a link (French puts a space before the colon). */
function fact(label: string, value: Node | string): HTMLElement {
  return h('p', {}, h('strong', {}, `${label}${locale() === 'fr' ? '\u00a0:' : ':'} `), value);
}

/**
 * A button's action: disabled while it runs, its refusal shown right under it (as an alert), success
 * reloads the lifts with the message. `run` answers null when the person said no in a confirmation.
 */
function act(view: View, run: () => Promise<string | null>) {
  return async (event: Event) => {
    const trigger = event.currentTarget as HTMLButtonElement;
    const place = trigger.closest('.actions') ?? trigger;
    place.parentElement?.querySelector(':scope > .action-problem')?.remove();
    trigger.disabled = true;
    try {
      const message = await run();
      if (message !== null) await view.refresh(message);
    } catch (e) {
      place.after(h('p', { class: 'error action-problem', role: 'alert' }, errorText(e)));
    } finally {
      trigger.disabled = false;
    }
  };
}

const post = (path: string, body?: unknown) => api(path, body === undefined ? { method: 'POST' } : { body });

/** Asks first (saying who gets a message), then cancels. */
function cancelButton(view: View, text: string, question: string, told: string, path: string, done: string) {
  return button(text, 'danger', {
    onclick: act(view, async () => {
      const yes = await confirmStep({ question, details: [told], yes: text, danger: true });
      if (!yes) return null;
      await post(path);
      return done;
    }),
  });
}

/**
 * The driver's ride code: six digits the passenger types at pickup. It changes every minute, so once shown it
 * follows the clock until the user leaves the page.
 */
function rideCodeBox(offerId: string, signal?: AbortSignal): HTMLElement {
  const code = h('strong', { class: 'pass big' });
  const until = h('span', { class: 'muted' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  signal?.addEventListener('abort', () => clearTimeout(timer));
  const load = async () => {
    const answer = await api<{ code: string; expiresAt: string }>(`/ride-offers/${offerId}/code`);
    code.textContent = answer.code;
    until.textContent = ` ${t('rideCodeUntil', { time: format.time(answer.expiresAt) })}`;
    clearTimeout(timer);
    if (signal?.aborted) return;
    const wait = Math.min(60_000, Math.max(5_000, Date.parse(answer.expiresAt) - Date.now() + 500));
    timer = setTimeout(() => {
      if (box.isConnected) void load().catch(() => undefined);
    }, wait);
  };
  const show = button(t('showRideCode'), 'secondary', {
    onclick: async () => {
      try {
        await load();
        announce(code.textContent ?? '');
      } catch (e) {
        until.textContent = ` ${errorText(e)}`;
      }
    },
  });
  const box = h(
    'div',
    { class: 'ride-code' },
    h('h4', {}, t('rideCodeTitle')),
    h('p', {}, t('rideCodeHint')),
    h('p', {}, show, ' ', code, until),
  );
  return box;
}

/** One neighbour on the driver's offer: state, and once both agreed, pickup address and phone. */
function passengerItem(view: View, r: Passenger): HTMLElement {
  const state: Record<string, string> = {
    requested: t('asksToRide'),
    proposed: t('rideProposedDriver', { name: r.firstName }),
    accepted: r.pickupConfirmedAt ? t('pickedUp') : t('rideAccepted'),
  };
  const actions: HTMLElement[] = [];
  if (r.status === 'requested')
    actions.push(
      button(t('accept'), 'primary', {
        onclick: act(view, async () => {
          await post(`/ride-requests/${r.id}/accept`, {});
          return t('liftAgreed', { name: r.firstName });
        }),
      }),
      button(t('decline'), 'secondary', {
        onclick: act(view, async () => {
          await post(`/ride-requests/${r.id}/decline`);
          return t('saved');
        }),
      }),
    );
  if (r.status === 'proposed')
    actions.push(
      button(t('withdrawProposal'), 'secondary', {
        onclick: act(view, async () => {
          await post(`/ride-requests/${r.id}/decline`);
          return t('proposalWithdrawn');
        }),
      }),
    );
  if (r.status === 'accepted' && !r.pickupConfirmedAt)
    actions.push(
      cancelButton(
        view,
        t('cancelLiftWith', { name: r.firstName }),
        t('cancelLiftQuestion', { name: r.firstName }),
        t('cancelLiftTold', { name: r.firstName }),
        `/ride-requests/${r.id}/cancel`,
        t('liftCancelled', { name: r.firstName }),
      ),
    );
  return h(
    'li',
    {},
    h(
      'p',
      {},
      joined(`${r.firstName} (${r.area ?? '—'})`, r.seats > 1 && tn('forPeople', r.seats), state[r.status]),
    ),
    r.needs.length ? h('p', {}, `${t('iNeed')}: ${needWords(r.needs)}`) : '',
    r.pickupAddress ? h('p', {}, h('strong', {}, t('pickupAt', { address: r.pickupAddress }))) : '',
    r.status === 'accepted' ? fact(t('phoneLabel'), r.phone ? phoneLink(r.phone) : t('noPhone')) : '',
    actions.length ? h('div', { class: 'actions' }, ...actions) : '',
  );
}

/** Neighbours still looking for a lift to the same activity, whom the driver can offer to take. */
function lookingList(view: View, o: MyOffer, looking: Looking[]): HTMLElement[] {
  if (!looking.length || o.status !== 'open' || o.seatsTaken >= o.seats) return [];
  return [
    h('h4', {}, t('stillLooking')),
    h(
      'ul',
      { class: 'plain' },
      ...looking.map((l) =>
        h(
          'li',
          {},
          h(
            'p',
            {},
            joined(
              `${l.passenger.firstName} (${l.passenger.area ?? '—'})`,
              t('seatsAsked', { count: l.seats }),
              l.needs.length > 0 && needWords(l.needs),
            ),
          ),
          button(t('takeNeighbour', { name: l.passenger.firstName }), 'primary', {
            onclick: act(view, async () => {
              await post(`/ride-requests/${l.id}/accept`, { offerId: o.id });
              return t('liftProposed');
            }),
          }),
        ),
      ),
    ),
  ];
}

/** The driver's offer: summary, departure, the neighbours on it, the ride code, cancelling. */
function offerCard(view: View, o: MyOffer, looking: Looking[]): HTMLElement {
  const agreed = o.requests.filter((r) => r.status === 'accepted');
  const riding = agreed.length + o.requests.filter((r) => r.status === 'requested').length;
  const pickedUp = agreed.some((r) => r.pickupConfirmedAt);
  return h(
    view.onActivityPage ? 'div' : 'section',
    { class: view.onActivityPage ? 'lift' : 'card' },
    h('h3', {}, view.onActivityPage ? t('yourOffer') : o.title),
    h('p', { class: 'summary' }, h('strong', {}, offerSummary(o))),
    fact(t('departure'), format.dateTime(o.departsAt)),
    ...(o.requests.length
      ? [
          h('h4', {}, t('whoRides')),
          h('ul', { class: 'plain' }, ...o.requests.map((r) => passengerItem(view, r))),
        ]
      : []),
    ...lookingList(view, o, looking),
    o.status === 'open' && agreed.some((r) => !r.pickupConfirmedAt) ? rideCodeBox(o.id, view.signal) : '',
    o.status === 'open' && !pickedUp
      ? h(
          'div',
          { class: 'actions' },
          cancelButton(
            view,
            t('cancelOffer'),
            t('cancelOfferQuestion'),
            riding ? t('cancelOfferTold') : t('cancelOfferNobody'),
            `/ride-offers/${o.id}/cancel`,
            t('offerCancelled'),
          ),
        )
      : '',
  );
}

/** The passenger types the driver's ride code at the car: a wrong code is said under the field. */
function pickupForm(view: View, r: MyRequest): HTMLFormElement {
  const status = h('p', { role: 'status' });
  const form = h(
    'form',
    { novalidate: true, id: `pickup-${r.id}` },
    h('p', {}, t('pickupHint')),
    field(`code-${r.id}`, 'rideCode', t('driverCode'), {
      inputmode: 'numeric',
      autocomplete: 'one-time-code',
      maxlength: 6,
      required: true,
    }),
    button(t('confirmPickup'), 'primary', { type: 'submit' }),
    status,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    let done = false;
    void sendForm(form, status, async () => {
      const rideCode = (formValues(form).rideCode ?? '').replace(/\s/g, '');
      if (!/^\d{6}$/.test(rideCode))
        throw new ApiError(400, 'validation_failed', t('rideCodeWrong'), [
          { pointer: '/rideCode', messages: { [locale()]: t('rideCodeFormat') } },
        ]);
      try {
        await post(`/ride-requests/${r.id}/pickup`, { rideCode });
      } catch (e) {
        // The API's own words are about pass codes; say it about the driver's code.
        if (e instanceof ApiError && e.code === 'code_invalid')
          throw new ApiError(e.status, e.code, t('rideCodeWrong'), e.fields);
        throw e;
      }
      done = true;
      return t('pickedUp');
    }).then(() => (done ? view.refresh(t('pickedUp')) : undefined));
  });
  return form;
}

/** What the passenger can do now: answer a proposal, confirm the pickup, cancel. */
function requestActions(view: View, r: MyRequest): HTMLElement[] {
  const name = r.driver?.firstName ?? '';
  const out: HTMLElement[] = [];
  if (r.status === 'proposed')
    out.push(
      h(
        'div',
        { class: 'actions' },
        button(t('confirmLift'), 'primary', {
          onclick: act(view, async () => {
            await post(`/ride-requests/${r.id}/confirm`);
            return t('liftConfirmed');
          }),
        }),
        button(t('noThanks'), 'secondary', {
          onclick: act(view, async () => {
            await post(`/ride-requests/${r.id}/decline`);
            return t('proposalDeclined');
          }),
        }),
      ),
    );
  if (r.status === 'accepted' && !r.pickupConfirmedAt) out.push(pickupForm(view, r));
  if (live(r.status) && !r.pickupConfirmedAt) {
    const agreed = r.status === 'accepted';
    out.push(
      h(
        'div',
        { class: 'actions' },
        cancelButton(
          view,
          agreed ? t('cancelLiftWith', { name }) : t('cancelRequest'),
          agreed ? t('cancelLiftQuestion', { name }) : t('cancelRequestQuestion'),
          r.driver ? t('cancelLiftTold', { name }) : t('cancelRequestNobody'),
          `/ride-requests/${r.id}/cancel`,
          agreed ? t('liftCancelled', { name }) : t('requestCancelled'),
        ),
      ),
    );
  }
  return out;
}

/** The passenger's request: summary, the driver once known (phone once agreed), what to do next. */
function requestCard(view: View, r: MyRequest): HTMLElement {
  const agreed = r.status === 'accepted';
  return h(
    view.onActivityPage ? 'div' : 'section',
    { class: view.onActivityPage ? 'lift' : 'card' },
    h('h3', {}, view.onActivityPage ? t('yourRequest') : r.title),
    h('p', { class: 'summary' }, h('strong', {}, requestSummary(r))),
    r.driver && live(r.status) ? fact(t('driver'), `${r.driver.firstName} (${r.driver.area ?? '—'})`) : '',
    agreed && r.driver
      ? fact(t('phoneLabel'), r.driver.phone ? phoneLink(r.driver.phone) : t('noPhone'))
      : '',
    r.departsAt && live(r.status) ? fact(t('departure'), format.dateTime(r.departsAt)) : '',
    r.pickupAddress && live(r.status) ? fact(t('yourPickup'), r.pickupAddress) : '',
    ...requestActions(view, r),
  );
}

/** Open requests of other neighbours, for each open offer of mine (to propose a lift to). */
async function lookingFor(offers: MyOffer[]): Promise<Map<string, Looking[]>> {
  const open = offers.filter((o) => o.status === 'open');
  const lists = await Promise.all(
    open.map((o) =>
      api<{ items: Looking[] }>(
        `/activities/${o.activityId}/ride-requests?passholderId=${encodeURIComponent(o.driverId)}`,
      ).then(
        (r) => r.items,
        () => [],
      ),
    ),
  );
  return new Map(open.map((o, i) => [o.id, lists[i] ?? []]));
}

/** Says a message in a status line (green) and to screen readers. */
function say(status: HTMLElement, message?: string): void {
  status.className = message ? 'ok' : '';
  status.textContent = message ?? '';
  if (message) announce(message);
}

// ---------------------------------------------------------------------------------------------------------
// On the activity page

type SectionContext = { activityId: string; hoods: Hood[]; startsAt: string; status: HTMLElement };

const hoodChoice = (id: string, label: string, hoods: Hood[]) =>
  choice(
    id,
    'neighbourhoodId',
    label,
    hoods.map((n) => [n.id, n.name]),
  );
const placeOf = (hoods: Hood[], form: HTMLFormElement) => {
  const hood = hoods.find((n) => n.id === formValues(form).neighbourhoodId);
  return { neighbourhoodId: hood?.id ?? null, lat: hood?.lat ?? null, lon: hood?.lon ?? null };
};

/**
 * A form folded under its title (the same look as the activity filters), so a phone shows both choices
 * at once: "I can take neighbours" and "I need a lift". Tapping the title opens the form.
 */
function folded(titleId: string, title: string, form: HTMLFormElement): HTMLDetailsElement {
  // The summary is a flex box (no marker of its own): an arrow shows that it opens, and which way.
  const arrow = h('span', { 'aria-hidden': 'true' }, '▸ ');
  const details = h(
    'details',
    { class: 'fold' },
    h('summary', {}, h('h3', { id: titleId }, arrow, title)),
    form,
  );
  details.addEventListener('toggle', () => (arrow.textContent = details.open ? '▾ ' : '▸ '));
  return details;
}

/** "I can take neighbours": seats, where from, what the car allows. */
function offerForm(c: SectionContext, after: () => Promise<void>): HTMLFormElement {
  const departure = new Date(Date.parse(c.startsAt) - 30 * 60_000);
  const form = h(
    'form',
    { 'aria-labelledby': 'offer-title', id: 'offer-form', novalidate: true },
    field('offer-seats', 'seats', t('seatsForNeighbours'), {
      type: 'number',
      min: 1,
      max: 8,
      value: 2,
      required: true,
      inputmode: 'numeric',
    }),
    hoodChoice('offer-hood', t('leaveFromHood'), c.hoods),
    needChecks('allows'),
    h('p', { class: 'muted' }, t('departureHint', { time: format.time(departure.toISOString()) })),
    button(t('offerLift'), 'primary', { type: 'submit' }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    let done = false;
    void sendForm(form, c.status, async () => {
      await post(`/activities/${c.activityId}/ride-offers`, {
        seats: Number(formValues(form).seats),
        departsAt: departure.toISOString(),
        ...placeOf(c.hoods, form),
        allows: checked(form, 'allows'),
      });
      done = true;
      return t('liftOffered');
    }).then(() => (done ? after() : undefined));
  });
  return form;
}

/** One offer to choose, with its own "ask this driver" button (a submit button of the ask form). */
function offerChoice(o: OfferItem): HTMLElement {
  return h(
    'li',
    {},
    h(
      'p',
      {},
      joined(
        `${o.driver.firstName} (${o.driver.area ?? '—'})`,
        format.time(o.departsAt),
        tn('seatsLeft', o.seatsLeft),
        o.detourKm !== null && t('detour', { km: new Intl.NumberFormat(locale()).format(o.detourKm) }),
        o.allows.length > 0 && `${t('carAllows')}: ${needWords(o.allows)}`,
      ),
    ),
    button(t('askSeatWith', { name: o.driver.firstName }), 'primary', {
      type: 'submit',
      name: 'offerId',
      value: o.id,
    }),
  );
}

/**
 * "I need a lift": where from (the address is required, said under the field when missing), companions,
 * needs; then a driver's offer to ask, or everyone who drives. A refusal because a request exists already
 * shows that request instead of the form.
 */
function askForm(c: SectionContext, after: (refusal?: string) => Promise<void>): HTMLFormElement {
  const offers = h('ul', { class: 'plain', 'aria-live': 'polite' });
  const form = h(
    'form',
    { 'aria-labelledby': 'ask-title', id: 'ask-form', novalidate: true },
    hoodChoice('ask-hood', t('pickupHood'), c.hoods),
    field('ask-address', 'address', t('pickupAddress'), {
      required: true,
      'aria-required': 'true',
      autocomplete: 'street-address',
    }),
    field('ask-companions', 'companions', t('companions'), {
      type: 'number',
      min: 0,
      max: 3,
      value: 0,
      inputmode: 'numeric',
    }),
    needChecks('needs'),
    h('h4', {}, t('whoDrives')),
    offers,
    h('p', {}, t('askAnyoneHint')),
    button(t('askAnyone'), 'secondary', { type: 'submit', name: 'offerId', value: '' }),
  );
  const loadOffers = async () => {
    const { lat, lon } = placeOf(c.hoods, form);
    const needs = checked(form, 'needs');
    const query = new URLSearchParams({
      ...(lat !== null && lon !== null ? { lat: String(lat), lon: String(lon) } : {}),
      ...(needs.length ? { needs: needs.join(',') } : {}),
    });
    const { items } = await api<{ items: OfferItem[] }>(`/activities/${c.activityId}/ride-offers?${query}`);
    offers.replaceChildren(...(items.length ? items.map(offerChoice) : [h('li', {}, t('noOffersYet'))]));
  };
  form.addEventListener('change', (event) => {
    const name = (event.target as HTMLInputElement).name;
    if (name === 'neighbourhoodId' || name === 'needs') void loadOffers().catch(() => undefined);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const offerId = ((event as SubmitEvent).submitter as HTMLButtonElement | null)?.value ?? '';
    let outcome: 'asked' | 'refused' | null = null;
    void sendForm(form, c.status, async () => {
      const v = formValues(form);
      const body = {
        ...placeOf(c.hoods, form),
        address: (v.address ?? '').trim(),
        companions: Number(v.companions || 0),
        needs: checked(form, 'needs'),
      };
      try {
        await post(
          offerId ? `/ride-offers/${offerId}/requests` : `/activities/${c.activityId}/ride-requests`,
          body,
        );
      } catch (e) {
        if (e instanceof ApiError && e.status === 409) outcome = 'refused';
        throw e;
      }
      outcome = 'asked';
      return t('liftAsked');
    }).then(async () => {
      if (outcome === 'asked') await after();
      if (outcome === 'refused') await after(t('alreadyAsked'));
      // Still here after a refusal (e.g. the driver cancelled meanwhile): show the offers as they are now.
      if (outcome === 'refused' && form.isConnected) await loadOffers();
    });
  });
  void loadOffers().catch((e: unknown) => offers.replaceChildren(h('li', { class: 'error' }, errorText(e))));
  return form;
}

/**
 * On the activity page, for someone signed up: their offer or request for this activity with its state and
 * what they can do (the same as on My lifts), or else the forms to offer seats or ask for a lift.
 */
export function liftsSection(
  activityId: string,
  hoods: Hood[],
  startsAt: string,
  signal?: AbortSignal,
): HTMLElement {
  return section('lifts', 'lifts', async (body) => {
    const status = h('p', { role: 'status' });
    const area = h('div', {});
    const c: SectionContext = { activityId, hoods, startsAt, status };
    const me = await api<Me>('/me');
    const show = async (refusal?: string) => {
      const rides = await api<MyRides>('/me/rides');
      const offer = rides.offers.find(
        (o) => o.activityId === activityId && o.driverId === me.passholderId && o.status === 'open',
      );
      const request = rides.requests.find(
        (r) => r.activityId === activityId && r.passengerId === me.passholderId && live(r.status),
      );
      const view: View = {
        refresh: async (message) => {
          await show();
          say(status, message);
        },
        signal,
        onActivityPage: true,
      };
      // A refused ask with no request behind it keeps its form, where the refusal is shown.
      if (refusal && !request) return;
      area.replaceChildren(
        refusal ? h('p', { class: 'error', role: 'alert' }, refusal) : '',
        ...(offer && !refusal
          ? [offerCard(view, offer, (await lookingFor([offer])).get(offer.id) ?? [])]
          : request
            ? [requestCard(view, request)]
            : [
                folded(
                  'offer-title',
                  t('offerLift'),
                  offerForm(c, () => show()),
                ),
                folded(
                  'ask-title',
                  t('needLift'),
                  askForm(c, (r) => show(r)),
                ),
              ]),
      );
    };
    await show();
    body.replaceChildren(status, area, h('p', {}, h('a', { href: '#/rides' }, t('myLifts'))));
  });
}

// ---------------------------------------------------------------------------------------------------------
// My lifts

/** Live lifts first, then the cancelled and declined ones. */
const liveFirst = <T extends { status: string }>(items: T[]) =>
  [...items].sort((a, b) => Number(!live(a.status)) - Number(!live(b.status)));

/**
 * My lifts: as driver (requests to answer, neighbours still looking, the ride code, cancelling) and as
 * passenger (a driver's proposal to answer, the pickup with the driver's code, cancelling). Address and phone
 * appear only once both sides said yes. `signal` stops the ride code's clock and the refresh when the user
 * comes back to the app.
 */
export function ridesPage(signal: AbortSignal): HTMLElement {
  const status = h('p', { role: 'status' });
  const body = h('div', {}, loadingNote());
  const page = h('div', {}, h('h1', {}, t('myLifts')), status, body);
  const view: View = { refresh: (message) => render(message), signal, onActivityPage: false };
  const render = async (message?: string) => {
    const rides = await api<MyRides>('/me/rides');
    const looking = await lookingFor(rides.offers);
    body.replaceChildren(
      h('h2', {}, t('asDriver')),
      ...(rides.offers.length
        ? liveFirst(rides.offers).map((o) => offerCard(view, o, looking.get(o.id) ?? []))
        : [emptyState(t('noOffersMine'), h('a', { href: '#/activities' }, t('activitiesTitle')))]),
      h('h2', {}, t('asPassenger')),
      ...(rides.requests.length
        ? liveFirst(rides.requests).map((r) => requestCard(view, r))
        : [emptyState(t('noRequestsMine'), h('a', { href: '#/activities' }, t('activitiesTitle')))]),
    );
    say(status, message);
  };
  const fail = (e: unknown) => body.replaceChildren(h('p', { class: 'error', role: 'alert' }, errorText(e)));
  render().catch(fail);
  // Back in the app after a call or a message: show what changed, unless a code is half typed.
  document.addEventListener(
    'visibilitychange',
    () => {
      const typing = [...page.querySelectorAll<HTMLInputElement>('input')].some((i) => i.value);
      if (document.visibilityState === 'visible' && !typing) render().catch(fail);
    },
    { signal },
  );
  return page;
}
