import { env } from 'cloudflare:workers';
import { hashPassword } from '../../src/auth/passwords.ts';
import { demo, unique } from './api.ts';

/** A fresh staff account (default: counter staff of Demostad), for tests that change account state. */
export async function createStaffUser(
  role: 'municipality_admin' | 'counter' | 'club_admin' | 'door' = 'counter',
  scope?: { municipalityId?: string; clubId?: string },
): Promise<{ id: string; email: string; password: string }> {
  const id = crypto.randomUUID();
  const email = `${unique(role)}@test.local`;
  const password = `pw-${unique()}`;
  const now = new Date().toISOString();
  const clubRole = role === 'club_admin' || role === 'door';
  const municipalityId = clubRole ? null : (scope?.municipalityId ?? (await demo.demostad()));
  const clubId = clubRole ? (scope?.clubId ?? (await demo.sportsClub())) : null;
  await env.DB.batch([
    env.DB.prepare(
      'INSERT INTO users (id, email, password_hash, display_name, created_at) VALUES (?1, ?2, ?3, ?4, ?5)',
    ).bind(id, email, await hashPassword(password), 'Test Person', now),
    env.DB.prepare(
      'INSERT INTO staff_roles (user_id, role, municipality_id, club_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5)',
    ).bind(id, role, municipalityId, clubId, now),
  ]);
  return { id, email, password };
}

export type Registered = {
  passholder: {
    id: string;
    passNumber: string;
    householdId: string;
    card: { version: number };
    [key: string]: unknown;
  };
  activationCode: string;
  activationExpiresAt: string;
};

/** Registers a fresh resident in Demostad through the API, as counter staff. */
export async function registerResident(
  counterToken: string,
  overrides: Record<string, unknown> = {},
): Promise<Registered> {
  const { json } = await import('./api.ts');
  return json<Registered>('/api/v1/passholders', 201, {
    token: counterToken,
    body: {
      firstName: unique('Test'),
      lastName: 'Resident',
      birthDate: '1990-05-17',
      postalCode: '9300',
      ...overrides,
    },
  });
}

/** Grants the social status directly in the database (for passholders outside the demo counter's reach). */
export async function grantStatusInDb(
  passholderId: string,
  validFrom = '2026-01-01',
  validUntil = '2027-04-30',
): Promise<void> {
  await env.DB.prepare(
    `INSERT INTO status_grants (id, passholder_id, source, reason, valid_from, valid_until, grace_days, created_at)
     VALUES (?1, ?2, 'counter', 'low_income', ?3, ?4, 60, ?5)`,
  )
    .bind(crypto.randomUUID(), passholderId, validFrom, validUntil, new Date().toISOString())
    .run();
}

/** A resident of Demostad with social status from 1 January, through the API. */
export async function residentWithStatus(counterToken: string, overrides: Record<string, unknown> = {}) {
  const { json } = await import('./api.ts');
  const person = await registerResident(counterToken, overrides);
  await json(`/api/v1/passholders/${person.passholder.id}/status/grants`, 200, {
    token: counterToken,
    body: { reason: 'low_income', validFrom: '2026-01-01', validUntil: '2027-04-30' },
  });
  return person;
}

/** Publishes an activity of the sports club through the API (default: started ten minutes ago, one hour long). */
export async function createActivity(
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; [key: string]: unknown }> {
  const { json, loginAs } = await import('./api.ts');
  const start = Date.now() - 10 * 60_000;
  return json(`/api/v1/clubs/${await demo.sportsClub()}/activities`, 201, {
    token: await loginAs('club'),
    body: {
      title: unique('Activiteit'),
      category: 'sport',
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 3_600_000).toISOString(),
      capacity: null,
      regularPriceCents: 0,
      ...overrides,
    },
  });
}

/** Many passholders of Demostad at once, straight into the database (for races); each in their own household unless asked. */
export async function bulkPassholders(
  count: number,
  options: { sameHousehold?: boolean } = {},
): Promise<string[]> {
  const municipality = await demo.demostad();
  const now = new Date().toISOString();
  const ids = Array.from({ length: count }, () => crypto.randomUUID());
  const shared = crypto.randomUUID();
  const households = ids.map(() => (options.sameHousehold ? shared : crypto.randomUUID()));
  const { newPassNumber } = await import('../../src/lib/pass-number.ts');
  await env.DB.batch([
    ...[...new Set(households)].map((household) =>
      env.DB.prepare('INSERT INTO households (id, municipality_id, created_at) VALUES (?1, ?2, ?3)').bind(
        household,
        municipality,
        now,
      ),
    ),
    ...ids.flatMap((id, i) => [
      env.DB.prepare(
        `INSERT INTO passholders (id, municipality_id, household_id, pass_number, first_name, last_name, birth_date, postal_code, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'Bulk', '1990-01-01', '9300', ?6)`,
      ).bind(id, municipality, households[i], newPassNumber(), `P${i}`, now),
      env.DB.prepare('INSERT INTO cards (passholder_id, version, issued_at) VALUES (?1, 1, ?2)').bind(
        id,
        now,
      ),
    ]),
  ]);
  return ids;
}

/** Gives passholders points straight in the ledger (a correction line each). */
export async function givePoints(passholderIds: string[], points: number): Promise<void> {
  const at = new Date().toISOString();
  await env.DB.batch(
    passholderIds.map((id) =>
      env.DB.prepare(
        "INSERT INTO points_ledger (id, passholder_id, points, kind, note, created_at) VALUES (?1, ?2, ?3, 'correction', 'test', ?4)",
      ).bind(crypto.randomUUID(), id, points, at),
    ),
  );
}

/**
 * A moment when the door of the activity is open (five minutes after its start): scans, price look-ups
 * and sales happen only then. Pass it as `now` (the X-Test-Now header).
 */
export async function doorTime(activityId: string): Promise<string> {
  const row = await env.DB.prepare('SELECT starts_at FROM activities WHERE id = ?1')
    .bind(activityId)
    .first<{ starts_at: string }>();
  return new Date(Date.parse(row!.starts_at) + 5 * 60_000).toISOString();
}

/**
 * A resident who reads letters only (chosen at the counter) and a message for them: an activity they signed up
 * for is cancelled. The relay after the cancellation hands the letter to the queue; wait for its delivery.
 */
export async function paperReaderWithCancelledActivity(
  counterToken: string,
  overrides: Record<string, unknown> = {},
): Promise<Registered> {
  const { json, loginAs } = await import('./api.ts');
  const person = await registerResident(counterToken, overrides);
  await json(`/api/v1/passholders/${person.passholder.id}/notification-settings`, 200, {
    method: 'PUT',
    token: counterToken,
    body: { channels: { app: true, email: false, sms: false, paper: true }, language: 'fr' },
  });
  const start = Date.now() + 2 * 86_400_000;
  const activity = await createActivity({
    capacity: 10,
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 3_600_000).toISOString(),
  });
  await json(`/api/v1/activities/${activity.id}/signups`, 201, {
    token: counterToken,
    body: { passholderIds: [person.passholder.id] },
  });
  await json(`/api/v1/activities/${activity.id}/cancel`, 200, {
    method: 'POST',
    token: await loginAs('club'),
  });
  return person;
}
