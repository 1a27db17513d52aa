import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { allow, hasMunicipalityRole, requireUser } from '../auth/guard.ts';
import { jsonResponse, problems, SECURITY } from '../lib/openapi.ts';
import { brusselsDate } from '../lib/time.ts';
import { lettersDocument } from './letters.ts';
import { LettersQuery, LettersSchema, MunicipalityParams } from './schema.ts';
import * as service from './service.ts';

/** The day's letters for people who chose paper or have neither e-mail nor phone: one A4 page each. */
const app = new OpenAPIHono<AppEnv>();

app.openapi(
  createRoute({
    method: 'get',
    path: '/municipalities/{municipalityId}/letters',
    tags: ['messages'],
    summary: 'The day’s batch of letters, each in its person’s language (counter staff of the municipality)',
    description:
      'A printable HTML document by default (one letter per A4 page); `Accept: application/json` for the letters as ' +
      'JSON. Each person in the batch gets a line in their "who looked at my record".',
    security: SECURITY,
    request: { params: MunicipalityParams, query: LettersQuery },
    responses: {
      200: {
        description: 'The batch',
        content: {
          'text/html': { schema: z.string() },
          'application/json': { schema: LettersSchema },
        },
      },
      ...problems('validation_failed', 'unauthenticated', 'forbidden'),
    },
  }),
  async (c) => {
    const { municipalityId } = c.req.valid('param');
    const user = requireUser(c);
    allow(
      // Not the policy team (admins): they see no person, and letters carry names, addresses and status news.
      hasMunicipalityRole(user, municipalityId, 'counter'),
      'Counter staff of this municipality only',
    );
    const date = c.req.valid('query').date ?? brusselsDate(c.var.now);
    const letters = await service.lettersOf(c.env.DB, { municipalityId, date, by: user.id, now: c.var.now });
    if (/application\/json/.test(c.req.header('accept') ?? ''))
      return c.json({ date, count: letters.length, letters }, 200);
    // Names and addresses are escaped; the policy keeps anything that slipped through from running.
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    return c.html(lettersDocument(letters, date, c.var.locale), 200);
  },
);

export default app;
