import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { jsonBody, jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { notice } from '../lib/notices.ts';
import { brusselsDate } from '../lib/time.ts';
import { lookUpAtDoor } from '../door/service.ts';
import { via } from '../passes/door.ts';
import { displayName } from '../passes/people.ts';
import { DOOR_PROBLEMS } from '../tariffs/service.ts';
import { checkTypedNumber } from './rules.ts';
import { ScanInputSchema, ScanSchema } from './schema.ts';

/** The door scan: who it is and the price to charge, in one round trip. */
const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'post',
    path: '/scans',
    tags: ['door'],
    summary: 'Scan a pass at an activity (door staff or club admin of the activity’s club)',
    description:
      'Accepts the phone’s rotating code, the card’s static code, or a typed pass number (a number that is not 13 digits is a `validation_failed` problem on `/passNumber`, one with a wrong check digit `pass_number_invalid`), only while the activity’s door is open (check-in opening until the end plus the margin). Answers who it is and the price to charge: the same keys, types and messages for everyone who pays the same, without social status, birth date or address. The look-up is logged in the holder’s “who looked at my record”.',
    security: SECURITY,
    'x-session-in-batch': true,
    request: { body: jsonBody(ScanInputSchema) },
    responses: {
      200: jsonResponse(ScanSchema, 'The pass is valid'),
      ...problems(...DOOR_PROBLEMS),
    },
  }),
  async (c) => {
    const input = c.req.valid('json');
    checkTypedNumber(input.passNumber);
    const { row, code, notices: messages, price } = await lookUpAtDoor(c, input.activityId, input);
    const day = brusselsDate(new Date(row.starts_at));
    if (day !== brusselsDate(c.var.now))
      messages.push(notice('activity_not_today', c.var.locale, { date: day }));
    return c.json(
      {
        passholder: { displayName: displayName(row.first_name, row.last_name) },
        pass: { number: row.pass_number, status: 'active' as const, via: via(code) },
        points: row.points_balance,
        activity: { id: row.activity_id, title: row.title, startsAt: row.starts_at, endsAt: row.ends_at },
        price,
        signup: row.signup_status,
        checkedIn: row.checked_in_at !== null,
        checkedInAt: row.checked_in_at,
        messages,
      },
      200,
    );
  },
);

export default app;
