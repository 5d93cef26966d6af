// Words for onboarding cases, the same on the case page, the work queue and the links to a case.
import i18next from 'i18next';
import type { paths } from '../../api/schema.d.ts';
import { currentLocale } from '../../ui/format.ts';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
export type CaseDetail = Json<paths['/api/hq/onboarding-cases/{id}']['get']['responses'][200]>;
export type CaseSummary = Json<paths['/api/hq/onboarding-cases']['get']['responses'][200]>['items'][number];
export type CaseFunnel = Json<paths['/api/hq/onboarding-cases/funnel']['get']['responses'][200]>;
export type CaseTimelineEntry = CaseDetail['timeline'][number];
export type CaseQueueStatus = NonNullable<NonNullable<paths['/api/hq/onboarding-cases']['get']['parameters']['query']>['status']>;

export const caseStatuses: readonly CaseQueueStatus[] = ['Received', 'InReview', 'WaitingForApplicant', 'Approved', 'Rejected'];

/** Which system did a step: the badge's colour only repeats its name (hq:onboarding.systems.<context>). */
export const systemColors: Record<CaseTimelineEntry['context'], string> = {
  storefront: 'grape',
  hq: 'blue',
  sales: 'teal',
  dualwrite: 'cyan',
  mail: 'gray',
};

/** The system's name in the current language (call it while rendering). */
export function systemLabel(context: CaseTimelineEntry['context']): string {
  return context in systemColors ? i18next.t(`hq:onboarding.systems.${context}`) : context;
}

const dayMs = 24 * 3600 * 1000;

// "3 days", "2.5 hours" in the current language (hq:onboarding.units.*, plural by count); call these while rendering.
const unit = (count: number, name: 'day' | 'hour' | 'minute' | 'second') =>
  i18next.t(`hq:onboarding.units.${name}`, { count, n: new Intl.NumberFormat(currentLocale(), { maximumFractionDigits: 1 }).format(count) });

/** How long a case has been open, in whole units: "3 days", "5 hours", "12 minutes", "just opened". */
export function age(openedAt: string, now: number): string {
  const ms = Math.max(0, now - new Date(openedAt).getTime());
  if (ms >= dayMs) return unit(Math.floor(ms / dayMs), 'day');
  if (ms >= 3600_000) return unit(Math.floor(ms / 3600_000), 'hour');
  if (ms >= 60_000) return unit(Math.floor(ms / 60_000), 'minute');
  return i18next.t('hq:onboarding.justOpened');
}

/** A time to decision in the largest sensible unit: "2.5 days", "3 hours", "1 minute". */
export function durationText(seconds: number | undefined): string {
  if (seconds === undefined) return '—';
  const tenths = (n: number) => Math.round(n * 10) / 10;
  if (seconds >= 86_400) return unit(tenths(seconds / 86_400), 'day');
  if (seconds >= 3600) return unit(tenths(seconds / 3600), 'hour');
  if (seconds >= 60) return unit(Math.round(seconds / 60), 'minute');
  return unit(seconds, 'second');
}
