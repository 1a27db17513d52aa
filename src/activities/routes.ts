import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import checkinCode from './checkin-code.ts';
import manage from './manage.ts';
import publicRoutes from './public.ts';

/**
 * Every activity route: what a club does with its activities, what anyone may read, the self check-in code.
 * Mounted in this order, which is the OpenAPI document's.
 */
const app = new OpenAPIHono<AppEnv>();
app.route('/', manage);
app.route('/', publicRoutes);
app.route('/', checkinCode);

export default app;
