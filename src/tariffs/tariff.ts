/**
 * The social tariff: what a participant pays and how the discount is split between club and municipality.
 * Pure functions; amounts in integer cents, shares in basis points (1% = 100).
 */
import type { Period } from '../lib/periods.ts';

export type { Period };
export type Key = { participantBp: number; clubBp: number; municipalityBp: number };
export type Caps = {
  /** Reduced purchases per holder per activity (or per club and season for memberships). */
  perActivity?: number | null;
  /** Per holder per period: a number of reduced purchases and/or an amount of discount. */
  perPeriod?: { period: Period; count?: number | null; amountCents?: number | null }[];
};
export type Rule = {
  id: string;
  version: number;
  key: Key;
  nonresidentKey: Key | null;
  minPriceCents: number;
  roundingCents: number;
  categories: string[] | null;
  caps: Caps;
  cancelWindowHours: number;
};
export type Split = { priceCents: number; clubShareCents: number; municipalityShareCents: number };

/**
 * The participant's price: their share of the regular price rounded down to the rounding unit (so never
 * more than their share), at least the minimum price, never above the regular price. The discount is split
 * between club and municipality in the ratio of their shares; the club takes the rounding cent.
 */
export function split(regularCents: number, key: Key, minPriceCents: number, roundingCents: number): Split {
  if (regularCents === 0) return { priceCents: 0, clubShareCents: 0, municipalityShareCents: 0 };
  const share = Math.floor((regularCents * key.participantBp) / 10000 / roundingCents) * roundingCents;
  const priceCents = Math.min(regularCents, Math.max(minPriceCents, share));
  const discount = regularCents - priceCents;
  const carriers = key.clubBp + key.municipalityBp;
  const municipalityShareCents = carriers === 0 ? 0 : Math.floor((discount * key.municipalityBp) / carriers);
  return { priceCents, clubShareCents: discount - municipalityShareCents, municipalityShareCents };
}

export type Usage = {
  perActivity: number;
  perPeriod: { period: Period; count: number; amountCents: number }[];
};

export type QuoteInput = {
  regularPriceCents: number;
  category: string;
  statusApplies: boolean;
  holder: { municipalityId: string; regionId: string };
  seller: { municipalityId: string; regionId: string };
  rule: Rule | null;
  usage: Usage;
};

export type QuoteReason =
  'regular' | 'reduced' | 'outside_region' | 'no_rule' | 'not_for_category' | 'limit_reached';
export type Quote = Split & {
  reduced: boolean;
  reason: QuoteReason;
  rule: { id: string; version: number } | null;
  /** Reduced purchases left, this one included; null when no count cap applies. */
  remaining: number | null;
};

function regular(input: QuoteInput, reason: QuoteReason): Quote {
  return {
    priceCents: input.regularPriceCents,
    clubShareCents: 0,
    municipalityShareCents: 0,
    reduced: false,
    reason,
    rule: null,
    remaining: null,
  };
}

/** Left under the count caps (null when there are none). */
export function remainingUses(caps: Caps, usage: Usage): number | null {
  const left: number[] = [];
  if (caps.perActivity != null) left.push(caps.perActivity - usage.perActivity);
  for (const cap of caps.perPeriod ?? []) {
    if (cap.count == null) continue;
    left.push(cap.count - (usage.perPeriod.find((u) => u.period === cap.period)?.count ?? 0));
  }
  return left.length ? Math.max(0, Math.min(...left)) : null;
}

/** Would one more reduced purchase with this discount stay within every cap? */
export function withinCaps(caps: Caps, usage: Usage, discountCents: number): boolean {
  if (caps.perActivity != null && usage.perActivity >= caps.perActivity) return false;
  return (caps.perPeriod ?? []).every((cap) => {
    const used = usage.perPeriod.find((u) => u.period === cap.period) ?? { count: 0, amountCents: 0 };
    return (
      (cap.count == null || used.count < cap.count) &&
      (cap.amountCents == null || used.amountCents + discountCents <= cap.amountCents)
    );
  });
}

/** The price for one passholder: the same shape whether or not the reduction applies. */
export function quote(input: QuoteInput): Quote {
  if (input.regularPriceCents === 0 || !input.statusApplies) return regular(input, 'regular');
  if (input.holder.regionId !== input.seller.regionId) return regular(input, 'outside_region');
  const rule = input.rule;
  if (!rule) return regular(input, 'no_rule');
  if (rule.categories && !rule.categories.includes(input.category)) return regular(input, 'not_for_category');
  const resident = input.holder.municipalityId === input.seller.municipalityId;
  const key = resident ? rule.key : (rule.nonresidentKey ?? rule.key);
  const amounts = split(input.regularPriceCents, key, rule.minPriceCents, rule.roundingCents);
  const discount = input.regularPriceCents - amounts.priceCents;
  if (discount === 0) return regular(input, 'regular');
  if (!withinCaps(rule.caps, input.usage, discount))
    return { ...regular(input, 'limit_reached'), remaining: 0 };
  return {
    ...amounts,
    reduced: true,
    reason: 'reduced',
    rule: { id: rule.id, version: rule.version },
    remaining: remainingUses(rule.caps, input.usage),
  };
}
