import type { TariffRule, TariffRuleInput } from './schema.ts';
import { grantsJson, suspensionsJson } from '../status/repo.ts';
import type { Grant, Suspension } from '../status/derive.ts';
import type { Period, Rule, Usage } from './tariff.ts';

/** What is sold: a ticket for an activity, or one of a club's membership offers (season and price set by the club). */
export type Target = { kind: 'ticket'; activityId: string } | { kind: 'membership'; offerId: string };

export type Holder = {
  id: string;
  passNumber: string;
  firstName: string;
  lastName: string;
  locale: 'nl' | 'fr' | 'en';
  municipalityId: string;
  regionId: string;
  cardVersion: number;
  cardBlocked: boolean;
  points: number;
  grants: Grant[];
  suspensions: Suspension[];
  signupStatus: 'confirmed' | 'waitlisted' | null;
  /** When the holder was checked in at this activity (UTC ISO), or null. */
  checkedInAt: string | null;
};

export type DoorFacts = {
  seller: {
    clubId: string;
    clubStatus: 'pending' | 'approved' | 'suspended';
    offerId: string | null;
    municipalityId: string;
    regionId: string;
    activityId: string | null;
    title: string;
    category: string;
    regularPriceCents: number;
    startsAt: string | null;
    endsAt: string | null;
    points: number;
    checkinBeforeMinutes: number;
    checkinAfterMinutes: number;
    cancelled: boolean;
  };
  holder: Holder | null;
  rule: Rule | null;
  usage: Usage;
};

export const PERIODS: Period[] = ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'];

/** A `tariff_rules` row `r` as JSON, read back by {@link ruleFromJson}. */
export const RULE_JSON = `json_object('id', r.id, 'version', r.version, 'municipality_id', r.municipality_id, 'valid_from', r.valid_from,
    'valid_until', r.valid_until, 'participant_bp', r.participant_bp, 'club_bp', r.club_bp,
    'municipality_bp', r.municipality_bp, 'nonresident_participant_bp', r.nonresident_participant_bp,
    'nonresident_club_bp', r.nonresident_club_bp, 'nonresident_municipality_bp', r.nonresident_municipality_bp,
    'min_price_cents', r.min_price_cents, 'rounding_cents', r.rounding_cents, 'categories', r.categories,
    'caps', r.caps, 'cancel_window_hours', r.cancel_window_hours)`;

/** The part of a rule the price needs, from {@link RULE_JSON}'s text or its parsed object. */
export function ruleFromJson(json: string | object): Rule {
  return toPricingRule(toStoredRule((typeof json === 'string' ? JSON.parse(json) : json) as StoredRule));
}

const HOLDER_AND_RULE = `
       p.id AS passholder_id, p.pass_number, p.first_name, p.last_name, p.locale, p.card_version,
       p.municipality_id AS holder_municipality_id, hm.region_id AS holder_region_id, cd.blocked_at AS card_blocked_at,
       (SELECT coalesce(sum(l.points), 0) FROM points_ledger l WHERE l.passholder_id = p.id) AS points,
       ${grantsJson('p.id', '?3')} AS grants,
       ${suspensionsJson('p.id')} AS suspensions,
       (SELECT ${RULE_JSON}
          FROM (SELECT 0 AS regional, m.* FROM tariff_rules m WHERE m.municipality_id = c.municipality_id
                  AND m.valid_from <= ?4 AND (m.valid_until IS NULL OR m.valid_until >= ?4)
                UNION ALL
                SELECT 1, g.* FROM tariff_rules g WHERE g.region_id = sm.region_id
                  AND g.valid_from <= ?4 AND (g.valid_until IS NULL OR g.valid_until >= ?4)) r
         ORDER BY r.regional, r.version DESC LIMIT 1) AS rule,
       (SELECT json_array(${PERIODS.map((_, i) => `count(CASE WHEN s.sold_at >= ?${5 + i} THEN 1 END), coalesce(sum(CASE WHEN s.sold_at >= ?${5 + i} THEN s.regular_price_cents - s.price_cents END), 0)`).join(', ')})
          FROM ticket_sales s WHERE s.passholder_id = p.id AND s.reduced = 1 AND s.cancelled_at IS NULL AND s.sold_at >= ?10) AS used_periods`;

