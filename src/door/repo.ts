import { guardRefused } from '../lib/constraints.ts';
import { PERIODS, RULE_JSON } from '../tariffs/repo.ts';

/**
 * The door's SQL: every door request (scan, price, sale, check-in) is one batch, one round trip.
 *
 * The first statement of the batch is a write that carries every check the door makes: the session is live
 * and the user works at the activity's club, the club is approved, the activity not cancelled and its door
 * open, the pass exists and its card may be used. When any check fails it writes nothing. The writes after
 * it, and the read at the end, key on that first row (the "marker"), so they too happen only when the door
 * allowed the request, and read each fact once. When the read finds no marker, the request was refused, and
 * a second read (`doorFactsStatement` in tariffs, with the session) tells the caller why.
 *
 * Parameters shared by every statement here (bound by {@link doorParams}):
 * ?1 activity, ?2 pass number, ?3 session, ?4 user, ?5 now (UTC ISO), ?6 how the pass came ('card',
 * 'rotating' or 'number'), ?7 the card code's version, ?8 the marker (audit line id or check-in call id),
 * ?9 today (Brussels), ?10 minor cutoff, ?11..?15 start of each cap period (day .. year), ?16 the earliest,
 * ?17 1 when the answer should bring the user's own language (the request named none). Statements with
 * more parameters number theirs from ?18.
 */
export type DoorParams = {
  activityId: string;
  passNumber: string;
  sessionId: string;
  userId: string;
  now: string;
  via: 'card' | 'rotating' | 'number';
  cardVersion: number | null;
  marker: string;
  today: string;
  minorCutoff: string;
  periodStarts: string[];
  userLocale: boolean;
};

export function doorParams(p: DoorParams): (string | number | null)[] {
  return [
    p.activityId,
    p.passNumber,
    p.sessionId,
    p.userId,
    p.now,
    p.via,
    p.cardVersion,
    p.marker,
    p.today,
    p.minorCutoff,
    ...p.periodStarts,
    p.periodStarts.reduce((a, b) => (a < b ? a : b)),
    p.userLocale ? 1 : 0,
  ];
}

/** Prepares `sql` and binds as many of `params` as its highest `?N` asks for (D1 refuses extra bindings). */
function prepare(db: D1Database, sql: string, params: (string | number | null)[]): D1PreparedStatement {
  const highest = Math.max(0, ...[...sql.matchAll(/\?(\d+)/g)].map((m) => Number(m[1])));
  return db.prepare(sql).bind(...params.slice(0, highest));
}

/** The rows every check reads: the activity and the pass. */
const DOOR_ROWS = `
  FROM activities a JOIN passholders p ON p.pass_number = ?2
 WHERE a.id = ?1`;

/**
 * Every check of the door, in SQL over `DOOR_ROWS`, each by the index that reads least: the role by the whole
 * unique key of `staff_roles` (one row, not every staff member of the club), the club and the card by partial
 * indexes of the unusual case (no row at all when the club is approved and the card not blocked). Blocking an account revokes its sessions in the same
 * transaction, so a live session is enough to know the account is not blocked.
 */
const DOOR_CHECKS = `
   AND EXISTS (SELECT 1 FROM sessions s WHERE s.id = ?3 AND s.user_id = ?4 AND s.revoked_at IS NULL AND s.expires_at > ?5)
   AND EXISTS (SELECT 1 FROM staff_roles r WHERE r.user_id = ?4 AND r.role IN ('door', 'club_admin')
                 AND ifnull(r.municipality_id, '') = '' AND ifnull(r.club_id, '') = a.club_id)
   AND NOT EXISTS (SELECT 1 FROM clubs INDEXED BY clubs_not_approved WHERE id = a.club_id AND status <> 'approved')
   AND a.cancelled_at IS NULL
   AND ?5 >= strftime('%Y-%m-%dT%H:%M:%fZ', a.starts_at, '-' || a.checkin_before_minutes || ' minutes')
   AND ?5 <= strftime('%Y-%m-%dT%H:%M:%fZ', a.ends_at, '+' || a.checkin_after_minutes || ' minutes')
   AND (?6 <> 'card' OR ?7 = p.card_version)
   AND (?6 = 'rotating' OR NOT EXISTS (SELECT 1 FROM cards INDEXED BY cards_blocked
                                        WHERE passholder_id = p.id AND version = p.card_version AND blocked_at IS NOT NULL))`;

/** The tariff rule in force for the activity's club on ?9: the municipality's own, else the region's. */
const RULE_IN_FORCE = `
  (SELECT r.*
     FROM (SELECT 0 AS regional, m.* FROM tariff_rules m WHERE m.municipality_id = c.municipality_id
             AND m.valid_from <= ?9 AND (m.valid_until IS NULL OR m.valid_until >= ?9)
           UNION ALL
           SELECT 1, g.* FROM tariff_rules g WHERE g.region_id = (SELECT region_id FROM municipalities WHERE id = c.municipality_id)
             AND g.valid_from <= ?9 AND (g.valid_until IS NULL OR g.valid_until >= ?9)) r
    ORDER BY r.regional, r.version DESC LIMIT 1)`;

