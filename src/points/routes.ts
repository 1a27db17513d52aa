import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import checkins from './checkins.ts';
import ledger from './ledger.ts';

/** Every points route: check-ins (which earn points) and a holder's points. */
const app = new OpenAPIHono<AppEnv>();
app.route('/', checkins);
app.route('/', ledger);

export default app;
