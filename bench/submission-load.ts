// The submission benchmark's load generator (bench/run.ts starts one per run as its own process, so autocannon never
// shares a CPU queue with the server it measures). Posts a valid partner request with an e-mail and company no other
// request of the run has: closed loop at max rate (autocannon), or open loop at a fixed rate, evenly spaced
// (open-loop.ts; autocannon's own fixed rate sends each second's requests in a burst at its start).
//
//   node bench/submission-load.ts <plan.json>    writes a SubmissionRun to plan.resultFile
import fs from 'node:fs';
import crypto from 'node:crypto';
import autocannon from 'autocannon';
import type { Result } from 'autocannon';
import { openLoop, post, summary } from './open-loop.ts';

export interface SubmissionPlan {
  name: string;
  url: string;
  expectedStatus: number;
  seconds: number;
  connections: number;
  /** Requests per second, evenly spaced, open loop (connections then unused); absent: as fast as the server answers. */
  rate?: number;
  /** Open loop only: seconds at the rate before the measured ones, whose latencies are dropped (answers still checked). */
  warmUpSeconds?: number;
  resultFile: string;
}

export interface SubmissionRun {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  averageMs: number;
  maxMs: number;
  answered: number;
  seconds: number;
  /** Why the run measures nothing (wrong answers, errors, timeouts), or absent. */
  failure?: string;
}

const plan = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as SubmissionPlan;
const runTag = crypto.randomBytes(3).toString('hex');
let sequence = 0;
// Company names as sign-ups bring them: a made-up name and a common trade word ("Kavomi Logistics"), each company on
// its own domain. Names that all read "Load Test <n> Ltd" on one domain made every sign-up a possible duplicate of every
// other, a worst case for duplicate matching that no shop sees (its cost is in the closing notes of issue 13).
const syllables = ['ka', 'vo', 'mi', 'ti', 're', 'xa', 'lu', 'no', 'se', 'da', 'ri', 'po', 've', 'ko', 'ma', 'su', 'te', 'li', 'ba', 'ne', 'ro', 'gi', 'fa', 'hu', 'ja', 'pe', 'sa', 'to', 'vi', 'zo'];
const trades = ['Logistics', 'Foods', 'Systems', 'Trading', 'Timber', 'Textiles', 'Motors', 'Pharma', 'Print', 'Energy', 'Furniture', 'Electric', 'Glass', 'Metal', 'Plastics', 'Agro', 'Marine', 'Dental', 'Optics', 'Tools'];
const pick = <T>(list: readonly T[]): T => list[crypto.randomInt(list.length)]!;
/** A valid partner request with an e-mail (and company) no other request in this run has. */
function partnerRequestBody() {
  sequence += 1;
  const word = Array.from({ length: 3 + crypto.randomInt(2) }, () => pick(syllables)).join('');
  const company = `${word[0]!.toUpperCase()}${word.slice(1)} ${pick(trades)}`;
  return {
    firstName: 'Bench',
    lastName: `Mark ${sequence}`,
    email: `bench.${runTag}.${sequence}@${word}-${runTag}-${sequence}.test`,
    companyName: company,
    phone: '+372 555 0100',
    address: { street: 'Narva mnt 5', city: 'Tallinn', zip: '10117', countryRegionId: 'EE' },
    comments: 'Benchmark request',
  };
}

if (plan.rate) {
  const latencies: number[] = [];
  const codes = new Map<string, number>();
  const send = (measured: boolean) => async () => {
    const res = await post(plan.url, partnerRequestBody());
    const code = res.status === 0 ? `no answer (${String(res.body)})` : String(res.status);
    codes.set(code, (codes.get(code) ?? 0) + 1);
    if (measured && res.status === plan.expectedStatus) latencies.push(res.ms);
  };
  // A fresh generator's first requests wait on its own start (fetch loads undici, connections open, code is not yet
  // compiled): 20-260 ms each for the first ~60 against a bare Fastify + INSERT whose p50 is 2.4 ms. Not the server's.
  if (plan.warmUpSeconds) await openLoop(plan.rate, plan.warmUpSeconds, send(false));
  const run = await openLoop(plan.rate, plan.seconds, send(true));
  const latency = summary(latencies);
  const wrong = [...codes].filter(([code]) => code !== String(plan.expectedStatus));
  const result: SubmissionRun = {
    requestsPerSecond: latencies.length / run.seconds,
    p50Ms: latency.p50Ms,
    p99Ms: latency.p99Ms,
    averageMs: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
    maxMs: latency.maxMs,
    answered: latencies.length,
    seconds: run.seconds,
    ...(wrong.length > 0 ? { failure: `${plan.name}: expected every answer to be ${plan.expectedStatus}, got [${[...codes].map(([c, n]) => `${c}×${n}`).join(', ')}] — a benchmark of errors measures nothing` } : {}),
  };
  fs.writeFileSync(plan.resultFile, JSON.stringify(result));
  process.exit(0);
}

const result: Result = await autocannon({
  url: plan.url,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  connections: plan.connections,
  duration: plan.seconds,
  timeout: 30,
  requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify(partnerRequestBody()) }) }],
});
const codes = Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => `${code}×${stat?.count ?? 0}`);
const wrong = Object.entries(result.statusCodeStats ?? {}).filter(([code]) => Number(code) !== plan.expectedStatus);
const run: SubmissionRun = {
  requestsPerSecond: result['2xx'] / result.duration,
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  averageMs: result.latency.average,
  maxMs: result.latency.max,
  answered: result['2xx'],
  seconds: result.duration,
  ...(wrong.length > 0 || result.non2xx > 0 || result.errors > 0 || result.timeouts > 0 || result.resets > 0
    ? {
        failure:
          `${plan.name}: expected every answer to be ${plan.expectedStatus}, got [${codes.join(', ')}], ${result.errors} connection errors, ${result.timeouts} timeouts` +
          ' — a benchmark of errors measures nothing',
      }
    : {}),
};
fs.writeFileSync(plan.resultFile, JSON.stringify(run));
