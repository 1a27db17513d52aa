import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RELAY_CRON } from '../../src/messages/outbox.ts';

/**
 * src/index.ts's `scheduled` runs the outbox relay for RELAY_CRON and the nightly job for any other cron. If
 * wrangler.toml's relay schedule changed without RELAY_CRON, the nightly job would run every few minutes.
 */
describe('the crons in wrangler.toml', () => {
  it('are the nightly job and the relay that src/index.ts tells apart', () => {
    const toml = readFileSync('wrangler.toml', 'utf8');
    const crons = JSON.parse(/^crons\s*=\s*(\[.*\])\s*$/m.exec(toml)![1]!) as string[];
    expect(crons).toHaveLength(2);
    expect(crons).toContain(RELAY_CRON);
    expect(crons).toContain('15 2 * * *');
  });
});
