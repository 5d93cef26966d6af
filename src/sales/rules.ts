// The CRM's state rules as pure functions: each returns the change to make, or throws a DomainError saying why not.
import { DomainError } from '../platform/errors.ts';

export const leadStates = ['Open', 'Qualified', 'Disqualified'] as const;
export type LeadState = (typeof leadStates)[number];
export const leadStatusReasons = {
  Open: ['New', 'Contacted'],
  Qualified: ['Qualified'],
  Disqualified: ['Lost', 'CannotContact', 'NoLongerInterested', 'Canceled'],
} as const;
export type DisqualifyReason = (typeof leadStatusReasons.Disqualified)[number];
export type LeadStatusReason = (typeof leadStatusReasons)[LeadState][number];

export const opportunityStages = ['Qualify', 'Develop', 'Propose', 'Close'] as const;
export type OpportunityStage = (typeof opportunityStages)[number];
export type OpportunityState = 'Open' | 'Won' | 'Lost';
export const opportunityStatusReasons = { Open: ['InProgress', 'OnHold'], Won: ['Won'], Lost: ['Canceled', 'OutSold'] } as const;

export const leadSources = ['CommerceB2B', 'Web', 'Phone', 'Email', 'Referral', 'TradeShow', 'Other'] as const;
export type LeadSource = (typeof leadSources)[number];

export interface LeadFacts {
  state: string;
  statusReason: string;
  opportunityId: string | null;
}

export interface OpportunityFacts {
  state: string;
}

export function qualify(lead: LeadFacts): { state: 'Qualified'; statusReason: 'Qualified' } {
  if (lead.state !== 'Open') throw new DomainError('conflict', `This lead is already ${lead.state.toLowerCase()}; only an open lead can be qualified.`, { leadState: lead.state });
  return { state: 'Qualified', statusReason: 'Qualified' };
}

export function disqualify(lead: LeadFacts, reason: DisqualifyReason): { state: 'Disqualified'; statusReason: DisqualifyReason } {
  if (lead.opportunityId) throw new DomainError('conflict', 'This lead has an opportunity, so it cannot be disqualified. Close the opportunity as lost instead.', { leadState: lead.state });
  if (lead.state !== 'Open') throw new DomainError('conflict', `This lead is already ${lead.state.toLowerCase()}; only an open lead can be disqualified.`, { leadState: lead.state });
  return { state: 'Disqualified', statusReason: reason };
}

export function reactivate(lead: LeadFacts): { state: 'Open'; statusReason: 'New' } {
  if (lead.state === 'Open') throw new DomainError('conflict', 'This lead is already open.', { leadState: lead.state });
  if (lead.opportunityId) throw new DomainError('conflict', 'This lead was qualified into an opportunity; work or reopen the opportunity instead.', { leadState: lead.state });
  return { state: 'Open', statusReason: 'New' };
}

export function setLeadStatus(lead: LeadFacts, statusReason: 'New' | 'Contacted'): { statusReason: 'New' | 'Contacted' } {
  if (lead.state !== 'Open') throw new DomainError('conflict', 'Only an open lead can be marked as new or contacted.', { leadState: lead.state });
  return { statusReason };
}

export function closeOpportunity(
  opportunity: OpportunityFacts,
  status: 'Won' | 'Lost',
  statusReason: string,
): { state: 'Won' | 'Lost'; statusReason: string; stage?: OpportunityStage } {
  if (opportunity.state !== 'Open') throw new DomainError('conflict', `This opportunity is already closed as ${opportunity.state.toLowerCase()}. Reopen it first.`, { opportunityState: opportunity.state });
  const allowed: readonly string[] = opportunityStatusReasons[status];
  if (!allowed.includes(statusReason)) throw DomainError.invalid('statusReason', `must be one of: ${allowed.join(', ')} when the opportunity is ${status.toLowerCase()}`);
  return status === 'Won' ? { state: 'Won', statusReason, stage: 'Close' } : { state: 'Lost', statusReason };
}

export function reopenOpportunity(opportunity: OpportunityFacts): { state: 'Open'; statusReason: 'InProgress' } {
  if (opportunity.state === 'Open') throw new DomainError('conflict', 'This opportunity is already open.', { opportunityState: opportunity.state });
  return { state: 'Open', statusReason: 'InProgress' };
}

export function assertOpen(opportunity: OpportunityFacts): void {
  if (opportunity.state !== 'Open') throw new DomainError('conflict', `This opportunity is closed as ${opportunity.state.toLowerCase()} and is read-only. Reopen it to change it.`, { opportunityState: opportunity.state });
}

export interface Actor {
  id: string;
  name: string;
  roles: readonly string[];
}

/** A sales manager edits everything; a salesperson edits own records and unowned Commerce B2B leads. */
export function canEdit(actor: Actor, record: { ownerId: string | null; source?: string | null }): boolean {
  if (actor.roles.includes('administrator') || actor.roles.includes('sales-manager')) return true;
  if (record.ownerId === actor.id) return true;
  return record.ownerId === null && record.source === 'CommerceB2B';
}

export function assertCanEdit(actor: Actor, record: { ownerId: string | null; source?: string | null }, what: string): void {
  if (!canEdit(actor, record)) throw new DomainError('forbidden', `You can change only your own ${what}s and unowned Commerce B2B leads; ask a sales manager.`);
}
