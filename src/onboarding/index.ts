// The onboarding context: one case per partner request, with one timeline across the store, HQ, the CRM,
// dual-write and mail. Only this file is public.
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../platform/db.ts';
import type { Server } from '../platform/http.ts';
import type { StaffService } from '../platform/staff.ts';
import { createCases } from './case.ts';
import type { CaseSources } from './case.ts';
import { registerOnboardingRoutes } from './routes.ts';

export type { CaseSources } from './case.ts';

export interface OnboardingOptions {
  db: Db;
  log: FastifyBaseLogger;
  sources: CaseSources;
  pollMs?: number;
}

export function createOnboarding(options: OnboardingOptions) {
  const cases = createCases(options.db, options.sources);
  const pollMs = options.pollMs ?? 1000;
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let running: Promise<void> | undefined;
  let again = false;

  // Takes intake events until none are left, then waits for a kick or the poll.
  async function loop() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    again = false;
    let taken = 0;
    running = (async () => {
      try {
        taken = await cases.takeIntake();
      } catch (error) {
        options.log.error({ err: error }, 'onboarding: taking intake events failed');
      }
    })();
    await running;
    running = undefined;
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void loop(), taken > 0 || again ? 0 : pollMs);
  }

  return {
    cases,
    /** HQ took requests in: open their cases now rather than at the next poll. */
    kick() {
      if (stopped) return;
      clearTimeout(timer);
      timer = setTimeout(() => void loop(), 10);
    },
    start() {
      if (!stopped) return;
      stopped = false;
      void loop();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    registerRoutes(app: Server, staff: StaffService) {
      registerOnboardingRoutes(app, { staff, cases });
    },
  };
}

export type Onboarding = ReturnType<typeof createOnboarding>;
