// The storefront context: the B2B online store and its channel database. Only this file is public.
import type { Db } from '../platform/db.ts';
import type { Server } from '../platform/http.ts';
import type { SessionStore } from '../platform/sessions.ts';
import type { Throttle } from '../platform/throttle.ts';
import { createPartnerRequests } from './partner-request.ts';
import type { PartnerRequestSettings } from './partner-request.ts';
import { createChannelDatabase } from './channel.ts';
import { registerStorefrontRoutes } from './routes.ts';
import { createPartnerAccounts, createStorefrontMailFeed } from './partner-accounts.ts';
import type { PartnerAccountSettings } from './partner-accounts.ts';
import { createOrganizationUsers } from './organization-users.ts';
import { registerAccountRoutes } from './account-routes.ts';
import { createCatalogue } from './catalogue.ts';
import { registerCatalogueRoutes } from './catalogue-routes.ts';
import { createOrdering } from './ordering.ts';
import { registerOrderingRoutes } from './ordering-routes.ts';
import { createCaseFacts } from './case-facts.ts';
import { createStatusLinks, registerApplicantQuestionRoutes } from './applicant-questions.ts';
import type { ApplicantQuestionsPort } from './applicant-questions.ts';
export type { ApplicantQuestionsPort, ApplicantQuestion, AnswerFile } from './applicant-questions.ts';
export type { StorefrontCaseFacts } from './case-facts.ts';

export type { ChannelDatabase, UploadRecord, DownloadRecord } from './channel.ts';
export type { PartnerRequestPayload } from './partner-request.ts';

export interface StorefrontOptions extends PartnerRequestSettings, PartnerAccountSettings {
  db: Db;
  throttle: Throttle;
  sessions: SessionStore;
  secureCookies: boolean;
  /** Called after a channel record is queued for upload, so P-0001 can run at once. */
  onUploadQueued: () => void;
  /** The onboarding context's questions, answered on the status page (connected once it exists). */
  applicantQuestions?: () => ApplicantQuestionsPort | undefined;
}

export function createStorefront(options: StorefrontOptions) {
  const requests = createPartnerRequests(options.db, options.throttle, options, options.onUploadQueued);
  const channelDatabase = createChannelDatabase(options.db, options.sessions);
  const accounts = createPartnerAccounts(options.db, options.sessions, options.throttle, options);
  const catalogue = createCatalogue(options.db);
  const ordering = createOrdering(options.db, options.channelId, options.onUploadQueued);
  const users = createOrganizationUsers(options.db, options.sessions, options.throttle, options.channelId, options.onUploadQueued);
  const statusLinks = createStatusLinks(options.db);
  return {
    channelDatabase,
    /** The request as submitted and the partner's first steps, for an onboarding case. */
    caseFacts: createCaseFacts(options.db),
    /** Events that cause e-mail (password reset, invitation, orders), for the mail context. */
    mailFeed: createStorefrontMailFeed(options.db),
    /** A fresh status link for a request's applicant, for mail about a question (the first link's token is not kept). */
    issueStatusLink: statusLinks.issue,
    registerRoutes(app: Server) {
      registerStorefrontRoutes(app, requests);
      registerAccountRoutes(app, { accounts, users, secureCookies: options.secureCookies });
      registerCatalogueRoutes(app, { accounts, catalogue });
      registerOrderingRoutes(app, { accounts, ordering });
      registerApplicantQuestionRoutes(app, { links: statusLinks, questions: () => options.applicantQuestions?.(), throttle: options.throttle });
    },
  };
}

export type Storefront = ReturnType<typeof createStorefront>;
