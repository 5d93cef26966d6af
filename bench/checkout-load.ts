// The checkout benchmark's load generator (bench/checkout.ts starts it as its own process, so its work never shares a
// CPU queue with the servers it measures). Open loop at a fixed arrival rate — a request starts when it is due,
// whether or not earlier ones have been answered — first against the bare POST, then the checkout, each after a
// warm-up whose answers are not counted (see the checkout's rounds below).
//
//   node bench/checkout-load.ts <plan.json>    writes the result to plan.resultFile
import fs from 'node:fs';
import { openLoop, post, summary } from './open-loop.ts';
import type { Latencies } from './open-loop.ts';

export interface CheckoutPlan {
  appBase: string;
  baselineUrl: string;
  requestsPerSecond: number;
  seconds: number;
  warmUpSeconds: number;
  /** Session tokens of buyers whose orders need no approval; each holds one cart, so one checkout a round each. */
  buyers: string[];
  /** Five item numbers in the storefront's catalogue, one cart line each. */
  items: string[];
  tag: string;
  resultFile: string;
}

export interface PhaseResult {
  sent: number;
  errors: number;
  errorSamples: string[];
  /** Requests started per second over the measured stretch. */
  sentPerSecond: number;
  /** How late the scheduler started its latest request: large values mean the generator, not the server, fell behind. */
  maxSendLagMs: number;
  latency: Latencies;
  /** Checkout only: the 5 cart adds that filled each cart before its round. */
  cartFill?: Latencies;
}

export interface CheckoutResult {
  baseline: PhaseResult;
  checkout: PhaseResult;
  /** Checkouts answered "Placed", warm-up included: the orchestrator checks the store has exactly these orders. */
  placed: number;
}

/** A warm-up whose figures are dropped, then the measured stretch. */
async function phase(plan: CheckoutPlan, request: (i: number, measured: boolean, problems: string[]) => Promise<void>): Promise<{ sent: number; errors: string[]; sentPerSecond: number; maxSendLagMs: number }> {
  const errors: string[] = [];
  await openLoop(plan.requestsPerSecond, plan.warmUpSeconds, (i) => request(i, false, errors));
  const run = await openLoop(plan.requestsPerSecond, plan.seconds, (i) => request(i, true, errors));
  return { sent: run.sent, errors, sentPerSecond: run.sent / run.seconds, maxSendLagMs: run.maxSendLagMs };
}

const plan = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as CheckoutPlan;

// ---- The bare POST.
const bareMs: number[] = [];
let sequence = 0;
const bare = await phase(plan, async (_i, measured, problems) => {
  const res = await post(plan.baselineUrl, { email: `bench.${plan.tag}.${++sequence}@bare.test` });
  if (res.status !== 201) problems.push(`bare POST → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  else if (measured) bareMs.push(res.ms);
});

// ---- The checkout, in rounds of one checkout per buyer: first every buyer's cart is filled (5 adds, a few buyers at
// a time, timed apart as "cart fill"), then the round's checkouts start at the fixed rate. Checkouts so arrive at the
// rate throughout each round without cart adds competing with them; a buyer's cart is only ever in one request.
const fillMs: number[] = [];
const checkoutMs: number[] = [];
let placed = 0;
let orderSequence = 0;
async function round(measured: boolean, problems: string[]) {
  const filled = new Set<number>();
  let next = 0;
  const fillWorker = async () => {
    for (let buyer = next++; buyer < plan.buyers.length; buyer = next++) {
      let fill = 0;
      let ok = true;
      for (const [n, itemNumber] of plan.items.entries()) {
        const added = await post(`${plan.appBase}/api/store/cart/lines`, { itemNumber, quantity: 1 + ((buyer + n) % 3) }, plan.buyers[buyer]);
        fill += added.ms;
        if (added.status !== 201) {
          problems.push(`cart line ${itemNumber} → ${added.status} ${JSON.stringify(added.body).slice(0, 300)}`);
          ok = false;
          break;
        }
      }
      if (ok) filled.add(buyer);
      if (ok && measured) fillMs.push(fill);
    }
  };
  await Promise.all([1, 2, 3, 4].map(fillWorker));
  return openLoop(plan.requestsPerSecond, plan.buyers.length / plan.requestsPerSecond, async (buyer) => {
    if (!filled.has(buyer)) return;
    const res = await post(`${plan.appBase}/api/store/checkout`, { purchaseOrderNumber: `PO-${plan.tag}-${++orderSequence}` }, plan.buyers[buyer]);
    if (res.status !== 201 || res.body?.status !== 'Placed') return void problems.push(`checkout → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    placed += 1;
    if (measured) checkoutMs.push(res.ms);
  });
}
const checkoutProblems: string[] = [];
const roundsFor = (seconds: number) => Math.max(1, Math.ceil((seconds * plan.requestsPerSecond) / plan.buyers.length));
for (let r = 0; r < roundsFor(plan.warmUpSeconds); r++) await round(false, checkoutProblems);
const checkoutRuns = [];
for (let r = 0; r < roundsFor(plan.seconds); r++) checkoutRuns.push(await round(true, checkoutProblems));
const checkout = {
  sent: checkoutRuns.reduce((n, run) => n + run.sent, 0),
  errors: checkoutProblems,
  sentPerSecond: checkoutRuns.reduce((n, run) => n + run.sent, 0) / checkoutRuns.reduce((n, run) => n + run.seconds, 0),
  maxSendLagMs: Math.max(...checkoutRuns.map((run) => run.maxSendLagMs)),
};

const result: CheckoutResult = {
  baseline: { sent: bare.sent, errors: bare.errors.length, errorSamples: bare.errors.slice(0, 10), sentPerSecond: bare.sentPerSecond, maxSendLagMs: bare.maxSendLagMs, latency: summary(bareMs) },
  checkout: { sent: checkout.sent, errors: checkout.errors.length, errorSamples: checkout.errors.slice(0, 10), sentPerSecond: checkout.sentPerSecond, maxSendLagMs: checkout.maxSendLagMs, latency: summary(checkoutMs), cartFill: summary(fillMs) },
  placed,
};
fs.writeFileSync(plan.resultFile, JSON.stringify(result));