const HOLDER_JOINS = (key: HolderKey) => `
  LEFT JOIN passholders p ON ${'passNumber' in key ? 'p.pass_number' : 'p.id'} = ?2
  LEFT JOIN municipalities hm ON hm.id = p.municipality_id
  LEFT JOIN cards cd ON cd.passholder_id = p.id AND cd.version = p.card_version`;

/** Whose price: a pass number (the door, the till) or a passholder id (sign-ups, the holder's own pages). */
export type HolderKey = { passNumber: string } | { passholderId: string };

/** Parameters ?3.. shared by both statements: minor cutoff, today, and where each cap period began. */
export type Clock = { minorCutoff: string; today: string; periodStarts: string[] };

/**
 * One statement that reads everything the door and the till need about one pass at one activity (or one
 * club's membership): the activity and its club, the holder with card and points, the grants and
 * suspensions the status derives from, the tariff rule in force, and the holder's reduced purchases so far.
 */
export function doorFactsStatement(
  db: D1Database,
  target: Target,
  holder: HolderKey,
  clock: Clock,
): D1PreparedStatement {
  const shared = [
    'passNumber' in holder ? holder.passNumber : holder.passholderId,
    clock.minorCutoff,
    clock.today,
    ...clock.periodStarts,
    clock.periodStarts.reduce((a, b) => (a < b ? a : b)),
  ];
  if (target.kind === 'ticket') {
    return db
      .prepare(
        `SELECT a.id AS activity_id, NULL AS offer_id, a.club_id, c.status AS club_status, a.title, a.category, a.regular_price_cents, a.starts_at, a.ends_at,
                c.municipality_id AS seller_municipality_id, sm.region_id AS seller_region_id,
                a.points AS activity_points, a.checkin_before_minutes, a.checkin_after_minutes, a.cancelled_at AS activity_cancelled_at,
                (SELECT status FROM signups x WHERE x.activity_id = a.id AND x.passholder_id = p.id AND x.status <> 'cancelled') AS signup_status,
                (SELECT k.at FROM checkins k WHERE k.activity_id = a.id AND k.passholder_id = p.id) AS checked_in_at,
                (SELECT count(*) FROM ticket_sales s WHERE s.passholder_id = p.id AND s.activity_id = a.id AND s.reduced = 1 AND s.cancelled_at IS NULL) AS used_here,
                ${HOLDER_AND_RULE}
           FROM activities a JOIN clubs c ON c.id = a.club_id JOIN municipalities sm ON sm.id = c.municipality_id
           ${HOLDER_JOINS(holder)}
          WHERE a.id = ?1`,
      )
      .bind(target.activityId, ...shared);
  }
  return db
    .prepare(
      `SELECT NULL AS activity_id, o.id AS offer_id, c.id AS club_id, c.status AS club_status, o.title || ' ' || o.season AS title,
              o.category, o.regular_price_cents, NULL AS starts_at, NULL AS ends_at,
              c.municipality_id AS seller_municipality_id, sm.region_id AS seller_region_id,
              0 AS activity_points, 0 AS checkin_before_minutes, 0 AS checkin_after_minutes, o.archived_at AS activity_cancelled_at,
              NULL AS signup_status, NULL AS checked_in_at,
              (SELECT count(*) FROM ticket_sales s WHERE s.passholder_id = p.id AND s.club_id = c.id AND s.kind = 'membership'
                  AND s.offer_id IN (SELECT x.id FROM membership_offers x WHERE x.club_id = c.id AND x.season = o.season)
                  AND s.reduced = 1 AND s.cancelled_at IS NULL) AS used_here,
              ${HOLDER_AND_RULE}
         FROM membership_offers o JOIN clubs c ON c.id = o.club_id JOIN municipalities sm ON sm.id = c.municipality_id
         ${HOLDER_JOINS(holder)}
        WHERE o.id = ?1`,
    )
    .bind(target.offerId, ...shared);
}

