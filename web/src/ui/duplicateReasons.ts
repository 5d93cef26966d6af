// Why two records may be the same company, in words: one text for HQ's prospects and the CRM's leads alike.
import i18next from 'i18next';

export type DuplicateReason = 'email' | 'domain' | 'vat' | 'name';

/** A reason as a person says it, in the current language (call it while rendering); a name's similarity as a percentage. */
export function duplicateReasonText(reason: DuplicateReason, nameSimilarity: number | undefined): string {
  switch (reason) {
    case 'email':
      return i18next.t('common:duplicateReasons.email');
    case 'domain':
      return i18next.t('common:duplicateReasons.domain');
    case 'vat':
      return i18next.t('common:duplicateReasons.vat');
    case 'name':
      return i18next.t('common:duplicateReasons.name', { percent: Math.round((nameSimilarity ?? 0) * 100) });
  }
}
