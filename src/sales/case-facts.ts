// The CRM's part of an onboarding case: the lead made from the case's prospect, its system notes (created by
// dual-write, qualified, disqualified, reactivated), the opportunity it was qualified into and how that closed.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../platform/db.ts';
import { leads, notes, opportunities, opportunityCloses } from './schema.ts';
import { duplicatesOfLead } from './duplicates.ts';
import type { LeadDuplicate } from './duplicates.ts';

export interface SalesCaseFacts {
  lead: { id: string; createdAt: string; state: string; statusReason: string } | null;
  /** System notes of the lead and its opportunity, oldest first. */
  notes: { at: string; text: string; author: string }[];
  opportunity: { id: string; name: string; createdAt: string; state: string } | null;
  closes: { at: string; outcome: string; statusReason: string; by: string }[];
  /** The lead's possible duplicates in the CRM (other leads, contacts, accounts) found when it was created. */
  possibleDuplicates: LeadDuplicate[];
}

export function createCaseFacts(db: Db) {
  return async function caseFacts(prospectId: string): Promise<SalesCaseFacts> {
    const [lead] = await db.select().from(leads).where(eq(leads.prospectId, prospectId));
    if (!lead) return { lead: null, notes: [], opportunity: null, closes: [], possibleDuplicates: [] };
    const [opportunity] = await db.select().from(opportunities).where(eq(opportunities.originatingLeadId, lead.id));
    const regarding = [lead.id, ...(opportunity ? [opportunity.id] : [])];
    const system = await db
      .select()
      .from(notes)
      .where(and(eq(notes.kind, 'system'), inArray(notes.regardingId, regarding)))
      .orderBy(asc(notes.createdAt));
    const closes = opportunity ? await db.select().from(opportunityCloses).where(eq(opportunityCloses.opportunityId, opportunity.id)).orderBy(asc(opportunityCloses.createdAt)) : [];
    return {
      lead: { id: lead.id, createdAt: lead.createdAt.toISOString(), state: lead.state, statusReason: lead.statusReason },
      notes: system.map((n) => ({ at: n.createdAt.toISOString(), text: n.text, author: n.author })),
      opportunity: opportunity ? { id: opportunity.id, name: opportunity.name, createdAt: opportunity.createdAt.toISOString(), state: opportunity.state } : null,
      closes: closes.map((c) => ({ at: c.createdAt.toISOString(), outcome: c.outcome, statusReason: c.statusReason, by: c.createdBy })),
      possibleDuplicates: await duplicatesOfLead(db, lead.id),
    };
  };
}
