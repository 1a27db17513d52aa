import { api, type Answer } from '../api.ts';
import { formValues, h } from '../dom.ts';
import { sendForm } from '../forms.ts';
import { format, locale, t, type MessageKey } from '../i18n.ts';
import { choice, emptyState, section, table } from '../components.ts';

/**
 * Outreach contacts (issue 14), in one place for the three pages that show them: the form counter staff log a
 * contact with (worklist and record), the contacts on the counter's record, and "the Social House tried to
 * reach you" on the resident's own pass page.
 */

export type Contact = Answer<'/api/v1/me/outreach-contacts'>['items'][number];
export type ContactReason = Contact['reason'];
export type ContactWay = Contact['how'];
export type Outcome = Contact['outcome'];

export const REASONS: Record<ContactReason, MessageKey> = {
  not_activated: 'outreachReasonNotActivated',
  not_used: 'outreachReasonNotUsed',
  status_ending: 'outreachReasonStatusEnding',
  other: 'outreachReasonOther',
};
export const WAYS: Record<ContactWay, MessageKey> = {
  call: 'outreachHowCall',
  visit: 'outreachHowVisit',
  letter: 'outreachHowLetter',
  email: 'outreachHowEmail',
  sms: 'outreachHowSms',
};
export const OUTCOMES: Record<Outcome, MessageKey> = {
  reached: 'outreachOutcomeReached',
  no_answer: 'outreachOutcomeNoAnswer',
  left_message: 'outreachOutcomeLeftMessage',
  wrong_number: 'outreachOutcomeWrongNumber',
  declined: 'outreachOutcomeDeclined',
  sent: 'outreachOutcomeSent',
};
const MINE_HOW: Record<ContactWay, MessageKey> = {
  call: 'outreachMineHowCall',
  visit: 'outreachMineHowVisit',
  letter: 'outreachMineHowLetter',
  email: 'outreachMineHowEmail',
  sms: 'outreachMineHowSms',
};
const MINE_WHY: Record<ContactReason, MessageKey> = {
  not_activated: 'outreachMineWhyNotActivated',
  not_used: 'outreachMineWhyNotUsed',
  status_ending: 'outreachMineWhyStatusEnding',
  other: 'outreachMineWhyOther',
};

const options = <K extends string>(map: Record<K, MessageKey>): [string, string][] =>
  (Object.entries(map) as [K, MessageKey][]).map(([value, key]) => [value, t(key)]);
const lower = (text: string) => text.charAt(0).toLocaleLowerCase(locale()) + text.slice(1);

/** A short line about a contact for staff: "Telefoon · Geen antwoord · 12 juni 2026". */
export function contactSummary(c: { how: ContactWay; outcome: Outcome; contactedAt: string }): string {
  return `${t(WAYS[c.how])} · ${t(OUTCOMES[c.outcome])} · ${format.date(c.contactedAt)}`;
}

let forms = 0;

/**
 * The form to log a contact: what it was about, how, when (empty: now), the outcome and a short note the
 * resident can read (the form says so). Errors show beside their field, in the user's language.
 */
export function contactForm(
  passholderId: string,
  name: string,
  defaults: { reason: ContactReason; how: ContactWay },
  saved: (contact: Contact) => void,
): HTMLFormElement {
  const n = ++forms;
  const id = (field: string) => `contact-${n}-${field}`;
  const status = h('p', { role: 'status' });
  const form = h(
    'form',
    { class: 'contact-form', id: `contact-${n}`, novalidate: true },
    choice(id('reason'), 'reason', t('outreachWhy'), options(REASONS), defaults.reason),
    choice(id('how'), 'how', t('outreachHow'), options(WAYS), defaults.how),
    h(
      'label',
      { class: 'field', for: id('when') },
      h('span', {}, t('outreachWhen')),
      h('input', { id: id('when'), name: 'contactedAt', type: 'datetime-local' }),
    ),
    choice(id('outcome'), 'outcome', t('outreachOutcome'), options(OUTCOMES), 'no_answer'),
    h(
      'label',
      { class: 'field', for: id('note') },
      h('span', {}, t('outreachNote')),
      h('textarea', { id: id('note'), name: 'note', rows: 3, 'aria-describedby': id('note-hint') }),
    ),
    h('p', { class: 'muted', id: id('note-hint') }, t('outreachNoteVisible')),
    h('p', { class: 'actions' }, h('button', { type: 'submit' }, t('outreachSave'))),
    status,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const v = formValues(form);
    void sendForm(form, status, async () => {
      const contact = await api<Contact>(`/outreach/${passholderId}/contacts`, {
        method: 'POST',
        body: {
          reason: v.reason,
          how: v.how,
          outcome: v.outcome,
          ...(v.contactedAt ? { contactedAt: new Date(v.contactedAt).toISOString() } : {}),
          ...(v.note?.trim() ? { note: v.note } : {}),
        },
      });
      saved(contact);
      return t('outreachSaved', { name });
    });
  });
  return form;
}

/** The counter's record: the contacts logged with this resident (read with the visit's reason) and the form. */
export function outreachContactsSection(
  passholderId: string,
  reason: string,
  name: () => string,
): HTMLElement {
  return section('outreach-contacts', 'outreachContactsTitle', async (body) => {
    const list = h('div', {});
    const show = (items: Contact[]) =>
      list.replaceChildren(
        items.length === 0
          ? emptyState(t('outreachNoContacts'))
          : table(
              t('outreachContactsTitle'),
              [t('outreachContactColumn'), t('outreachWhy'), t('outreachNoteColumn'), t('outreachBy')],
              items.map((c) => [contactSummary(c), t(REASONS[c.reason]), c.note ?? '—', c.by]),
            ),
      );
    const { items } = await api<{ items: Contact[] }>(
      `/outreach/${passholderId}/contacts?reason=${encodeURIComponent(reason)}`,
    );
    show(items);
    const form = contactForm(passholderId, name(), { reason: 'other', how: 'call' }, (contact) => {
      items.unshift(contact);
      show(items);
    });
    body.replaceChildren(
      list,
      h('details', {}, h('summary', {}, t('outreachLogContact', { name: name() })), form),
    );
  });
}

/** The resident's own page: every time the Social House tried to reach them, how, why and what came of it. */
export function myOutreachSection(): HTMLElement | null {
  const region = section('my-outreach', 'outreachMineTitle', async (body) => {
    const { items } = await api<{ items: Contact[] }>('/me/outreach-contacts');
    if (items.length === 0) {
      // Hidden, and no "loading" note left inside it (the page would read as still busy).
      body.replaceChildren();
      region.hidden = true;
      return;
    }
    body.replaceChildren(
      h(
        'ul',
        {},
        ...items.map((c) =>
          h(
            'li',
            {},
            h(
              'p',
              {},
              t('outreachMineLine', {
                date: format.date(c.contactedAt),
                how: t(MINE_HOW[c.how]),
                why: t(MINE_WHY[c.reason]),
              }),
              ' ',
              t('outreachMineResult', { outcome: lower(t(OUTCOMES[c.outcome])) }),
            ),
            c.note ? h('p', { class: 'muted' }, t('outreachMineNote', { by: c.by, note: c.note })) : null,
          ),
        ),
      ),
      h('p', {}, t('outreachMineHelp')),
    );
  });
  return region;
}
