export async function setBudget(
  db: D1Database,
  municipalityId: string,
  year: number,
  amountCents: number,
  warningPct: number,
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO municipality_budgets (municipality_id, year, amount_cents, warning_pct) VALUES (?1, ?2, ?3, ?4)
       ON CONFLICT DO UPDATE SET amount_cents = ?3, warning_pct = ?4`,
    )
    .bind(municipalityId, year, amountCents, warningPct)
    .run();
}

/** The year's budget and what the municipality's share of sales used of it, per category and per club, in one round trip. */
export async function budgetUse(
  db: D1Database,
  municipalityId: string,
  range: { start: string; end: string },
  year: number,
) {
  const where = (t: string) =>
    `${t}paying_municipality_id = ?1 AND ${t}sold_at >= ?2 AND ${t}sold_at < ?3 AND ${t}cancelled_at IS NULL AND ${t}reduced = 1`;
  const [budget, byCategory, byClub] = await db.batch([
    db
      .prepare(
        'SELECT amount_cents, warning_pct FROM municipality_budgets WHERE municipality_id = ?1 AND year = ?2',
      )
      .bind(municipalityId, year),
    db
      .prepare(
        `SELECT category, sum(municipality_share_cents) AS cents, count(*) AS sales FROM ticket_sales WHERE ${where('')} GROUP BY category ORDER BY cents DESC`,
      )
      .bind(municipalityId, range.start, range.end),
    db
      .prepare(
        `SELECT s.club_id, c.name AS club_name, sum(s.municipality_share_cents) AS cents, count(*) AS sales
           FROM ticket_sales s JOIN clubs c ON c.id = s.club_id WHERE ${where('s.')} GROUP BY s.club_id ORDER BY cents DESC`,
      )
      .bind(municipalityId, range.start, range.end),
  ]);
  const b = budget?.results[0] as { amount_cents: number; warning_pct: number } | undefined;
  return {
    amountCents: b?.amount_cents ?? null,
    warningPct: b?.warning_pct ?? 80,
    byCategory: (byCategory?.results ?? []) as { category: string; cents: number; sales: number }[],
    byClub: (
      (byClub?.results ?? []) as { club_id: string; club_name: string; cents: number; sales: number }[]
    ).map((r) => ({
      clubId: r.club_id,
      clubName: r.club_name,
      cents: r.cents,
      sales: r.sales,
    })),
  };
}
