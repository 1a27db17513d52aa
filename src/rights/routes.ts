import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import holderRights from './holder-rights.ts';
import municipalityRights from './municipality-rights.ts';

/** Every local-rights route: the municipality's rights, and a holder's rights and their uses. */
const app = new OpenAPIHono<AppEnv>();
app.route('/', municipalityRights);
app.route('/', holderRights);

export default app;