/**
 * The marker of a price look-up or a sale: the line in the holder's "who looked at my record", written only
 * when every door check passes. `extra` adds checks (a sale's price must still be the one shown).
 */
export function auditMarker(
  db: D1Database,
  params: (string | number | null)[],
  action: 'door_price' | 'door_sale',
  extra = '',
  extraParams: (string | number | null)[] = [],
): D1PreparedStatement {
  return prepare(
    db,
    `INSERT INTO audit_log (id, at, actor_user_id, passholder_id, action, reason)
       SELECT ?8, ?5, ?4, p.id, '${action}', a.title ${DOOR_ROWS} ${DOOR_CHECKS} ${extra}`,
    [...params, ...extraParams],
  );
}

/**
 * What the holder's price depends on, read only when the holder has status grants (their own, or a
 * household adult's for a minor): without grants the price is the regular one and none of it is read.
 */
const PRICING = `
  CASE WHEN EXISTS (SELECT 1 FROM status_grants g WHERE g.passholder_id = p.id)
         OR (p.birth_date > ?10 AND EXISTS (SELECT 1 FROM passholders ad JOIN status_grants g ON g.passholder_id = ad.id
                                              WHERE ad.household_id = p.household_id AND ad.birth_date <= ?10 AND ad.id <> p.id))
  THEN (SELECT json_object(
    'grants', (SELECT json_group_array(json_object('validFrom', g.valid_from, 'validUntil', g.valid_until,
                                                  'graceDays', g.grace_days, 'endedOn', g.ended_on))
                 FROM (SELECT o.* FROM status_grants o WHERE o.passholder_id = p.id
                       UNION ALL
                       SELECT h.* FROM passholders ad JOIN status_grants h ON h.passholder_id = ad.id
                        WHERE p.birth_date > ?10 AND ad.household_id = p.household_id AND ad.birth_date <= ?10 AND ad.id <> p.id) g),
    'suspensions', (SELECT json_group_array(json_object('fromDate', s.from_date, 'untilDate', s.until_date, 'liftedOn', s.lifted_on))
                      FROM status_suspensions s WHERE s.passholder_id = p.id),
    'holderMunicipalityId', p.municipality_id,
    'holderRegionId', (SELECT region_id FROM municipalities WHERE id = p.municipality_id),
    'sellerMunicipalityId', c.municipality_id,
    'sellerRegionId', (SELECT region_id FROM municipalities WHERE id = c.municipality_id),
    'rule', (SELECT ${RULE_JSON}
               FROM ${RULE_IN_FORCE} r),
    'usedHere', (SELECT count(*) FROM ticket_sales s WHERE s.passholder_id = p.id AND s.activity_id = a.id AND s.reduced = 1 AND s.cancelled_at IS NULL),
    'usedPeriods', (SELECT json_array(${PERIODS.map((_, i) => `count(CASE WHEN s.sold_at >= ?${11 + i} THEN 1 END), coalesce(sum(CASE WHEN s.sold_at >= ?${11 + i} THEN s.regular_price_cents - s.price_cents END), 0)`).join(', ')})
                      FROM ticket_sales s WHERE s.passholder_id = p.id AND s.reduced = 1 AND s.cancelled_at IS NULL AND s.sold_at >= ?16))
    FROM clubs c WHERE c.id = a.club_id)
  END AS pricing`;

/** The columns of a door answer: the activity, the holder as the door may see them, and the pricing facts. */
const ANSWER_COLUMNS = `
  a.id AS activity_id, a.title, a.category, a.regular_price_cents, a.starts_at, a.ends_at, a.points AS activity_points,
  p.id AS passholder_id, p.pass_number, p.first_name, p.last_name, p.locale, p.points_balance,
  CASE WHEN ?6 = 'rotating' THEN (SELECT blocked_at FROM cards WHERE passholder_id = p.id AND version = p.card_version) END AS card_blocked_at,
  (SELECT x.status FROM signups x WHERE x.activity_id = a.id AND x.passholder_id = p.id AND x.status <> 'cancelled') AS signup_status,
  CASE WHEN ?17 THEN (SELECT locale FROM users WHERE id = ?4) END AS user_locale`;

/**
 * The answer of a scan or a price look-up. It goes first in the batch, before the guarded audit line: the
 * caller uses it only when that line was written (its `changes`), so no fact is read twice.
 */