/**
 * Counts one membership price look-up of a staff account in the current hour and answers the count:
 * memberships have no door window, so a limit per account keeps them from being a way to look up many people.
 */
export function countLookupStatement(db: D1Database, userId: string, hour: string): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO staff_lookups (user_id, hour, count) VALUES (?1, ?2, 1)
       ON CONFLICT DO UPDATE SET count = count + 1 RETURNING count`,
    )
    .bind(userId, hour);
}

type Row = {
  activity_id: string | null;
  offer_id: string | null;
  club_id: string;
  club_status: 'pending' | 'approved' | 'suspended';
  title: string;
  category: string;
  regular_price_cents: number;
  starts_at: string | null;
  ends_at: string | null;
  seller_municipality_id: string;
  seller_region_id: string;
  activity_points: number;
  checkin_before_minutes: number;
  checkin_after_minutes: number;
  activity_cancelled_at: string | null;
  signup_status: 'confirmed' | 'waitlisted' | null;
  checked_in_at: string | null;
  used_here: number | null;
  passholder_id: string | null;
  pass_number: string | null;
  first_name: string | null;
  last_name: string | null;
  locale: 'nl' | 'fr' | 'en' | null;
  card_version: number | null;
  holder_municipality_id: string | null;
  holder_region_id: string | null;
  card_blocked_at: string | null;
  points: number | null;
  grants: string | null;
  suspensions: string | null;
  rule: string | null;
  used_periods: string | null;
};

/** The part of a stored rule the price computation needs. */
function toPricingRule(t: TariffRule): Rule {
  return {
    id: t.id,
    version: t.version,
    key: t.key,
    nonresidentKey: t.nonresidentKey,
    minPriceCents: t.minPriceCents,
    roundingCents: t.roundingCents,
    categories: t.categories,
    caps: t.caps,
    cancelWindowHours: t.cancelWindowHours,
  };
}

/** Reads the row of `doorFactsStatement`; null when the activity (or club) does not exist. */
export function toDoorFacts(row: Row | undefined): DoorFacts | null {
  if (!row) return null;
  const used = row.used_periods ? (JSON.parse(row.used_periods) as (number | null)[]) : [];
  return {
    seller: {
      clubId: row.club_id,
      clubStatus: row.club_status,
      offerId: row.offer_id,
      municipalityId: row.seller_municipality_id,
      regionId: row.seller_region_id,
      activityId: row.activity_id,
      title: row.title,
      category: row.category,
      regularPriceCents: row.regular_price_cents,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      points: row.activity_points,
      checkinBeforeMinutes: row.checkin_before_minutes,
      checkinAfterMinutes: row.checkin_after_minutes,
      cancelled: row.activity_cancelled_at !== null,
    },
    holder:
      row.passholder_id === null
        ? null
        : {
            id: row.passholder_id,
            passNumber: row.pass_number!,
            firstName: row.first_name!,
            lastName: row.last_name!,
            locale: row.locale ?? 'nl',
            municipalityId: row.holder_municipality_id!,
            regionId: row.holder_region_id!,
            cardVersion: row.card_version!,
            cardBlocked: row.card_blocked_at !== null,
            points: row.points ?? 0,
            grants: JSON.parse(row.grants ?? '[]') as Grant[],
            suspensions: JSON.parse(row.suspensions ?? '[]') as Suspension[],
            signupStatus: row.signup_status,
            checkedInAt: row.checked_in_at,
          },
    rule: row.rule ? ruleFromJson(row.rule) : null,
    usage: usageFrom(row.used_here ?? 0, used),
  };
}

/** A holder's reduced purchases so far, from the SQL's per-period pairs (count, discount) in `PERIODS` order. */
export function usageFrom(usedHere: number, usedPeriods: (number | null)[]): Usage {
  return {
    perActivity: usedHere,
    perPeriod: PERIODS.map((period, i) => ({
      period,
      count: usedPeriods[i * 2] ?? 0,
      amountCents: usedPeriods[i * 2 + 1] ?? 0,
    })),
  };
}

export type { Row as DoorFactsRow };

type StoredRule = {
  id: string;
  version: number;
  municipality_id: string | null;
  valid_from: string;
  valid_until: string | null;
  participant_bp: number;
  club_bp: number;
  municipality_bp: number;
  nonresident_participant_bp: number | null;
  nonresident_club_bp: number | null;
  nonresident_municipality_bp: number | null;
  min_price_cents: number;
  rounding_cents: number;
  categories: string | null;
  caps: string;
  cancel_window_hours: number;
};

function toStoredRule(r: StoredRule): TariffRule {
  return {
    id: r.id,
    version: r.version,
    scope: r.municipality_id ? 'municipality' : 'region',
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    key: { participantBp: r.participant_bp, clubBp: r.club_bp, municipalityBp: r.municipality_bp },
    nonresidentKey:
      r.nonresident_participant_bp === null
        ? null
        : {
            participantBp: r.nonresident_participant_bp,
            clubBp: r.nonresident_club_bp ?? 0,
            municipalityBp: r.nonresident_municipality_bp ?? 0,
          },
    minPriceCents: r.min_price_cents,
    roundingCents: r.rounding_cents,
    categories: r.categories ? (JSON.parse(r.categories) as string[]) : null,
    caps: JSON.parse(r.caps) as TariffRule['caps'],
    cancelWindowHours: r.cancel_window_hours,
  };
}

/** Every version of the rules a municipality uses: its own and its region's, newest first. */
export async function listRules(db: D1Database, municipalityId: string): Promise<TariffRule[]> {
  const { results } = await db
    .prepare(
      `SELECT r.* FROM tariff_rules r
        WHERE r.municipality_id = ?1 OR r.region_id = (SELECT region_id FROM municipalities WHERE id = ?1)
        ORDER BY r.municipality_id IS NULL, r.valid_from DESC, r.version DESC`,
    )
    .bind(municipalityId)
    .all<StoredRule>();
  return results.map(toStoredRule);
}

/**
 * Adds a rule version for an owner (a municipality or a region): the versions in force end the day before
 * the new one starts. Versions are never deleted or changed otherwise, and past sales keep theirs.
 */
export async function addRuleVersion(
  db: D1Database,
  owner: { municipalityId: string | null; regionId: string | null },
  input: TariffRuleInput,
  validFrom: string,
  by: string,
  at: string,
): Promise<void> {
  const dayBefore = new Date(Date.parse(`${validFrom}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const ownerSql = '(municipality_id IS ?1 AND region_id IS ?2)';
  const nr = input.nonresidentKey;
  await db.batch([
    // Versions in force from the new start on end the day before it (one that had not started never will).
    db
      .prepare(
        `UPDATE tariff_rules SET valid_until = ?3 WHERE ${ownerSql} AND (valid_until IS NULL OR valid_until >= ?4)`,
      )
      .bind(owner.municipalityId, owner.regionId, dayBefore, validFrom),
    db
      .prepare(
        `INSERT INTO tariff_rules (id, version, municipality_id, region_id, valid_from, participant_bp, club_bp, municipality_bp,
                                   nonresident_participant_bp, nonresident_club_bp, nonresident_municipality_bp, min_price_cents,
                                   rounding_cents, categories, caps, cancel_window_hours, created_by, created_at)
         SELECT coalesce((SELECT id FROM tariff_rules WHERE ${ownerSql} LIMIT 1), ?17),
                coalesce((SELECT max(version) FROM tariff_rules WHERE ${ownerSql}), 0) + 1,
                ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16`,
      )
      .bind(
        owner.municipalityId,
        owner.regionId,
        validFrom,
        input.key.participantBp,
        input.key.clubBp,
        input.key.municipalityBp,
        nr?.participantBp ?? null,
        nr?.clubBp ?? null,
        nr?.municipalityBp ?? null,
        input.minPriceCents,
        input.roundingCents,
        input.categories ? JSON.stringify(input.categories) : null,
        JSON.stringify(input.caps),
        input.cancelWindowHours,
        by,
        at,
        crypto.randomUUID(),
      ),
  ]);
}
