import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import accounts from './accounts.ts';
import activate from './activate.ts';
import cards from './cards.ts';
import guardians from './guardians.ts';
import holder from './holder.ts';
import passholders from './passholders.ts';

/**
 * Every pass route: the counter's records, guardians, cards and accounts; what the holder sees of their pass;
 * activating a pass. Mounted in this order, which is the order of the OpenAPI document.
 */
const app = new OpenAPIHono<AppEnv>();
app.route('/', passholders);
app.route('/', guardians);
app.route('/', cards);
app.route('/', accounts);
app.route('/', holder);
app.route('/', activate);

export default app;
