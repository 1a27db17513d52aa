import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { allow, hasClubRole, requireUser } from '../auth/guard.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { notice, type Notice } from '../lib/notices.ts';
import { Problem } from '../lib/problem.ts';
import { brusselsDate } from '../lib/time.ts';
import { readPassCode, type PassCode } from '../passes/code.ts';
import { isValidPassNumber, normalizePassNumber } from '../passes/number.ts';
import { displayName } from '../passes/people.ts';
import { scanFacts } from './repo.ts';
import { ScanInputSchema, ScanSchema } from './schema.ts';

const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'post',
    path: '/scans',
    tags: ['door'],
    summary: 'Scan a pass at an activity (door staff or club admin of the activity’s club)',
    description:
      'Accepts the phone’s rotating code, the card’s static code, or a typed pass number. Answers who it is, without social status, birth date or address.',
    security: SECURITY,
    request: { body: jsonBody(ScanInputSchema) },
    responses: {
      200: jsonResponse(ScanSchema, 'The pass is valid'),
      ...problems(
        'validation_failed',
        'pass_number_invalid',
        'unauthenticated',
        'forbidden',
        'not_found',
        'pass_not_found',
        'code_invalid',
        'code_expired',
        'card_replaced',
        'pass_blocked',
      ),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    allow(
      user.staffRoles.some((r) => r.role === 'door' || r.role === 'club_admin'),
      'Door staff or club admins only',
    );
    const input = c.req.valid('json');

    let code: PassCode | null = null;
    let passNumber: string;
    if (input.code !== undefined) {
      code = await readPassCode(c.env.SIGNING_KEYS, input.code, c.var.now);
      passNumber = code.passNumber;
    } else {
      passNumber = normalizePassNumber(input.passNumber!);
      if (!isValidPassNumber(passNumber)) throw new Problem('pass_number_invalid');
    }

    const facts = await scanFacts(c.env.DB, input.activityId, passNumber);
    if (!facts) throw new Problem('not_found', { detail: 'No such activity' });
    allow(
      hasClubRole(user, facts.activity.clubId, 'door', 'club_admin'),
      'This activity belongs to another club',
    );
    const holder = facts.passholder;
    if (!holder) throw new Problem('pass_not_found');

    const messages: Notice[] = [];
    if (code?.kind === 'card' && code.version !== holder.cardVersion) throw new Problem('card_replaced');
    if (holder.cardBlocked) {
      if (code?.kind !== 'rotating') throw new Problem('pass_blocked');
      messages.push(notice('card_blocked_phone_ok', c.var.locale));
    }
    const day = brusselsDate(new Date(facts.activity.startsAt));
    if (day !== brusselsDate(c.var.now))
      messages.push(notice('activity_not_today', c.var.locale, { date: day }));

    return c.json(
      {
        passholder: { displayName: displayName(holder.firstName, holder.lastName) },
        pass: {
          number: holder.passNumber,
          status: 'active' as const,
          via:
            code === null
              ? ('number' as const)
              : code.kind === 'card'
                ? ('card' as const)
                : ('phone' as const),
        },
        points: holder.points,
        activity: {
          id: facts.activity.id,
          title: facts.activity.title,
          startsAt: facts.activity.startsAt,
          endsAt: facts.activity.endsAt,
        },
        messages,
      },
      200,
    );
  },
);

export default app;
