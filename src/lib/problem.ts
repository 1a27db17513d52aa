import type { Locale, Localized } from './i18n.ts';
import { fillAll } from './i18n.ts';

type ProblemDefinition = { status: number; title: string; messages: Localized };

/**
 * The closed catalogue of problems the API can answer with. `code` is stable and machine-readable;
 * `messages` are shown to end users, with `{placeholders}` filled from the problem's params.
 */
export const PROBLEMS = {
  validation_failed: {
    status: 400,
    title: 'The request is not valid',
    messages: {
      nl: 'Niet alle gegevens zijn correct ingevuld. Kijk de gemarkeerde velden na.',
      fr: 'Certaines données ne sont pas correctes. Vérifiez les champs indiqués.',
      en: 'Some of the data is not correct. Please check the marked fields.',
    },
  },
  malformed_json: {
    status: 400,
    title: 'The request body is not valid JSON',
    messages: {
      nl: 'De gegevens konden niet gelezen worden.',
      fr: 'Les données n’ont pas pu être lues.',
      en: 'The data could not be read.',
    },
  },
  unauthenticated: {
    status: 401,
    title: 'Sign-in required',
    messages: {
      nl: 'Je bent niet (meer) aangemeld. Meld je opnieuw aan.',
      fr: 'Vous n’êtes pas (plus) connecté. Veuillez vous reconnecter.',
      en: 'You are not signed in (any more). Please sign in again.',
    },
  },
  invalid_credentials: {
    status: 401,
    title: 'Wrong login or password',
    messages: {
      nl: 'Dit e-mailadres of pasnummer en wachtwoord passen niet bij elkaar.',
      fr: 'Cette adresse e-mail ou ce numéro de carte et ce mot de passe ne correspondent pas.',
      en: 'This email address or pass number and password do not match.',
    },
  },
  login_throttled: {
    status: 429,
    title: 'Too many failed sign-in attempts',
    messages: {
      nl: 'Te veel mislukte pogingen. Probeer opnieuw over {minutes} minuten, of vraag hulp aan de balie.',
      fr: 'Trop de tentatives échouées. Réessayez dans {minutes} minutes, ou demandez de l’aide au guichet.',
      en: 'Too many failed attempts. Try again in {minutes} minutes, or ask for help at the counter.',
    },
  },
  account_blocked: {
    status: 403,
    title: 'Account blocked',
    messages: {
      nl: 'Deze account is geblokkeerd. Neem contact op met de balie.',
      fr: 'Ce compte est bloqué. Contactez le guichet.',
      en: 'This account is blocked. Please contact the counter.',
    },
  },
  forbidden: {
    status: 403,
    title: 'Not allowed',
    messages: {
      nl: 'Je hebt geen toegang tot deze gegevens.',
      fr: 'Vous n’avez pas accès à ces données.',
      en: 'You do not have access to this data.',
    },
  },
  forbidden_origin: {
    status: 403,
    title: 'Request from another site refused',
    messages: {
      nl: 'Deze aanvraag kwam van een andere website en werd geweigerd. Open de Buurtpas-app zelf en probeer opnieuw.',
      fr: 'Cette demande venait d’un autre site web et a été refusée. Ouvrez l’application Buurtpas elle-même et réessayez.',
      en: 'This request came from another website and was refused. Open the Buurtpas app itself and try again.',
    },
  },
  not_found: {
    status: 404,
    title: 'Not found',
    messages: {
      nl: 'Dit bestaat niet (meer).',
      fr: 'Ceci n’existe pas (ou plus).',
      en: 'This does not exist (any more).',
    },
  },
  method_not_allowed: {
    status: 405,
    title: 'Method not allowed',
    messages: {
      nl: 'Deze handeling is hier niet mogelijk.',
      fr: 'Cette action n’est pas possible ici.',
      en: 'This action is not possible here.',
    },
  },
  conflict: {
    status: 409,
    title: 'Conflict',
    messages: {
      nl: 'Dit bestaat al of is intussen gewijzigd.',
      fr: 'Ceci existe déjà ou a été modifié entre-temps.',
      en: 'This already exists or has changed in the meantime.',
    },
  },
  payload_too_large: {
    status: 413,
    title: 'Request body too large',
    messages: {
      nl: 'Er werden te veel gegevens tegelijk verstuurd.',
      fr: 'Trop de données ont été envoyées en une fois.',
      en: 'Too much data was sent at once.',
    },
  },
  unsupported_media_type: {
    status: 415,
    title: 'Unsupported media type',
    messages: {
      nl: 'De gegevens moeten als JSON verstuurd worden.',
      fr: 'Les données doivent être envoyées en JSON.',
      en: 'The data must be sent as JSON.',
    },
  },
  pass_number_invalid: {
    status: 400,
    title: 'Not a valid pass number',
    messages: {
      nl: 'Dit pasnummer klopt niet. Kijk de 13 cijfers na.',
      fr: 'Ce numéro de carte n’est pas correct. Vérifiez les 13 chiffres.',
      en: 'This pass number is not correct. Please check the 13 digits.',
    },
  },
  pass_not_found: {
    status: 404,
    title: 'No pass with this number',
    messages: {
      nl: 'Er is geen pas met dit nummer.',
      fr: 'Il n’y a pas de carte avec ce numéro.',
      en: 'There is no pass with this number.',
    },
  },
  code_invalid: {
    status: 422,
    title: 'The pass code is not valid',
    messages: {
      nl: 'Deze code is niet geldig. Vraag om de pas opnieuw te tonen, of typ het pasnummer.',
      fr: 'Ce code n’est pas valide. Demandez de montrer la carte à nouveau, ou tapez le numéro de carte.',
      en: 'This code is not valid. Ask to show the pass again, or type the pass number.',
    },
  },
  code_expired: {
    status: 422,
    title: 'The pass code has expired',
    messages: {
      nl: 'Deze code is verlopen. De code op de telefoon vernieuwt elke minuut: vraag om ze opnieuw te tonen.',
      fr: 'Ce code a expiré. Le code sur le téléphone change chaque minute : demandez de le montrer à nouveau.',
      en: 'This code has expired. The code on the phone renews every minute: ask to show it again.',
    },
  },
  card_replaced: {
    status: 422,
    title: 'This card has been replaced',
    messages: {
      nl: 'Deze kaart is vervangen door een nieuwe en werkt niet meer.',
      fr: 'Cette carte a été remplacée par une nouvelle et ne fonctionne plus.',
      en: 'This card has been replaced by a new one and no longer works.',
    },
  },
  pass_blocked: {
    status: 423,
    title: 'The card is blocked',
    messages: {
      nl: 'Deze kaart is geblokkeerd, bijvoorbeeld na verlies. De balie maakt graag een nieuwe kaart.',
      fr: 'Cette carte est bloquée, par exemple après une perte. Le guichet peut faire une nouvelle carte.',
      en: 'This card is blocked, for example after it was lost. The counter can make a new card.',
    },
  },
  possible_duplicate: {
    status: 409,
    title: 'A pass may exist already',
    messages: {
      nl: 'Er is al een pas voor iemand met dezelfde naam en geboortedatum. Kijk na of het om dezelfde persoon gaat.',
      fr: 'Il existe déjà une carte pour une personne avec le même nom et la même date de naissance. Vérifiez s’il s’agit de la même personne.',
      en: 'There is already a pass for someone with the same name and birth date. Please check whether it is the same person.',
    },
  },
  activation_failed: {
    status: 401,
    title: 'Pass number and activation code do not match',
    messages: {
      nl: 'Dit pasnummer en deze activeringscode passen niet bij elkaar, of de code is verlopen. De balie geeft je graag een nieuwe code.',
      fr: 'Ce numéro de carte et ce code d’activation ne correspondent pas, ou le code a expiré. Le guichet peut vous donner un nouveau code.',
      en: 'This pass number and activation code do not match, or the code has expired. The counter can give you a new code.',
    },
  },
  already_activated: {
    status: 409,
    title: 'The pass is already activated',
    messages: {
      nl: 'Deze pas is al geactiveerd. Meld je aan met je pasnummer en wachtwoord.',
      fr: 'Cette carte est déjà activée. Connectez-vous avec votre numéro de carte et votre mot de passe.',
      en: 'This pass is already activated. Sign in with your pass number and password.',
    },
  },
  email_taken: {
    status: 409,
    title: 'Email address in use',
    messages: {
      nl: 'Dit e-mailadres wordt al gebruikt door een andere account.',
      fr: 'Cette adresse e-mail est déjà utilisée par un autre compte.',
      en: 'This email address is already used by another account.',
    },
  },
  limit_reached: {
    status: 409,
    title: 'A cap on reduced purchases would be exceeded',
    messages: {
      nl: 'Het maximum aantal aankopen met korting is bereikt. Vraag de prijs opnieuw op: nu geldt de gewone prijs.',
      fr: 'Le nombre maximum d’achats avec réduction est atteint. Redemandez le prix : le prix normal s’applique maintenant.',
      en: 'The maximum number of reduced purchases has been reached. Ask for the price again: the regular price applies now.',
    },
  },
  tariff_changed: {
    status: 409,
    title: 'The price is no longer the one shown',
    messages: {
      nl: 'De prijs is intussen veranderd. Vraag de prijs opnieuw op.',
      fr: 'Le prix a changé entre-temps. Redemandez le prix.',
      en: 'The price has changed in the meantime. Please ask for the price again.',
    },
  },
  cancel_window_passed: {
    status: 409,
    title: 'Too late to cancel',
    messages: {
      nl: 'Deze verkoop kan niet meer geannuleerd worden.',
      fr: 'Cette vente ne peut plus être annulée.',
      en: 'This sale can no longer be cancelled.',
    },
  },
  statement_approved: {
    status: 409,
    title: 'The statement is approved already',
    messages: {
      nl: 'Deze afrekening is al goedgekeurd en verandert niet meer.',
      fr: 'Ce décompte est déjà approuvé et ne change plus.',
      en: 'This statement is approved already and no longer changes.',
    },
  },
  idempotency_mismatch: {
    status: 422,
    title: 'Idempotency-Key reused with another request',
    messages: {
      nl: 'Deze aanvraag werd al eens met andere gegevens verstuurd.',
      fr: 'Cette demande a déjà été envoyée avec d’autres données.',
      en: 'This request was already sent once with other data.',
    },
  },
  signup_closed: {
    status: 409,
    title: 'Signing up is not possible',
    messages: {
      nl: 'Inschrijven kan niet (meer) voor deze activiteit.',
      fr: 'L’inscription n’est pas (plus) possible pour cette activité.',
      en: 'Signing up is not possible (any more) for this activity.',
    },
  },
  already_signed_up: {
    status: 409,
    title: 'Already signed up',
    messages: {
      nl: 'Deze persoon is al ingeschreven voor deze activiteit.',
      fr: 'Cette personne est déjà inscrite à cette activité.',
      en: 'This person is already signed up for this activity.',
    },
  },
  door_closed: {
    status: 409,
    title: 'The door of this activity is not open',
    messages: {
      nl: 'Scannen, prijzen en verkopen kan alleen kort voor en tijdens de activiteit (de deur is nu dicht).',
      fr: 'Scanner, voir les prix et vendre n’est possible que peu avant et pendant l’activité (l’accueil est fermé).',
      en: 'Scanning, prices and sales are only possible shortly before and during the activity (the door is closed now).',
    },
  },
  club_not_approved: {
    status: 403,
    title: 'The club is not approved',
    messages: {
      nl: 'Deze vereniging is (nog) niet goedgekeurd door de gemeente. Publiceren en verkopen met de pas kan pas na goedkeuring.',
      fr: 'Ce club n’est pas (encore) approuvé par la commune. Publier et vendre avec le pass n’est possible qu’après approbation.',
      en: 'This club is not approved by the municipality (yet). Publishing and selling with the pass is only possible once approved.',
    },
  },
  lookup_limit: {
    status: 429,
    title: 'Too many membership price look-ups',
    messages: {
      nl: 'Te veel prijzen van lidgelden opgevraagd in het afgelopen uur. Probeer het later opnieuw.',
      fr: 'Trop de prix de cotisations consultés au cours de la dernière heure. Réessayez plus tard.',
      en: 'Too many membership prices looked up in the last hour. Please try again later.',
    },
  },
  checkin_closed: {
    status: 409,
    title: 'Check-in is not open',
    messages: {
      nl: 'Inchecken kan alleen kort voor en tijdens de activiteit.',
      fr: 'L’enregistrement n’est possible que peu avant et pendant l’activité.',
      en: 'Check-in is only possible shortly before and during the activity.',
    },
  },
  activity_cancelled: {
    status: 409,
    title: 'The activity is cancelled',
    messages: {
      nl: 'Deze activiteit is geannuleerd.',
      fr: 'Cette activité est annulée.',
      en: 'This activity is cancelled.',
    },
  },
  reward_unavailable: {
    status: 409,
    title: 'The reward cannot be redeemed',
    messages: {
      nl: 'Dit voordeel kan nu niet ingeruild worden: {reason}',
      fr: 'Cet avantage ne peut pas être échangé maintenant : {reason}',
      en: 'This reward cannot be redeemed now: {reason}',
    },
  },
  presence_required: {
    status: 409,
    title: 'The holder must be present',
    messages: {
      nl: 'Scan de pas (telefoon of kaart). Een getypt pasnummer werkt alleen terwijl de deur van een activiteit van deze vereniging open is.',
      fr: 'Scannez le pass (téléphone ou carte). Un numéro tapé ne fonctionne que pendant l’ouverture des portes d’une activité de ce club.',
      en: 'Scan the pass (phone or card). A typed pass number only works while the door of one of this club’s activities is open.',
    },
  },
  already_handed_over: {
    status: 409,
    title: 'Already handed over',
    messages: {
      nl: 'Dit voordeel werd al overhandigd.',
      fr: 'Cet avantage a déjà été remis.',
      en: 'This reward has already been handed over.',
    },
  },
  neighbourhood_name_taken: {
    status: 409,
    title: 'A neighbourhood with this name exists in the municipality',
    messages: {
      nl: 'Er is in deze gemeente al een wijk met deze naam. Kies een andere naam.',
      fr: 'Il existe déjà un quartier avec ce nom dans cette commune. Choisissez un autre nom.',
      en: 'This municipality already has a neighbourhood with this name. Choose another name.',
    },
  },
  club_name_taken: {
    status: 409,
    title: 'A club with this name exists in the municipality',
    messages: {
      nl: 'Er is in deze gemeente al een vereniging met deze naam. Kies een andere naam.',
      fr: 'Il existe déjà un club avec ce nom dans cette commune. Choisissez un autre nom.',
      en: 'This municipality already has a club with this name. Choose another name.',
    },
  },
  role_exists: {
    status: 409,
    title: 'This person has this role here already',
    messages: {
      nl: 'Deze persoon heeft deze rol hier al.',
      fr: 'Cette personne a déjà ce rôle ici.',
      en: 'This person already has this role here.',
    },
  },
  own_role: {
    status: 409,
    title: 'One’s own role is not removed by oneself',
    messages: {
      nl: 'Je kunt je eigen rol niet wegnemen. Vraag het aan een andere beheerder.',
      fr: 'Vous ne pouvez pas retirer votre propre rôle. Demandez-le à un autre administrateur.',
      en: 'You cannot remove your own role. Ask another administrator.',
    },
  },
  own_account: {
    status: 409,
    title: 'One’s own account is not blocked or unblocked by oneself',
    messages: {
      nl: 'Je kunt je eigen account niet blokkeren of deblokkeren. Vraag het aan een collega.',
      fr: 'Vous ne pouvez pas bloquer ou débloquer votre propre compte. Demandez-le à un collègue.',
      en: 'You cannot block or unblock your own account. Ask a colleague.',
    },
  },
  card_blocked_already: {
    status: 409,
    title: 'The card is blocked already',
    messages: {
      nl: 'Deze kaart is al geblokkeerd. De balie kan een nieuwe kaart maken.',
      fr: 'Cette carte est déjà bloquée. Le guichet peut faire une nouvelle carte.',
      en: 'This card is already blocked. The counter can make a new card.',
    },
  },
  offer_withdrawn: {
    status: 409,
    title: 'The membership offer is withdrawn already',
    messages: {
      nl: 'Dit aanbod voor een lidmaatschap is al ingetrokken.',
      fr: 'Cette offre d’affiliation est déjà retirée.',
      en: 'This membership offer has already been withdrawn.',
    },
  },
  already_published: {
    status: 409,
    title: 'The activity is published already',
    messages: {
      nl: 'Deze activiteit is al gepubliceerd.',
      fr: 'Cette activité est déjà publiée.',
      en: 'This activity is already published.',
    },
  },
  activity_changed: {
    status: 409,
    title: 'The activity changed during the edit',
    messages: {
      nl: 'Deze activiteit veranderde net terwijl je ze aanpaste. Er werd niets gewijzigd: probeer het opnieuw.',
      fr: 'Cette activité a changé pendant votre modification. Rien n’a été modifié : réessayez.',
      en: 'This activity changed while you were editing it. Nothing was changed: please try again.',
    },
  },
  signup_cancelled_already: {
    status: 409,
    title: 'The sign-up is cancelled already',
    messages: {
      nl: 'Deze inschrijving is al geannuleerd.',
      fr: 'Cette inscription est déjà annulée.',
      en: 'This sign-up is already cancelled.',
    },
  },
  sale_cancelled_already: {
    status: 409,
    title: 'The sale is cancelled already',
    messages: {
      nl: 'Deze verkoop is al geannuleerd.',
      fr: 'Cette vente est déjà annulée.',
      en: 'This sale is already cancelled.',
    },
  },
  statement_not_approved: {
    status: 409,
    title: 'The statement is not approved yet',
    messages: {
      nl: 'Deze afrekening is nog niet goedgekeurd. Keur ze eerst goed en duid ze daarna aan als betaald.',
      fr: 'Ce décompte n’est pas encore approuvé. Approuvez-le d’abord, puis marquez-le comme payé.',
      en: 'This statement is not approved yet. Approve it first, then mark it as paid.',
    },
  },
  statement_paid_already: {
    status: 409,
    title: 'The statement is marked as paid already',
    messages: {
      nl: 'Deze afrekening is al aangeduid als betaald.',
      fr: 'Ce décompte est déjà marqué comme payé.',
      en: 'This statement is already marked as paid.',
    },
  },
  ride_not_signed_up: {
    status: 409,
    title: 'Not signed up for the activity',
    messages: {
      nl: 'Samen rijden kan alleen met mensen die ingeschreven zijn voor deze activiteit. Schrijf je eerst in.',
      fr: 'Le covoiturage n’est possible qu’entre personnes inscrites à cette activité. Inscrivez-vous d’abord.',
      en: 'Lifts are only shared among people signed up for this activity. Sign up first.',
    },
  },
  ride_own_offer: {
    status: 409,
    title: 'Driver and passenger are the same person',
    messages: {
      nl: 'Chauffeur en passagier zijn dezelfde persoon. Met jezelf meerijden kan niet.',
      fr: 'Le conducteur et le passager sont la même personne. Ce n’est pas possible.',
      en: 'The driver and the passenger are the same person. That is not possible.',
    },
  },
  ride_already_requested: {
    status: 409,
    title: 'A ride request exists already',
    messages: {
      nl: 'Er is al een vraag om een lift voor deze persoon en deze activiteit. Je vindt ze bij "Mijn liften".',
      fr: 'Il y a déjà une demande de transport pour cette personne et cette activité. Vous la trouvez dans « Mes trajets ».',
      en: 'There is already a lift request for this person and this activity. You find it under "My lifts".',
    },
  },
  ride_offer_cancelled: {
    status: 409,
    title: 'The ride offer is cancelled',
    messages: {
      nl: 'Dit aanbod is geannuleerd.',
      fr: 'Cette offre est annulée.',
      en: 'This offer is cancelled.',
    },
  },
  ride_other_activity: {
    status: 409,
    title: 'The offer is for another activity',
    messages: {
      nl: 'Dit aanbod is voor een andere activiteit.',
      fr: 'Cette offre est pour une autre activité.',
      en: 'This offer is for another activity.',
    },
  },
  ride_needs_not_allowed: {
    status: 409,
    title: 'The car does not allow what the passenger needs',
    messages: {
      nl: 'Deze auto past niet bij wat de passagier nodig heeft (bijvoorbeeld een rolstoel of een kinderzitje).',
      fr: 'Cette voiture ne convient pas à ce dont le passager a besoin (par exemple un fauteuil roulant ou un siège enfant).',
      en: 'This car does not fit what the passenger needs (for example a wheelchair or a child seat).',
    },
  },
  ride_request_not_pending: {
    status: 409,
    title: 'The ride request is no longer waiting for an answer',
    messages: {
      nl: 'Deze vraag wacht niet meer op een antwoord. Misschien zei een andere chauffeur al ja, of werd ze geannuleerd.',
      fr: 'Cette demande n’attend plus de réponse. Un autre conducteur a peut-être déjà dit oui, ou elle a été annulée.',
      en: 'This request is no longer waiting for an answer. Maybe another driver said yes already, or it was cancelled.',
    },
  },
  ride_awaiting_passenger: {
    status: 409,
    title: 'Waiting for the passenger to confirm',
    messages: {
      nl: 'Dit voorstel wacht nog op het antwoord van de passagier.',
      fr: 'Cette proposition attend encore la réponse du passager.',
      en: 'This proposal is still waiting for the passenger’s answer.',
    },
  },
  ride_no_seats: {
    status: 409,
    title: 'No seats left on the offer',
    messages: {
      nl: 'Er is geen plaats meer vrij in deze auto.',
      fr: 'Il n’y a plus de place libre dans cette voiture.',
      en: 'There is no free seat left in this car.',
    },
  },
  ride_no_proposal: {
    status: 409,
    title: 'No driver’s proposal to confirm',
    messages: {
      nl: 'Er is geen voorstel van een chauffeur (meer) om te bevestigen.',
      fr: 'Il n’y a pas (plus) de proposition d’un conducteur à confirmer.',
      en: 'There is no driver’s proposal to confirm (any more).',
    },
  },
  ride_full_request_open: {
    status: 409,
    title: 'The car filled up; the ride request is open again',
    messages: {
      nl: 'Deze chauffeur heeft geen plaats meer. Je vraag staat weer open voor andere chauffeurs.',
      fr: 'Ce conducteur n’a plus de place. Votre demande est à nouveau ouverte aux autres conducteurs.',
      en: 'This driver has no seat left. Your request is open to other drivers again.',
    },
  },
  ride_decline_open: {
    status: 409,
    title: 'An open ride request is not declined',
    messages: {
      nl: 'Deze vraag staat open voor alle chauffeurs. Je hoeft ze niet te weigeren: laat ze gewoon staan.',
      fr: 'Cette demande est ouverte à tous les conducteurs. Pas besoin de la refuser : laissez-la simplement.',
      en: 'This request is open to all drivers. You do not need to decline it: just leave it.',
    },
  },
  ride_proposal_ended: {
    status: 409,
    title: 'The proposal is no longer waiting for an answer',
    messages: {
      nl: 'Dit voorstel wacht niet meer op een antwoord: het is al aanvaard, geweigerd of ingetrokken.',
      fr: 'Cette proposition n’attend plus de réponse : elle a déjà été acceptée, refusée ou retirée.',
      en: 'This proposal is no longer waiting for an answer: it was already accepted, declined or withdrawn.',
    },
  },
  ride_closed: {
    status: 409,
    title: 'The ride is cancelled or declined already',
    messages: {
      nl: 'Deze lift is al geannuleerd of geweigerd.',
      fr: 'Ce trajet est déjà annulé ou refusé.',
      en: 'This lift is already cancelled or declined.',
    },
  },
  ride_took_place: {
    status: 409,
    title: 'A passenger was picked up already',
    messages: {
      nl: 'Er is al een passagier ingestapt. Deze lift heeft plaatsgevonden en kan niet meer geannuleerd worden.',
      fr: 'Un passager est déjà monté. Ce trajet a eu lieu et ne peut plus être annulé.',
      en: 'A passenger has already got in. This lift took place and can no longer be cancelled.',
    },
  },
  ride_not_agreed: {
    status: 409,
    title: 'The ride is not agreed',
    messages: {
      nl: 'Deze lift is niet (meer) afgesproken. Ophalen en niet komen opdagen gelden alleen voor een afgesproken lift.',
      fr: 'Ce trajet n’est pas (ou plus) convenu. La prise en charge et l’absence ne comptent que pour un trajet convenu.',
      en: 'This lift is not agreed (any more). Pickup and no-show only count for an agreed lift.',
    },
  },
  ride_pickup_confirmed: {
    status: 409,
    title: 'The pickup is confirmed already',
    messages: {
      nl: 'Het ophalen is al bevestigd.',
      fr: 'La prise en charge est déjà confirmée.',
      en: 'The pickup is already confirmed.',
    },
  },
  ride_no_bonus: {
    status: 409,
    title: 'No ride bonus to take back',
    messages: {
      nl: 'Er is geen beloning om terug te nemen: ze werd niet toegekend, of al teruggenomen.',
      fr: 'Il n’y a pas de récompense à reprendre : elle n’a pas été accordée, ou a déjà été reprise.',
      en: 'There is no bonus to take back: it was not awarded, or was taken back already.',
    },
  },
  right_not_held: {
    status: 409,
    title: 'The passholder does not hold this right',
    messages: {
      nl: 'Deze persoon heeft dit recht (nu) niet. Kijk de rechten op de fiche na.',
      fr: 'Cette personne n’a pas (plus) ce droit. Vérifiez les droits dans le dossier.',
      en: 'This person does not hold this right (now). Check the rights on the record.',
    },
  },
  internal_error: {
    status: 500,
    title: 'Internal error',
    messages: {
      nl: 'Er ging iets mis aan onze kant. Probeer het later opnieuw.',
      fr: 'Un problème est survenu de notre côté. Réessayez plus tard.',
      en: 'Something went wrong on our side. Please try again later.',
    },
  },
  delivery_not_by_letter: {
    status: 409,
    title: 'This message does not go by letter',
    messages: {
      nl: 'Dit bericht kan niet als brief: een brief zou te laat komen. Bel de persoon.',
      fr: 'Ce message ne peut pas partir par lettre : elle arriverait trop tard. Appelez la personne.',
      en: 'This message cannot go as a letter: it would come too late. Call the person.',
    },
  },
  delivery_not_failed: {
    status: 409,
    title: 'The delivery is not (or no longer) failed',
    messages: {
      nl: 'Dit bericht is al afgehandeld.',
      fr: 'Ce message a déjà été traité.',
      en: 'This message has already been dealt with.',
    },
  },
} as const satisfies Record<string, ProblemDefinition>;

