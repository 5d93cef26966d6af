// The hq context: Commerce headquarters, the back office. Only this file is public.
import type { CaseQueue } from './prospect.ts';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../platform/db.ts';
import type { Server } from '../platform/http.ts';
import type { StaffService } from '../platform/staff.ts';
import { createProspects } from './prospect.ts';
import { createDuplicates } from './duplicates.ts';
import { createCustomers } from './customer.ts';
import { createPartnerUsers } from './partner-users.ts';
import { createDistribution } from './distribution.ts';
import type { ChannelConnection, JobCode } from './distribution.ts';
import { createNumberSequences } from './number-sequence.ts';
import { createOnlineStores } from './online-store.ts';
import { createProducts } from './product.ts';
import { registerProductRoutes } from './product-routes.ts';
import { createSalesOrders } from './sales-order.ts';
import { registerSalesOrderRoutes } from './sales-order-routes.ts';
import { registerHqRoutes } from './routes.ts';
import { registerHqExportRoutes } from './export-routes.ts';
import { createHqSyncSide } from './dualwrite-side.ts';
import { createMailFeed } from './mail-events.ts';
import { createCaseDecisions, createCaseFacts, createCaseFeed } from './case-events.ts';

export type { ChannelConnection, JobCode } from './distribution.ts';
export type { ApprovalResult, ProspectView } from './prospect.ts';
export type { MailEvent } from './mail-events.ts';
export type { CaseIntake, HqCaseFacts } from './case-events.ts';
export type { OrganizationRecord, PartnerUserRecord, OrganizationUserChange } from './partner-users.ts';

export interface HqOptions {
  db: Db;
  channel: ChannelConnection;
  channelId: string;
  publicUrl: string;
  distributionMode: 'near-real-time' | 'schedule' | 'off';
  distributionPollMs?: number;
  /** False in a web-only process (see DistributionOptions). */
  runsJobs?: boolean;
  log: FastifyBaseLogger;
  /** The onboarding context's work queue, for All prospects' case-status filter (created after HQ, hence a function). */
  caseQueue?: () => CaseQueue | undefined;
}

export function createHq(options: HqOptions) {
  const distribution = createDistribution({
    db: options.db,
    channel: options.channel,
    mode: options.distributionMode,
    log: options.log,
    ...(options.runsJobs === false ? { runsJobs: false } : {}),
    ...(options.distributionPollMs ? { pollMs: options.distributionPollMs } : {}),
  });
  const kick = (code: JobCode) => () => distribution.kick(code);
  const prospects = createProspects(options.db, kick('1010'), options.caseQueue);
  const customers = createCustomers(options.db);
  const partnerUsers = createPartnerUsers(options.db, options.channelId, kick('1010'));
  const numberSequences = createNumberSequences(options.db);
  const onlineStores = createOnlineStores(options.db, kick('1070'));
  const products = createProducts(options.db, kick('1040'));
  const salesOrders = createSalesOrders(options.db, kick('1010'));

  return {
    prospects,
    customers,
    partnerUsers,
    distribution,
    /** Events that cause e-mail, for the mail context. */
    mailFeed: createMailFeed(options.db),
    /** Partner requests arriving, for the onboarding context, and what HQ did with each. */
    caseFeed: createCaseFeed(options.db),
    caseFacts: createCaseFacts(options.db),
    caseDecisions: createCaseDecisions(options.db),
    /** HQ's side of dual-write. */
    syncSide: createHqSyncSide(options.db, prospects),
    /** First-start setup: number sequences, distribution jobs and the B2B online store. */
    async setUp(exclusive: boolean) {
      await numberSequences.seed();
      await distribution.seed(exclusive);
      await onlineStores.seed(options.channelId, options.publicUrl);
    },
    registerRoutes(app: Server, staff: StaffService) {
      registerHqRoutes(app, {
        staff,
        prospects,
        duplicates: createDuplicates(options.db),
        customers,
        partnerUsers,
        distribution,
        numberSequences,
        onlineStores,
        channelUsers: options.channel.partnerUserStatuses?.bind(options.channel),
      });
      registerProductRoutes(app, { staff, products });
      registerSalesOrderRoutes(app, { staff, salesOrders });
      registerHqExportRoutes(app, { staff, prospects, customers, distribution, salesOrders, products });
    },
  };
}

export type Hq = ReturnType<typeof createHq>;
