import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import holders from './holders.ts';
import offers from './offers.ts';
import redemptions from './redemptions.ts';

/** Every reward route: the rewards on offer, redeeming and handing over, and what a holder has. */
const app = new OpenAPIHono<AppEnv>();
app.route('/', offers);
app.route('/', redemptions);
app.route('/', holders);

export default app;
