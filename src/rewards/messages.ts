import type { Localized } from '../lib/i18n.ts';

/**
 * 'reward_ready': a holder's points first reach the cost of a reward of their municipality. In the holder's
 * language, filled in SQL (`{title}`, `{points}`) for many holders at once by the nightly job.
 */
export const REWARD_READY: Localized = {
  nl: 'Je hebt genoeg punten voor "{title}" ({points} punten). Vraag het met je pas aan de balie of bij de club. Je punten blijven staan tot je kiest.',
  fr: 'Vous avez assez de points pour « {title} » ({points} points). Demandez-le avec votre pass au guichet ou au club. Vos points restent jusqu’à ce que vous choisissiez.',
  en: 'You have enough points for "{title}" ({points} points). Ask for it with your pass at the counter or at the club. Your points stay until you choose.',
};
