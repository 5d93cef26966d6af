// Questions to the applicant: HQ staff or the salesperson on the lead ask, the applicant answers on the status page
// (with files), one reminder goes out after ONBOARDING_REMINDER_DAYS without an answer. Each change commits in one
// transaction with its mail event in the onboarding outbox; the mail context reads that feed.
import crypto from 'node:crypto';
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../platform/db.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { signalMailEvent } from '../platform/change-signal.ts';
import { cleanFileName, sniffFileType } from '../platform/file-types.ts';
import { answers, attachments, outbox, questions } from './questions-schema.ts';
import { cases } from './schema.ts';
import { pendingOrder } from '../platform/outbox.ts';

export const maxQuestionLength = 2000;
export const maxAnswerFileBytes = 5 * 1024 * 1024;

export type MailType = 'applicant-question' | 'applicant-question-reminder';

export interface QuestionMailEvent {
  type: MailType;
  recipient: string;
  language?: string;
  channelId?: string;
  values: Record<string, string>;
}

/** What questions need from the other contexts (src/app.ts connects them). */
export interface QuestionSources {
  /** HQ's decision on the case's prospect: a decided case takes no more questions. */
  decided(caseId: string, prospectId: string | null): Promise<boolean>;
  /** The storefront issues a fresh status link (it keeps only hashes of the tokens, so an old one cannot be rebuilt). */
  statusLink(requestId: string): Promise<{ url: string; firstName: string; language: string; channelId: string } | undefined>;
}

export interface QuestionView {
  id: string;
  text: string;
  askedBy: string;
  askedIn: 'hq' | 'sales';
  askedAt: string;
  answer?: { text: string; at: string; attachments: { id: string; fileName: string; mediaType: string; size: number }[] };
}

export interface Asker {
  name: string;
  roles: string[];
}

export interface QuestionsOptions {
  reminderDays: number;
  now?: () => Date;
}

