import { api, type Answer, type Schema } from '../api.ts';
import { formValues, h } from '../dom.ts';
import { format, locale, t, type MessageKey } from '../i18n.ts';
import { button, choice, field, fieldset, section, table } from '../components.ts';
import { sendForm } from '../forms.ts';

type RightList = Answer<'/api/v1/municipalities/{municipalityId}/rights'>;
type Listed = RightList['items'][number];
type Count = Schema<'ShownCount'>;

export const BASES: [Listed['basis'], MessageKey][] = [
  ['status', 'rightsBasisStatus'],
  ['living_wage', 'rightsBasisLivingWage'],
  ['increased_allowance', 'rightsBasisIncreasedAllowance'],
  ['debt_mediation', 'rightsBasisDebtMediation'],
  ['child_benefit_supplement', 'rightsBasisChildBenefit'],
  ['other', 'rightsBasisOther'],
];
const LANGUAGES: ['nl' | 'fr' | 'en', MessageKey][] = [
  ['nl', 'rightsLanguageNl'],
  ['fr', 'rightsLanguageFr'],
  ['en', 'rightsLanguageEn'],
];
const basisText = (basis: string) => t(BASES.find(([b]) => b === basis)?.[1] ?? 'rightsBasisOther');

/** A count as the API gives it: the string "< 5" is read out as "fewer than five". */
function count(n: Count): Node {
  if (typeof n === 'number') return document.createTextNode(String(n));
  return h(
    'span',
    {},
    h('span', { 'aria-hidden': 'true' }, '< 5'),
    h('span', { class: 'visually-hidden' }, t('munFewerThanFive')),
  );
}

/** A labelled multi-line text box. */
function area(id: string, name: string, text: string): HTMLElement {
  return h(
    'label',
    { class: 'field', for: id },
    h('span', {}, text),
    h('textarea', { id, name, rows: 2, required: true, maxlength: 1000 }),
  );
}

/** Municipality admin: the local rights (what opens them, who gives them, how many hold and use each) and a new one. */
export function adminRightsPage(municipalityId: string): HTMLElement {
  const base = `/municipalities/${municipalityId}/rights`;
  const list = section('rights-list', 'rightsAdminList', async (body) => {
    const status = h('p', { role: 'status' });
    const show = async () => {
      const rights = await api<RightList>(base);
      const toggle = (r: Listed) =>
        button(r.active ? t('rightsSwitchOff') : t('rightsSwitchOn'), r.active ? 'danger' : 'secondary', {
          onclick: async () => {
            await api(`${base}/${r.id}`, { method: 'PATCH', body: { active: !r.active } });
            await show();
            status.className = 'ok';
            status.textContent = t(r.active ? 'rightsSwitchedOff' : 'rightsSwitchedOn', {
              name: r.name[locale()],
            });
          },
        });
      body.replaceChildren(
        h(
          'p',
          { class: 'muted' },
          t('rightsPeriod', { from: format.month(rights.from), to: format.month(rights.to) }),
        ),
        rights.items.length === 0
          ? h('p', {}, t('rightsAdminEmpty'))
          : table(
              t('rightsAdminList'),
              [
                t('rightsColumnName'),
                t('rightsColumnBasis'),
                t('rightsColumnGrantedBy'),
                t('rightsColumnHolding'),
                t('rightsColumnOpened'),
                t('rightsColumnUsed'),
                t('rightsColumnActive'),
              ],
              rights.items.map((r) => [
                r.name[locale()],
                basisText(r.basis),
                r.grantedBy,
                r.counts ? count(r.counts.holdingNow) : '—',
                r.counts ? count(r.counts.openedInPeriod) : '—',
                r.counts ? count(r.counts.usedInPeriod) : '—',
                h('span', {}, r.active ? t('rightsActiveYes') : t('rightsActiveNo'), ' ', toggle(r)),
              ]),
            ),
        status,
      );
    };
    await show();
    refresh = show;
  });
  let refresh: () => Promise<void> = async () => undefined;

  const status = h('p', { role: 'status' });
  const form = h(
    'form',
    { id: 'new-right', 'aria-labelledby': 'new-right-title', novalidate: true },
    h('h2', { id: 'new-right-title' }, t('rightsNew')),
    ...LANGUAGES.map(([code, language]) =>
      fieldset(
        t(language),
        field(`right-name-${code}`, `name-${code}`, t('rightsNameIn', { language: t(language) }), {
          required: true,
          maxlength: 120,
          lang: code,
        }),
        area(
          `right-description-${code}`,
          `description-${code}`,
          t('rightsDescriptionIn', { language: t(language) }),
        ),
        area(`right-how-${code}`, `how-${code}`, t('rightsHowToUseIn', { language: t(language) })),
      ),
    ),
    field('right-granted-by', 'grantedBy', t('rightsGrantedByLabel'), { required: true, maxlength: 120 }),
    choice(
      'right-basis',
      'basis',
      t('rightsBasisLabel'),
      BASES.map(([value, key]) => [value, t(key)]),
    ),
    h('button', { type: 'submit' }, t('rightsSave')),
    status,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const v = formValues(form);
    // A blank field is left out, so the API says it is required (not "too short").
    const given = (name: string) => (v[name]?.trim() ? v[name] : undefined);
    const texts = (prefix: string) => ({
      nl: given(`${prefix}-nl`),
      fr: given(`${prefix}-fr`),
      en: given(`${prefix}-en`),
    });
    void sendForm(
      form,
      status,
      async () => {
        const saved = await api<Answer<'/api/v1/municipalities/{municipalityId}/rights', 'post'>>(base, {
          body: {
            name: texts('name'),
            description: texts('description'),
            howToUse: texts('how'),
            grantedBy: given('grantedBy'),
            basis: v.basis,
          },
        });
        form.reset();
        await refresh();
        return t('rightsSaved', { name: saved.name[locale()] });
      },
      Object.fromEntries(
        LANGUAGES.flatMap(([code]) => [
          [`/name/${code}`, `name-${code}`],
          [`/description/${code}`, `description-${code}`],
          [`/howToUse/${code}`, `how-${code}`],
        ]),
      ),
    );
  });

  return h(
    'div',
    {},
    h('h1', {}, t('rightsAdminTitle')),
    h('p', {}, t('rightsAdminIntro')),
    list,
    h('section', { class: 'card' }, form),
  );
}
