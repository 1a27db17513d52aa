import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import club from './club.ts';
import municipality from './municipality.ts';
import saleHolder from './sale-holder.ts';

/** Every statement route: a club's month, a municipality's month, and from a sale to the person. */
const app = new OpenAPIHono<AppEnv>();
app.route('/', club);
app.route('/', municipality);
app.route('/', saleHolder);

export default app;
