import { api, ApiError, type Answer } from '../api.ts';
import { formValues, h } from '../dom.ts';
import { format, t } from '../i18n.ts';
import { choice, field, table } from '../components.ts';
import { sendForm } from '../forms.ts';
import { CATEGORIES } from './activities.ts';

/** The club's membership offers, and the seasons a new one may be for. */
export type Offers = Answer<'/api/v1/clubs/{clubId}/membership-offers'>;

/** A season in words: "2026–2027 (1 september 2026 tot 31 augustus 2027)", from "2026-2027". */
export function seasonText(season: string): string {
  const [from, to] = season.split('-');
  if (!from || !to) return season;
  return `${from}–${to} (${t('seasonSpan', { start: format.date(`${from}-09-01`), end: format.date(`${to}-08-31`) })})`;
}

/** Club admin: the membership fees the till may sell, with season and regular price set here. */
export async function membershipOffersSection(clubId: string): Promise<HTMLElement> {
  const list = h('div', {});
  const status = h('p', { role: 'status' });
  const { seasons } = await api<Offers>(`/clubs/${clubId}/membership-offers`);
  const render = async () => {
    const { items } = await api<Offers>(`/clubs/${clubId}/membership-offers`);
    list.replaceChildren(
      items.length
        ? table(
            t('membershipOffers'),
            [t('offerTitle'), t('season'), t('regularPrice'), t('offerCategory'), t('actions')],
            items.map((o) => {
              const withdraw = h(
                'button',
                { type: 'button', class: 'secondary', 'aria-label': `${t('withdrawOffer')}: ${o.title}` },
                t('withdrawOffer'),
              );
              withdraw.addEventListener('click', async () => {
                withdraw.disabled = true;
                try {
                  await api(`/membership-offers/${o.id}/archive`, { method: 'POST' });
                  status.className = 'ok';
                  status.textContent = t('offerWithdrawn');
                  await render();
                } catch (e) {
                  withdraw.disabled = false;
                  status.className = 'error';
                  status.textContent = e instanceof ApiError ? e.message : t('unknownError');
                }
              });
              const kind = CATEGORIES.find(([v]) => v === o.category)?.[1];
              return [
                o.title,
                seasonText(o.season),
                format.cents(o.regularPriceCents),
                kind ? t(kind) : '',
                withdraw,
              ];
            }),
          )
        : h('p', { class: 'muted' }, t('noOffers')),
    );
  };
  const form = h(
    'form',
    { 'aria-labelledby': 'new-offer-title' },
    h('h3', { id: 'new-offer-title' }, t('addOffer')),
    field('offer-title', 'title', t('offerTitle'), { required: true, maxlength: 120 }),
    choice(
      'offer-season',
      'season',
      t('season'),
      seasons.map((s): [string, string] => [s, seasonText(s)]),
    ),
    choice(
      'offer-category',
      'category',
      t('kind'),
      CATEGORIES.map(([v, k]) => [v, t(k)]),
    ),
    field('offer-price', 'price', t('regularPriceEuro'), {
      type: 'number',
      min: 0,
      step: 0.01,
      required: true,
    }),
    h('button', { type: 'submit' }, t('addOffer')),
    status,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const v = formValues(form);
    void sendForm(
      form,
      status,
      async () => {
        await api(`/clubs/${clubId}/membership-offers`, {
          body: {
            title: v.title,
            season: v.season,
            category: v.category,
            regularPriceCents: Math.round(Number(v.price) * 100),
          },
        });
        await render();
        return t('offerAdded');
      },
      { '/regularPriceCents': 'price' },
    );
  });
  await render();
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'offers-title' },
    h('h2', { id: 'offers-title' }, t('membershipOffers')),
    h('p', {}, t('membershipOffersHelp')),
    list,
    form,
  );
}
