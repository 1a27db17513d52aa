import { fieldProblem } from '../lib/validation.ts';
import { Problem } from '../lib/problem.ts';
import { brusselsDate } from '../lib/time.ts';
import type { Audit } from '../passes/repo.ts';
import { effectiveChannels, notOnPaper } from './channels.ts';
import { letter, type Letter } from './letters.ts';
import * as repo from './repo.ts';
import type { NotificationSettings, NotificationSettingsInput } from './schema.ts';

function toSettings(h: repo.HolderContact): NotificationSettings {
  const c = effectiveChannels({ email: h.email, phone: h.phone }, h.chosen);
  return {
    channels: { app: true, email: c.email, sms: c.sms, paper: c.paper },
    language: h.locale,
    chosen: h.chosen !== null,
    contact: { email: h.email, phone: h.phone, address: h.address },
  };
}

export async function settingsOf(db: D1Database, passholderId: string): Promise<NotificationSettings> {
  const holder = await repo.holderContact(db, passholderId);
  if (!holder) throw new Problem('not_found');
  return toSettings(holder);
}

const NO_EMAIL = {
  self: {
    nl: 'We hebben geen e-mailadres van jou. Vraag aan de balie om het toe te voegen.',
    fr: 'Nous n’avons pas votre adresse e-mail. Demandez au guichet de l’ajouter.',
    en: 'We have no e-mail address for you. Ask the counter to add it.',
  },
  staff: {
    nl: 'Er staat geen e-mailadres in het dossier. Vul het eerst aan.',
    fr: 'Le dossier ne contient pas d’adresse e-mail. Complétez-la d’abord.',
    en: 'The record has no e-mail address. Add it first.',
  },
};
const NO_PHONE = {
  self: {
    nl: 'We hebben geen gsm-nummer van jou. Vraag aan de balie om het toe te voegen.',
    fr: 'Nous n’avons pas votre numéro de GSM. Demandez au guichet de l’ajouter.',
    en: 'We have no mobile number for you. Ask the counter to add it.',
  },
  staff: {
    nl: 'Er staat geen gsm-nummer in het dossier. Vul het eerst aan.',
    fr: 'Le dossier ne contient pas de numéro de GSM. Complétez-le d’abord.',
    en: 'The record has no mobile number. Add it first.',
  },
};
const APP_ALWAYS = {
  nl: 'Berichten blijven altijd ook in de app.',
  fr: 'Les messages restent toujours aussi dans l’application.',
  en: 'Messages always stay in the app too.',
};

/**
 * Saves the channels and language. A channel needs its address on the record (a field error in the
 * caller's language says what to do); the app channel cannot be switched off.
 */
export async function updateSettings(
  db: D1Database,
  u: {
    passholderId: string;
    input: NotificationSettingsInput;
    by: string;
    now: Date;
    audit: Audit | null;
  },
): Promise<NotificationSettings> {
  const holder = await repo.holderContact(db, u.passholderId);
  if (!holder) throw new Problem('not_found');
  const who = u.audit ? 'staff' : 'self';
  const { channels } = u.input;
  if (!channels.app)
    throw fieldProblem('/channels/app', 'invalid', 'The app channel is always on', APP_ALWAYS);
  if (channels.email && !holder.email)
    throw fieldProblem('/channels/email', 'invalid', 'No e-mail address on the record', NO_EMAIL[who]);
  if (channels.sms && !holder.phone)
    throw fieldProblem('/channels/sms', 'invalid', 'No phone number on the record', NO_PHONE[who]);
  await repo.saveSettings(db, {
    passholderId: u.passholderId,
    chosen: { email: channels.email, sms: channels.sms, paper: channels.paper },
    locale: u.input.language,
    by: u.by,
    at: u.now.toISOString(),
    audit: u.audit,
  });
  return settingsOf(db, u.passholderId);
}

export async function resolve(
  db: D1Database,
  r: { municipalityId: string; deliveryId: string; action: 'handled' | 'letter'; by: string; now: Date },
) {
  const scope = await repo.deliveryScope(db, r.deliveryId);
  if (!scope || scope.municipalityId !== r.municipalityId) throw new Problem('not_found');
  if (scope.status !== 'failed') throw new Problem('delivery_not_failed');
  // A letter of a letter adds nothing, and lift news by letter comes too late (channels.ts, notOnPaper).
  if (r.action === 'letter' && (scope.channel === 'paper' || notOnPaper(scope.kind)))
    throw new Problem('delivery_not_by_letter');
  const letterDate = brusselsDate(r.now);
  const done = await repo.resolveFailed(db, {
    id: r.deliveryId,
    action: r.action,
    letterDate,
    audit: {
      actorUserId: r.by,
      action: 'update',
      reason: r.action === 'letter' ? 'other' : 'phone_call',
      at: r.now.toISOString(),
    },
  });
  if (!done) throw new Problem('delivery_not_failed');
  return {
    id: r.deliveryId,
    status: 'handled' as const,
    letterDate: r.action === 'letter' ? letterDate : null,
  };
}

/** The letters of a day's batch, each in its person's language; audited (see repo.lettersOf). */
export async function lettersOf(
  db: D1Database,
  l: { municipalityId: string; date: string; by: string; now: Date },
): Promise<Letter[]> {
  const rows = await repo.lettersOf(db, l.municipalityId, l.date, {
    actorUserId: l.by,
    reason: 'other',
    at: l.now.toISOString(),
  });
  return rows.map((r) => letter(r, l.date));
}
