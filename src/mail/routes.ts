// Mail API: templates with preview and test, notification profiles, and the delivery log.
import { Type } from 'typebox';
import type { TSchema } from 'typebox';
import type { Server } from '../platform/http.ts';
import { page } from '../platform/http.ts';
import { CsvBody, csvProduces, exportBatchSize, sendCsv } from '../platform/csv.ts';
import { DateRangeQuery } from '../platform/list-query.ts';
import type { StaffService } from '../platform/staff.ts';
import type { Messages } from './messages.ts';
import type { Setup } from './setup.ts';
import { notificationTypes } from './template.ts';

const tags = ['Mail'];
const roles = ['hq-operations'] as const;
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Timestamp = Type.String({ format: 'date-time' });
const NotificationType = Type.Unsafe<(typeof notificationTypes)[number]>({ type: 'string', enum: [...notificationTypes] });
const Status = Type.Unsafe<'Queued' | 'Held' | 'Sent' | 'Failed' | 'Stored'>({ type: 'string', enum: ['Queued', 'Held', 'Sent', 'Failed', 'Stored'] });
/**
 * The delivery log's filters; the list adds paging, the CSV export takes them as they are. `to` was the recipient
 * (or subject) search before lists had dates, so the range here is `from` … `until`.
 */
const MessageFilterQuery = {
  to: Type.Optional(Type.String({ maxLength: 254, description: 'Part of the recipient or subject, in any case' })),
  status: Type.Optional(Status),
  type: Type.Optional(Type.String({ maxLength: 50 })),
  from: DateRangeQuery.from,
  until: Type.Optional(Type.String({ format: 'date', description: 'Queued on or before this day (UTC); not before `from`' })),
};

const Mode = Type.Union([Type.Literal('Send'), Type.Literal('Hold'), Type.Literal('Off')]);
const TemplateId = Type.Object({ id: Type.Integer({ minimum: 1 }) });
// Messages have a bigint id: any whole number JavaScript holds exactly.
const MessageId = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });
const Body = { subject: Type.String({ maxLength: 500 }), html: Type.String({ maxLength: 200_000 }), text: Type.String({ maxLength: 100_000 }) };

const Template = Type.Object({
  id: Type.Integer(),
  type: NotificationType,
  typeLabel: Type.String(),
  language: Type.String(),
  subject: Type.String(),
  html: Type.String(),
  text: Type.String(),
  placeholders: Type.Array(Type.String()),
  updatedBy: Nullable(Type.String()),
  updatedAt: Timestamp,
});
const Profile = Type.Object({
  id: Type.String(),
  name: Type.String(),
  channelId: Nullable(Type.String()),
  defaultLanguage: Type.String(),
  entries: Type.Array(Type.Object({ type: NotificationType, typeLabel: Type.String(), mode: Mode })),
});
const Message = Type.Object({
  id: Type.Integer(),
  to: Type.String(),
  subject: Type.String(),
  notificationType: Type.String(),
  language: Type.String(),
  status: Status,
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  messageId: Type.String(),
  sentAt: Nullable(Timestamp),
  nextAttemptAt: Nullable(Timestamp),
  createdAt: Timestamp,
});

const MessageDetail = Type.Intersect([
  Message,
  Type.Object({
    html: Type.String(),
    text: Type.String(),
    linksHidden: Type.Boolean({ description: 'The bodies carry masked invitation or reset links (an administrator can reveal those of a stored message)' }),
    reveals: Type.Array(Type.Object({ by: Type.String(), byId: Type.String(), at: Timestamp }), { description: 'Who revealed the links and when, newest first' }),
  }),
]);