export function doorAnswer(db: D1Database, params: (string | number | null)[]): D1PreparedStatement {
  return prepare(
    db,
    `SELECT ${ANSWER_COLUMNS},
            (SELECT k.at FROM checkins k WHERE k.activity_id = a.id AND k.passholder_id = p.id) AS checked_in_at,
            ${PRICING}
       FROM activities a JOIN passholders p ON p.pass_number = ?2
      WHERE a.id = ?1`,
    params,
  );
}

export type AnswerRow = {
  activity_id: string;
  title: string;
  category: string;
  regular_price_cents: number;
  starts_at: string;
  ends_at: string;
  activity_points: number;
  passholder_id: string;
  pass_number: string;
  first_name: string;
  last_name: string;
  locale: 'nl' | 'fr' | 'en';
  points_balance: number;
  card_blocked_at: string | null;
  signup_status: 'confirmed' | 'waitlisted' | null;
  user_locale: string | null;
  checked_in_at: string | null;
  pricing: string | null;
};

/**
 * A door check-in: the check-in row is the marker (a new one with this call's id, or the existing one
 * marked with it), then the points once (the ledger line's id is unique per holder and activity, and only
 * the call that made the check-in writes it), then the answer.
 */
export function checkinStatements(db: D1Database, params: (string | number | null)[]): D1PreparedStatement[] {
  return [
    prepare(
      db,
      `INSERT INTO checkins (activity_id, passholder_id, at, by_user, via, call_id)
         SELECT a.id, p.id, ?5, ?4, 'door', ?8 ${DOOR_ROWS} ${DOOR_CHECKS}
         ON CONFLICT (activity_id, passholder_id) DO UPDATE SET seen_call_id = excluded.call_id`,
      [...params],
    ),
    prepare(
      db,
      `INSERT INTO points_ledger (id, passholder_id, points, kind, activity_id, created_at, created_by)
         SELECT 'checkin:' || k.activity_id || ':' || k.passholder_id, k.passholder_id, a.points, 'checkin', a.id, ?5, ?4
           FROM passholders p JOIN checkins k ON k.activity_id = ?1 AND k.passholder_id = p.id JOIN activities a ON a.id = ?1
          WHERE p.pass_number = ?2 AND k.call_id = ?8 AND a.points > 0
         ON CONFLICT DO NOTHING`,
      [...params],
    ),
    prepare(
      db,
      `SELECT ${ANSWER_COLUMNS}, k.at AS checked_in_at, k.call_id = ?8 AS new_checkin, NULL AS pricing
           FROM passholders p JOIN checkins k ON k.activity_id = ?1 AND k.passholder_id = p.id AND ?8 IN (k.call_id, k.seen_call_id)
           JOIN activities a ON a.id = ?1
          WHERE p.pass_number = ?2`,
      [...params],
    ),
  ];
}

export type CheckinRow = AnswerRow & { new_checkin: number };

/** The price a sale brings back from the look-up (see `tariffs/quote-token.ts`). */
export type SoldPrice = {
  regularPriceCents: number;
  priceCents: number;
  clubShareCents: number;
  municipalityShareCents: number;
  reduced: boolean;
  rule: { id: string; version: number } | null;
};

/**
 * A sale's own checks on top of the door's: the regular price is still the one priced, and a rule that gave
 * the price is still in force today. (Caps are checked by `capGuard`, after the sales before it.)
 */
export const SALE_CHECKS = `
   AND a.regular_price_cents = ?18
   AND (?19 IS NULL OR EXISTS (SELECT 1 FROM tariff_rules t WHERE t.id = ?19 AND t.version = ?20
                                 AND t.valid_from <= ?9 AND (t.valid_until IS NULL OR t.valid_until >= ?9)))`;

export function saleCheckParams(price: SoldPrice): (string | number | null)[] {
  return [price.regularPriceCents, price.rule?.id ?? null, price.rule?.version ?? null];
}

/** Refuses (rolls back) the whole batch when the item's marker was not written. */
export function requireMarker(db: D1Database, marker: string): D1PreparedStatement {
  return db
    .prepare('INSERT INTO door_guards (ok) SELECT EXISTS (SELECT 1 FROM audit_log WHERE id = ?1)')
    .bind(marker);
}

/**
 * Rolls the batch back (a `sale_guards` CHECK) when one more reduced purchase with this discount would pass
 * a cap of the rule that priced it, counting the sales written before it in the same batch.
 */
