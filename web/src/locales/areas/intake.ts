/**
 * Texts of the counter's intake pages (issue 12). Dutch is the source; fr and en must have every key (the type checks it).
 * nl.ts, fr.ts and en.ts spread these in, so t() knows them like any other key.
 *
 * Keys starting with `intakeLetter` are printed for the resident, in the resident's language (tIn): they
 * speak to the resident ("je", "vous", "you"). `{link}`, `{page}` and `{button}` are the app's own words
 * (haveLetter, activateTitle, activate) in that language, so the letter names what the resident will see.
 *
 * French and English are in intake.fr.ts and intake.en.ts: one chunk per language, so the app
 * downloads only the one in use (i18n.ts).
 */
export const intakeNl = {
  intakeAreaName: 'Intake',
  intakeLetterLanguage: 'De brief staat in het {language}, de taal van {name}.',
  intakeLetterLabel: '{label}: ',
  intakeLetterHowTitle: 'Zo zet je je pas op je telefoon',
  intakeLetterStepAddress: 'Ga op je telefoon of computer naar {address}.',
  intakeLetterStepLink: 'Klik op de startpagina op “{link}”.',
  intakeLetterStepPage:
    'De pagina “{page}” gaat open. Vul je pasnummer en je activeringscode in. Je vindt ze hierboven.',
  intakeLetterStepPassword: 'Kies een wachtwoord van minstens 10 tekens. Een e-mailadres is niet verplicht.',
  intakeLetterStepButton: 'Klik op de knop “{button}”. Klaar: je pas staat op je telefoon.',
  intakeLetterValid: 'De activeringscode is geldig tot {date}.',
  intakeLetterHelp: 'Lukt het niet? Kom naar de balie van het Sociaal Huis of bel ons. We helpen je graag.',
  intakeDateHelp: 'Een geboortedatum mag zo: 17/08/1948, 17-08-1948, 17.08.1948 of 1948-08-17.',
  intakeFound: '{count} mensen gevonden',
  intakeFound_one: '{count} persoon gevonden',
  intakeNotFound: '{count} mensen niet gevonden',
  intakeNotFound_one: '{count} persoon niet gevonden',
  intakeAmbiguous: '{count} regels passen bij meer dan één pas',
  intakeAmbiguous_one: '{count} regel past bij meer dan één pas',
  intakeUnreadable: '{count} regels onleesbaar',
  intakeUnreadable_one: '{count} regel onleesbaar',
  intakeLineReason: 'regel {line} ({reason})',
  intakeUnreadableList: '{count}: {lines}.',
  intakeLineHeader: 'Regel',
  intakeReasonHeader: 'Waarom',
  intakeLinesNote: 'De regelnummers zijn die van het bestand. De kolomnamen staan op regel 1.',
  intakeConfirmHint: 'Na bevestigen krijgen {count} mensen het kansenstatuut.',
  intakeConfirmHint_one: 'Na bevestigen krijgt {count} persoon het kansenstatuut.',
  intakeReason_matched_pass_number: 'op pasnummer',
  intakeReason_matched_identity: 'op naam, geboortedatum en postcode',
  intakeReason_several_passes: 'meer dan één pas met deze naam, geboortedatum en postcode',
  intakeReason_other_municipality: 'de pas hoort bij een andere gemeente',
  intakeReason_no_pass_number: 'geen pas met dit nummer',
  intakeReason_no_identity: 'niemand met deze naam, geboortedatum en postcode',
  intakeReason_pass_number_invalid: 'pasnummer klopt niet',
  intakeReason_pass_number_missing: 'pasnummer ontbreekt',
  intakeReason_first_name_missing: 'voornaam ontbreekt',
  intakeReason_last_name_missing: 'familienaam ontbreekt',
  intakeReason_birth_date_missing: 'geboortedatum ontbreekt',
  intakeReason_birth_date_unreadable: 'geboortedatum onleesbaar',
  intakeReason_postal_code_missing: 'postcode ontbreekt',
  intakeReason_postal_code_unreadable: 'postcode onleesbaar (4 cijfers)',
  intakeReason_identity_incomplete: 'pasnummer, of naam, geboortedatum en postcode nodig',
} as const;

export type Keys = keyof typeof intakeNl;
