import { api, ApiError } from '../api.ts';
import { announce, formValues, h } from '../dom.ts';
import { format, t, tn, type MessageKey } from '../i18n.ts';
import { choice, field, section } from '../components.ts';

const NEEDS: [string, MessageKey][] = [
  ['wheelchair', 'needWheelchair'],
  ['help_at_door', 'needHelpAtDoor'],
  ['assistance_dog', 'needAssistanceDog'],
  ['child_seat', 'needChildSeat'],
];
const checks = (name: string) =>
  h(
    'fieldset',
    {},
    h('legend', {}, t(name === 'allows' ? 'carAllows' : 'iNeed')),
    ...NEEDS.map(([v, k]) =>
      h('label', { class: 'check' }, h('input', { type: 'checkbox', name, value: v }), ` ${t(k)}`),
    ),
  );
const checked = (form: HTMLElement, name: string) =>
  [...form.querySelectorAll<HTMLInputElement>(`input[name=${name}]:checked`)].map((i) => i.value);
const fail = (e: unknown) => announce(e instanceof ApiError ? e.message : t('unknownError'));

type Offer = {
  id: string;
  driver: { firstName: string; area: string | null };
  seatsLeft: number;
  departsAt: string;
  detourKm: number | null;
};
type Hood = { id: string; name: string; lat: number | null; lon: number | null };

/** On the activity page, for someone signed up: offer seats, or ask for a lift among the offers. */
export function liftsSection(activityId: string, hoods: Hood[], startsAt: string): HTMLElement {
  return section('lifts', 'lifts', async (body) => {
    const status = h('p', { role: 'status' });
    const done = async (message: MessageKey) => {
      await render();
      status.className = 'ok';
      status.textContent = t(message);
      announce(t(message));
    };
    const hoodChoice = (id: string) =>
      choice(
        id,
        'neighbourhoodId',
        t('neighbourhood'),
        hoods.map((n) => [n.id, n.name]),
      );
    const where = (form: HTMLFormElement) => {
      const hood = hoods.find((n) => n.id === formValues(form).neighbourhoodId);
      return { neighbourhoodId: hood?.id ?? null, lat: hood?.lat ?? null, lon: hood?.lon ?? null };
    };
    const departure = new Date(Date.parse(startsAt) - 30 * 60_000);
    const offerForm = h(
      'form',
      { 'aria-labelledby': 'offer-title' },
      h('h3', { id: 'offer-title' }, t('offerLift')),
      field('offer-seats', 'seats', t('seatsForNeighbours'), {
        type: 'number',
        min: 1,
        max: 8,
        value: 2,
        required: true,
      }),
      hoodChoice('offer-hood'),
      checks('allows'),
      h('button', { type: 'submit' }, t('offerLift')),
    );
    offerForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await api(`/activities/${activityId}/ride-offers`, {
          body: {
            seats: Number(formValues(offerForm).seats),
            departsAt: departure.toISOString(),
            ...where(offerForm),
            allows: checked(offerForm, 'allows'),
          },
        });
        await done('liftOffered');
      } catch (e) {
        fail(e);
      }
    });
    const askForm = h(
      'form',
      { 'aria-labelledby': 'ask-title' },
      h('h3', { id: 'ask-title' }, t('needLift')),
      hoodChoice('ask-hood'),
      field('ask-address', 'address', t('pickupAddress'), { required: true }),
      field('ask-companions', 'companions', t('companions'), { type: 'number', min: 0, max: 3, value: 0 }),
      checks('needs'),
    );
    const offersList = h('ul', { class: 'plain' });
    const render = async () => {
      const hood = hoods.find((n) => n.id === formValues(askForm).neighbourhoodId);
      const needs = checked(askForm, 'needs');
      const { items } = await api<{ items: Offer[] }>(
        `/activities/${activityId}/ride-offers?${new URLSearchParams({ ...(hood?.lat ? { lat: String(hood.lat), lon: String(hood.lon) } : {}), ...(needs.length ? { needs: needs.join(',') } : {}) })}`,
      );
      const payload = () => ({
        ...where(askForm),
        address: formValues(askForm).address || null,
        companions: Number(formValues(askForm).companions || 0),
        needs: checked(askForm, 'needs'),
      });
      offersList.replaceChildren(
        ...items.map((o) =>
          h(
            'li',
            {},
            `${o.driver.firstName} (${o.driver.area ?? '—'}) · ${format.dateTime(o.departsAt)} · ${tn('seatsLeft', o.seatsLeft)}${o.detourKm !== null ? ` · ${t('detour', { km: o.detourKm })}` : ''} `,
            h(
              'button',
              {
                type: 'button',
                onclick: async () =>
                  await api(`/ride-offers/${o.id}/requests`, { body: payload() }).then(
                    () => done('liftAsked'),
                    fail,
                  ),
              },
              t('askSeat'),
            ),
          ),
        ),
        items.length ? '' : h('li', {}, t('noOffersYet')),
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              onclick: async () =>
                await api(`/activities/${activityId}/ride-requests`, { body: payload() }).then(
                  () => done('liftAsked'),
                  fail,
                ),
            },
            t('askAnyone'),
          ),
        ),
      );
    };
    askForm.addEventListener('change', () => void render());
    await render();
    body.replaceChildren(
      status,
      offerForm,
      askForm,
      offersList,
      h('p', {}, h('a', { href: '#/rides' }, t('myLifts'))),
    );
  });
}

