/**
 * When a delivery is tried again, and which failures are worth trying again. Pure rules, unit-tested.
 */

/**
 * Why a delivery failed, in words counter staff can act on (the list shows it in their language): no address
 * or number for the channel, one that cannot work, the service refused it, or it did not get through.
 */
export const FAILURE_REASONS = ['no_address', 'bad_address', 'refused', 'unavailable'] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** A failure the channel gave: `permanent` ones (a bad address) are never tried again. */
export class DeliveryError extends Error {
  readonly permanent: boolean;
  readonly reason: FailureReason;
  constructor(message: string, permanent: boolean, reason?: FailureReason) {
    super(message);
    this.name = 'DeliveryError';
    this.permanent = permanent;
    this.reason = reason ?? (permanent ? 'refused' : 'unavailable');
  }
}

/** Longest wait between two tries. */
export const MAX_BACKOFF_SECONDS = 15 * 60;

/**
 * Seconds to wait before try `attempt + 1` after try `attempt` (1-based) failed: base, 4×base, 16×base, …
 * capped at 15 minutes. A base of 0 (tests) retries at once.
 */
export function backoffSeconds(attempt: number, baseSeconds: number): number {
  if (baseSeconds <= 0) return 0;
  const exponent = Math.max(0, Math.min(attempt, 10) - 1);
  return Math.min(MAX_BACKOFF_SECONDS, baseSeconds * 4 ** exponent);
}

/**
 * Errors of Cloudflare's send_email binding that retrying cannot fix (a refused or invalid address or
 * message). Production errors carry a `code` such as `E_RECIPIENT_NOT_ALLOWED` or `E_RATE_LIMIT_EXCEEDED`;
 * local ones have none (then: temporary).
 */
const PERMANENT_EMAIL_CODES = [
  'E_RECIPIENT_NOT_ALLOWED',
  'E_RECIPIENT_SUPPRESSED',
  'E_SENDER_NOT_VERIFIED',
  'E_SENDER_DOMAIN_NOT_AVAILABLE',
  'E_VALIDATION_ERROR',
  'E_FIELD_MISSING',
  'E_TOO_MANY_RECIPIENTS',
  'E_CONTENT_TOO_LARGE',
  'E_HEADER_NOT_ALLOWED',
];

export function emailError(error: unknown): DeliveryError {
  const code =
    typeof error === 'object' && error !== null && 'code' in error
      ? String((error as { code: unknown }).code)
      : '';
  const message = error instanceof Error ? error.message : String(error);
  const text = code ? `${code}: ${message}` : message;
  return new DeliveryError(text.slice(0, 500), PERMANENT_EMAIL_CODES.includes(code));
}

/**
 * An SMS gateway's HTTP answer as a failure: 4xx refusals of the message itself (bad number, blocked
 * recipient) are permanent; 408, 425 and 429 (wait and try again), 5xx and anything else are temporary.
 * Authentication and configuration errors (401, 403, 404) are temporary too: fixing the configuration
 * lets the queued messages through instead of failing them all.
 */
export function smsHttpError(status: number, body: string): DeliveryError {
  const temporary =
    status === 401 ||
    status === 403 ||
    status === 404 ||
    status === 408 ||
    status === 425 ||
    status === 429 ||
    status >= 500 ||
    status < 400;
  return new DeliveryError(`SMS gateway answered ${status}: ${body.slice(0, 300)}`, !temporary);
}
