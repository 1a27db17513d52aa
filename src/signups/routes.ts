import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import holders from './holders.ts';
import notifications from './notifications.ts';
import signups from './signups.ts';

/** Every sign-up route: an activity's sign-ups, a resident's coming ones, and their messages. */
const app = new OpenAPIHono<AppEnv>();
app.route('/', signups);
app.route('/', holders);
app.route('/', notifications);

export default app;
