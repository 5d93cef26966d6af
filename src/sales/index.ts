// The sales context: the CRM. It knows nothing of HQ or the storefront; dual-write connects them. Only this file is public.
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../platform/db.ts';
import type { Server } from '../platform/http.ts';
import type { StaffService } from '../platform/staff.ts';
import { createLeads } from './lead.ts';
import { createOpportunities } from './opportunity.ts';
import { createParties } from './party.ts';
import { registerSalesRoutes } from './routes.ts';
import { createCrmSyncSide } from './dualwrite-side.ts';
import { createCaseFacts } from './case-facts.ts';
import { createLeadMatcher } from './duplicates.ts';

export type { LeadInput } from './lead.ts';
export type { Actor } from './rules.ts';
export type { SalesCaseFacts } from './case-facts.ts';

export interface SalesOptions {
  db: Db;
  log: FastifyBaseLogger;
  /** Qualification setting: create account, contact and opportunity by default upon qualifying. */
  createAllOnQualify?: boolean;
  /** While this says so, the lead matcher waits: work that goes before it (dual-write catching up). */
  matcherYieldsWhile?: () => boolean;
}

export function createSales(options: SalesOptions) {
  const leads = createLeads(options.db, { createAllOnQualify: options.createAllOnQualify ?? true });
  const opportunities = createOpportunities(options.db);
  const parties = createParties(options.db);
  // Possible duplicates of the leads dual-write makes: matched moments after they commit (background role only).
  const leadMatcher = createLeadMatcher(options.db, options.log, { yieldWhile: options.matcherYieldsWhile });
  return {
    leads,
    opportunities,
    parties,
    /** The CRM's side of dual-write. */
    syncSide: createCrmSyncSide(options.db, () => leadMatcher.kick()),
    leadMatcher,
    /** The lead, opportunity and their system notes for an onboarding case's prospect. */
    caseFacts: createCaseFacts(options.db),
    registerRoutes(app: Server, staff: StaffService) {
      registerSalesRoutes(app, { staff, leads, opportunities, parties });
    },
  };
}

export type Sales = ReturnType<typeof createSales>;
