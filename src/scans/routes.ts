import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { notice } from '../lib/notices.ts';
import { brusselsDate } from '../lib/time.ts';
import { fieldProblem } from '../lib/validation.ts';
import { requireClubStaff, via } from '../passes/door.ts';
import { normalizePassNumber, PASS_NUMBER_LENGTH } from '../passes/number.ts';
import { displayName } from '../passes/people.ts';
import { DOOR_PROBLEMS, lookUp, lookupAudit, priceAnswer } from '../tariffs/service.ts';
import { ScanInputSchema, ScanSchema } from './schema.ts';

const app = new OpenAPIHono<AppEnv>();

const NOT_A_PASS_NUMBER = {
  nl: `Dit is geen pasnummer: een pasnummer heeft ${PASS_NUMBER_LENGTH} cijfers.`,
  fr: `Ce n’est pas un numéro de carte : un numéro de carte a ${PASS_NUMBER_LENGTH} chiffres.`,
  en: `This is not a pass number: a pass number has ${PASS_NUMBER_LENGTH} digits.`,
};

/** A typed number that cannot be a pass number at all (not 13 digits) is told so on its field, in words. */
function checkTypedNumber(passNumber: string | undefined): void {
  const digits = normalizePassNumber(passNumber ?? '');
  if (passNumber === undefined || (/^\d+$/.test(digits) && digits.length === PASS_NUMBER_LENGTH)) return;
  throw fieldProblem('/passNumber', 'invalid_format', 'A pass number has 13 digits', NOT_A_PASS_NUMBER);
}

app.openapi(
  createRoute({
    method: 'post',
    path: '/scans',
    tags: ['door'],
    summary: 'Scan a pass at an activity (door staff or club admin of the activity’s club)',
    description:
      'Accepts the phone’s rotating code, the card’s static code, or a typed pass number (a number that is not 13 digits is a `validation_failed` problem on `/passNumber`, one with a wrong check digit `pass_number_invalid`), only while the activity’s door is open (check-in opening until the end plus the margin). Answers who it is and the price to charge: the same keys, types and messages for everyone who pays the same, without social status, birth date or address. The look-up is logged in the holder’s “who looked at my record”.',
    security: SECURITY,
    request: { body: jsonBody(ScanInputSchema) },
    responses: {
      200: jsonResponse(ScanSchema, 'The pass is valid'),
      ...problems(...DOOR_PROBLEMS),
    },
  }),
  async (c) => {
    const user = requireClubStaff(c);
    const input = c.req.valid('json');
    checkTypedNumber(input.passNumber);
    const target = { kind: 'ticket' as const, activityId: input.activityId };
    const { facts, holder, code, notices: messages } = await lookUp(c, user, target, input);
    const day = brusselsDate(new Date(facts.seller.startsAt!));
    if (day !== brusselsDate(c.var.now))
      messages.push(notice('activity_not_today', c.var.locale, { date: day }));
    const { answer } = await priceAnswer(c.env.SIGNING_KEYS, facts, holder, target, c.var.now);
    await lookupAudit(c.env.DB, holder.id, user, 'door_price', facts.seller.title, c.var.now).run();
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
        signup: holder.signupStatus,
        checkedIn: holder.checkedInAt !== null,
        checkedInAt: holder.checkedInAt,
        messages,
      },
      200,
    );
  },
);

export default app;
