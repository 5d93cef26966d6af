// A case as the staff see it with its questions to the applicant: WaitingForApplicant while one is unanswered, the
// questions and answers on the case, and their steps in the timeline.
import type { Cases as BaseCases } from './case.ts';
import type { Questions } from './questions.ts';
/** A case as the staff see it: its status says WaitingForApplicant while a question is open, and it carries its questions. */
export function withQuestions(base: BaseCases, questions: Questions) {
  const open = <T extends { status: string }>(view: T, waiting: boolean) =>
    waiting && (view.status === 'InReview' || view.status === 'Received') ? { ...view, status: 'WaitingForApplicant' as const } : view;
  return {
    ...base,
    async list(query: Parameters<typeof base.list>[0]) {
      const result = await base.list(query);
      const waiting = await questions.waiting(result.items.map((c) => c.id));
      return { ...result, items: result.items.map((c) => open(c, waiting.has(c.id))) };
    },
    async exportBatch(...args: Parameters<typeof base.exportBatch>) {
      const batch = await base.exportBatch(...args);
      const waiting = await questions.waiting(batch.items.map((c) => c.id));
      return { ...batch, items: batch.items.map((c) => open(c, waiting.has(c.id))) };
    },
    async get(id: string) {
      const detail = await base.get(id);
      const asked = (await questions.ofCases([id])).get(id) ?? [];
      const timeline = [...detail.timeline];
      for (const q of asked) {
        timeline.push({ at: q.askedAt, kind: 'question-asked', actor: q.askedBy, text: `Question to the applicant: ${q.text}`, context: q.askedIn });
        if (q.answer) {
          const files = q.answer.attachments.length;
          timeline.push({ at: q.answer.at, kind: 'question-answered', actor: detail.email, text: `Answered by the applicant${files > 0 ? ` with ${files} file${files === 1 ? '' : 's'}` : ''}: ${q.answer.text}`, context: 'storefront' });
        }
      }
      timeline.sort((a, b) => a.at.localeCompare(b.at));
      return { ...open(detail, asked.some((q) => !q.answer)), timeline, questions: asked };
    },
  };
}

export type Cases = ReturnType<typeof withQuestions>;
