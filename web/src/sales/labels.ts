// The CRM's words for its codes: views, sources, status reasons, stages.
export const leadViews = [
  { value: 'all-commerce-b2b-leads', label: 'All Commerce B2B leads' },
  { value: 'my-open-leads', label: 'My open leads' },
  { value: 'open-leads', label: 'Open leads' },
  { value: 'closed-leads', label: 'Closed leads' },
  { value: 'all-leads', label: 'All leads' },
] as const;

export const opportunityViews = [
  { value: 'my-open-opportunities', label: 'My open opportunities' },
  { value: 'open-opportunities', label: 'Open opportunities' },
  { value: 'closed-opportunities', label: 'Closed opportunities' },
  { value: 'all-opportunities', label: 'All opportunities' },
] as const;

export const leadSources = [
  { value: 'CommerceB2B', label: 'Commerce B2B' },
  { value: 'Web', label: 'Web' },
  { value: 'Phone', label: 'Phone' },
  { value: 'Email', label: 'E-mail' },
  { value: 'Referral', label: 'Referral' },
  { value: 'TradeShow', label: 'Trade show' },
  { value: 'Other', label: 'Other' },
] as const;

export const disqualifyReasons = [
  { value: 'Lost', label: 'Lost' },
  { value: 'CannotContact', label: 'Cannot contact' },
  { value: 'NoLongerInterested', label: 'No longer interested' },
  { value: 'Canceled', label: 'Canceled' },
] as const;

export const lostReasons = [
  { value: 'OutSold', label: 'Out-sold' },
  { value: 'Canceled', label: 'Canceled' },
] as const;

export const stages = ['Qualify', 'Develop', 'Propose', 'Close'] as const;

const reasonLabels: Record<string, string> = Object.fromEntries(
  [...leadSources, ...disqualifyReasons, ...lostReasons, { value: 'New', label: 'New' }, { value: 'Contacted', label: 'Contacted' }, { value: 'InProgress', label: 'In progress' }].map((o) => [o.value, o.label]),
);

export function label(code: string | null | undefined): string {
  if (!code) return '—';
  return reasonLabels[code] ?? code;
}
