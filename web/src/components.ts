import { ApiError } from './api.ts';
import { h } from './dom.ts';
import { t, type MessageKey } from './i18n.ts';

/**
 * The component kit of the browser app: small functions that build the same markup everywhere, so a
 * checkbox, a button or a table looks and reads the same on every page (styles in `styles.css`).
 */

type Attributes = Parameters<typeof h>[1];

/** A titled region of a page; `load` fills it and may fail with a visible, announced message. */
export function section(
  id: string,
  title: MessageKey,
  load: (body: HTMLElement) => Promise<void>,
): HTMLElement {
  const body = h('div', {}, loadingNote());
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

/** "Loading…" with a spinner, announced politely. */
export function loadingNote(): HTMLElement {
  return h('p', { class: 'muted loading', role: 'status' }, t('loading'));
}

/**
 * A data table with a caption for screen readers. On a narrow screen each row becomes a stacked card:
 * every cell carries its column's name (`data-label`), which CSS shows before the value.
 */
export function table(caption: string, headers: string[], rows: (Node | string)[][]): HTMLTableElement {
  return h(
    'table',
    { class: 'stack' },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, ...headers.map((x) => h('th', { scope: 'col' }, x)))),
    h(
      'tbody',
      {},
      ...rows.map((cells) =>
        h('tr', {}, ...cells.map((c, i) => h('td', { 'data-label': headers[i] ?? '' }, c))),
      ),
    ),
  );
}

/** What a list says when there is nothing in it, with an optional next step. */
export function emptyState(text: string, action?: HTMLElement): HTMLElement {
  return h('div', { class: 'empty' }, h('p', {}, text), action ?? null);
}

export type ButtonVariant = 'primary' | 'secondary' | 'danger';

/** A button: primary for the one main action, secondary for the others, danger for what ends something. */
export function button(
  text: string,
  variant: ButtonVariant = 'primary',
  attributes: Attributes = {},
): HTMLButtonElement {
  const base = variant === 'primary' ? '' : variant;
  const extra = typeof attributes.class === 'string' ? attributes.class : '';
  return h('button', { type: 'button', ...attributes, class: `${base} ${extra}`.trim() || undefined }, text);
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

/** A checkbox with its label beside it, the whole line clickable. */
export function checkbox(
  name: string,
  value: string,
  text: string,
  attributes: Record<string, string | number | boolean> = {},
): HTMLLabelElement {
  return h('label', { class: 'check' }, h('input', { type: 'checkbox', name, value, ...attributes }), text);
}

/** A group of controls under a visible legend. */
export function fieldset(legend: string, ...children: (Node | null)[]): HTMLFieldSetElement {
  return h('fieldset', {}, h('legend', {}, legend), ...children);
}

export type Confirmation = {
  /** What will happen, as a question ("Do you want to redeem …?"). */
  question: string;
  /** Facts the person needs before saying yes (where, until when, what it costs). */
  details?: string[];
  /** The words on the yes button: the action itself ("Redeem"), never just "OK". */
  yes: string;
  /** A red yes button for actions that end something. */
  danger?: boolean;
};

/**
 * The confirmation step before an action that spends or ends something: a modal dialog with the question,
 * the facts, the action's own words on the yes button and "No, go back". Escape or "No" answers false.
 * Focus returns to where it was.
 */
export function confirmStep(c: Confirmation): Promise<boolean> {
  const back = document.activeElement as HTMLElement | null;
  const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-question' });
  return new Promise((resolve) => {
    const close = (answer: boolean) => {
      dialog.close();
      dialog.remove();
      back?.focus();
      resolve(answer);
    };
    const no = button(t('confirmNo'), 'secondary', { onclick: () => close(false) });
    const yes = button(c.yes, c.danger ? 'danger' : 'primary', { onclick: () => close(true) });
    dialog.append(
      h('h2', { id: 'confirm-question' }, c.question),
      ...(c.details ?? []).map((line) => h('p', {}, line)),
      h('p', { class: 'actions' }, yes, no),
    );
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      close(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    no.focus();
  });
}

/**
 * A count for the policy team: 1 to 4 is shown as "< 5" (read as "fewer than five"), so a small
 * neighbourhood's figure never points at a person.
 */
export function fewCount(n: number): Node {
  if (n < 1 || n >= 5) return document.createTextNode(String(n));
  return h(
    'span',
    {},
    h('span', { 'aria-hidden': 'true' }, '< 5'),
    h('span', { class: 'visually-hidden' }, t('munFewerThanFive')),
  );
}
