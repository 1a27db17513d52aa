import { escapeHtml } from '../lib/html.ts';
import { fill, type Locale, type Localized } from '../lib/i18n.ts';

/**
 * The words around a message when it leaves the app: a subject per kind, what to do next, and who to call.
 * Short, plain sentences, one message per e-mail, SMS or letter, in the person's own language.
 */

const SUBJECTS: Record<string, Localized> = {
  signup_promoted: {
    nl: 'Er is een plaats vrij voor jou',
    fr: 'Une place s’est libérée pour vous',
    en: 'A place came free for you',
  },
  activity_changed: {
    nl: 'Een activiteit is veranderd',
    fr: 'Une activité a changé',
    en: 'An activity has changed',
  },
  activity_cancelled: {
    nl: 'Een activiteit gaat niet door',
    fr: 'Une activité est annulée',
    en: 'An activity is cancelled',
  },
  ride: { nl: 'Nieuws over je lift', fr: 'Des nouvelles de votre trajet', en: 'News about your lift' },
  status_ending: {
    nl: 'Je sociaal statuut loopt bijna af',
    fr: 'Votre statut social se termine bientôt',
    en: 'Your social status ends soon',
  },
  status_in_grace: {
    nl: 'Je sociaal statuut is afgelopen',
    fr: 'Votre statut social est terminé',
    en: 'Your social status has ended',
  },
  status_renewed: {
    nl: 'Je sociaal statuut is verlengd',
    fr: 'Votre statut social est prolongé',
    en: 'Your social status is renewed',
  },
  rights_opened: {
    nl: 'Je hebt nieuwe rechten',
    fr: 'Vous avez de nouveaux droits',
    en: 'You have new rights',
  },
  reward_ready: {
    nl: 'Je hebt genoeg punten voor een beloning',
    fr: 'Vous avez assez de points pour une récompense',
    en: 'You have enough points for a reward',
  },
  other: { nl: 'Een bericht van Buurtpas', fr: 'Un message de Buurtpas', en: 'A message from Buurtpas' },
};

const NEXT_STEPS: Record<string, Localized> = {
  signup_promoted: {
    nl: 'Je plaats is bevestigd. Kan je toch niet komen? Meld je af in de app of bel ons.',
    fr: 'Votre place est confirmée. Vous ne pouvez pas venir ? Désinscrivez-vous dans l’application ou appelez-nous.',
    en: 'Your place is confirmed. Can you not come? Cancel it in the app or call us.',
  },
  activity_changed: {
    nl: 'Kijk de nieuwe gegevens na in de app. Past het niet meer? Meld je af of bel ons.',
    fr: 'Vérifiez les nouvelles informations dans l’application. Cela ne vous convient plus ? Désinscrivez-vous ou appelez-nous.',
    en: 'Check the new details in the app. Does it no longer suit you? Cancel or call us.',
  },
  activity_cancelled: {
    nl: 'Je hoeft niets te doen.',
    fr: 'Vous ne devez rien faire.',
    en: 'You do not need to do anything.',
  },
  ride: {
    nl: 'Kijk bij "Mijn liften" in de app, of bel ons.',
    fr: 'Regardez dans « Mes trajets » dans l’application, ou appelez-nous.',
    en: 'Look under "My lifts" in the app, or call us.',
  },
  status_ending: {
    nl: 'Wil je het verlengen? Kom langs bij het Sociaal Huis met je papieren, of bel ons.',
    fr: 'Vous voulez le prolonger ? Passez à la Maison sociale avec vos documents, ou appelez-nous.',
    en: 'Do you want to renew it? Come to the Social House with your papers, or call us.',
  },
  status_in_grace: {
    nl: 'Je korting loopt nog even door. Kom snel langs bij het Sociaal Huis, of bel ons.',
    fr: 'Votre réduction continue encore un peu. Passez vite à la Maison sociale, ou appelez-nous.',
    en: 'Your reduction continues for a short while. Come to the Social House soon, or call us.',
  },
  status_renewed: {
    nl: 'Je hoeft niets te doen.',
    fr: 'Vous ne devez rien faire.',
    en: 'You do not need to do anything.',
  },
  rights_opened: {
    nl: 'Je ziet je rechten bij "Mijn pas" in de app. Vraag gerust uitleg aan de balie.',
    fr: 'Vous voyez vos droits dans « Ma carte » dans l’application. Demandez des explications au guichet.',
    en: 'You see your rights under "My pass" in the app. Ask at the counter if you want to know more.',
  },
  reward_ready: {
    nl: 'Kies je beloning met je pas aan de balie of bij de club.',
    fr: 'Choisissez votre récompense avec votre carte au guichet ou au club.',
    en: 'Choose your reward with your pass at the counter or at the club.',
  },
  other: {
    nl: 'Meer lezen? Open de app, of bel ons.',
    fr: 'Pour en savoir plus, ouvrez l’application ou appelez-nous.',
    en: 'Want to know more? Open the app, or call us.',
  },
};

