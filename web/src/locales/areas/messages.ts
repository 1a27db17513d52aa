/**
 * Texts of messages that leave the app (issue 14): a person's channels and language, the counter's failed
 * deliveries and the day's letters. Dutch is the source; fr and en must have every key.
 *
 * French and English are in messages.fr.ts and messages.en.ts: one chunk per language, so the app
 * downloads only the one in use (i18n.ts).
 */
export const messagesNl = {
  msgSettingsNav: 'Mijn berichten',
  msgSettingsTitle: 'Hoe krijg je je berichten?',
  msgSettingsIntro:
    'Je berichten staan altijd in de app. Je kan ze ook per e-mail, sms of brief krijgen. Kies wat je het best kan lezen.',
  msgSettingsLink: 'Kies hoe je je berichten krijgt (e-mail, sms of brief)',
  msgChannels: 'Kanalen',
  msgApp: 'In de app (altijd)',
  msgEmail: 'Per e-mail',
  msgEmailTo: 'Per e-mail naar {address}',
  msgSms: 'Per sms',
  msgSmsTo: 'Per sms naar {number}',
  msgPaper: 'Per brief met de post',
  msgNoAddress: 'We hebben geen e-mailadres of gsm-nummer van jou. Vraag het aan de balie als je dat wil.',
  msgDefaults: 'Je koos nog niets. Nu krijg je: {channels}.',
  msgLanguage: 'Taal van je berichten',
  msgSave: 'Opslaan',
  msgSaved: 'Opgeslagen. Je krijgt je berichten zo.',
  msgStaffTitle: 'Berichten',
  msgStaffIntro: 'Hoe deze persoon berichten krijgt. Verander het alleen op vraag van de persoon.',
  msgStaffNoAddress: 'Geen e-mailadres en geen gsm-nummer in het dossier.',
  msgStaffSaved: 'Opgeslagen voor {name}.',
  msgLettersNav: 'Brieven',
  msgLettersTitle: 'Brieven van de dag',
  msgLettersIntro:
    'Berichten voor mensen die een brief kozen, of geen e-mail en geen gsm hebben. Eén brief per blad, elk in de taal van de persoon.',
  msgLettersDate: 'Dag',
  msgLettersShow: 'Tonen',
  msgLettersCount: '{count} brieven voor {date}.',
  msgLettersCount_one: '1 brief voor {date}.',
  msgLettersNone: 'Geen brieven voor {date}.',
  msgLettersOpen: 'Brieven openen om af te drukken',
  msgLettersNoAddress: 'Geen adres',
  msgLetterTo: 'Aan',
  msgLetterSubject: 'Onderwerp',
  msgLetterLanguage: 'Taal',
  msgFailedNav: 'Niet aangekomen berichten',
  msgFailedTitle: 'Berichten die niet aankwamen',
  msgFailedIntro:
    'Deze berichten konden we niet bezorgen. Bel de persoon, of stuur het bericht als brief. Wie op deze lijst staat, ziet dat je keek.',
  msgFailedNone: 'Alle berichten zijn aangekomen.',
  msgFailedWho: 'Wie',
  msgFailedCall: 'Bellen of mailen',
  msgFailedMessage: 'Bericht',
  msgFailedWhen: 'Wanneer',
  msgFailedChannel: 'Via',
  msgFailedError: 'Technisch',
  msgReasonUnavailable: 'Het bericht kwam niet aan, ook niet na nieuwe pogingen.',
  msgReasonRefused: 'De e-mail- of sms-dienst weigerde het bericht.',
  msgReasonBadAddress: 'Het adres of nummer klopt niet. Vraag het juiste en pas het aan.',
  msgReasonNoAddress: 'Er is geen adres of nummer voor deze manier.',
  msgFailedTries: '{count} pogingen',
  msgFailedTries_one: '1 poging',
  msgFailedActions: 'Afhandelen',
  msgFailedHandled: 'Persoon bereikt',
  msgFailedLetter: 'Als brief sturen',
  msgFailedDoneHandled: 'Afgehandeld: {name}.',
  msgFailedDoneLetter: 'Het bericht voor {name} zit in de brieven van vandaag.',
  msgNoContact: 'geen nummer of adres',
  msgChannelEmail: 'e-mail',
  msgChannelSms: 'sms',
  msgChannelPaper: 'brief',
  msgChannelApp: 'de app',
};

export type Keys = keyof typeof messagesNl;
