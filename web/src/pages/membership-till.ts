import { api, ApiError, type Answer } from '../api.ts';
import { announce, formValues, h } from '../dom.ts';
import { format, t } from '../i18n.ts';
import { choice, field } from '../components.ts';
import type { Offers } from './membership-offers.ts';

type Price = Answer<'/api/v1/tariffs'>;

/**
 * The club's till for membership fees: pick one of the club's offers, type the pass number, see the price
 * (the same screen for everyone, only the amount differs) and register it.
 */
export async function membershipTill(clubId: string): Promise<HTMLElement | null> {
  const { items } = await api<Offers>(`/clubs/${clubId}/membership-offers`);
  if (!items.length) return null;
  const result = h('div', { role: 'status', 'aria-live': 'polite' });
  const form = h(
    'form',
    { 'aria-labelledby': 'membership-till-title' },
    h('h2', { id: 'membership-till-title' }, t('membershipTill')),
    choice(
      'till-offer',
      'offerId',
      t('membership'),
      items.map((o): [string, string] => [
        o.id,
        `${o.title} ${o.season.replace('-', '–')} · ${format.cents(o.regularPriceCents)}`,
      ]),
    ),
    field('till-number', 'passNumber', t('passNumber'), {
      inputmode: 'numeric',
      autocomplete: 'off',
      required: true,
    }),
    h('button', { type: 'submit' }, t('showPrice')),
    result,
  );
  // Another offer or number: the price shown (and its sale button) belonged to the previous one.
  form.addEventListener('input', () => {
    result.className = '';
    result.replaceChildren();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { offerId = '', passNumber = '' } = formValues(form);
    try {
      const price = await api<Price>(
        `/tariffs?offerId=${encodeURIComponent(offerId)}&passNumber=${encodeURIComponent(passNumber.replace(/\s/g, ''))}`,
      );
      const register = h('button', { type: 'button' }, t('registerSale'));
      const done = h('p', { role: 'status' });
      register.addEventListener('click', async () => {
        register.disabled = true;
        try {
          const { sales } = await api<Answer<'/api/v1/clubs/{clubId}/memberships', 'post'>>(
            `/clubs/${clubId}/memberships`,
            {
              body: { offerId, passNumber: passNumber.replace(/\s/g, ''), tariffId: price.tariffId },
            },
          );
          done.className = 'ok';
          done.textContent = t('saleRegistered', { amount: format.cents(sales[0]!.price) });
          register.remove();
        } catch (e) {
          register.disabled = false;
          done.className = 'error';
          done.textContent = e instanceof ApiError ? e.message : t('unknownError');
        }
        announce(done.textContent ?? '');
      });
      result.className = 'till';
      result.replaceChildren(
        h('p', { class: 'big' }, price.passholder.displayName),
        h(
          'p',
          { class: 'big' },
          `${t('toPay')}: `,
          h('strong', { class: 'amount huge' }, format.cents(price.price)),
        ),
        register,
        done,
      );
    } catch (e) {
      result.className = 'error';
      result.replaceChildren(h('p', {}, e instanceof ApiError ? e.message : t('unknownError')));
    }
  });
  return h('section', { class: 'card' }, form);
}
