import { env } from 'cloudflare:workers';
import { hashPassword } from '../../src/auth/passwords.ts';
import { newPassNumber } from '../../src/lib/pass-number.ts';
import { json, unique } from '../helpers/api.ts';

/**
 * Builds outreach scenarios straight in the database: a municipality of its own (so the demo's residents do
 * not count), its staff, and residents with exactly the grants, entitlements, accounts and uses a test needs.
 */

const T0 = '2025-01-01T00:00:00.000Z';

export async function newMunicipality(hoodNames: string[]): Promise<{ id: string; hoods: string[] }> {
  const id = crypto.randomUUID();
  const region = await env.DB.prepare('SELECT region_id FROM municipalities LIMIT 1').first<{
    region_id: string;
  }>();
  const hoods = hoodNames.map(() => crypto.randomUUID());
  await env.DB.batch([
    env.DB.prepare(
      'INSERT INTO municipalities (id, region_id, name, created_at) VALUES (?1, ?2, ?3, ?4)',
    ).bind(id, region!.region_id, unique('Gemeente'), T0),
    ...hoodNames.map((name, i) =>
      env.DB.prepare(
        'INSERT INTO neighbourhoods (id, municipality_id, name, created_at) VALUES (?1, ?2, ?3, ?4)',
      ).bind(hoods[i], id, name, T0),
    ),
  ]);
  return { id, hoods };
}

/** A staff member of the municipality, signed in (at `now`, so the token is live at the test's clock). */
export async function staffOf(
  municipalityId: string,
  role: 'municipality_admin' | 'counter',
  now?: string,
): Promise<{ id: string; token: string; name: string }> {
  const id = crypto.randomUUID();
  const email = `${unique(role)}@test.local`;
  const password = `pw-${unique()}`;
  const name = unique('Medewerker');
  await env.DB.batch([
    env.DB.prepare(
      'INSERT INTO users (id, email, password_hash, display_name, created_at) VALUES (?1, ?2, ?3, ?4, ?5)',
    ).bind(id, email, await hashPassword(password), name, T0),
    env.DB.prepare(
      'INSERT INTO staff_roles (user_id, role, municipality_id, club_id, created_at) VALUES (?1, ?2, ?3, NULL, ?4)',
    ).bind(id, role, municipalityId, T0),
  ]);
  const { token } = await json<{ token: string }>('/api/v1/auth/login', 200, {
    body: { login: email, password },
    ...(now ? { now } : {}),
  });
  return { id, token, name };
}

export type Person = {
  hood?: string | null;
  createdAt?: string;
  phone?: string | null;
  address?: string | null;
  /** When the account was made (the pass activated); with `password`, one can sign in with it. */
  activatedAt?: string;
  password?: string;
  grants?: { from: string; until: string; grace?: number; endedOn?: string; source?: string }[];
  entitlements?: { from: string; until?: string }[];
  suspendedFrom?: string;
  checkins?: string[];
  sales?: string[];
  rightsOpenedOn?: string[];
  /** Instants of audit lines 'register' (the activation letter). */
  letters?: string[];
};

export type Made = { id: string; passNumber: string; firstName: string; email: string | null };

