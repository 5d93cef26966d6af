// The mail context: notification profiles, templates, the delivery log and the SMTP worker. Only this file is public.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../platform/config.ts';
import type { Db } from '../platform/db.ts';
import type { Server } from '../platform/http.ts';
import type { StaffService } from '../platform/staff.ts';
import { createMessages } from './messages.ts';
import { createRelay } from './relay.ts';
import type { MailEventSource } from './relay.ts';
import { createSender } from './sender.ts';
import { createSetup } from './setup.ts';
import { registerMailRoutes } from './routes.ts';
import { notifyOtherProcesses } from '../platform/change-signal.ts';

export type { Notification } from './messages.ts';
export type { MailEventSource } from './relay.ts';
export type { NotificationType } from './template.ts';

export interface MailOptions {
  db: Db;
  config: Pick<Config, 'smtpUrl' | 'smtpRejectUnauthorized' | 'mailFrom' | 'mailRetryBaseMs' | 'mailMaxAttempts' | 'channelId'>;
  log: FastifyBaseLogger;
  sources: MailEventSource[];
  /** False in a web-only process: a message queued by a request (resend, release) is sent by the worker. */
  sends?: boolean;
}

export function createMail(options: MailOptions) {
  const { config } = options;
  const smtp = Boolean(config.smtpUrl);
  const fromDomain = /@([^>\s]+)/.exec(config.mailFrom)?.[1] ?? 'handshake.local';
  const sender = config.smtpUrl
    ? createSender({ db: options.db, log: options.log, smtpUrl: config.smtpUrl, rejectUnauthorized: config.smtpRejectUnauthorized, from: config.mailFrom, retryBaseMs: config.mailRetryBaseMs, maxAttempts: config.mailMaxAttempts })
    : undefined;
  const sends = options.sends ?? true;
  const onQueued = () => {
    if (sends) return sender?.kick();
    notifyOtherProcesses(options.db, 'mail').catch((error: unknown) => options.log.warn({ err: error }, 'could not signal the worker; it sends at its next look'));
  };
  const messages = createMessages(options.db, { smtp, fromDomain, onQueued });
  const setup = createSetup(options.db);
  const relay = createRelay(options.sources, messages, options.log);
  return {
    messages,
    /** The messages to one address, oldest first, for an onboarding case's timeline. */
    messagesTo: messages.to,
    /** Another context's notification, e.g. a sync alert; idempotent by its id. */
    notify: messages.queue,
    setUp: () => setup.seed(config.channelId),
    /** Something committed an event: read it now rather than at the next poll. */
    kick: () => relay.kick(),
    /** Another process queued a message: send it now. */
    kickSender: () => sender?.kick(),
    start() {
      relay.start();
      sender?.start();
    },
    async stop() {
      await relay.stop();
      await sender?.stop();
    },
    registerRoutes(app: Server, staff: StaffService) {
      registerMailRoutes(app, { staff, setup, messages, smtp });
    },
  };
}

export type Mail = ReturnType<typeof createMail>;
