import { api, type Answer } from '../api.ts';
import { formValues, h } from '../dom.ts';
import { format, t } from '../i18n.ts';
import { checkbox, choice, fieldset, section } from '../components.ts';
import { sendForm } from '../forms.ts';

type Settings = Answer<'/api/v1/me/notification-settings'>;
type Channel = 'email' | 'sms' | 'paper';

const CHANNEL_WORDS = {
  app: 'msgChannelApp',
  email: 'msgChannelEmail',
  sms: 'msgChannelSms',
  paper: 'msgChannelPaper',
} as const;

/** "the app, e-mail": the channels in force, in words. */
function channelList(s: Settings): string {
  const on = (['app', 'email', 'sms', 'paper'] as const).filter((c) => s.channels[c]);
  return new Intl.ListFormat(document.documentElement.lang || 'nl', { type: 'conjunction' }).format(
    on.map((c) => t(CHANNEL_WORDS[c])),
  );
}

/**
 * The form for a person's channels and language: the app always (shown, not changeable), e-mail, SMS and
 * letter as checkboxes with the address they go to, and the language. A refusal shows under its checkbox.
 * `path` is the API path (`/me/notification-settings` or a passholder's); `saved` is the confirmation.
 */
export function settingsForm(
  path: string,
  query: string,
  initial: Settings,
  saved: (s: Settings) => string,
  staff: boolean,
): HTMLFormElement {
  const form = h('form', { class: 'stack', id: staff ? 'staff-message-settings' : 'message-settings' });
  const status = h('p', { role: 'status' });
  const render = (s: Settings) => {
    const box = (name: Channel, text: string) =>
      checkbox(name, 'on', text, { id: `${form.id}-${name}`, checked: s.channels[name] });
    const noAddress = !s.contact.email && !s.contact.phone;
    form.replaceChildren(
      s.chosen ? '' : h('p', { class: 'muted' }, t('msgDefaults', { channels: channelList(s) })),
      fieldset(
        t('msgChannels'),
        checkbox('app', 'on', t('msgApp'), { id: `${form.id}-app`, checked: true, disabled: true }),
        box('email', s.contact.email ? t('msgEmailTo', { address: s.contact.email }) : t('msgEmail')),
        box('sms', s.contact.phone ? t('msgSmsTo', { number: s.contact.phone }) : t('msgSms')),
        box('paper', t('msgPaper')),
        noAddress ? h('p', { class: 'muted' }, staff ? t('msgStaffNoAddress') : t('msgNoAddress')) : null,
      ),
      choice(
        `${form.id}-language`,
        'language',
        t('msgLanguage'),
        (['nl', 'fr', 'en'] as const).map((l): [string, string] => [l, format.language(l)]),
        s.language,
      ),
      h('button', { type: 'submit' }, t('msgSave')),
      status,
    );
  };
  render(initial);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = formValues(form);
    let fresh: Settings | null = null;
    void sendForm(form, status, async () => {
      fresh = await api<Settings>(`${path}${query}`, {
        method: 'PUT',
        body: {
          channels: {
            app: true,
            email: values.email === 'on',
            sms: values.sms === 'on',
            paper: values.paper === 'on',
          },
          language: values.language,
        },
      });
      return saved(fresh);
    }).then(() => {
      if (!fresh) return;
      const message = status.textContent ?? '';
      render(fresh);
      status.className = 'ok';
      status.textContent = message;
    });
  });
  return form;
}

/** The resident's own page: how they get their messages. */
export async function messageSettingsPage(): Promise<HTMLElement> {
  const settings = await api<Settings>('/me/notification-settings');
  return h(
    'div',
    {},
    h('h1', {}, t('msgSettingsTitle')),
    h('p', {}, t('msgSettingsIntro')),
    settingsForm('/me/notification-settings', '', settings, () => t('msgSaved'), false),
  );
}

/** On the counter's record: the resident's channels and language, read and set with the visit's reason. */
export function messageSettingsSection(
  passholderId: string,
  reason: string,
  name: () => string,
): HTMLElement {
  return section('record-messages', 'msgStaffTitle', async (body) => {
    const path = `/passholders/${encodeURIComponent(passholderId)}/notification-settings`;
    const query = `?reason=${encodeURIComponent(reason)}`;
    const settings = await api<Settings>(`${path}${query}`);
    body.replaceChildren(
      h('p', { class: 'muted' }, t('msgStaffIntro')),
      settingsForm(path, query, settings, () => t('msgStaffSaved', { name: name() }), true),
    );
  });
}
