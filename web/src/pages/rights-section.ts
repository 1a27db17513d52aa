import { api, ApiError, type Answer, type Schema } from '../api.ts';
import { announce, h } from '../dom.ts';
import { format, t } from '../i18n.ts';
import { button, emptyState, section } from '../components.ts';
import type { AuditReason } from './pass.ts';

type Held = Schema<'HeldRight'>;
type HolderRights = Schema<'HolderRights'>;

/** One right as a card: its name, what it is, how to use it, who gives it, since and until when. */
function rightCard(r: Held, action?: HTMLElement): HTMLElement {
  const until = r.inGrace
    ? r.until && h('p', { class: 'notice' }, t('rightsInGrace', { date: format.date(r.until) }))
    : r.until && h('p', { class: 'muted' }, t('rightsUntil', { date: format.date(r.until) }));
  return h(
    'li',
    { class: 'right' },
    h('h3', {}, r.text.name),
    h('p', {}, r.text.description),
    h('p', {}, h('strong', {}, `${t('rightsHowToUse')} `), r.text.howToUse),
    h('p', { class: 'muted' }, t('rightsGrantedBy', { by: r.grantedBy })),
    h('p', { class: 'muted' }, t('rightsSince', { date: format.date(r.openedOn) })),
    until || null,
    action ?? null,
  );
}

function endedList(ended: Held[]): HTMLElement | null {
  if (ended.length === 0) return null;
  return h(
    'div',
    {},
    h('h3', {}, t('rightsEndedTitle')),
    h(
      'ul',
      { class: 'plain' },
      ...ended.map((r) =>
        h('li', {}, `${r.text.name}: ${t('rightsEndedOn', { date: format.date(r.endedOn ?? r.openedOn) })}`),
      ),
    ),
  );
}

/** "Your rights" on the resident's pass page: their own, then those of the people they are guardian of. */
export function myRightsSection(): HTMLElement {
  return section('my-rights', 'rightsYours', async (body) => {
    const { holders } = await api<Answer<'/api/v1/me/rights'>>('/me/rights');
    const parts = holders.map((holder: HolderRights) => {
      const heading = holder.self ? null : h('h3', {}, t('rightsOf', { name: holder.firstName }));
      const list =
        holder.held.length === 0
          ? holder.self
            ? emptyState(t('rightsNone'))
            : null
          : h('ul', { class: 'rights plain' }, ...holder.held.map((r) => rightCard(r)));
      if (!holder.self && holder.held.length === 0 && holder.ended.length === 0) return null;
      return h('div', { class: 'holder-rights' }, heading, list, endedList(holder.ended));
    });
    body.replaceChildren(
      holders.some((x) => x.held.length > 0) ? h('p', {}, t('rightsYoursIntro')) : '',
      ...parts.filter((p): p is HTMLDivElement => p !== null),
    );
  });
}

/**
 * Counter: the resident's local rights on the record (read with the reason the counter gave, logged for the
 * holder), with "record a use" per right. Shown again on request, after a change of the status.
 */
export function recordRightsSection(passholderId: string, reason: AuditReason): HTMLElement {
  const base = `/passholders/${passholderId}/rights`;
  return section('record-rights', 'rightsRecord', async (body) => {
    const status = h('p', { role: 'status' });
    const show = async () => {
      const rights = await api<Answer<'/api/v1/passholders/{passholderId}/rights'>>(
        `${base}?reason=${reason}`,
      );
      const use = (r: Held) =>
        button(t('rightsRecordUse'), 'secondary', {
          onclick: async () => {
            try {
              await api(`${base}/${r.rightId}/uses`, { body: {} });
              await show();
              status.className = 'ok';
              status.textContent = t('rightsRecordUsed', { name: r.text.name });
            } catch (e) {
              status.className = 'error';
              status.textContent = e instanceof ApiError ? e.message : t('unknownError');
            }
            announce(status.textContent ?? '');
          },
        });
      body.replaceChildren(
        rights.held.length === 0
          ? emptyState(t('rightsRecordNone'))
          : h(
              'ul',
              { class: 'rights plain' },
              ...rights.held.map((r) =>
                rightCard(
                  r,
                  h(
                    'p',
                    { class: 'actions' },
                    use(r),
                    ' ',
                    h('span', { class: 'muted' }, t('rightsUses', { count: r.uses })),
                  ),
                ),
              ),
            ),
        endedList(rights.ended) ?? '',
        status,
        h('p', {}, button(t('rightsRefresh'), 'secondary', { onclick: () => void show() })),
      );
    };
    await show();
  });
}
