import { api, type Answer } from '../api.ts';
import { h } from '../dom.ts';
import { format, t } from '../i18n.ts';
import { section, table } from '../components.ts';

type Household = Answer<'/api/v1/households/{householdId}'>;

/** Resident: their pass number and their household. */
export function residentHome(passholderId: string, householdId: string | null): HTMLElement[] {
  return [
    section('my-pass', 'roleResident', async (body) => {
      if (!householdId) {
        body.replaceChildren();
        return;
      }
      const household = await api<Household>(`/households/${householdId}`);
      const me = household.members.find((m) => m.passholderId === passholderId);
      body.replaceChildren(
        h(
          'p',
          {},
          `${t('passNumber')}: `,
          h('span', { class: 'pass' }, me ? format.passNumber(me.passNumber) : ''),
        ),
        h('h3', {}, t('household')),
        table(
          t('household'),
          [t('name'), t('passNumber'), t('account')],
          household.members.map((m) => [
            `${m.firstName} ${m.lastName}`,
            format.passNumber(m.passNumber),
            m.hasAccount ? t('hasAccount') : t('noAccountYet'),
          ]),
        ),
      );
    }),
  ];
}