type MyRides = {
  offers: {
    id: string;
    activityId: string;
    driverId: string;
    title: string;
    seats: number;
    seatsTaken: number;
    departsAt: string;
    status: string;
    requests: {
      id: string;
      status: string;
      firstName: string;
      area: string | null;
      pickupAddress: string | null;
      phone: string | null;
      pickupConfirmedAt: string | null;
    }[];
  }[];
  requests: {
    id: string;
    title: string;
    status: string;
    pickupConfirmedAt: string | null;
    driver: { firstName: string; area: string | null; phone: string | null } | null;
    departsAt: string | null;
  }[];
};
type Looking = { id: string; passenger: { firstName: string; area: string | null }; seats: number };

/** Status words; a proposal reads differently for the driver (waiting) and the passenger (to answer). */
const STATUS: Record<string, MessageKey> = {
  open: 'rideOpen',
  requested: 'rideRequested',
  proposed: 'rideProposedDriver',
  accepted: 'rideAccepted',
  declined: 'rideDeclined',
  cancelled: 'rideCancelled',
};
const PASSENGER_STATUS: Record<string, MessageKey> = { ...STATUS, proposed: 'rideProposedPassenger' };

/**
 * My lifts: as driver (requests to accept, neighbours still looking to propose to, the ride code) and as
 * passenger (a driver's proposal to confirm, the pickup with the code). Address and phone appear only once
 * both sides said yes.
 */
