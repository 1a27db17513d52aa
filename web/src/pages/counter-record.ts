import { api, ApiError, type Answer } from '../api.ts';
import { announce, formValues, h } from '../dom.ts';
import { format, t } from '../i18n.ts';
import { choice, field, section, table } from '../components.ts';
import { sendForm } from '../forms.ts';
import { statusSection } from './status-section.ts';
import { onBehalfSection } from './counter-behalf.ts';

type Record = Answer<'/api/v1/passholders/{passholderId}'>;
type Household = Answer<'/api/v1/households/{householdId}'>;

/** Counter: one resident's record, with corrections, household, guardians, card and account. */
export async function counterRecordPage(id: string): Promise<HTMLElement> {
  const page = h('div', {});
  // Municipalities of the record's region: a resident who moves within the region keeps the pass.
  const regions = await api<Answer<'/api/v1/regions'>>('/regions');
  const render = async (message?: string) => {
    const record = await api<Record>(`/passholders/${id}`);
    page.replaceChildren(
      h('h1', {}, `${record.firstName} ${record.lastName}`),
      h('p', { class: 'pass big' }, format.passNumber(record.passNumber)),
      h('p', { class: 'muted' }, t('auditNote')),
      message ? h('p', { class: 'ok', role: 'status' }, message) : '',
      statusSection(id),
      detailsForm(record),
      cardSection(record),
      accountSection(record),
      householdSection(record),
      section('no-shows', 'lifts', async (body) => {
        const n = await api<Answer<'/api/v1/passholders/{passholderId}/rides'>>(`/passholders/${id}/rides`);
        body.replaceChildren(h('p', {}, t('noShows', { driver: n.asDriver, passenger: n.asPassenger })));
      }),
      onBehalfSection(id),
    );
    if (message) announce(message);
  };

  const act = async (action: () => Promise<unknown>, message: string) => {
    try {
      await action();
      await render(message);
    } catch (e) {
      announce(e instanceof ApiError ? e.message : t('unknownError'));
      page.prepend(
        h('p', { class: 'error', role: 'alert' }, e instanceof ApiError ? e.message : t('unknownError')),
      );
    }
  };

  function detailsForm(r: Record): HTMLElement {
    const status = h('p', { role: 'status' });
    const form = h(
      'form',
      { 'aria-labelledby': 'details-title' },
      h('h2', { id: 'details-title' }, t('details')),
      field('rec-first', 'firstName', t('firstName'), { value: r.firstName, required: true }),
      field('rec-last', 'lastName', t('lastName'), { value: r.lastName, required: true }),
      field('rec-birth', 'birthDate', t('birthDate'), { type: 'date', value: r.birthDate, required: true }),
      field('rec-postal', 'postalCode', t('postalCode'), { value: r.postalCode, required: true }),
      field('rec-phone', 'phone', t('phoneOptional'), { type: 'tel', value: r.phone ?? '' }),
      field('rec-email', 'email', t('emailOptional'), { type: 'email', value: r.email ?? '' }),
      field('rec-address', 'address', t('addressOptional'), { value: r.address ?? '' }),
      choice(
        'rec-municipality',
        'municipalityId',
        t('municipality'),
        (
          regions.items.find((region) => region.municipalities.some((m) => m.id === r.municipalityId))
            ?.municipalities ?? []
        ).map((m): [string, string] => [m.id, m.name]),
        r.municipalityId,
      ),
      choice(
        'rec-locale',
        'locale',
        t('language'),
        [
          ['nl', 'Nederlands'],
          ['fr', 'Français'],
          ['en', 'English'],
        ],
        r.locale,
      ),
      h('button', { type: 'submit' }, t('save')),
      status,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const v = formValues(form);
      void sendForm(form, status, async () => {
        await api(`/passholders/${id}`, {
          method: 'PATCH',
          body: { ...v, phone: v.phone || null, email: v.email || null, address: v.address || null },
        });
        if (v.municipalityId !== r.municipalityId) {
          // Moved to another municipality: the record is now in that municipality's care.
          location.hash = '#/counter';
          return t('moved');
        }
        await render(t('saved'));
        return t('saved');
      });
    });
    return form;
  }

  function cardSection(r: Record): HTMLElement {
    const reason = choice('block-reason', 'reason', t('blockReason'), [
      ['lost', t('reasonLost')],
      ['stolen', t('reasonStolen')],
      ['damaged', t('reasonDamaged')],
      ['other', t('reasonOther')],
    ]);
    return h(
      'section',
      { class: 'card', 'aria-labelledby': 'card-title' },
      h('h2', { id: 'card-title' }, t('card')),
      h(
        'p',
        {},
        t('cardVersion', { version: r.card.version }),
        ' · ',
        r.card.blockedAt ? h('strong', {}, t('cardBlocked')) : t('cardActive'),
      ),
      h('p', {}, h('a', { href: `#/print/${r.id}`, class: 'button' }, t('printCard'))),
      r.card.blockedAt
        ? null
        : h(
            'div',
            {},
            reason,
            h(
              'button',
              {
                type: 'button',
                onclick: () => {
                  const value = (reason.querySelector('select') as HTMLSelectElement).value;
                  void act(
                    () => api(`/passholders/${id}/card/block`, { body: { reason: value } }),
                    t('cardBlockedDone'),
                  );
                },
              },
              t('blockCard'),
            ),
          ),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: () =>
            void act(() => api(`/passholders/${id}/card/replace`, { method: 'POST' }), t('cardReplacedDone')),
        },
        t('replaceCard'),
      ),
    );
  }

  function accountSection(r: Record): HTMLElement {
    if (r.account.active) {
      return h(
        'section',
        { class: 'card', 'aria-labelledby': 'account-title' },
        h('h2', { id: 'account-title' }, t('account')),
        h('p', {}, t('hasAccount'), r.account.email ? ` (${r.account.email})` : ''),
      );
    }
    const status = h('p', { role: 'status' });
    const form = h(
      'form',
      { 'aria-labelledby': 'setup-title' },
      h('h3', { id: 'setup-title' }, t('setUpAccount')),
      field('acc-password', 'password', t('firstPassword'), {
        type: 'password',
        required: true,
        minlength: 10,
      }),
      h('button', { type: 'submit' }, t('setUpAccount')),
      status,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const v = formValues(form);
      void sendForm(form, status, async () => {
        await api(`/passholders/${id}/account`, { body: { password: v.password } });
        await render(t('accountCreated'));
        return t('accountCreated');
      });
    });
    const letter = sessionStorage.getItem(`letter:${id}`);
    return h(
      'section',
      { class: 'card', 'aria-labelledby': 'account-title' },
      h('h2', { id: 'account-title' }, t('account')),
      h(
        'p',
        {},
        r.activationExpiresAt
          ? t('activationWaiting', { date: format.dateTime(r.activationExpiresAt) })
          : t('noAccountYet'),
      ),
      letter ? h('p', {}, h('a', { href: `#/print/${id}`, class: 'button' }, t('printLetter'))) : null,
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: () =>
            void act(async () => {
              const code = await api<Answer<'/api/v1/passholders/{passholderId}/activation-code', 'post'>>(
                `/passholders/${id}/activation-code`,
                { method: 'POST' },
              );
              sessionStorage.setItem(
                `letter:${id}`,
                JSON.stringify({ code: code.activationCode, expiresAt: code.activationExpiresAt }),
              );
            }, t('newCodeReady')),
        },
        t('newActivationCode'),
      ),
      form,
    );
  }

  function householdSection(r: Record): HTMLElement {
    const moveStatus = h('p', { role: 'status' });
    const guardianForm = h(
      'form',
      { 'aria-labelledby': 'guardian-title' },
      h('h3', { id: 'guardian-title' }, t('addGuardian')),
      field('guardian-pass', 'passNumber', t('guardianPassNumber'), { inputmode: 'numeric', required: true }),
      choice('guardian-basis', 'basis', t('basis'), [
        ['minor', t('basisMinor')],
        ['consent', t('basisConsent')],
      ]),
      h('button', { type: 'submit' }, t('add')),
      moveStatus,
    );
    guardianForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const v = formValues(guardianForm);
      void sendForm(guardianForm, moveStatus, async () => {
        const { items } = await api<Answer<'/api/v1/passholders'>>(
          `/passholders?q=${encodeURIComponent(v.passNumber ?? '')}`,
        );
        if (items.length !== 1) throw new ApiError(404, 'not_found', t('noResults'));
        await api(`/passholders/${id}/guardians/${items[0]!.id}`, {
          method: 'PUT',
          body: { basis: v.basis },
        });
        await render(t('saved'));
        return t('saved');
      });
    });
    return section('household', 'householdTitle', async (body) => {
      const household = r.householdId
        ? await api<Household>(`/households/${r.householdId}`)
        : { members: [] };
      body.replaceChildren(
        table(
          t('householdTitle'),
          [t('name'), t('passNumber')],
          household.members.map((m) => [
            m.passholderId === id
              ? `${m.firstName} ${m.lastName}`
              : h('a', { href: `#/counter/p/${m.passholderId}` }, `${m.firstName} ${m.lastName}`),
            format.passNumber(m.passNumber),
          ]),
        ),
        r.guardians.length
          ? h(
              'p',
              {},
              `${t('guardians')}: `,
              r.guardians.map((g) => `${g.firstName} ${g.lastName}`).join(', '),
            )
          : '',
        r.wards.length
          ? h('p', {}, `${t('wards')}: `, r.wards.map((g) => `${g.firstName} ${g.lastName}`).join(', '))
          : '',
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            onclick: () =>
              void act(
                () => api(`/passholders/${id}/household`, { method: 'PUT', body: { householdId: null } }),
                t('saved'),
              ),
          },
          t('ownHousehold'),
        ),
        guardianForm,
      );
    });
  }

  await render();
  return page;
}
