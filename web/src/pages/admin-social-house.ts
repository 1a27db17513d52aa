import { api, type Schema } from '../api.ts';
import { formValues, h } from '../dom.ts';
import { t } from '../i18n.ts';
import { field, section } from '../components.ts';
import { sendForm } from '../forms.ts';

type SocialHouse = Schema<'SocialHouse'>;

/**
 * Municipality admin: the Social House's phone and address, which every letter, e-mail and SMS names so a
 * person can call. A wrong or missing phone number is told beside its field.
 */
export function adminSocialHousePage(municipalityId: string): HTMLElement {
  const path = `/municipalities/${encodeURIComponent(municipalityId)}/social-house`;

  const contact = section('social-house', 'socialHouseFormTitle', async (body) => {
    const current = await api<SocialHouse>(path);
    const noPhone = h('p', { class: 'muted', id: 'social-house-no-phone' }, t('socialHouseNoPhone'));
    const status = h('p', { role: 'status', id: 'social-house-status' });
    const phone = field('social-house-phone', 'phone', t('socialHousePhone'), {
      type: 'tel',
      autocomplete: 'off',
      maxlength: 40,
      required: true,
      value: current.phone ?? '',
      'aria-describedby': 'social-house-phone-hint',
    });
    const address = h(
      'label',
      { class: 'field', for: 'social-house-address' },
      h('span', {}, t('socialHouseAddress')),
      h(
        'textarea',
        {
          id: 'social-house-address',
          name: 'address',
          rows: 3,
          maxlength: 200,
          'aria-describedby': 'social-house-address-hint',
        },
        current.address ?? '',
      ),
    );
    const form = h(
      'form',
      { id: 'social-house-form', 'aria-labelledby': 'social-house-title', novalidate: true },
      phone,
      h('p', { class: 'muted hint', id: 'social-house-phone-hint' }, t('socialHousePhoneHint')),
      address,
      h('p', { class: 'muted hint', id: 'social-house-address-hint' }, t('socialHouseAddressHint')),
      h('button', { type: 'submit' }, t('socialHouseSave')),
      status,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const v = formValues(form);
      // An empty phone is left out, so the answer names it as required; an empty address clears it.
      const typed = (v.phone ?? '').trim();
      const request = { ...(typed ? { phone: typed } : {}), address: (v.address ?? '').trim() || null };
      void sendForm(form, status, async () => {
        const saved = await api<SocialHouse>(path, { method: 'PUT', body: request });
        // The form keeps the saved values after it is reset.
        form.querySelector<HTMLInputElement>('[name="phone"]')!.defaultValue = saved.phone ?? '';
        form.querySelector<HTMLTextAreaElement>('[name="address"]')!.defaultValue = saved.address ?? '';
        noPhone.hidden = saved.phone !== null;
        return t('socialHouseSaved', { phone: saved.phone ?? '' });
      });
    });
    noPhone.hidden = current.phone !== null;
    body.replaceChildren(noPhone, form);
  });

  return h('div', {}, h('h1', {}, t('socialHouseTitle')), h('p', {}, t('socialHouseIntro')), contact);
}
