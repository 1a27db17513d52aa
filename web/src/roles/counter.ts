import { api } from '../api.ts';
import { h } from '../dom.ts';
import { t } from '../i18n.ts';
import { section, table } from '../components.ts';

/** Counter staff: their municipality and its neighbourhoods (registration and search follow with passes). */
export function counterHome(municipalityId: string, municipalityName: string): HTMLElement[] {
  return [
    section('counter', 'roleCounter', async (body) => {
      const { items } = await api<{ items: { name: string; postalCodes: string[] }[] }>(
        `/municipalities/${municipalityId}/neighbourhoods`,
      );
      body.replaceChildren(
        h('p', {}, t('counterIntro', { municipality: municipalityName })),
        h('h3', {}, t('neighbourhoods')),
        table(
          t('neighbourhoods'),
          [t('name'), t('postalCodes')],
          items.map((n) => [n.name, n.postalCodes.join(', ')]),
        ),
      );
    }),
  ];
}
