/**
 * Texts of the counter's behalf pages (issue 12). Dutch is the source; fr and en must have every key (the type checks it).
 * nl.ts, fr.ts and en.ts spread these in, so t() knows them like any other key.
 *
 * Keys starting with `behalfSay` are said to the resident, in the resident's language (tIn): they speak to
 * the resident ("je", "vous", "you"). The others are for the counter clerk, in the page's language.
 *
 * French and English are in behalf.fr.ts and behalf.en.ts: one chunk per language, so the app
 * downloads only the one in use (i18n.ts).
 */
export const behalfNl = {
  behalfAreaName: 'Behalf',
  behalfTitle: 'Voor de inwoner regelen',
  behalfIntro:
    'Wat {name} online kan, doe je hier: inschrijven, uitschrijven, een lift vragen, punten inruilen. Na elke stap krijg je een tekst in het {language} om voor te lezen of af te drukken.',
  behalfSignups: 'Inschrijvingen van {name}',
  behalfNoSignups: '{name} is voor geen enkele komende activiteit ingeschreven.',
  behalfSignedUp: 'ingeschreven',
  behalfLift: 'Lift: {state}',
  behalfLiftProposed: '{name} biedt een lift aan: de inwoner moet nog ja zeggen',
  behalfLiftAgreed: 'afgesproken met {name}',
  behalfCancelled: 'de club heeft deze activiteit geannuleerd',
  behalfCancelWaitlist: 'De plaats op de wachtlijst vervalt.',
  behalfCancelLiftQuestion: 'De lift van {name} naar {title} annuleren?',
  behalfCancelLiftNobody: 'Chauffeurs zien de vraag daarna niet meer.',
  behalfSignUpTitle: 'Inschrijven voor een activiteit',
  behalfNothingToSignUp:
    'Er is geen komende activiteit met inschrijving waarvoor {name} nog niet ingeschreven is.',
  behalfSignedUpDone: '{name} is ingeschreven.',
  behalfWaitlistedDone: '{name} staat op de wachtlijst, op plaats {position}.',
  behalfCancelledDone: '{name} is uitgeschreven.',
  behalfLiftTitle: 'Een lift vragen',
  behalfLiftTo: 'Lift naar',
  behalfNeeds: 'Heeft nodig',
  behalfNoLiftToAsk:
    'Een lift vraag je voor een activiteit waarvoor {name} ingeschreven is. Schrijf {name} eerst in.',
  behalfAllLiftsAsked: 'Voor elke activiteit van {name} is al een lift gevraagd.',
  behalfLiftDone: 'De lift is gevraagd.',
  behalfLiftCancelledDone: 'De lift is geannuleerd.',
  behalfRewardsTitle: 'Punten inruilen',
  behalfBalance: '{name} heeft {count} punten.',
  behalfBalance_one: '{name} heeft 1 punt.',
  behalfNoRewards: 'Er zijn nu geen voordelen om in te ruilen.',
  behalfRedeemQuestion: '{title} inruilen voor {name}, voor {points} punten?',
  behalfRedeemLeft: '{name} heeft daarna nog {count} punten.',
  behalfRedeemLeft_one: '{name} heeft daarna nog 1 punt.',
  behalfRedeemedDone: 'Ingeruild: {title}.',
  behalfConfirmation: 'Bevestiging voor {name}',
  behalfConfirmationHint:
    'In het {language}, de taal van {name}: lees het voor aan de telefoon of druk het af.',
  behalfPrint: 'Deze bevestiging afdrukken',
  // Said to the resident, in their language.
  behalfSayTitle: 'Buurtpas: bevestiging voor {name}',
  behalfSaySignedUp: 'Je bent ingeschreven voor {title} op {day} om {time}.',
  behalfSayWaitlisted:
    'Je staat op de wachtlijst voor {title} op {day} om {time}, op plaats {position}. Komt er een plaats vrij, dan krijg je een bericht.',
  behalfSayWhere: 'Waar: {place}.',
  behalfSayCancelled: 'Je bent uitgeschreven voor {title} op {day} om {time}.',
  behalfSayLiftAsked:
    'Je hebt een lift gevraagd naar {title} op {day} om {time}. Ophaaladres: {address}. Je krijgt een bericht zodra een chauffeur je wil meenemen.',
  behalfSayLiftCancelled: 'Je lift naar {title} op {day} is geannuleerd.',
  behalfSayRedeemed: 'Je hebt {title} ingeruild voor {points} punten.',
  behalfSayRedeemed_one: 'Je hebt {title} ingeruild voor 1 punt.',
  behalfSayLeft: 'Je hebt nog {count} punten.',
  behalfSayLeft_one: 'Je hebt nog 1 punt.',
} as const;

export type Keys = keyof typeof behalfNl;