export type ProblemCode = keyof typeof PROBLEMS;

/** One invalid field, addressed by a JSON pointer into the request (e.g. `/login`, `/query/limit`). */
export type FieldProblem = { pointer: string; code: string; messages: Localized };

export type ProblemOptions = {
  /** Values for the `{placeholders}` of the end-user messages. */
  params?: Record<string, string | number>;
  /** Technical detail in English for developers; defaults to the title. */
  detail?: string;
  fields?: FieldProblem[];
  headers?: Record<string, string>;
};

/** Throw this anywhere; the app's error handler renders it as RFC 9457 problem+json. */
export class Problem extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly options: ProblemOptions;

  constructor(code: ProblemCode, options: ProblemOptions = {}) {
    super(options.detail ?? PROBLEMS[code].title);
    this.name = 'Problem';
    this.code = code;
    this.status = PROBLEMS[code].status;
    this.options = options;
  }
}

export type ProblemBody = {
  type: string;
  code: ProblemCode;
  title: string;
  status: number;
  detail: string;
  message: string;
  messages: Localized;
  instance: string;
  requestId: string;
  fields?: FieldProblem[];
};

/** Renders a problem for one request: `message` is in the caller's language, `messages` in all. */
export function problemBody(
  problem: Problem,
  locale: Locale,
  instance: string,
  requestId: string,
): ProblemBody {
  const definition = PROBLEMS[problem.code];
  const params = problem.options.params ?? {};
  const messages = fillAll(definition.messages, params);
  return {
    type: `/api/docs#problem-${problem.code}`,
    code: problem.code,
    title: definition.title,
    status: definition.status,
    detail: problem.options.detail ?? definition.title,
    message: messages[locale],
    messages,
    instance,
    requestId,
    ...(problem.options.fields ? { fields: problem.options.fields } : {}),
  };
}