export function createQuestions(db: Db, sources: QuestionSources, options: QuestionsOptions) {
  const now = options.now ?? (() => new Date());

  async function caseRow(id: string) {
    const [row] = await db.select().from(cases).where(eq(cases.id, id));
    if (!row) throw notFound(`Onboarding case ${id}`);
    return row;
  }

  async function mailValues(row: { id: string; companyName: string }, question: string) {
    const link = await sources.statusLink(row.id);
    return {
      link,
      values: { firstname: link?.firstName ?? '', company: row.companyName, question, statuslink: link?.url ?? '' },
    };
  }

  /** Every question of the given cases with its answer and files (not the bytes), oldest first. */
  async function ofCases(caseIds: string[]): Promise<Map<string, QuestionView[]>> {
    const byCase = new Map<string, QuestionView[]>();
    if (caseIds.length === 0) return byCase;
    const rows = await db.select().from(questions).where(inArray(questions.caseId, caseIds)).orderBy(asc(questions.askedAt));
    const answered = rows.filter((q) => q.answeredAt).map((q) => q.id);
    const answerRows = answered.length > 0 ? await db.select().from(answers).where(inArray(answers.questionId, answered)) : [];
    const files = answerRows.length > 0
      ? await db
          .select({ id: attachments.id, answerId: attachments.answerId, fileName: attachments.fileName, mediaType: attachments.mediaType, size: attachments.size })
          .from(attachments)
          .where(inArray(attachments.answerId, answerRows.map((a) => a.id)))
      : [];
    for (const q of rows) {
      const a = answerRows.find((r) => r.questionId === q.id);
      const view: QuestionView = {
        id: q.id,
        text: q.text,
        askedBy: q.askedBy,
        askedIn: q.askedIn,
        askedAt: q.askedAt.toISOString(),
        ...(a
          ? { answer: { text: a.text, at: a.at.toISOString(), attachments: files.filter((f) => f.answerId === a.id).map(({ answerId: _a, ...f }) => f) } }
          : {}),
      };
      byCase.set(q.caseId, [...(byCase.get(q.caseId) ?? []), view]);
    }
    return byCase;
  }

  return {
    ofCases,

    /** The cases among `caseIds` with a question still unanswered (WaitingForApplicant unless decided). */
    async waiting(caseIds: string[]): Promise<Set<string>> {
      if (caseIds.length === 0) return new Set();
      const rows = await db.selectDistinct({ caseId: questions.caseId }).from(questions).where(and(inArray(questions.caseId, caseIds), isNull(questions.answeredAt)));
      return new Set(rows.map((r) => r.caseId));
    },

    /** Asks the applicant; the question and its mail event commit together. 409 once the case is decided. */
    async ask(caseId: string, text: string, asker: Asker): Promise<QuestionView> {
      const question = text.trim();
      if (!question) throw DomainError.invalid('text', 'must not be empty');
      if (question.length > maxQuestionLength) throw DomainError.invalid('text', `must be at most ${maxQuestionLength} characters`);
      const row = await caseRow(caseId);
      if (await sources.decided(row.id, row.prospectId)) throw new DomainError('conflict', 'The case is decided: the applicant can no longer be asked.');
      // HQ staff ask from HQ; a salesperson (without an HQ role) from the CRM.
      const askedIn = asker.roles.some((r) => r === 'hq-operations' || r === 'administrator') ? 'hq' : 'sales';
      const { link, values } = await mailValues(row, question);
      const created = await db.transaction(async (tx) => {
        const [q] = await tx.insert(questions).values({ caseId: row.id, text: question, askedBy: asker.name, askedIn, askedAt: now() }).returning();
        const event: QuestionMailEvent = { type: 'applicant-question', recipient: row.email, values, ...(link ? { language: link.language, channelId: link.channelId } : {}) };
        await tx.insert(outbox).values({ consumer: 'mail', topic: event.type, key: q!.id, payload: event });
        await signalMailEvent(tx);
        return q!;
      });
      return { id: created.id, text: created.text, askedBy: created.askedBy, askedIn: created.askedIn, askedAt: created.askedAt.toISOString() };
    },

    /** The applicant's answer with its files, all stored in one transaction or none; files are typed by their bytes. */
    async answer(caseId: string, input: { questionId: string; text: string; files: { fileName: string; bytes: Buffer }[] }): Promise<void> {
      const files = input.files.map((f) => {
        const fileName = cleanFileName(f.fileName);
        if (f.bytes.length > maxAnswerFileBytes) throw new DomainError('validation', `The file "${fileName}" is larger than 5 MB.`, undefined, [{ path: `files.${fileName}`, message: 'is larger than 5 MB' }]);
        const mediaType = sniffFileType(f.bytes);
        if (!mediaType) throw new DomainError('validation', `The file "${fileName}" is not a PDF, PNG or JPEG.`, undefined, [{ path: `files.${fileName}`, message: 'is not a PDF, PNG or JPEG' }]);
        return { fileName, mediaType, size: f.bytes.length, bytes: f.bytes, sha256: crypto.createHash('sha256').update(f.bytes).digest('hex') };
      });
      const [q] = await db.select().from(questions).where(and(eq(questions.id, input.questionId), eq(questions.caseId, caseId)));
      if (!q) throw notFound('The question');
      await db.transaction(async (tx) => {
        const [taken] = await tx.update(questions).set({ answeredAt: now() }).where(and(eq(questions.id, q.id), isNull(questions.answeredAt))).returning({ id: questions.id });
        if (!taken) throw new DomainError('conflict', 'This question has been answered already.');
        const [a] = await tx.insert(answers).values({ questionId: q.id, text: input.text, at: now() }).returning({ id: answers.id });
        if (files.length > 0) await tx.insert(attachments).values(files.map((f) => ({ ...f, answerId: a!.id })));
      });
    },

    /** One attachment with its bytes, for staff. */
    async attachment(caseId: string, attachmentId: string) {
      const [row] = await db
        // As base64, like it was written: the embedded database hands a large bytea over several times slower.
        .select({ fileName: attachments.fileName, mediaType: attachments.mediaType, size: attachments.size, base64: sql<string>`encode(${attachments.bytes}, 'base64')`, sha256: attachments.sha256 })
        .from(attachments)
        .innerJoin(answers, eq(answers.id, attachments.answerId))
        .innerJoin(questions, eq(questions.id, answers.questionId))
        .where(and(eq(attachments.id, attachmentId), eq(questions.caseId, caseId)));
      if (!row) throw notFound('The attachment');
      const { base64, ...file } = row;
      return { ...file, bytes: Buffer.from(base64, 'base64') };
    },

    /** One reminder per question unanswered for ONBOARDING_REMINDER_DAYS; the number sent. */
    async sendReminders(): Promise<number> {
      const due = new Date(now().getTime() - options.reminderDays * 24 * 60 * 60 * 1000);
      const open = await db
        .select({ id: questions.id, caseId: questions.caseId, text: questions.text })
        .from(questions)
        .where(and(isNull(questions.answeredAt), isNull(questions.remindedAt), lte(questions.askedAt, due)))
        .orderBy(asc(questions.askedAt))
        .limit(100);
      let sent = 0;
      for (const q of open) {
        const row = await caseRow(q.caseId);
        const decided = await sources.decided(row.id, row.prospectId);
        const { link, values } = decided ? { link: undefined, values: {} } : await mailValues(row, q.text);
        await db.transaction(async (tx) => {
          // Marked in the same transaction as the mail event: a second pass (or process) finds it reminded.
          const [taken] = await tx.update(questions).set({ remindedAt: now() }).where(and(eq(questions.id, q.id), isNull(questions.remindedAt), isNull(questions.answeredAt))).returning({ id: questions.id });
          if (!taken || decided) return;
          const event: QuestionMailEvent = { type: 'applicant-question-reminder', recipient: row.email, values, ...(link ? { language: link.language, channelId: link.channelId } : {}) };
          await tx.insert(outbox).values({ consumer: 'mail', topic: event.type, key: q.id, payload: event });
          await signalMailEvent(tx);
          sent += 1;
        });
      }
      return sent;
    },

    /** The mail context's view of the onboarding outbox. */
    mailFeed: {
      async read(limit: number): Promise<(QuestionMailEvent & { id: string })[]> {
        const rows = await db.select().from(outbox).where(and(eq(outbox.consumer, 'mail'), isNull(outbox.deliveredAt))).orderBy(...pendingOrder(outbox)).limit(limit);
        return rows.map((r) => ({ ...(r.payload as QuestionMailEvent), id: `onboarding:${r.id}` }));
      },
      async ack(ids: string[]): Promise<void> {
        const numbers = ids.map((id) => Number(id.replace(/^onboarding:/, ''))).filter(Number.isFinite);
        if (numbers.length > 0) await db.update(outbox).set({ deliveredAt: new Date() }).where(inArray(outbox.id, numbers));
      },
    },
  };
}

export type Questions = ReturnType<typeof createQuestions>;
