import { ApiError } from '../api.ts';
import { announce, h } from '../dom.ts';
import { sendForm } from '../forms.ts';
import { t, type MessageKey } from '../i18n.ts';

/** A titled region of the home page; `load` fills it and may fail with a visible, announced message. */
export function section(
  id: string,
  title: MessageKey,
  load: (body: HTMLElement) => Promise<void>,
): HTMLElement {
  const body = h('div', {}, h('p', { class: 'muted' }, t('loading')));
  const region = h(
    'section',
    { class: 'card', 'aria-labelledby': `${id}-title`, id },
    h('h2', { id: `${id}-title` }, t(title)),
    body,
  );
  load(body).catch((e: unknown) => {
    body.replaceChildren(
      h('p', { class: 'error', role: 'alert' }, e instanceof ApiError ? e.message : t('unknownError')),
    );
  });
  return region;
}

/** A simple data table with a caption for screen readers. */
export function table(caption: string, headers: string[], rows: (Node | string)[][]): HTMLTableElement {
  return h(
    'table',
    {},
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, ...headers.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, ...rows.map((cells) => h('tr', {}, ...cells.map((c) => h('td', {}, c))))),
  );
}

/** Runs a form action: its result in `status`, a problem on the form's fields (see `forms.ts`). */
export const submitWith = sendForm;

export const CLUB_KINDS = ['sports', 'culture', 'youth', 'social', 'other'] as const;
const KIND_KEYS: Record<string, MessageKey> = {
  sports: 'kindSports',
  culture: 'kindCulture',
  youth: 'kindYouth',
  social: 'kindSocial',
  other: 'kindOther',
};
const STATUS_KEYS: Record<string, MessageKey> = {
  pending: 'statusPending',
  approved: 'statusApproved',
  suspended: 'statusSuspended',
};
const ROLE_KEYS: Record<string, MessageKey> = {
  municipality_admin: 'roleNameMunicipalityAdmin',
  counter: 'roleNameCounter',
  club_admin: 'roleNameClubAdmin',
  door: 'roleNameDoor',
};
export const label = {
  kind: (k: string) => t(KIND_KEYS[k] ?? 'kindOther'),
  status: (s: string) => t(STATUS_KEYS[s] ?? 'statusPending'),
  role: (r: string) => t(ROLE_KEYS[r] ?? 'roleNameDoor'),
};

export type StaffMember = {
  userId: string;
  displayName: string;
  email: string | null;
  role: string;
  blocked: boolean;
};

export function staffTable(items: StaffMember[]): HTMLTableElement {
  return table(
    t('staff'),
    [t('name'), t('email'), t('role')],
    items.map((s) => [
      s.displayName + (s.blocked ? ` (${t('blocked')})` : ''),
      s.email ?? '',
      label.role(s.role),
    ]),
  );
}

/** A labelled input. */
export function field(
  id: string,
  name: string,
  text: string,
  attributes: Record<string, string | number | boolean> = {},
): HTMLElement {
  return h(
    'label',
    { class: 'field', for: id },
    h('span', {}, text),
    h('input', { id, name, ...attributes }),
  );
}

/** A labelled select with [value, text] options. */
export function choice(
  id: string,
  name: string,
  text: string,
  options: [string, string][],
  selected = '',
): HTMLElement {
  return h(
    'label',
    { class: 'field', for: id },
    h('span', {}, text),
    h(
      'select',
      { id, name },
      ...options.map(([value, label]) => h('option', { value, selected: value === selected }, label)),
    ),
  );
}