export function capGuard(
  db: D1Database,
  params: (string | number | null)[],
  rule: { id: string; version: number },
  discountCents: number,
): D1PreparedStatement {
  const mine = `s.passholder_id = (SELECT passholder_id FROM audit_log WHERE id = ?8) AND s.reduced = 1 AND s.cancelled_at IS NULL`;
  const start = `CASE json_extract(cp.value, '$.period') ${PERIODS.map((period, i) => `WHEN '${period}' THEN ?${11 + i}`).join(' ')} END`;
  return prepare(
    db,
    `INSERT INTO sale_guards (ok)
       SELECT (json_extract(t.caps, '$.perActivity') IS NULL
               OR (SELECT count(*) FROM ticket_sales s WHERE ${mine} AND s.activity_id = ?1) < json_extract(t.caps, '$.perActivity'))
          AND NOT EXISTS (
               SELECT 1 FROM json_each(t.caps, '$.perPeriod') cp
                WHERE (json_extract(cp.value, '$.count') IS NOT NULL
                       AND (SELECT count(*) FROM ticket_sales s WHERE ${mine} AND s.sold_at >= ${start}) >= json_extract(cp.value, '$.count'))
                   OR (json_extract(cp.value, '$.amountCents') IS NOT NULL
                       AND (SELECT coalesce(sum(s.regular_price_cents - s.price_cents), 0) FROM ticket_sales s WHERE ${mine} AND s.sold_at >= ${start})
                           + ?20 > json_extract(cp.value, '$.amountCents')))
         FROM tariff_rules t WHERE t.id = ?18 AND t.version = ?19`,
    [...params, rule.id, rule.version, discountCents],
  );
}

/** Hours a sale can be cancelled when no rule says otherwise. */
export const DEFAULT_CANCEL_HOURS = 72;

/**
 * The sale itself, through its marker. The cancel window is the club's rule in force (the same for every
 * holder, so it tells nothing about a reduction).
 */
export function insertSale(
  db: D1Database,
  params: (string | number | null)[],
  saleId: string,
  price: SoldPrice,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO ticket_sales (id, club_id, activity_id, kind, description, category, passholder_id, regular_price_cents, price_cents,
                                 club_share_cents, municipality_share_cents, reduced, paying_municipality_id, rule_id, rule_version,
                                 sold_at, sold_by, cancel_until, offer_id)
       SELECT ?18, a.club_id, a.id, 'ticket', a.title, a.category, m.passholder_id, a.regular_price_cents, ?19, ?20, ?21, ?22,
              c.municipality_id, ?23, ?24, ?5, ?4,
              strftime('%Y-%m-%dT%H:%M:%fZ', ?5, '+' || coalesce((SELECT r.cancel_window_hours FROM ${RULE_IN_FORCE} r), ${DEFAULT_CANCEL_HOURS}) || ' hours'),
              NULL
         FROM audit_log m JOIN activities a ON a.id = ?1 JOIN clubs c ON c.id = a.club_id
        WHERE m.id = ?8`,
    )
    .bind(
      ...params,
      saleId,
      price.priceCents,
      price.clubShareCents,
      price.municipalityShareCents,
      price.reduced ? 1 : 0,
      price.rule?.id ?? null,
      price.rule?.version ?? null,
    );
}

/** A message for the holder alone, in their language, e.g. why the reduction did not apply to a sale. */
export function holderMessage(
  db: D1Database,
  params: (string | number | null)[],
  messages: { nl: string; fr: string; en: string },
): D1PreparedStatement {
  return prepare(
    db,
    `INSERT INTO notifications (id, passholder_id, kind, activity_id, message, created_at)
       SELECT ?18, m.passholder_id, 'tariff', ?1, CASE p.locale WHEN 'fr' THEN ?20 WHEN 'en' THEN ?21 ELSE ?19 END, ?5
         FROM audit_log m JOIN passholders p ON p.id = m.passholder_id WHERE m.id = ?8`,
    [...params, crypto.randomUUID(), messages.nl, messages.fr, messages.en],
  );
}

/** The guard rows of a batch go at its end (they only ever live inside the transaction). */
export function clearGuards(db: D1Database): D1PreparedStatement[] {
  return [db.prepare('DELETE FROM sale_guards'), db.prepare('DELETE FROM door_guards')];
}

/** The sales a batch wrote, as the till sees them. */
export function soldRows(db: D1Database, ids: string[]): D1PreparedStatement {
  return db
    .prepare(
      `SELECT s.id, s.activity_id, s.description, p.pass_number, s.regular_price_cents, s.price_cents, s.sold_at, s.cancel_until
         FROM ticket_sales s JOIN passholders p ON p.id = s.passholder_id
        WHERE s.id IN (SELECT value FROM json_each(?1))`,
    )
    .bind(JSON.stringify(ids));
}

export type SoldRow = {
  id: string;
  activity_id: string;
  description: string;
  pass_number: string;
  regular_price_cents: number;
  price_cents: number;
  sold_at: string;
  cancel_until: string;
};

/** True when a batch was refused by `requireMarker` (its `door_guards` row, CHECK `door_refused`). */
export function isDoorRefusal(error: unknown): boolean {
  return guardRefused(error, 'door_guards', 'door_refused');
}