/** Residents of `municipalityId`, each built as described, in one batch. */
export async function people(municipalityId: string, list: Person[]): Promise<Made[]> {
  const db = env.DB;
  const statements: D1PreparedStatement[] = [];
  const made: Made[] = [];
  const actor = await db.prepare('SELECT id FROM users LIMIT 1').first<{ id: string }>();
  let activity: string | null = null;
  let club: string | null = null;
  let right: string | null = null;
  for (const p of list) {
    const id = crypto.randomUUID();
    const passNumber = newPassNumber();
    const firstName = unique('Bewoner');
    const household = crypto.randomUUID();
    const userId = p.activatedAt ? crypto.randomUUID() : null;
    const email = userId ? `${unique('resident')}@test.local` : null;
    if (userId)
      statements.push(
        db
          .prepare(
            'INSERT INTO users (id, email, password_hash, display_name, created_at) VALUES (?1, ?2, ?3, ?4, ?5)',
          )
          .bind(userId, email, p.password ? await hashPassword(p.password) : null, firstName, p.activatedAt),
      );
    statements.push(
      db
        .prepare('INSERT INTO households (id, municipality_id, created_at) VALUES (?1, ?2, ?3)')
        .bind(household, municipalityId, T0),
      db
        .prepare(
          `INSERT INTO passholders (id, municipality_id, neighbourhood_id, household_id, user_id, pass_number, first_name, last_name,
                                    birth_date, postal_code, address, phone, created_at)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'Outreach', '1980-01-01', '9300', ?8, ?9, ?10)`,
        )
        .bind(
          id,
          municipalityId,
          p.hood ?? null,
          household,
          userId,
          passNumber,
          firstName,
          p.address === undefined ? 'Kerkstraat 1' : p.address,
          p.phone ?? null,
          p.createdAt ?? T0,
        ),
      db.prepare('INSERT INTO cards (passholder_id, version, issued_at) VALUES (?1, 1, ?2)').bind(id, T0),
    );
    for (const g of p.grants ?? [])
      statements.push(
        db
          .prepare(
            `INSERT INTO status_grants (id, passholder_id, source, reason, valid_from, valid_until, grace_days, ended_on, created_at)
             VALUES (?1, ?2, ?3, 'test', ?4, ?5, ?6, ?7, ?8)`,
          )
          .bind(
            crypto.randomUUID(),
            id,
            g.source ?? 'import',
            g.from,
            g.until,
            g.grace ?? 60,
            g.endedOn ?? null,
            T0,
          ),
      );
    for (const e of p.entitlements ?? [])
      statements.push(
        db
          .prepare(
            `INSERT INTO entitlements (id, passholder_id, kind, valid_from, valid_until, created_at)
             VALUES (?1, ?2, 'living_wage', ?3, ?4, ?5)`,
          )
          .bind(crypto.randomUUID(), id, e.from, e.until ?? null, T0),
      );
    if (p.suspendedFrom)
      statements.push(
        db
          .prepare(
            `INSERT INTO status_suspensions (id, passholder_id, from_date, reason, created_at) VALUES (?1, ?2, ?3, 'test', ?4)`,
          )
          .bind(crypto.randomUUID(), id, p.suspendedFrom, T0),
      );
    if (p.checkins?.length || p.sales?.length) {
      activity ??= (await db
        .prepare('SELECT id, club_id FROM activities WHERE draft = 0 LIMIT 1')
        .first<{ id: string }>())!.id;
      club ??= (await db
        .prepare('SELECT club_id FROM activities WHERE id = ?1')
        .bind(activity)
        .first<{ club_id: string }>())!.club_id;
    }
    // One check-in per activity and holder: each check-in of a person gets an activity of its own.
    for (const at of p.checkins ?? []) {
      const own = crypto.randomUUID();
      statements.push(
        db
          .prepare(
            `INSERT INTO activities (id, club_id, title, category, starts_at, ends_at, capacity, regular_price_cents, created_at)
             SELECT ?1, club_id, 'Outreach test', 'sport', ?2, ?3, NULL, 0, ?2 FROM activities WHERE id = ?4`,
          )
          .bind(own, at, new Date(Date.parse(at) + 3_600_000).toISOString(), activity),
        db
          .prepare("INSERT INTO checkins (activity_id, passholder_id, at, via) VALUES (?1, ?2, ?3, 'door')")
          .bind(own, id, at),
      );
    }
    for (const at of p.sales ?? [])
      statements.push(
        db
          .prepare(
            `INSERT INTO ticket_sales (id, club_id, activity_id, kind, description, category, passholder_id, regular_price_cents,
                                       price_cents, club_share_cents, municipality_share_cents, reduced, sold_at, cancel_until)
             VALUES (?1, ?2, ?3, 'ticket', 'test', 'sport', ?4, 1000, 1000, 0, 0, 0, ?5, ?5)`,
          )
          .bind(crypto.randomUUID(), club, activity, id, at),
      );
    if (p.rightsOpenedOn?.length && !right) {
      right = crypto.randomUUID();
      const text = JSON.stringify({ nl: 'Recht', fr: 'Droit', en: 'Right' });
      statements.push(
        db
          .prepare(
            `INSERT INTO local_rights (id, municipality_id, name, description, how_to_use, granted_by, basis, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?3, ?3, 'test', 'status', ?4, ?4)`,
          )
          .bind(right, municipalityId, text, T0),
      );
    }
    for (const on of p.rightsOpenedOn ?? [])
      statements.push(
        db
          .prepare(
            'INSERT INTO holder_rights (id, right_id, passholder_id, opened_on, created_at) VALUES (?1, ?2, ?3, ?4, ?5)',
          )
          .bind(crypto.randomUUID(), right, id, on, T0),
      );
    for (const at of p.letters ?? [])
      statements.push(
        db
          .prepare(
            "INSERT INTO audit_log (id, at, actor_user_id, passholder_id, action, reason) VALUES (?1, ?2, ?3, ?4, 'register', 'counter_visit')",
          )
          .bind(crypto.randomUUID(), at, actor!.id, id),
      );
    made.push({ id, passNumber, firstName, email });
  }
  await db.batch(statements);
  return made;
}

/** The audit lines of a passholder with this action and reason. */
export async function auditLines(passholderId: string, action: string, reason: string): Promise<number> {
  const row = await env.DB.prepare(
    'SELECT count(*) AS n FROM audit_log WHERE passholder_id = ?1 AND action = ?2 AND reason = ?3',
  )
    .bind(passholderId, action, reason)
    .first<{ n: number }>();
  return row!.n;
}
