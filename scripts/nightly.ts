/**
 * `npm run nightly`: runs the nightly cron once against the app that `npm start` serves, through
 * wrangler's local trigger route (`/cdn-cgi/local/scheduled`), exactly as the cron trigger calls the
 * Worker's `scheduled` export. PORT=NNNN for another port; AT=2026-05-01T02:15:00Z to run it "as of" a
 * moment (the job reads that time, e.g. to see statuses move into grace).
 */
import process from 'node:process';

const port = process.env.PORT ?? '8787';
const params = new URLSearchParams({ cron: '15 2 * * *', format: 'json' });
if (process.env.AT) {
  const at = Date.parse(process.env.AT);
  if (Number.isNaN(at)) {
    console.error(`AT is not a date: ${process.env.AT}`);
    process.exit(2);
  }
  params.set('time', String(at));
}
const url = `http://127.0.0.1:${port}/cdn-cgi/local/scheduled?${params}`;
try {
  const response = await fetch(url);
  const body = await response.text();
  console.log(`${response.status} ${body}`);
  console.log('The totals of the run are in the log of `npm start` ("nightly job {...}").');
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  console.error(`Could not reach ${url}: is \`npm start\` running? (${String(error)})`);
  process.exit(1);
}
