// The sales CRM's pages, one chunk of the build; they share the back office's layout (hq/HqLayout.tsx), not its pages.
export { LeadDetailPage } from './LeadDetailPage.tsx';
export { LeadsPage } from './LeadsPage.tsx';
export { OpportunitiesPage } from './OpportunitiesPage.tsx';
export { OpportunityDetailPage } from './OpportunityDetailPage.tsx';
export { PartiesPage } from './PartiesPage.tsx';
export { PartyDetailPage } from './PartyDetailPage.tsx';
