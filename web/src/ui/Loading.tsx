// What shows while a part of the app (storefront, HQ, CRM) is still being downloaded.
import { Center, Loader, Progress, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigation } from 'react-router';

/** The first paint while the page's code loads: a spinner that screen readers announce. */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <Center mih="60vh" role="status" aria-live="polite">
      <Loader aria-hidden="true" />
      <VisuallyHidden>{t('ui.loadingPage')}</VisuallyHidden>
    </Center>
  );
}

/** A bar across the top while a link waits for its page's code; the current page stays until it arrives. */
export function NavigationProgress() {
  const { t } = useTranslation();
  const loading = useNavigation().state === 'loading';
  return (
    <div role="status" aria-live="polite">
      {loading && (
        <>
          <Progress value={100} animated size="xs" radius={0} pos="fixed" top={0} left={0} right={0} style={{ zIndex: 1000 }} aria-hidden="true" />
          <VisuallyHidden>{t('ui.loadingPage')}</VisuallyHidden>
        </>
      )}
    </div>
  );
}
