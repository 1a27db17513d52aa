import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { notice } from '../lib/notices.ts';
import { Problem } from '../lib/problem.ts';
import { brusselsDate } from '../lib/time.ts';
import { allowClub, checkCard, readPass, requireClubStaff, via } from '../passes/door.ts';
import { displayName } from '../passes/people.ts';
import { doorFacts } from '../tariffs/repo.ts';
import { clockFor, priceAnswer } from '../tariffs/service.ts';
import { ScanInputSchema, ScanSchema } from './schema.ts';

const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'post',
    path: '/scans',
    tags: ['door'],
    summary: 'Scan a pass at an activity (door staff or club admin of the activity’s club)',
    description:
      'Accepts the phone’s rotating code, the card’s static code, or a typed pass number. Answers who it is and the price to charge, in one database round trip, without social status, birth date or address.',
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
    const user = requireClubStaff(c);
    const input = c.req.valid('json');
    const { passNumber, code } = await readPass(c, input);
    const target = { kind: 'ticket' as const, activityId: input.activityId };
    const facts = await doorFacts(c.env.DB, target, passNumber, clockFor(c.var.now));
    if (!facts) throw new Problem('not_found', { detail: 'No such activity' });
    allowClub(user, facts.seller.clubId);
    const holder = facts.holder;
    if (!holder) throw new Problem('pass_not_found');
    const messages = checkCard(code, holder, c.var.locale);
    const day = brusselsDate(new Date(facts.seller.startsAt!));
    if (day !== brusselsDate(c.var.now))
      messages.push(notice('activity_not_today', c.var.locale, { date: day }));
    const { answer } = await priceAnswer(c.env.SIGNING_KEYS, facts, holder, target, c.var.now);
    return c.json(
      {
        passholder: { displayName: displayName(holder.firstName, holder.lastName) },
        pass: { number: holder.passNumber, status: 'active' as const, via: via(code) },
        points: holder.points,
        activity: {
          id: facts.seller.activityId!,
          title: facts.seller.title,
          startsAt: facts.seller.startsAt!,
          endsAt: facts.seller.endsAt!,
        },
        price: answer,
        messages: [...messages, ...answer.messages],
      },
      200,
    );
  },
);

export default app;
