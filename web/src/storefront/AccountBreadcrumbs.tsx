// The trail above every page of the partner's own area: back to My account, then where you are.
import { Anchor, Breadcrumbs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function AccountBreadcrumbs({ current }: { current: string }) {
  const { t } = useTranslation('storefront');
  return (
    <Breadcrumbs mb="sm" fz="sm">
      <Anchor component={Link} to="/my-account" size="sm">
        {t('layout.myAccount')}
      </Anchor>
      <Text span size="sm" c="dimmed">
        {current}
      </Text>
    </Breadcrumbs>
  );
}
