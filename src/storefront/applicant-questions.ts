// The applicant's side of the partner team's questions: further status links (the storefront owns the status token
// and keeps only hashes, so a mail about a question carries a fresh link), and the status page's answer form. The
// questions and answers themselves are the onboarding context's, reached through a port wired in src/app.ts.
import fastifyMultipart from '@fastify/multipart';
import { eq } from 'drizzle-orm';
import { Type } from 'typebox';
import type { Db } from '../platform/db.ts';
import type { Throttle } from '../platform/throttle.ts';
import type { Server } from '../platform/http.ts';
import { sendProblem } from '../platform/http.ts';
import { DomainError } from '../platform/errors.ts';
import { hashToken, randomToken } from '../platform/sessions.ts';
import { sniffFileType } from '../platform/file-types.ts';
import { partnerRequests, statusLinks } from './schema.ts';

export const maxFileBytes = 5 * 1024 * 1024;
export const maxFiles = 3;
export const maxAnswerLength = 5000;

export interface AnswerFile {
  fileName: string;
  /** The content type the client claimed; never trusted (the onboarding context sniffs the bytes). */
  claimedType: string;
  bytes: Buffer;
}

export interface ApplicantQuestion {
  id: string;
  text: string;
  askedAt: string;
  answer?: { text: string; at: string; attachments: { fileName: string; mediaType: string; size: number }[] };
}

/** What the storefront needs from the onboarding context (src/app.ts connects it). */
export interface ApplicantQuestionsPort {
  list(requestId: string): Promise<ApplicantQuestion[]>;
  answer(requestId: string, input: { questionId: string; text: string; files: AnswerFile[] }): Promise<void>;
}

export function createStatusLinks(db: Db) {
  return {
    /** A request's id from any of its status links (the first one on the request, or one issued later). */
    async resolve(token: string): Promise<string | undefined> {
      const hash = hashToken(token);
      const [first] = await db.select({ id: partnerRequests.id }).from(partnerRequests).where(eq(partnerRequests.statusTokenHash, hash));
      if (first) return first.id;
      const [later] = await db.select({ id: statusLinks.requestId }).from(statusLinks).where(eq(statusLinks.tokenHash, hash));
      return later?.id;
    },

    /** A new status link for the applicant of a request (its path, without the host), and who to address; undefined for an unknown request. */
    async issue(requestId: string): Promise<{ statusPagePath: string; firstName: string; language: string; channelId: string } | undefined> {
      const [request] = await db.select().from(partnerRequests).where(eq(partnerRequests.id, requestId));
      if (!request) return undefined;
      const token = randomToken();
      await db.insert(statusLinks).values({ tokenHash: hashToken(token), requestId });
      return { statusPagePath: `/partner/request-status/${token}`, firstName: request.firstName, language: request.language, channelId: request.channelId };
    },
  };
}

export type StatusLinks = ReturnType<typeof createStatusLinks>;

const notValid = () => new DomainError('not-found', 'This status link is not valid. Check that you copied the whole link.');
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const Attachment = Type.Object({ fileName: Type.String(), mediaType: Type.String(), size: Type.Integer() });
const Question = Type.Object({
  id: Type.String(),
  text: Type.String(),
  askedAt: Type.String({ format: 'date-time' }),
  answer: Type.Optional(Type.Object({ text: Type.String(), at: Type.String({ format: 'date-time' }), attachments: Type.Array(Attachment) })),
});
const problem = { $ref: 'Problem#' } as const;

/** A refused part of the form, answered as problem+json naming the field or the file. */
class Refused extends Error {
  readonly status: number;
  readonly path: string;
  constructor(status: number, path: string, message: string) {
    super(message);
    this.status = status;
    this.path = path;
  }
}

