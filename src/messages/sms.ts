import { smsNumber } from './phone.ts';
import { DeliveryError, smsHttpError } from './retry.ts';

/** Sends one SMS; answers the provider's message id, or throws a `DeliveryError` (permanent or temporary). */
export interface SmsProvider {
  readonly name: string;
  send(to: string, text: string): Promise<string>;
}

/** What the SMS provider is built from: [vars] and secrets (see wrangler.toml). */
export type SmsConfig = { SMS_GATEWAY_URL?: string; SMS_GATEWAY_TOKEN?: string; SMS_FROM?: string };

/** The configured gateway, or the local sink when no gateway is configured (development, tests). */
export function smsProvider(config: SmsConfig): SmsProvider {
  return config.SMS_GATEWAY_URL
    ? new HttpSmsProvider(
        config.SMS_GATEWAY_URL,
        config.SMS_GATEWAY_TOKEN ?? '',
        config.SMS_FROM ?? 'Buurtpas',
      )
    : new LocalSmsSink();
}

function numberOrFail(to: string): string {
  const number = smsNumber(to);
  if (!number) throw new DeliveryError(`Not a phone number an SMS can go to: ${to}`, true, 'bad_address');
  return number;
}

/** No gateway: writes each SMS to the log (like wrangler's e-mail simulation). Refuses what is not a number. */
export class LocalSmsSink implements SmsProvider {
  readonly name = 'local';
  async send(to: string, text: string): Promise<string> {
    const number = numberOrFail(to);
    const id = `local-${crypto.randomUUID()}`;
    console.log(`[sms] ${id} to ${number}: ${text}`);
    return id;
  }
}

/**
 * A JSON-over-HTTP gateway: `POST url` with `Authorization: Bearer token` and `{from, to, text}`, answering
 * `{id}`. Most gateways take this shape or a small adapter of it.
 */
export class HttpSmsProvider implements SmsProvider {
  readonly name = 'http';
  private readonly url: string;
  private readonly token: string;
  private readonly from: string;
  constructor(url: string, token: string, from: string) {
    this.url = url;
    this.token = token;
    this.from = from;
  }

  async send(to: string, text: string): Promise<string> {
    const number = numberOrFail(to);
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify({ from: this.from, to: number, text }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new DeliveryError(`SMS gateway unreachable: ${String(error)}`.slice(0, 500), false);
    }
    const body = await response.text();
    if (!response.ok) throw smsHttpError(response.status, body);
    try {
      const id = (JSON.parse(body) as { id?: unknown }).id;
      return typeof id === 'string' || typeof id === 'number' ? String(id) : 'unknown';
    } catch {
      return 'unknown';
    }
  }
}