export function registerMailRoutes(app: Server, deps: { staff: StaffService; setup: Setup; messages: Messages; smtp: boolean }) {
  const { staff, setup, messages } = deps;

  app.get('/api/mail/settings', { schema: { tags, summary: 'Whether messages leave the machine (SMTP) or stay in the local mailbox', response: { 200: Type.Object({ smtp: Type.Boolean() }) } } }, async (request) => {
    await staff.authenticate(request, roles);
    return { smtp: deps.smtp };
  });

  app.get('/api/mail/templates', { schema: { tags, summary: 'E-mail templates per notification type and language', response: { 200: Type.Array(Template) } } }, async (request) => {
    await staff.authenticate(request, roles);
    return setup.listTemplates();
  });
  app.get('/api/mail/templates/:id', { schema: { tags, summary: 'One template', params: TemplateId, response: { 200: Template } } }, async (request) => {
    await staff.authenticate(request, roles);
    return setup.getTemplate(request.params.id);
  });
  app.post(
    '/api/mail/templates',
    { schema: { tags, summary: 'Add a template for another language', body: Type.Object({ type: NotificationType, language: Type.String({ minLength: 2, maxLength: 10, pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,4})?$' }), ...Body }, { additionalProperties: false }), response: { 201: Template } } },
    async (request, reply) => {
      const user = await staff.authenticate(request, roles);
      return reply.code(201).send(await setup.createTemplate(request.body, user.name));
    },
  );
  app.put(
    '/api/mail/templates/:id',
    { schema: { tags, summary: 'Change a template; an unknown placeholder or an empty subject is refused', params: TemplateId, body: Type.Object(Body, { additionalProperties: false }), response: { 200: Template } } },
    async (request) => {
      const user = await staff.authenticate(request, roles);
      return setup.updateTemplate(request.params.id, request.body, user.name);
    },
  );
  app.post(
    '/api/mail/templates/preview',
    { schema: { tags, summary: 'Render a template with sample values', body: Type.Object({ type: NotificationType, ...Body }, { additionalProperties: false }), response: { 200: Type.Object(Body) } } },
    async (request) => {
      await staff.authenticate(request, roles);
      return setup.preview(request.body);
    },
  );
  app.post(
    '/api/mail/templates/:id/test',
    { schema: { tags, summary: 'Send the template with sample values to an address', params: TemplateId, body: Type.Object({ to: Type.String({ format: 'email', maxLength: 254 }) }, { additionalProperties: false }), response: { 202: Message } } },
    async (request, reply) => {
      await staff.authenticate(request, roles);
      const template = await setup.getTemplate(request.params.id);
      const rendered = setup.preview(template);
      const id = `test:${template.id}:${Date.now()}:${Math.random().toString(36).slice(2)}`;
      await messages.queue({ id, type: 'test', recipient: request.body.to, language: template.language, values: {}, rendered: { ...rendered, subject: `[Test] ${rendered.subject}` } });
      return reply.code(202).send(await messages.byEvent(id));
    },
  );

  app.get('/api/mail/profiles', { schema: { tags, summary: 'Notification profiles: which types are sent, held or off', response: { 200: Type.Array(Profile) } } }, async (request) => {
    await staff.authenticate(request, roles);
    return setup.listProfiles();
  });
  app.put(
    '/api/mail/profiles/:id/entries/:type',
    { schema: { tags, summary: 'Send a notification type at once, hold it for review, or turn it off', params: Type.Object({ id: Type.String(), type: NotificationType }), body: Type.Object({ mode: Mode }, { additionalProperties: false }), response: { 200: Profile } } },
    async (request) => {
      await staff.authenticate(request, roles);
      return setup.setEntry(request.params.id, request.params.type, request.body.mode);
    },
  );

  app.get(
    '/api/mail/messages',
    {
      schema: {
        tags,
        summary: 'The delivery log',
        querystring: Type.Object({ ...MessageFilterQuery, limit: Type.Integer({ minimum: 1, maximum: 200, default: 25 }), offset: Type.Integer({ minimum: 0, default: 0 }) }),
        response: { 200: Type.Object({ items: Type.Array(Message), total: Type.Integer(), next: Type.Optional(Type.Integer()) }) },
      },
    },
    async (request) => {
      await staff.authenticate(request, roles);
      const q = request.query;
      return page(await messages.list(q), q.offset, q.limit);
    },
  );
  app.get(
    '/api/mail/messages/export.csv',
    {
      schema: {
        tags,
        summary: "The delivery log as CSV, with the log's filters",
        description: 'The whole filtered log, streamed (any length); UTF-8 with a byte order mark; cells that would start a spreadsheet formula begin with an apostrophe. Message bodies are not included.',
        querystring: Type.Object(MessageFilterQuery),
        produces: csvProduces,
        response: { 200: CsvBody },
      },
    },
    async (request, reply) => {
      await staff.authenticate(request, roles);
      return sendCsv(reply, 'delivery-log', (after) => messages.exportBatch(request.query, after, exportBatchSize), [
        { header: 'Message', value: (m) => m.id },
        { header: 'To', value: (m) => m.to },
        { header: 'Subject', value: (m) => m.subject },
        { header: 'Notification type', value: (m) => m.notificationType },
        { header: 'Language', value: (m) => m.language },
        { header: 'Status', value: (m) => m.status },
        { header: 'Attempts', value: (m) => m.attempts },
        { header: 'Last error', value: (m) => m.lastError },
        { header: 'Message-ID', value: (m) => m.messageId },
        { header: 'Queued', value: (m) => m.createdAt },
        { header: 'Sent', value: (m) => m.sentAt },
      ]);
    },
  );
  app.get(
    '/api/mail/messages/:id',
    { schema: { tags, summary: 'One message with its rendered HTML and text; invitation and reset links are masked', params: MessageId, response: { 200: MessageDetail } } },
    async (request) => {
      await staff.authenticate(request, roles);
      return messages.get(request.params.id);
    },
  );
  app.post(
    '/api/mail/messages/:id/reveal',
    {
      schema: {
        tags,
        summary: 'Administrators: a stored (unsent) message with its links; the reveal is recorded',
        description: 'Without SMTP the recipient cannot receive the message, so an administrator may pass its link on. Every call is recorded (who, when) and listed in `reveals`.',
        params: MessageId,
        response: { 200: MessageDetail },
      },
    },
    async (request) => {
      const user = await staff.authenticate(request, ['administrator']);
      return messages.reveal(request.params.id, user);
    },
  );
  for (const action of ['resend', 'release'] as const) {
    app.post(`/api/mail/messages/:id/${action}`, { schema: { tags, summary: action === 'resend' ? 'Send a message again' : 'Release a held message', params: MessageId, response: { 200: Message } } }, async (request) => {
      await staff.authenticate(request, roles);
      return messages[action]((request.params as { id: number }).id);
    });
  }
}
