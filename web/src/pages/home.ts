import { api, type Answer, type Me } from '../api.ts';
import { h } from '../dom.ts';
import { t, type MessageKey } from '../i18n.ts';
import { clubAdminHome, doorHome } from '../roles/club.ts';
import { counterHome } from '../roles/counter.ts';
import { municipalityAdminHome } from '../roles/municipality.ts';
import { residentHome } from '../roles/resident.ts';
import { myActivitiesSection } from './activities.ts';

type Region = Answer<'/api/v1/regions'>['items'][number];

/** The home page: a section per role the user holds. */
export async function homePage(me: Me, links: [string, MessageKey][]): Promise<HTMLElement> {
  const { items } = await api<{ items: Region[] }>('/regions');
  const municipalityName = (id: string | null) =>
    items.flatMap((r) => r.municipalities).find((m) => m.id === id)?.name ?? '';
  const sections: HTMLElement[] = [];
  for (const role of me.staffRoles) {
    if (role.role === 'municipality_admin' && role.municipalityId)
      sections.push(...municipalityAdminHome(role.municipalityId));
    if (role.role === 'counter' && role.municipalityId)
      sections.push(...counterHome(role.municipalityId, municipalityName(role.municipalityId)));
    if (role.role === 'club_admin' && role.clubId) sections.push(...clubAdminHome(role.clubId));
    if (role.role === 'door' && role.clubId) sections.push(...doorHome(role.clubId));
  }
  if (me.passholderId) sections.push(myActivitiesSection(), ...residentHome(me.passholderId, me.householdId));
  const shortcuts = links.length
    ? h('p', { class: 'shortcuts' }, ...links.map(([href, key]) => h('a', { href, class: 'button' }, t(key))))
    : null;
  const place = municipalityName(me.municipalityId);
  return h(
    'div',
    {},
    h('h1', {}, t('welcome', { name: me.displayName })),
    place ? h('p', { class: 'muted' }, `${t('municipality')}: ${place}`) : null,
    shortcuts,
    ...sections,
  );
}
