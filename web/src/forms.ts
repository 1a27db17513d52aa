import { ApiError } from './api.ts';
import { announce, h } from './dom.ts';
import { locale, t } from './i18n.ts';

/**
 * Maps a problem's JSON pointer to the name of the form control it is about, where they differ
 * (e.g. `{ '/regularPriceCents': 'price' }`). By default the pointer's last segment is the name.
 */
export type FieldNames = Record<string, string>;

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** Removes the marks of an earlier attempt: field messages, `aria-invalid`, the message above the form. */
export function clearProblems(form: HTMLFormElement): void {
  form.querySelectorAll('.field-error').forEach((el) => el.remove());
  form.querySelectorAll<Control>('[aria-invalid]').forEach((control) => {
    control.removeAttribute('aria-invalid');
    const described = (control.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter((id) => id && !id.endsWith('-error'));
    if (described.length) control.setAttribute('aria-describedby', described.join(' '));
    else control.removeAttribute('aria-describedby');
  });
  form.querySelector('.form-problem')?.remove();
}

/**
 * Shows a problem on its form: the problem's message above the form, each `fields` entry on its control
 * (`aria-invalid`, the message under the field, linked by `aria-describedby`), and focus on the first wrong
 * field. Field messages without a control are listed above the form.
 */
export function showProblem(form: HTMLFormElement, error: ApiError, names: FieldNames = {}): void {
  clearProblems(form);
  const loose: string[] = [];
  let first: Control | null = null;
  for (const field of error.fields) {
    const text = field.messages[locale()] ?? field.messages.nl ?? '';
    const name = names[field.pointer] ?? field.pointer.split('/').filter(Boolean).pop() ?? '';
    const control = name ? form.querySelector<Control>(`[name="${CSS.escape(name)}"]`) : null;
    if (!control) {
      loose.push(text);
      continue;
    }
    const id = `${control.id || `${form.id || 'form'}-${name}`}-error`;
    control.setAttribute('aria-invalid', 'true');
    const described = control.getAttribute('aria-describedby');
    control.setAttribute('aria-describedby', described ? `${described} ${id}` : id);
    (control.closest('label') ?? control).after(h('p', { class: 'field-error', id }, text));
    first ??= control;
  }
  form.prepend(
    h(
      'div',
      { class: 'form-problem error', role: 'alert' },
      h('p', {}, error.message),
      ...(loose.length ? [h('ul', {}, ...loose.map((text) => h('li', {}, text)))] : []),
    ),
  );
  (first ?? form.querySelector<HTMLElement>('.form-problem'))?.focus();
  if (!first) form.querySelector<HTMLElement>('.form-problem')?.setAttribute('tabindex', '-1');
}

/**
 * The one way forms are sent: the submit button is disabled while sending, earlier marks are cleared, and a
 * problem is shown where it belongs (see `showProblem`). The success message goes to `status`.
 */
export async function sendForm(
  form: HTMLFormElement,
  status: HTMLElement,
  action: () => Promise<string>,
  names: FieldNames = {},
): Promise<void> {
  const button = form.querySelector<HTMLButtonElement>('button[type=submit], button:not([type])');
  if (button) button.disabled = true;
  clearProblems(form);
  status.className = '';
  status.textContent = '';
  try {
    const message = await action();
    status.className = 'ok';
    status.textContent = message;
    announce(message);
    form.reset();
  } catch (e) {
    if (e instanceof ApiError) {
      showProblem(form, e, names);
      announce(e.message);
    } else {
      status.className = 'error';
      status.textContent = t('unknownError');
      announce(status.textContent);
    }
  } finally {
    if (button) button.disabled = false;
  }
}
