import type { Locale } from './lib/i18n.ts';

/** Bindings of the Worker: see wrangler.toml ([vars], D1, assets) and the secrets in README. */
export type Bindings = {
  DB: D1Database;
  ASSETS: Fetcher;
  /** JSON array of private Ed25519 JWKs, each with a `kid`; the first signs, all verify (rotation). */
  SIGNING_KEYS: string;
  TOKEN_ISSUER: string;
  TOKEN_AUDIENCE: string;
  /** Only in tests: when "on", an `X-Test-Now` header sets the request's clock and `X-Test-Fail` injects D1 faults. Never in production. */
  TEST_CLOCK?: string;
  /** The outbox queue: messages that leave the app (e-mail, SMS, letters), one delivery id each. */
  OUTBOX_QUEUE: Queue<{ deliveryId: string }>;
  /** Cloudflare Email Service (`[[send_email]]`); simulated by wrangler dev. */
  EMAIL: SendEmail;
  /** The address e-mails come from (a verified sender domain in production). */
  MAIL_FROM: string;
  MAIL_FROM_NAME?: string;
  /** First wait, in seconds, before a failed delivery is tried again (default 30). */
  OUTBOX_RETRY_BASE_SECONDS?: string;
  /** SMS gateway (see src/messages/sms.ts); without a URL, SMS do not get through (they end on the counter's list). */
  SMS_GATEWAY_URL?: string;
  SMS_GATEWAY_TOKEN?: string;
  SMS_FROM?: string;
  /** "log" (npm start, tests): without a gateway, SMS go to the log. Never in production. */
  SMS_SINK?: string;
  /** In tests and benchmarks: when "on", answers carry `X-D1-Round-Trips`, `X-D1-Rows-Read` and `X-D1-Rows-Written`. */
  D1_METRICS?: string;
};

/** A staff role with the scope it applies to. Residents have no staff role: see `passholderId`. */
export type StaffRole = {
  role: 'municipality_admin' | 'counter' | 'club_admin' | 'door';
  municipalityId: string | null;
  clubId: string | null;
};

/** The signed-in user, as loaded from a live session. */
export type SessionUser = {
  id: string;
  sessionId: string;
  email: string | null;
  displayName: string;
  locale: Locale;
  staffRoles: StaffRole[];
  passholderId: string | null;
  householdId: string | null;
  residentMunicipalityId: string | null;
};

export type AppEnv = {
  Bindings: Bindings;
  Variables: {
    requestId: string;
    locale: Locale;
    /** The request's clock: the real time, or the test clock. */
    now: Date;
    user?: SessionUser;
    /** A verified token whose session the route checks in its own batch (the door's requests). */
    token?: { userId: string; sessionId: string; exp: number; viaCookie: boolean };
  };
};
