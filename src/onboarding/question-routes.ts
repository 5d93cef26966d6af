// Questions to the applicant (staff): ask on a case, and download an answer's file — always as a download, typed as
// sniffed from its bytes, never rendered by the browser.
import { Type } from 'typebox';
import type { Server } from '../platform/http.ts';
import type { StaffService } from '../platform/staff.ts';
import { attachmentDisposition } from '../platform/file-types.ts';
import type { Questions } from './questions.ts';
import { maxQuestionLength } from './questions.ts';

const tags = ['Onboarding'];
// HQ staff, or the salesperson on the lead.
const roles = ['hq-operations', 'salesperson', 'sales-manager'] as const;
const problem = { $ref: 'Problem#' } as const;

export const QuestionSchema = Type.Object({
  id: Type.String(),
  text: Type.String(),
  askedBy: Type.String(),
  askedIn: Type.Union([Type.Literal('hq'), Type.Literal('sales')]),
  askedAt: Type.String({ format: 'date-time' }),
  answer: Type.Optional(
    Type.Object({
      text: Type.String(),
      at: Type.String({ format: 'date-time' }),
      attachments: Type.Array(Type.Object({ id: Type.String(), fileName: Type.String(), mediaType: Type.String({ description: 'Sniffed from the content' }), size: Type.Integer() })),
    }),
  ),
});

export function registerQuestionRoutes(app: Server, deps: { staff: StaffService; questions: Questions; onAsked: () => void }) {
  const { staff, questions } = deps;
  app.post(
    '/api/hq/onboarding-cases/:id/questions',
    {
      schema: {
        tags,
        summary: 'Ask the applicant a question: mailed with a fresh status link; the case waits for the applicant until it is answered',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object({ text: Type.String({ minLength: 1, maxLength: maxQuestionLength, pattern: '\\S' }) }, { additionalProperties: false }),
        response: { 201: QuestionSchema, 400: problem, 404: problem, 409: problem },
      },
    },
    async (request, reply) => {
      const user = await staff.authenticate(request, roles);
      const question = await questions.ask(request.params.id, request.body.text, { name: user.name || user.email, roles: user.roles });
      deps.onAsked();
      return reply.status(201).send(question);
    },
  );

  app.get(
    '/api/hq/onboarding-cases/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: "A file of the applicant's answer, as a download (Content-Disposition: attachment, nosniff, CSP default-src 'none')",
        params: Type.Object({ id: Type.String({ format: 'uuid' }), attachmentId: Type.String({ format: 'uuid' }) }),
        produces: ['application/pdf', 'image/png', 'image/jpeg'],
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), 404: problem },
      },
    },
    async (request, reply) => {
      await staff.authenticate(request, roles);
      const file = await questions.attachment(request.params.id, request.params.attachmentId);
      return reply
        .header('content-type', file.mediaType)
        .header('content-disposition', attachmentDisposition(file.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store')
        .send(file.bytes);
    },
  );
}