export function ridesPage(signal: AbortSignal): HTMLElement {
  void signal;
  const page = h('div', {}, h('h1', {}, t('myLifts')));
  const render = async (message?: string) => {
    const rides = await api<MyRides>('/me/rides');
    const open = rides.offers.filter((o) => o.status === 'open');
    const looking = await Promise.all(
      open.map((o) =>
        api<{ items: Looking[] }>(
          `/activities/${o.activityId}/ride-requests?passholderId=${encodeURIComponent(o.driverId)}`,
        ).then(
          (r) => r.items,
          () => [],
        ),
      ),
    );
    const lookingFor = new Map(open.map((o, i) => [o.id, looking[i] ?? []]));
    const act = (path: string, body: unknown, ok: MessageKey) => async () => {
      try {
        // Every action is a POST, with or without a body.
        await api(path, body === undefined ? { method: 'POST' } : { body });
        await render(t(ok));
      } catch (e) {
        fail(e);
      }
    };
    const driverCode = (offerId: string) => {
      const out = h('strong', { class: 'pass big' });
      return h(
        'p',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            onclick: async () =>
              (out.textContent = (await api<{ code: string }>(`/ride-offers/${offerId}/code`)).code),
          },
          t('showRideCode'),
        ),
        ' ',
        out,
      );
    };
    page.replaceChildren(
      h('h1', {}, t('myLifts')),
      message ? h('p', { role: 'status', class: 'ok' }, message) : '',
      h('h2', {}, t('asDriver')),
      ...rides.offers.map((o) =>
        h(
          'section',
          { class: 'card' },
          h('h3', {}, `${o.title} · ${format.dateTime(o.departsAt)}`),
          h('p', {}, t('seatsTaken', { taken: o.seatsTaken, seats: o.seats })),
          driverCode(o.id),
          ...o.requests.map((r) =>
            h(
              'p',
              {},
              `${r.firstName} (${r.area ?? '—'}) · ${t(STATUS[r.status] ?? 'rideOpen', { name: r.firstName })}`,
              r.pickupAddress ? ` · ${t('pickupAt', { address: r.pickupAddress })}` : '',
              r.phone ? ` · ${r.phone}` : '',
              r.pickupConfirmedAt ? ` · ${t('pickedUp')}` : '',
              ' ',
              r.status === 'requested'
                ? h(
                    'button',
                    { type: 'button', onclick: act(`/ride-requests/${r.id}/accept`, {}, 'saved') },
                    t('accept'),
                  )
                : '',
              ' ',
              r.status === 'requested'
                ? h(
                    'button',
                    {
                      type: 'button',
                      class: 'secondary',
                      onclick: act(`/ride-requests/${r.id}/decline`, undefined, 'saved'),
                    },
                    t('decline'),
                  )
                : '',
              r.status === 'proposed'
                ? h(
                    'button',
                    {
                      type: 'button',
                      class: 'secondary',
                      onclick: act(`/ride-requests/${r.id}/decline`, undefined, 'proposalWithdrawn'),
                    },
                    t('withdrawProposal'),
                  )
                : '',
              r.status === 'accepted'
                ? h(
                    'button',
                    {
                      type: 'button',
                      class: 'secondary',
                      onclick: act(`/ride-requests/${r.id}/cancel`, undefined, 'saved'),
                    },
                    t('cancelLift'),
                  )
                : '',
            ),
          ),
          ...(lookingFor.get(o.id)?.length
            ? [
                h('h4', {}, t('stillLooking')),
                h(
                  'ul',
                  { class: 'plain' },
                  ...lookingFor.get(o.id)!.map((l) =>
                    h(
                      'li',
                      {},
                      `${l.passenger.firstName} (${l.passenger.area ?? '—'}) · ${t('seatsAsked', { count: l.seats })} `,
                      h(
                        'button',
                        {
                          type: 'button',
                          onclick: act(`/ride-requests/${l.id}/accept`, { offerId: o.id }, 'liftProposed'),
                        },
                        t('takeNeighbour', { name: l.passenger.firstName }),
                      ),
                    ),
                  ),
                ),
              ]
            : []),
        ),
      ),
      rides.offers.length ? '' : h('p', {}, t('noneYet')),
      h('h2', {}, t('asPassenger')),
      ...rides.requests.map((r) => {
        const confirm = h(
          'form',
          {},
          field(`code-${r.id}`, 'rideCode', t('driverCode'), {
            inputmode: 'numeric',
            pattern: '[0-9]{6}',
            required: true,
          }),
          h('button', { type: 'submit' }, t('confirmPickup')),
        );
        confirm.addEventListener('submit', (event) => {
          event.preventDefault();
          void act(`/ride-requests/${r.id}/pickup`, { rideCode: formValues(confirm).rideCode }, 'pickedUp')();
        });
        return h(
          'section',
          { class: 'card' },
          h('h3', {}, r.title),
          h(
            'p',
            {},
            t(PASSENGER_STATUS[r.status] ?? 'rideOpen', { name: r.driver?.firstName ?? '' }),
            r.driver
              ? ` · ${r.driver.firstName} (${r.driver.area ?? '—'})${r.driver.phone ? ` · ${r.driver.phone}` : ''}`
              : '',
            r.departsAt ? ` · ${format.dateTime(r.departsAt)}` : '',
          ),
          r.status === 'proposed'
            ? h(
                'p',
                {},
                h(
                  'button',
                  {
                    type: 'button',
                    onclick: act(`/ride-requests/${r.id}/confirm`, undefined, 'liftConfirmed'),
                  },
                  t('confirmLift'),
                ),
                ' ',
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'secondary',
                    onclick: act(`/ride-requests/${r.id}/decline`, undefined, 'proposalDeclined'),
                  },
                  t('noThanks'),
                ),
              )
            : '',
          r.pickupConfirmedAt
            ? h('p', { class: 'ok' }, t('pickedUp'))
            : r.status === 'accepted'
              ? confirm
              : '',
          r.status !== 'cancelled' && r.status !== 'declined'
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'secondary',
                  onclick: act(`/ride-requests/${r.id}/cancel`, undefined, 'saved'),
                },
                t('cancelLift'),
              )
            : '',
        );
      }),
      rides.requests.length ? '' : h('p', {}, t('noneYet')),
    );
    if (message) announce(message);
  };
  void render();
  return page;
}
