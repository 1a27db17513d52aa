import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import failedDeliveries from './failed-deliveries.ts';
import letterBatch from './letter-batch.ts';
import settings from './settings.ts';

/** Messages that leave the app: a person's channels and language, failed deliveries, the day's letters. */
const app = new OpenAPIHono<AppEnv>();
app.route('/', settings);
app.route('/', failedDeliveries);
app.route('/', letterBatch);

export default app;
