import { smsNumber } from './phone.ts';
import { DeliveryError, smsHttpError } from './retry.ts';

/** Sends one SMS; answers the provider's message id, or throws a `DeliveryError` (permanent or temporary). */
export interface SmsProvider {
  readonly name: string;
  send(to: string, text: string): Promise<string>;
}

/** What the SMS provider is built from: [vars] and secrets (see wrangler.toml). */
export type SmsConfig = {
  SMS_GATEWAY_URL?: string;
  SMS_GATEWAY_TOKEN?: string;
  SMS_FROM?: string;
  /** "log": no gateway, SMS go to the log (npm start and the tests set it; never in production). */
  SMS_SINK?: string;
};

/**
 * The configured gateway; the local sink when SMS_SINK is "log" (development, tests); else none: a deployment
 * without a gateway must not report SMS as sent while they only went to a log. Its SMS fail as "did not get
 * through" (temporary: configuring the gateway lets the retries through), and end on the counter's list.
 */
export function smsProvider(config: SmsConfig): SmsProvider {
  if (config.SMS_GATEWAY_URL)
    return new HttpSmsProvider(
      config.SMS_GATEWAY_URL,
      config.SMS_GATEWAY_TOKEN ?? '',
      config.SMS_FROM ?? 'Buurtpas',
    );
  if (config.SMS_SINK === 'log') return new LocalSmsSink();
  return {
    name: 'none',
    send: () => Promise.reject(new DeliveryError('No SMS gateway configured (SMS_GATEWAY_URL)', false)),
  };
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
