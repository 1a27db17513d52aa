import { guardRefused } from '../lib/constraints.ts';
import type { Target } from '../tariffs/repo.ts';
import type { Caps, Quote } from '../tariffs/tariff.ts';
import type { Sale } from './schema.ts';

export type NewSale = {
  id: string;
  clubId: string;
  target: Target;
  description: string;
  category: string;
  passholderId: string;
  passNumber: string;
  regularPriceCents: number;
  quote: Quote;
  payingMunicipalityId: string;
  soldAt: string;
  soldBy: string;
  cancelUntil: string;
};

/**
 * A statement whose row violates `sale_guards`' CHECK (and so rolls the whole batch back) when one more
 * reduced purchase would pass a cap. Evaluated inside the batch, after the sales before it.
 */
export function guardStatement(
  db: D1Database,
  sale: NewSale,
  caps: Caps,
  periodStarts: Record<string, string>,
): D1PreparedStatement | null {
  const conditions: string[] = [];
  const params: (string | number)[] = [sale.passholderId];
  const p = (value: string | number) => {
    params.push(value);
    return `?${params.length}`;
  };
  const mine = 'passholder_id = ?1 AND reduced = 1 AND cancelled_at IS NULL';
  if (caps.perActivity != null) {
    const same =
      sale.target.kind === 'ticket'
        ? `activity_id = ${p(sale.target.activityId)}`
        : `kind = 'membership' AND club_id = ${p(sale.clubId)} AND offer_id IN (SELECT x.id FROM membership_offers x, membership_offers o
              WHERE o.id = ${p(sale.target.offerId)} AND x.club_id = o.club_id AND x.season = o.season)`;
    conditions.push(`(SELECT count(*) FROM ticket_sales WHERE ${mine} AND ${same}) < ${p(caps.perActivity)}`);
  }
  for (const cap of caps.perPeriod ?? []) {
    const since = `sold_at >= ${p(periodStarts[cap.period]!)}`;
    if (cap.count != null)
      conditions.push(`(SELECT count(*) FROM ticket_sales WHERE ${mine} AND ${since}) < ${p(cap.count)}`);
    if (cap.amountCents != null) {
      const discount = sale.regularPriceCents - sale.quote.priceCents;
      conditions.push(
        `(SELECT coalesce(sum(regular_price_cents - price_cents), 0) FROM ticket_sales WHERE ${mine} AND ${since}) + ${p(discount)} <= ${p(cap.amountCents)}`,
      );
    }
  }
  if (conditions.length === 0) return null;
  return db.prepare(`INSERT INTO sale_guards (ok) SELECT ${conditions.join(' AND ')}`).bind(...params);
}

export function insertSaleStatement(db: D1Database, s: NewSale): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO ticket_sales (id, club_id, activity_id, kind, description, category, passholder_id, regular_price_cents, price_cents,
                                 club_share_cents, municipality_share_cents, reduced, paying_municipality_id, rule_id, rule_version,
                                 sold_at, sold_by, cancel_until, offer_id)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)`,
    )
    .bind(
      s.id,
      s.clubId,
      s.target.kind === 'ticket' ? s.target.activityId : null,
      s.target.kind,
      s.description,
      s.category,
      s.passholderId,
      s.regularPriceCents,
      s.quote.priceCents,
      s.quote.clubShareCents,
      s.quote.municipalityShareCents,
      s.quote.reduced ? 1 : 0,
      s.payingMunicipalityId,
      s.quote.rule?.id ?? null,
      s.quote.rule?.version ?? null,
      s.soldAt,
      s.soldBy,
      s.cancelUntil,
      s.target.kind === 'membership' ? s.target.offerId : null,
    );
}

/** A message for the holder alone (their messages page), e.g. why the reduction did not apply to a sale. */
export function holderMessageStatement(
  db: D1Database,
  m: { passholderId: string; activityId: string | null; message: string; at: string },
): D1PreparedStatement {
  return db
    .prepare(
      "INSERT INTO notifications (id, passholder_id, kind, activity_id, message, created_at) VALUES (?1, ?2, 'tariff', ?3, ?4, ?5)",
    )
    .bind(crypto.randomUUID(), m.passholderId, m.activityId, m.message, m.at);
}

export function clearGuardsStatement(db: D1Database): D1PreparedStatement {
  return db.prepare('DELETE FROM sale_guards');
}

/** True when a batch failed on a cap guard (a `sale_guards` row: its CHECK `cap_reached`). */
export function isCapViolation(error: unknown): boolean {
  return guardRefused(error, 'sale_guards', 'cap_reached');
}

export async function findSale(db: D1Database, id: string): Promise<(Sale & { clubId: string }) | null> {
  const row = await db
    .prepare(
      `SELECT s.id, s.club_id, s.kind, s.activity_id, s.description, p.pass_number, s.regular_price_cents, s.price_cents, s.sold_at,
              s.cancel_until, s.cancelled_at
         FROM ticket_sales s JOIN passholders p ON p.id = s.passholder_id WHERE s.id = ?1`,
    )
    .bind(id)
    .first<{
      id: string;
      club_id: string;
      kind: Sale['kind'];
      activity_id: string | null;
      description: string;
      pass_number: string;
      regular_price_cents: number;
      price_cents: number;
      sold_at: string;
      cancel_until: string;
      cancelled_at: string | null;
    }>();
  if (!row) return null;
  return {
    id: row.id,
    clubId: row.club_id,
    kind: row.kind,
    activityId: row.activity_id,
    description: row.description,
    passNumber: row.pass_number,
    regularPrice: row.regular_price_cents,
    price: row.price_cents,
    soldAt: row.sold_at,
    cancelUntil: row.cancel_until,
    cancelledAt: row.cancelled_at,
  };
}

/** Cancels a sale still inside its window; false when it was cancelled already or the window has passed. */
export async function cancelSale(db: D1Database, id: string, by: string, now: string): Promise<boolean> {
  const result = await db
    .prepare(
      'UPDATE ticket_sales SET cancelled_at = ?3, cancelled_by = ?2 WHERE id = ?1 AND cancelled_at IS NULL AND cancel_until >= ?3',
    )
    .bind(id, by, now)
    .run();
  return result.meta.changes > 0;
}
