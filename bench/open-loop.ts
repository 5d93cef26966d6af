// Open-loop load at a fixed arrival rate, shared by the load generators: a request starts when it is due, evenly
// spaced, whether or not earlier ones have been answered. (autocannon's fixed rate is not this: each connection sends
// its share of the second back to back at the top of every second, so its "latency at 200 req/s" is that of bursts.)
import { percentile } from './postgres.ts';

export interface Latencies {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

const requestTimeoutMs = 30_000;

export async function post(url: string, body: unknown, token?: string): Promise<{ status: number; body: any; ms: number }> {
  const t0 = performance.now();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, ms: performance.now() - t0 };
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${requestTimeoutMs / 1000} s` : String(error);
    return { status: 0, body: reason, ms: performance.now() - t0 };
  }
}

export const summary = (samples: number[]): Latencies => {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)), maxMs: round(sorted.at(-1) ?? NaN) };
};

/** Starts `send(i)` for i = 0, 1, … at `rate` per second for `seconds` (a 5 ms tick); resolves when every one has settled. */
export async function openLoop(rate: number, seconds: number, send: (i: number) => Promise<void>): Promise<{ sent: number; seconds: number; maxSendLagMs: number }> {
  const started = performance.now();
  const total = Math.round(rate * seconds);
  const pending: Promise<void>[] = [];
  let maxSendLagMs = 0;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const now = performance.now();
      while (pending.length < total && started + (pending.length * 1000) / rate <= now) {
        maxSendLagMs = Math.max(maxSendLagMs, now - (started + (pending.length * 1000) / rate));
        pending.push(send(pending.length));
      }
      if (pending.length >= total) {
        clearInterval(tick);
        resolve();
      }
    }, 5);
  });
  const scheduled = (performance.now() - started) / 1000;
  // Every request ends within its own timeout, so this wait is bounded too.
  await Promise.all(pending);
  return { sent: total, seconds: scheduled, maxSendLagMs };
}

