import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import admin from './admin.ts';
import offers from './offers.ts';
import requests from './requests.ts';

/** Every ride route: a driver's offers, a passenger's requests, and what staff do with rides. */
const app = new OpenAPIHono<AppEnv>();
app.route('/', offers);
app.route('/', requests);
app.route('/', admin);

export default app;
