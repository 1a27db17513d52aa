import type { Keys } from './intake.ts';

/** French of intake.ts, where Dutch is the source; a file of its own: one chunk per language. */
export const intakeFr: Record<Keys, string> = {
  intakeAreaName: 'Intake',
  intakeLetterLanguage: 'La lettre est en {language}, la langue de {name}.',
  intakeLetterLabel: '{label} : ',
  intakeLetterHowTitle: 'Mettre votre carte sur votre téléphone',
  intakeLetterStepAddress: 'Sur votre téléphone ou votre ordinateur, allez sur {address}.',
  intakeLetterStepLink: 'Sur la page d’accueil, cliquez sur « {link} ».',
  intakeLetterStepPage:
    'La page « {page} » s’ouvre. Entrez votre numéro de carte et votre code d’activation. Vous les trouvez plus haut.',
  intakeLetterStepPassword:
    'Choisissez un mot de passe d’au moins 10 caractères. L’adresse e-mail n’est pas obligatoire.',
  intakeLetterStepButton:
    'Cliquez sur le bouton « {button} ». C’est fait : votre carte est sur votre téléphone.',
  intakeLetterValid: 'Le code d’activation est valable jusqu’au {date}.',
  intakeLetterHelp:
    'Ça ne marche pas ? Passez au guichet de la Maison sociale ou appelez-nous. Nous vous aidons volontiers.',
  intakeDateHelp: 'Une date de naissance peut s’écrire 17/08/1948, 17-08-1948, 17.08.1948 ou 1948-08-17.',
  intakeFound: '{count} personnes trouvées',
  intakeFound_one: '{count} personne trouvée',
  intakeNotFound: '{count} personnes non trouvées',
  intakeNotFound_one: '{count} personne non trouvée',
  intakeAmbiguous: '{count} lignes correspondent à plusieurs cartes',
  intakeAmbiguous_one: '{count} ligne correspond à plusieurs cartes',
  intakeUnreadable: '{count} lignes illisibles',
  intakeUnreadable_one: '{count} ligne illisible',
  intakeLineReason: 'ligne {line} ({reason})',
  intakeUnreadableList: '{count} : {lines}.',
  intakeLineHeader: 'Ligne',
  intakeReasonHeader: 'Pourquoi',
  intakeLinesNote: 'Les numéros de ligne sont ceux du fichier. Les noms de colonnes sont à la ligne 1.',
  intakeConfirmHint: 'Après confirmation, {count} personnes recevront le statut social.',
  intakeConfirmHint_one: 'Après confirmation, {count} personne recevra le statut social.',
  intakeReason_matched_pass_number: 'par le numéro de carte',
  intakeReason_matched_identity: 'par le nom, la date de naissance et le code postal',
  intakeReason_several_passes: 'plusieurs cartes avec ce nom, cette date de naissance et ce code postal',
  intakeReason_other_municipality: 'la carte appartient à une autre commune',
  intakeReason_no_pass_number: 'aucune carte avec ce numéro',
  intakeReason_no_identity: 'aucune personne avec ce nom, cette date de naissance et ce code postal',
  intakeReason_pass_number_invalid: 'numéro de carte incorrect',
  intakeReason_pass_number_missing: 'numéro de carte manquant',
  intakeReason_first_name_missing: 'prénom manquant',
  intakeReason_last_name_missing: 'nom de famille manquant',
  intakeReason_birth_date_missing: 'date de naissance manquante',
  intakeReason_birth_date_unreadable: 'date de naissance illisible',
  intakeReason_postal_code_missing: 'code postal manquant',
  intakeReason_postal_code_unreadable: 'code postal illisible (4 chiffres)',
  intakeReason_identity_incomplete:
    'il faut le numéro de carte, ou le nom, la date de naissance et le code postal',
};