export function registerApplicantQuestionRoutes(app: Server, deps: { links: StatusLinks; questions: () => ApplicantQuestionsPort | undefined; throttle: Throttle }) {
  const port = () => {
    const questions = deps.questions();
    if (!questions) throw new DomainError('unavailable', 'Questions cannot be answered here right now.');
    return questions;
  };

  app.get(
    '/api/store/partner-requests/status/:token/answers',
    {
      schema: {
        tags: ['Storefront'],
        summary: "The partner team's questions on a request, with the applicant's answers (secret link, no sign-in)",
        security: [],
        params: Type.Object({ token: Type.String({ maxLength: 100 }) }),
        response: {
          200: Type.Object({
            waitingForApplicant: Type.Boolean({ description: 'A question is unanswered: the case is WaitingForApplicant' }),
            questions: Type.Array(Question),
          }),
          404: problem,
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const requestId = await deps.links.resolve(request.params.token);
      if (!requestId) throw notValid();
      const questions = await port().list(requestId);
      return { waitingForApplicant: questions.some((q) => !q.answer), questions };
    },
  );

  // Multipart is parsed only in this scope, with tight limits: the rest of the API takes JSON alone.
  void app.register(async (plugin) => {
    const scope = plugin as unknown as Server;
    await scope.register(fastifyMultipart, {
      // A file over the limit is cut and marked truncated (then refused below, naming it) instead of failing the form.
      throwFileSizeLimit: false,
      limits: { fileSize: maxFileBytes, files: maxFiles, fields: 4, fieldSize: 4 * maxAnswerLength, parts: maxFiles + 4, headerPairs: 50 },
    });
    scope.post(
      '/api/store/partner-requests/status/:token/answers',
      {
        schema: {
          tags: ['Storefront'],
          summary: 'Answer a question of the partner team, with up to 3 files (secret link, no sign-in)',
          description:
            'multipart/form-data: `questionId`, `text` (1–5,000 characters) and up to 3 `files`. Files must be PDF, PNG or JPEG by their content (the name and the declared type are ignored), at most 5 MB each: 413 or 415 naming the file otherwise, and nothing is stored.',
          security: [],
          consumes: ['multipart/form-data'],
          params: Type.Object({ token: Type.String({ maxLength: 100 }) }),
          response: { 204: Type.Null(), 400: problem, 404: problem, 409: problem, 413: problem, 415: problem, 429: problem },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        if (!request.isMultipart()) return sendProblem(reply, 415, 'Send the answer as multipart/form-data.');
        const requestId = await deps.links.resolve(request.params.token);
        if (!requestId) throw notValid();
        // Uploads cost storage: a few dozen answers per address and window, and per link, are plenty for a person.
        await deps.throttle.hit({ bucket: 'status-answer-address', key: request.ip, limit: 30 }, { bucket: 'status-answer-link', key: requestId, limit: 20 });
        const fields: Record<string, string> = {};
        const files: AnswerFile[] = [];
        let refused: Refused | undefined;
        try {
          for await (const part of request.parts()) {
            if (part.type === 'field') {
              if (typeof part.value === 'string') fields[part.fieldname] = part.value;
              continue;
            }
            const name = part.filename || 'file';
            // Read every file to its end (or the limit) so the whole form is taken in, then refuse at once.
            let bytes: Buffer | undefined;
            try {
              bytes = await part.toBuffer();
            } catch {
              refused ??= new Refused(413, `files.${name}`, `The file "${name}" is larger than 5 MB.`);
              continue;
            }
            if (part.file.truncated) refused ??= new Refused(413, `files.${name}`, `The file "${name}" is larger than 5 MB.`);
            else if (part.fieldname !== 'files') refused ??= new Refused(400, part.fieldname, `Send files in the field "files", not "${part.fieldname}".`);
            else if (!sniffFileType(bytes)) refused ??= new Refused(415, `files.${name}`, `The file "${name}" is not a PDF, PNG or JPEG (judged by its content, not its name).`);
            else files.push({ fileName: name, claimedType: part.mimetype, bytes });
          }
        } catch (error) {
          const code = (error as { code?: string }).code ?? '';
          if (code === 'FST_REQ_FILE_TOO_LARGE') throw new Refused(413, 'files', 'A file is larger than 5 MB.');
          if (code === 'FST_FILES_LIMIT') throw new Refused(413, 'files', `Attach at most ${maxFiles} files.`);
          if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw new Refused(413, 'files', 'The form has too many parts.');
          if (code.startsWith('FST_')) throw new Refused(400, 'files', 'The form could not be read. Send it as multipart/form-data.');
          throw error;
        }
        if (refused) return sendProblem(reply, refused.status, refused.message, [{ path: refused.path, message: refused.message }]);
        const questionId = fields.questionId ?? '';
        const text = (fields.text ?? '').trim();
        if (!uuidPattern.test(questionId)) throw DomainError.invalid('questionId', 'must be the id of a question');
        if (!text) throw DomainError.invalid('text', 'must not be empty');
        if (text.length > maxAnswerLength) throw DomainError.invalid('text', `must be at most ${maxAnswerLength} characters`);
        if (/\u0000/.test(text)) throw DomainError.invalid('text', 'must not contain a NUL character');
        await port().answer(requestId, { questionId: questionId.toLowerCase(), text, files });
        return reply.status(204).send(null);
      },
    );
    scope.setErrorHandler((error, _request, reply) => {
      if (error instanceof Refused) return sendProblem(reply, error.status, error.message, [{ path: error.path, message: error.message }]);
      throw error;
    });
  });
}
