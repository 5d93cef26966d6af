// Words for onboarding cases, the same on the case page, the work queue and the links to a case.
import type { paths } from '../../api/schema.d.ts';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
export type CaseDetail = Json<paths['/api/hq/onboarding-cases/{id}']['get']['responses'][200]>;
export type CaseSummary = Json<paths['/api/hq/onboarding-cases']['get']['responses'][200]>['items'][number];
export type CaseFunnel = Json<paths['/api/hq/onboarding-cases/funnel']['get']['responses'][200]>;
export type CaseTimelineEntry = CaseDetail['timeline'][number];
export type CaseQueueStatus = NonNullable<NonNullable<paths['/api/hq/onboarding-cases']['get']['parameters']['query']>['status']>;

export const caseStatuses: readonly CaseQueueStatus[] = ['Received', 'InReview', 'WaitingForApplicant', 'Approved', 'Rejected'];

/** Which system did a step, in words (the badge's colour only repeats it). */
export const systemLabels: Record<CaseTimelineEntry['context'], { label: string; color: string }> = {
  storefront: { label: 'Store', color: 'grape' },
  hq: { label: 'HQ', color: 'blue' },
  sales: { label: 'CRM', color: 'teal' },
  dualwrite: { label: 'Dual-write', color: 'cyan' },
  mail: { label: 'Mail', color: 'gray' },
};

const dayMs = 24 * 3600 * 1000;

/** How long a case has been open, in whole units: "3 days", "5 hours", "12 minutes", "just opened". */
export function age(openedAt: string, now: number): string {
  const ms = Math.max(0, now - new Date(openedAt).getTime());
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (ms >= dayMs) return plural(Math.floor(ms / dayMs), 'day');
  if (ms >= 3600_000) return plural(Math.floor(ms / 3600_000), 'hour');
  if (ms >= 60_000) return plural(Math.floor(ms / 60_000), 'minute');
  return 'just opened';
}

/** A time to decision in the largest sensible unit: "2.5 days", "3 hours", "1 minute". */
export function durationText(seconds: number | undefined): string {
  if (seconds === undefined) return '—';
  const unit = (n: number, name: string) => `${n} ${name}${n === 1 ? '' : 's'}`;
  const tenths = (n: number) => Math.round(n * 10) / 10;
  if (seconds >= 86_400) return unit(tenths(seconds / 86_400), 'day');
  if (seconds >= 3600) return unit(tenths(seconds / 3600), 'hour');
  if (seconds >= 60) return unit(Math.round(seconds / 60), 'minute');
  return unit(seconds, 'second');
}
