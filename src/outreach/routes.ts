import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import takeUp from './take-up.ts';
import worklist from './worklist.ts';

/** Take-up and outreach (issue 14): the policy team's dashboard, the counter's worklist and contacts. */
const app = new OpenAPIHono<AppEnv>();
app.route('/', takeUp);
app.route('/', worklist);

export default app;
