import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import entitlements from './entitlements.ts';
import holderStatus from './holder-status.ts';
import renewals from './renewals.ts';
import statusImports from './status-imports.ts';

/**
 * Every social status route: a passholder's status and entitlements, the municipality's entitlement rules,
 * imports of entitled people, the renewal list. Mounted in this order, which is the OpenAPI document's.
 */
const app = new OpenAPIHono<AppEnv>();
app.route('/', holderStatus);
app.route('/', entitlements);
app.route('/', statusImports);
app.route('/', renewals);

export default app;
