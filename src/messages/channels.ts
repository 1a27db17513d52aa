/**
 * Which outside channels a message goes out on. The app channel is always on (the message itself). This is
 * the rule the `notifications_outbox` trigger (migrations/0012_outbox.sql) applies in SQL; keep them alike.
 */
export type OutsideChannel = 'email' | 'sms' | 'paper';
export const OUTSIDE_CHANNELS: readonly OutsideChannel[] = ['email', 'sms', 'paper'];

export type Channels = { app: true; email: boolean; sms: boolean; paper: boolean };
export type Contact = { email: string | null; phone: string | null };
export type ChosenChannels = { email: boolean; sms: boolean; paper: boolean };

/** Kinds of message that stay on the holder's own screen: why a reduction did not apply (DOMAIN). */
export const APP_ONLY_KINDS: readonly string[] = ['tariff'];

/**
 * The channels of someone who chose nothing: e-mail when there is an address, else SMS when there is a phone
 * number, else a letter (people who are not online still hear from us).
 */
export function defaultChannels(contact: Contact): ChosenChannels {
  return {
    email: contact.email !== null,
    sms: contact.email === null && contact.phone !== null,
    paper: contact.email === null && contact.phone === null,
  };
}

/** The channels in force: the choice (or the defaults), and never a channel without an address for it. */
export function effectiveChannels(contact: Contact, chosen: ChosenChannels | null): Channels {
  const c = chosen ?? defaultChannels(contact);
  return {
    app: true,
    email: c.email && contact.email !== null,
    sms: c.sms && contact.phone !== null,
    paper: c.paper,
  };
}

/** Lift messages (kinds `ride_*`) are about the coming days and answered in the app: never by letter. */
export const notOnPaper = (kind: string) => kind.startsWith('ride_');

/** The outside channels a message of this kind goes out on. */
export function deliveryChannels(
  kind: string,
  contact: Contact,
  chosen: ChosenChannels | null,
): OutsideChannel[] {
  if (APP_ONLY_KINDS.includes(kind)) return [];
  const channels = effectiveChannels(contact, chosen);
  return OUTSIDE_CHANNELS.filter((c) => channels[c] && !(c === 'paper' && notOnPaper(kind)));
}
