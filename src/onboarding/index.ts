// The onboarding context: one case per partner request, with one timeline across the store, HQ, the CRM,
// dual-write and mail. Only this file is public.
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../platform/db.ts';
import type { Server } from '../platform/http.ts';
import type { StaffService } from '../platform/staff.ts';
import { createCases } from './case.ts';
import type { CaseSources } from './case.ts';
import { registerOnboardingRoutes } from './routes.ts';
import { createQuestions } from './questions.ts';
import type { QuestionSources } from './questions.ts';
import { registerQuestionRoutes } from './question-routes.ts';
import { withQuestions } from './case-questions.ts';
import { waitingProspectIds } from './queue.ts';

export type { CaseSources } from './case.ts';
export type { QuestionSources } from './questions.ts';

export interface OnboardingOptions {
  db: Db;
  log: FastifyBaseLogger;
  sources: CaseSources;
  questionSources: QuestionSources;
  /** Days without an answer before the one reminder (ONBOARDING_REMINDER_DAYS). */
  reminderDays: number;
  pollMs?: number;
  /** A question was asked (src/app.ts wakes the process that runs the reminders). */
  onAsked?: () => void;
  /** Reminders are looked for at most this often (and when a question is asked). */
  reminderCheckMs?: number;
}

export function createOnboarding(options: OnboardingOptions) {
  const questions = createQuestions(options.db, options.questionSources, { reminderDays: options.reminderDays });
  const cases = withQuestions(createCases(options.db, options.sources), questions);
  const reminderCheckMs = options.reminderCheckMs ?? 60_000;
  let remindersCheckedAt = 0;
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
      if (Date.now() - remindersCheckedAt >= reminderCheckMs) {
        remindersCheckedAt = Date.now();
        try {
          await questions.sendReminders();
        } catch (error) {
          options.log.error({ err: error }, 'onboarding: sending reminders failed');
        }
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
    questions,
    /** HQ prospects whose case waits for the applicant's answer (All prospects' case-status filter). */
    waitingProspectIds: () => waitingProspectIds(options.db),
    /** Mail events (questions to the applicant, reminders) for the mail context. */
    mailFeed: questions.mailFeed,
    /** The status page's side of the questions, for the storefront (it resolves the status token to the request id). */
    applicantQuestions: {
      list: async (requestId: string) => ((await questions.ofCases([requestId])).get(requestId) ?? []).map(({ askedBy: _b, askedIn: _i, ...q }) => ({
        ...q,
        ...(q.answer ? { answer: { ...q.answer, attachments: q.answer.attachments.map(({ id: _id, ...f }) => f) } } : {}),
      })),
      answer: (requestId: string, input: { questionId: string; text: string; files: { fileName: string; bytes: Buffer }[] }) => questions.answer(requestId, input),
    },
    /** Sends the reminders that are due now (the loop does this on its own; tests call it to see a second pass send none). */
    sendReminders: () => questions.sendReminders(),
    /** A question was asked: look for due reminders at once (with ONBOARDING_REMINDER_DAYS=0 it is due already). */
    kickReminders() {
      remindersCheckedAt = 0;
      this.kick();
    },
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
      registerQuestionRoutes(app, { staff, questions, onAsked: () => options.onAsked?.() });
    },
  };
}

export type Onboarding = ReturnType<typeof createOnboarding>;

