import type { Localized } from '../lib/i18n.ts';
import { periodStart, type Period } from '../lib/periods.ts';
import type { Reward } from './repo.ts';

export type RedeemBlock = 'welcome' | 'not_valid' | 'out_of_stock' | 'not_enough_points' | 'limit_reached';

export const BLOCK_MESSAGES: Record<RedeemBlock, Localized> = {
  welcome: {
    nl: 'een welkomstvoordeel krijg je één keer, bij de activering van je pas. Toon je pas bij de vereniging om het te krijgen.',
    fr: 'un avantage de bienvenue est offert une seule fois, à l’activation de votre pass. Montrez votre pass au club pour le recevoir.',
    en: 'a welcome reward is given once, when your pass is activated. Show your pass at the club to receive it.',
  },
  not_valid: {
    nl: 'dit voordeel is nu niet geldig.',
    fr: 'cet avantage n’est pas valable maintenant.',
    en: 'this reward is not valid now.',
  },
  out_of_stock: { nl: 'het is op.', fr: 'il n’y en a plus.', en: 'it is out of stock.' },
  not_enough_points: { nl: 'niet genoeg punten.', fr: 'pas assez de points.', en: 'not enough points.' },
  limit_reached: {
    nl: 'je hebt dit al zo vaak ingeruild als mag.',
    fr: 'vous l’avez déjà échangé autant de fois que permis.',
    en: 'you have redeemed this as often as allowed.',
  },
};

/** Can this holder redeem this reward today? The first reason why not, or null. */
export function redeemBlock(
  reward: Reward,
  facts: { balance: number; used: number },
  today: string,
): RedeemBlock | null {
  if (reward.welcome) return 'welcome';
  if (reward.validFrom > today || (reward.validUntil !== null && reward.validUntil < today))
    return 'not_valid';
  if (reward.stock !== null && reward.redeemed >= reward.stock) return 'out_of_stock';
  if (facts.balance < reward.pointsCost) return 'not_enough_points';
  if (reward.limit && facts.used >= reward.limit.count) return 'limit_reached';
  return null;
}

/** Where the holder's limit counts redemptions from: the start of the limit's period, or null (ever, or no limit). */
export function limitSince(reward: Reward, now: Date): string | null {
  return reward.limit && reward.limit.period !== 'EVER'
    ? periodStart(reward.limit.period as Period, now)
    : null;
}