const WORDS = {
  greeting: { nl: 'Dag {name},', fr: 'Bonjour {name},', en: 'Dear {name},' },
  call: {
    nl: 'Vragen? Bel het Sociaal Huis van {municipality}: {phone}.',
    fr: 'Des questions ? Appelez la Maison sociale de {municipality} : {phone}.',
    en: 'Questions? Call the Social House of {municipality}: {phone}.',
  },
  callNoPhone: {
    nl: 'Vragen? Kom langs bij het Sociaal Huis van {municipality}.',
    fr: 'Des questions ? Passez à la Maison sociale de {municipality}.',
    en: 'Questions? Come to the Social House of {municipality}.',
  },
  closing: {
    nl: 'Met vriendelijke groeten,\nhet Sociaal Huis van {municipality}',
    fr: 'Bien cordialement,\nla Maison sociale de {municipality}',
    en: 'Kind regards,\nthe Social House of {municipality}',
  },
  emailWhy: {
    nl: 'Je krijgt deze e-mail omdat je berichten per e-mail koos in Buurtpas. Je kan dat veranderen bij "Mijn berichten" in de app.',
    fr: 'Vous recevez cet e-mail parce que vous avez choisi les messages par e-mail dans Buurtpas. Vous pouvez changer cela dans « Mes messages » dans l’application.',
    en: 'You get this e-mail because you chose messages by e-mail in Buurtpas. You can change this under "My messages" in the app.',
  },
  smsCall: {
    nl: 'Vragen? Bel {phone}.',
    fr: 'Questions ? Appelez le {phone}.',
    en: 'Questions? Call {phone}.',
  },
} as const satisfies Record<string, Localized>;

/** Everything a message needs to leave the app. */
export type OutgoingMessage = {
  kind: string;
  message: string;
  locale: Locale;
  firstName: string;
  lastName: string;
  municipality: string;
  socialHousePhone: string | null;
};

function group(kind: string): string {
  if (kind.startsWith('ride_')) return 'ride';
  return kind in SUBJECTS ? kind : 'other';
}

export function subject(kind: string, locale: Locale): string {
  return SUBJECTS[group(kind)]![locale];
}

export function nextStep(kind: string, locale: Locale): string {
  return NEXT_STEPS[group(kind)]![locale];
}

/** "Questions? Call the Social House of Demostad: 050 12 34 56." */
export function callLine(m: Pick<OutgoingMessage, 'locale' | 'municipality' | 'socialHousePhone'>): string {
  return m.socialHousePhone
    ? fill(WORDS.call[m.locale], { municipality: m.municipality, phone: m.socialHousePhone })
    : fill(WORDS.callNoPhone[m.locale], { municipality: m.municipality });
}

/** The paragraphs every channel shows, in order: the greeting, the message, what to do next, who to call. */
export function paragraphs(m: OutgoingMessage): string[] {
  return [
    fill(WORDS.greeting[m.locale], { name: m.firstName }),
    m.message,
    nextStep(m.kind, m.locale),
    callLine(m),
  ];
}

export function closing(m: Pick<OutgoingMessage, 'locale' | 'municipality'>): string {
  return fill(WORDS.closing[m.locale], { municipality: m.municipality });
}

/** One e-mail: plain text and a simple HTML version with the same words. */
export function emailContent(m: OutgoingMessage): { subject: string; text: string; html: string } {
  const body = [...paragraphs(m), closing(m)];
  const why = WORDS.emailWhy[m.locale];
  const text = [...body, '--', why].join('\n\n');
  const html =
    `<!doctype html><html lang="${m.locale}"><body style="font-family:sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a">` +
    body.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('') +
    `<hr><p style="font-size:14px;color:#555">${escapeHtml(why)}</p></body></html>`;
  return { subject: subject(m.kind, m.locale), text, html };
}

/** One SMS: the message and who to call, nothing else. */
export function smsText(m: OutgoingMessage): string {
  const call = m.socialHousePhone ? ` ${fill(WORDS.smsCall[m.locale], { phone: m.socialHousePhone })}` : '';
  return `Buurtpas: ${m.message}${call}`;
}
