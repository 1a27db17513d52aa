import { env } from 'cloudflare:workers';
import { json, unique } from '../helpers/api.ts';
import type { Registered } from '../helpers/fixtures.ts';

type Texts = { nl: string; fr: string; en: string };
export type RightAnswer = { id: string; basis: string; name: Texts; howToUse: Texts };
export type Held = {
  rightId: string;
  text: { name: string };
  openedOn: string;
  endedOn: string | null;
  until: string | null;
  inGrace: boolean;
};
export type HolderRights = { passholderId: string; held: Held[]; ended: Held[] };

/** A new right of the municipality through the API (as its admin). */
export async function createRight(
  token: string,
  municipalityId: string,
  basis: string,
): Promise<RightAnswer> {
  const name = unique(`Recht ${basis}`);
  return json<RightAnswer>(`/api/v1/municipalities/${municipalityId}/rights`, 201, {
    token,
    body: {
      name: { nl: name, fr: `Droit ${name}`, en: `Right ${name}` },
      description: { nl: 'Korting.', fr: 'Réduction.', en: 'A reduction.' },
      howToUse: { nl: 'Toon je pas.', fr: 'Montrez votre pass.', en: 'Show your pass.' },
      grantedBy: 'De school',
      basis,
    },
  });
}

/** Activates a registered resident's pass and answers their bearer token. */
export async function activate(person: Registered): Promise<string> {
  const session = await json<{ token: string }>('/api/v1/auth/activate', 201, {
    body: {
      passNumber: person.passholder.passNumber,
      activationCode: person.activationCode,
      password: 'my-own-password',
    },
  });
  return session.token;
}

export const myRights = async (token: string, now?: string) =>
  (
    await json<{ holders: (HolderRights & { self: boolean })[] }>('/api/v1/me/rights', 200, {
      token,
      ...(now ? { now } : {}),
    })
  ).holders;

export const counterRights = (token: string, passholderId: string, now?: string) =>
  json<HolderRights>(`/api/v1/passholders/${passholderId}/rights?reason=phone_call`, 200, {
    token,
    ...(now ? { now } : {}),
  });

export const heldIds = (h: HolderRights | undefined) => (h?.held ?? []).map((r) => r.rightId).sort();

/** The messages of a kind a passholder got, oldest first. */
export async function messages(passholderId: string, kind: string) {
  return (
    await env.DB.prepare(
      'SELECT id, message, created_at FROM notifications WHERE passholder_id = ?1 AND kind = ?2 ORDER BY created_at, id',
    )
      .bind(passholderId, kind)
      .all<{ id: string; message: string; created_at: string }>()
  ).results;
}

/** Every holding period of a passholder, by right. */
export async function holdings(passholderId: string) {
  return (
    await env.DB.prepare(
      'SELECT right_id, opened_on, ended_on FROM holder_rights WHERE passholder_id = ?1 ORDER BY opened_on, right_id',
    )
      .bind(passholderId)
      .all<{ right_id: string; opened_on: string; ended_on: string | null }>()
  ).results;
}

export async function countRows(table: 'notifications' | 'holder_rights'): Promise<number> {
  return (await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())!.n;
}
