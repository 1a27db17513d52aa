import { monthBoundaries, monthOf } from './months.ts';
import type { Figures } from './schema.ts';

/**
 * The year's figures of a municipality in one round trip: three aggregate queries, each limited to the year by
 * an indexed range and bucketed into Belgian months in SQL.
 */
export async function yearFigures(
  db: D1Database,
  municipalityId: string,
  year: number,
): Promise<Omit<Figures, 'municipalityId' | 'year' | 'months'>> {
  const bounds = monthBoundaries(year);
  const [start, end] = [bounds[0]!, bounds[12]!];
  // ?1 municipality, ?2 start, ?3 end, ?4..?14 the month boundaries.
  const sale = monthOf('s.sold_at', year, 4);
  const activity = monthOf('a.starts_at', year, 4);
  const sales = `FROM ticket_sales s WHERE s.paying_municipality_id = ?1 AND s.sold_at >= ?2 AND s.sold_at < ?3
                   AND s.cancelled_at IS NULL AND s.reduced = 1`;
  const [reimbursed, lifts, use] = await db.batch([
    db
      .prepare(
        `SELECT ${sale.sql} AS month, s.club_id AS clubId, c.name AS clubName, sum(s.municipality_share_cents) AS cents
           FROM ticket_sales s JOIN clubs c ON c.id = s.club_id
          WHERE s.paying_municipality_id = ?1 AND s.sold_at >= ?2 AND s.sold_at < ?3 AND s.cancelled_at IS NULL AND s.reduced = 1
          GROUP BY month, s.club_id ORDER BY month, c.name`,
      )
      .bind(municipalityId, start, end, ...sale.params),
    db
      .prepare(
        `SELECT ${activity.sql} AS month, n.id AS neighbourhoodId, n.name AS neighbourhood,
                count(*) AS requested,
                sum(r.accepted_at IS NOT NULL) AS served,
                sum(r.accepted_at IS NULL) AS unserved,
                coalesce(sum(CASE WHEN r.bonus_reversed_at IS NULL THEN l.points END), 0) AS bonusPoints
           FROM ride_requests r
           JOIN activities a ON a.id = r.activity_id
           JOIN clubs c ON c.id = a.club_id
           JOIN passholders p ON p.id = r.passenger_id
           LEFT JOIN neighbourhoods n ON n.id = coalesce(r.neighbourhood_id, p.neighbourhood_id)
           LEFT JOIN points_ledger l ON l.id = 'ride:' || r.id
          WHERE c.municipality_id = ?1 AND a.starts_at >= ?2 AND a.starts_at < ?3
          GROUP BY month, n.id ORDER BY month, n.name`,
      )
      .bind(municipalityId, start, end, ...activity.params),
    db
      .prepare(
        `SELECT ${sale.sql} AS month, s.category AS category,
                sum(s.kind = 'ticket') AS tickets, sum(s.kind = 'membership') AS memberships
           ${sales} GROUP BY month, s.category ORDER BY month, s.category`,
      )
      .bind(municipalityId, start, end, ...sale.params),
  ]);
  return {
    reimbursed: reimbursed!.results as Figures['reimbursed'],
    lifts: lifts!.results as Figures['lifts'],
    tariffUse: use!.results as Figures['tariffUse'],
  };
}
