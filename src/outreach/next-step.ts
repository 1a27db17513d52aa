/**
 * The worklist's pure rules: which reasons exist and what to do next for a person. No database here.
 */

export const WORKLIST_REASONS = ['not_activated', 'not_used', 'status_ending'] as const;
export type WorklistReason = (typeof WORKLIST_REASONS)[number];
/** What a logged contact answered: a worklist reason, or something else (from the record page). */
export const CONTACT_REASONS = [...WORKLIST_REASONS, 'other'] as const;
export type ContactReason = (typeof CONTACT_REASONS)[number];

export const CONTACT_WAYS = ['call', 'visit', 'letter', 'email', 'sms'] as const;
export type ContactWay = (typeof CONTACT_WAYS)[number];
export const OUTCOMES = ['reached', 'no_answer', 'left_message', 'wrong_number', 'declined', 'sent'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type NextStep = 'call' | 'letter' | 'visit';

/** Days a person stays off the worklist after they were reached or declined. */
export const QUIET_DAYS = 30;
/** Days after the activation letter before a pass that is still not activated comes on the list. */
export const LETTER_DAYS = 30;
/** Days before the end of the status that it comes on the list (the renewal list's horizon). */
export const ENDING_DAYS = 60;

/**
 * Click, call, connect: call when there is a phone number that is not known to be wrong; otherwise a letter
 * when there is an address and the last try was not already a letter; otherwise a visit (a letter brought
 * nothing, or there is no address to write to: a social worker goes by or asks around).
 */
export function nextStep(
  person: { phone: boolean; address: boolean },
  last: { how: ContactWay; outcome: Outcome } | null,
): NextStep {
  const wrongNumber = last?.how === 'call' && last.outcome === 'wrong_number';
  if (person.phone && !wrongNumber) return 'call';
  if (person.address && last?.how !== 'letter') return 'letter';
  return 'visit';
}
