// The CRM's codes: views, sources, status reasons, stages. Their words are in the sales texts (views.*, codes.*,
// stages.*), looked up when a page renders so that they follow the current language.
import i18next from 'i18next';

export const leadViews = [
  { value: 'all-commerce-b2b-leads' },
  { value: 'my-open-leads' },
  { value: 'open-leads' },
  { value: 'closed-leads' },
  { value: 'all-leads' },
] as const;

export const opportunityViews = [{ value: 'my-open-opportunities' }, { value: 'open-opportunities' }, { value: 'closed-opportunities' }, { value: 'all-opportunities' }] as const;

export const leadSources = ['CommerceB2B', 'Web', 'Phone', 'Email', 'Referral', 'TradeShow', 'Other'] as const;

export const disqualifyReasons = ['Lost', 'CannotContact', 'NoLongerInterested', 'Canceled'] as const;

export const lostReasons = ['OutSold', 'Canceled'] as const;

export const stages = ['Qualify', 'Develop', 'Propose', 'Close'] as const;

/** A view's name in the current language. */
export function viewLabel(view: string): string {
  return i18next.t(`sales:views.${view}`, { defaultValue: view });
}

/** A source or status reason in words; an unknown code shows as itself. */
export function label(code: string | null | undefined): string {
  if (!code) return '—';
  return i18next.t(`sales:codes.${code}`, { defaultValue: code });
}

/** A stage of the opportunity's process in words. */
export function stageLabel(stage: string): string {
  return i18next.t(`sales:stages.${stage}`, { defaultValue: stage });
}

/** Options for a NativeSelect of codes, in the current language. */
export function codeOptions(codes: readonly string[]): { value: string; label: string }[] {
  return codes.map((code) => ({ value: code, label: label(code) }));
}
