import type { Locale } from '../lib/i18n.ts';
import { auditStatement, type Audit } from '../passes/repo.ts';
import type { ChosenChannels, OutsideChannel } from './channels.ts';
import type { FailureReason } from './retry.ts';

/** All SQL of messages that leave the app: the outbox (deliveries), settings, failed deliveries, letters. */

export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'handled';

// ---------------------------------------------------------------------------------------------- relay

/**
 * Takes up to `limit` pending deliveries that were never handed to the queue, or were handed before
 * `staleBefore` and are still pending (their message was lost, or its consumer died), and stamps them as
 * handed now. A conditional UPDATE: two relays never take the same row.
 */
export async function takeForRelay(
  db: D1Database,
  now: string,
  staleBefore: string,
  limit: number,
): Promise<string[]> {
  const { results } = await db
    .prepare(
      `UPDATE deliveries SET enqueued_at = ?1
        WHERE id IN (SELECT id FROM deliveries WHERE status = 'pending' AND (enqueued_at IS NULL OR enqueued_at < ?2)
                      ORDER BY created_at LIMIT ?3)
          AND status = 'pending' AND (enqueued_at IS NULL OR enqueued_at < ?2)
        RETURNING id`,
    )
    .bind(now, staleBefore, limit)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

/** The queue refused them: the next relay takes them again. */
export async function releaseFromRelay(db: D1Database, ids: string[], stamp: string): Promise<void> {
  await db
    .prepare(
      "UPDATE deliveries SET enqueued_at = NULL WHERE id IN (SELECT value FROM json_each(?1)) AND enqueued_at = ?2 AND status = 'pending'",
    )
    .bind(JSON.stringify(ids), stamp)
    .run();
}

// ------------------------------------------------------------------------------------------ consumer

/** What a claimed delivery needs to be sent. */
export type DeliveryFacts = {
  id: string;
  channel: OutsideChannel;
  locale: Locale;
  address: string | null;
  attempts: number;
  kind: string;
  message: string;
  firstName: string;
  lastName: string;
  municipality: string;
  socialHousePhone: string | null;
};

/**
 * Claims a pending delivery for this consumer (`claim`, a random id) and reads what sending it needs, in one
 * transaction. Null when it is not pending (sent already, failed, handled) or another consumer holds a claim
 * younger than `claimStaleBefore`: then this consumer must not send it.
 */
export async function claimDelivery(
  db: D1Database,
  id: string,
  claim: string,
  now: string,
  claimStaleBefore: string,
): Promise<DeliveryFacts | null> {
  const [, read] = await db.batch([
    db
      .prepare(
        `UPDATE deliveries SET claim = ?2, claimed_at = ?3, attempts = attempts + 1, enqueued_at = ?3
          WHERE id = ?1 AND status = 'pending' AND (claim IS NULL OR claimed_at < ?4)`,
      )
      .bind(id, claim, now, claimStaleBefore),
    db
      .prepare(
        `SELECT d.id, d.channel, d.locale, d.address, d.attempts, n.kind, n.message, p.first_name AS firstName,
                p.last_name AS lastName, m.name AS municipality, m.social_house_phone AS socialHousePhone
           FROM deliveries d JOIN notifications n ON n.id = d.notification_id
           JOIN passholders p ON p.id = d.passholder_id JOIN municipalities m ON m.id = p.municipality_id
          WHERE d.id = ?1 AND d.claim = ?2 AND d.status = 'pending'`,
      )
      .bind(id, claim),
  ]);
  // The columns are named as DeliveryFacts names them.
  return (read?.results[0] as DeliveryFacts | undefined) ?? null;
}

/** Sent (or, for a letter, put in the batch of `letterDate`). Only the claim holder's call counts. */
export async function markSent(
  db: D1Database,
  d: { id: string; claim: string; at: string; providerId: string | null; letterDate: string | null },
): Promise<void> {
  await db
    .prepare(
      `UPDATE deliveries SET status = 'sent', sent_at = ?3, provider_id = ?4, letter_date = ?5, last_error = NULL, error_reason = NULL, claim = NULL
        WHERE id = ?1 AND claim = ?2 AND status = 'pending'`,
    )
    .bind(d.id, d.claim, d.at, d.providerId, d.letterDate)
    .run();
}

/** A try failed but another may work: the error is kept, the claim let go. */
export async function markTryFailed(
  db: D1Database,
  d: { id: string; claim: string; error: string; reason: FailureReason },
): Promise<void> {
  await db
    .prepare(
      "UPDATE deliveries SET last_error = ?3, error_reason = ?4, claim = NULL WHERE id = ?1 AND claim = ?2 AND status = 'pending'",
    )
    .bind(d.id, d.claim, d.error, d.reason)
    .run();
}

/**
 * Given up: a permanent error, or the queue's dead-letter queue. The row stays (failed deliveries are never
 * dropped): counter staff see it in their list of whom to call.
 */
export async function markFailed(
  db: D1Database,
  d: { id: string; claim: string | null; at: string; error: string; reason: FailureReason },
): Promise<boolean> {
  const result = await db
    .prepare(
      `UPDATE deliveries SET status = 'failed', failed_at = ?3, last_error = coalesce(?4, last_error), error_reason = ?5,
              claim = NULL
        WHERE id = ?1 AND status = 'pending' AND (?2 IS NULL OR claim = ?2)`,
    )
    .bind(d.id, d.claim, d.at, d.error, d.reason)
    .run();
  return (result.meta.changes ?? 0) > 0;
}

// ------------------------------------------------------------------------------------------ settings

export type HolderContact = {
  id: string;
  municipalityId: string;
  userId: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  postalCode: string;
  locale: Locale;
  chosen: ChosenChannels | null;
};

export async function holderContact(db: D1Database, passholderId: string): Promise<HolderContact | null> {
  const row = await db
    .prepare(
      `SELECT p.id, p.municipality_id, p.user_id, p.email, p.phone, p.address, p.postal_code, p.locale,
              s.email AS s_email, s.sms AS s_sms, s.paper AS s_paper
         FROM passholders p LEFT JOIN notification_settings s ON s.passholder_id = p.id WHERE p.id = ?1`,
    )
    .bind(passholderId)
    .first<{
      id: string;
      municipality_id: string;
      user_id: string | null;
      email: string | null;
      phone: string | null;
      address: string | null;
      postal_code: string;
      locale: Locale;
      s_email: number | null;
      s_sms: number | null;
      s_paper: number | null;
    }>();
  if (!row) return null;
  return {
    id: row.id,
    municipalityId: row.municipality_id,
    userId: row.user_id,
    email: row.email,
    phone: row.phone,
    address: row.address,
    postalCode: row.postal_code,
    locale: row.locale,
    chosen:
      row.s_email === null
        ? null
        : { email: row.s_email === 1, sms: row.s_sms === 1, paper: row.s_paper === 1 },
  };
}

/** Writes a staff read of the settings to the holder's audit log. */
export async function auditRead(db: D1Database, passholderId: string, audit: Audit): Promise<void> {
  await auditStatement(db, passholderId, audit).run();
}

/**
 * Saves the channels and the language in one transaction: the settings row, the passholder's language (the
 * language their messages are written in), the language of their own account (so the app and its errors
 * speak it too), and, when staff set it, the line in the holder's audit log.
 */
export async function saveSettings(
  db: D1Database,
  s: {
    passholderId: string;
    chosen: ChosenChannels;
    locale: Locale;
    by: string;
    at: string;
    audit: Audit | null;
  },
): Promise<void> {
  await db.batch([
    db
      .prepare(
        `INSERT INTO notification_settings (passholder_id, email, sms, paper, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (passholder_id) DO UPDATE SET email = excluded.email, sms = excluded.sms, paper = excluded.paper,
           updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .bind(s.passholderId, s.chosen.email ? 1 : 0, s.chosen.sms ? 1 : 0, s.chosen.paper ? 1 : 0, s.at, s.by),
    db
      .prepare('UPDATE passholders SET locale = ?2, updated_at = ?3 WHERE id = ?1')
      .bind(s.passholderId, s.locale, s.at),
    db
      .prepare('UPDATE users SET locale = ?2 WHERE id = (SELECT user_id FROM passholders WHERE id = ?1)')
      .bind(s.passholderId, s.locale),
    ...(s.audit ? [auditStatement(db, s.passholderId, s.audit)] : []),
  ]);
}

// ------------------------------------------------------------------------------- failed deliveries

export type FailedDelivery = {
  id: string;
  passholderId: string;
  name: string;
  passNumber: string;
  email: string | null;
  phone: string | null;
  channel: OutsideChannel;
  address: string | null;
  kind: string;
  message: string;
  locale: Locale;
  createdAt: string;
  failedAt: string;
  attempts: number;
  error: string | null;
  reason: FailureReason;
};

type FailedRow = {
  id: string;
  passholder_id: string;
  first_name: string;
  last_name: string;
  pass_number: string;
  email: string | null;
  phone: string | null;
  channel: OutsideChannel;
  address: string | null;
  kind: string;
  message: string;
  locale: Locale;
  created_at: string;
  failed_at: string;
  attempts: number;
  last_error: string | null;
  error_reason: FailureReason | null;
};

const FAILED_SELECT = `SELECT d.id, d.passholder_id, p.first_name, p.last_name, p.pass_number, p.email, p.phone, d.channel,
       d.address, n.kind, n.message, d.locale, n.created_at, d.failed_at, d.attempts, d.last_error,
       d.error_reason
  FROM deliveries d JOIN passholders p ON p.id = d.passholder_id JOIN notifications n ON n.id = d.notification_id`;

function toFailed(r: FailedRow): FailedDelivery {
  return {
    id: r.id,
    passholderId: r.passholder_id,
    name: `${r.first_name} ${r.last_name}`,
    passNumber: r.pass_number,
    email: r.email,
    phone: r.phone,
    channel: r.channel,
    address: r.address,
    kind: r.kind,
    message: r.message,
    locale: r.locale,
    createdAt: r.created_at,
    failedAt: r.failed_at,
    attempts: r.attempts,
    error: r.last_error,
    reason: r.error_reason ?? 'unavailable',
  };
}

/**
 * The municipality's failed deliveries that nobody handled yet, oldest first. Each person listed gets one
 * line in their audit log (staff read their contact details and message), in the same transaction.
 */
export async function failedDeliveries(
  db: D1Database,
  municipalityId: string,
  audit: Omit<Audit, 'action'>,
): Promise<FailedDelivery[]> {
  const where = "WHERE d.status = 'failed' AND p.municipality_id = ?1";
  const [, read] = await db.batch([
    db
      .prepare(
        `INSERT INTO audit_log (id, at, actor_user_id, passholder_id, action, reason)
         SELECT lower(hex(randomblob(16))), ?2, ?3, x.passholder_id, 'read', ?4
           FROM (SELECT DISTINCT d.passholder_id FROM deliveries d JOIN passholders p ON p.id = d.passholder_id ${where}) x`,
      )
      .bind(municipalityId, audit.at, audit.actorUserId, audit.reason),
    db.prepare(`${FAILED_SELECT} ${where} ORDER BY d.failed_at, d.id LIMIT 500`).bind(municipalityId),
  ]);
  return ((read?.results ?? []) as FailedRow[]).map(toFailed);
}

/** One delivery with its holder's municipality (to check who may act on it). */
export async function deliveryScope(
  db: D1Database,
  id: string,
): Promise<{
  municipalityId: string;
  passholderId: string;
  status: DeliveryStatus;
  notificationId: string;
  channel: OutsideChannel;
  kind: string;
} | null> {
  return db
    .prepare(
      `SELECT p.municipality_id AS municipalityId, d.passholder_id AS passholderId, d.status,
              d.notification_id AS notificationId, d.channel, n.kind
         FROM deliveries d JOIN passholders p ON p.id = d.passholder_id
         JOIN notifications n ON n.id = d.notification_id
        WHERE d.id = ?1`,
    )
    .bind(id)
    .first();
}

/**
 * Counter staff dealt with a failed delivery: called the person (`handled`), or send it as a letter in
 * today's batch (`letter`: a paper delivery for the same message, unless one exists). Audited, one
 * transaction; false when it was no longer failed.
 */
export async function resolveFailed(
  db: D1Database,
  r: { id: string; action: 'handled' | 'letter'; letterDate: string; audit: Audit },
): Promise<boolean> {
  const statements = [
    db
      .prepare(
        "UPDATE deliveries SET status = 'handled', handled_at = ?2, handled_by = ?3 WHERE id = ?1 AND status = 'failed'",
      )
      .bind(r.id, r.audit.at, r.audit.actorUserId),
  ];
  if (r.action === 'letter')
    statements.push(
      db
        .prepare(
          `INSERT INTO deliveries (id, notification_id, passholder_id, channel, locale, address, status, attempts, sent_at, letter_date, created_at)
           SELECT lower(hex(randomblob(16))), d.notification_id, d.passholder_id, 'paper', d.locale,
                  trim(coalesce(p.address, '') || char(10) || p.postal_code), 'sent', 1, ?2, ?3, ?2
             FROM deliveries d JOIN passholders p ON p.id = d.passholder_id
            WHERE d.id = ?1 AND d.handled_at = ?2
           ON CONFLICT (notification_id, channel) DO NOTHING`,
        )
        .bind(r.id, r.audit.at, r.letterDate),
    );
  statements.push(
    db
      .prepare(
        `INSERT INTO audit_log (id, at, actor_user_id, passholder_id, action, reason)
         SELECT lower(hex(randomblob(16))), ?2, ?3, passholder_id, ?4, ?5
           FROM deliveries WHERE id = ?1 AND status = 'handled' AND handled_at = ?2 AND handled_by = ?3`,
      )
      .bind(r.id, r.audit.at, r.audit.actorUserId, r.audit.action, r.audit.reason),
  );
  const [update] = await db.batch(statements);
  return (update?.meta.changes ?? 0) > 0;
}

// --------------------------------------------------------------------------------------------- letters

export type LetterRow = {
  deliveryId: string;
  passholderId: string;
  passNumber: string;
  firstName: string;
  lastName: string;
  address: string | null;
  postalCode: string;
  locale: Locale;
  kind: string;
  message: string;
  municipality: string;
  socialHousePhone: string | null;
  socialHouseAddress: string | null;
};

/**
 * The letters of one day's batch for a municipality, by name. Printing them is a staff read of each
 * person's message and address: one audit line per person, in the same transaction.
 */
export async function lettersOf(
  db: D1Database,
  municipalityId: string,
  date: string,
  audit: Omit<Audit, 'action'>,
): Promise<LetterRow[]> {
  const where =
    "WHERE d.channel = 'paper' AND d.letter_date = ?1 AND p.municipality_id = ?2 AND d.status = 'sent'";
  const [, read] = await db.batch([
    db
      .prepare(
        `INSERT INTO audit_log (id, at, actor_user_id, passholder_id, action, reason)
         SELECT lower(hex(randomblob(16))), ?3, ?4, x.passholder_id, 'read', ?5
           FROM (SELECT DISTINCT d.passholder_id FROM deliveries d JOIN passholders p ON p.id = d.passholder_id ${where}) x`,
      )
      .bind(date, municipalityId, audit.at, audit.actorUserId, audit.reason),
    db
      .prepare(
        `SELECT d.id, d.passholder_id, p.pass_number, p.first_name, p.last_name, p.address, p.postal_code, d.locale,
                n.kind, n.message, m.name AS municipality, m.social_house_phone, m.social_house_address
           FROM deliveries d JOIN passholders p ON p.id = d.passholder_id JOIN notifications n ON n.id = d.notification_id
           JOIN municipalities m ON m.id = p.municipality_id
          ${where} ORDER BY p.last_name, p.first_name, n.created_at, d.id`,
      )
      .bind(date, municipalityId),
  ]);
  type Row = {
    id: string;
    passholder_id: string;
    pass_number: string;
    first_name: string;
    last_name: string;
    address: string | null;
    postal_code: string;
    locale: Locale;
    kind: string;
    message: string;
    municipality: string;
    social_house_phone: string | null;
    social_house_address: string | null;
  };
  return ((read?.results ?? []) as Row[]).map((r) => ({
    deliveryId: r.id,
    passholderId: r.passholder_id,
    passNumber: r.pass_number,
    firstName: r.first_name,
    lastName: r.last_name,
    address: r.address,
    postalCode: r.postal_code,
    locale: r.locale,
    kind: r.kind,
    message: r.message,
    municipality: r.municipality,
    socialHousePhone: r.social_house_phone,
    socialHouseAddress: r.social_house_address,
  }));
}

/** The queue gave up (its dead-letter queue): failed, keeping the last error the channel gave. */
export async function markDeadLettered(
  db: D1Database,
  d: { id: string; at: string; error: string },
): Promise<boolean> {
  const result = await db
    .prepare(
      `UPDATE deliveries SET status = 'failed', failed_at = ?2, last_error = coalesce(last_error, ?3),
              error_reason = coalesce(error_reason, 'unavailable'), claim = NULL
        WHERE id = ?1 AND status = 'pending'`,
    )
    .bind(d.id, d.at, d.error)
    .run();
  return (result.meta.changes ?? 0) > 0;
}
