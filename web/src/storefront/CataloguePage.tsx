// Products: the catalogue a signed-in partner user buys from — Active products with their organization's prices and the
// quantities each may be ordered in. Search and page are kept in the address.
import { Card, Container, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconPackage } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import type { components } from '../api/schema.d.ts';
import { Empty } from '../ui/Empty.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatMoney, quantityRule } from '../ui/format.ts';
import { Pager } from '../ui/Pager.tsx';
import { SearchInput } from '../ui/SearchInput.tsx';
import { toOffset, useQueryParams } from '../ui/useQueryParams.ts';
import { ProductAddToCart } from './AddToCart.tsx';
import { useSignedInPartner } from './PartnerArea.tsx';
import { useStoreName } from './useStoreName.ts';
import { AccountBreadcrumbs } from './AccountBreadcrumbs.tsx';

type CatalogueProduct = components['schemas']['CatalogueProduct'];

export const catalogueKey = ['store', 'products'] as const;
const limit = 24;

export function CataloguePage() {
  const { t } = useTranslation('storefront');
  const storeName = useStoreName();
  useDocumentTitle(`${t('catalogue.title')} · ${storeName}`);
  const { organization } = useSignedInPartner();
  const [filters, setFilters] = useQueryParams({ search: '', offset: '0' });
  const search = filters.search.trim();
  const offset = toOffset(filters.offset);

  const products = useQuery({
    queryKey: [...catalogueKey, { search, offset }],
    queryFn: () => unwrap(api.GET('/api/store/products', { params: { query: { ...(search ? { search } : {}), limit, offset } } })),
    placeholderData: keepPreviousData,
  });
  const onSearch = useCallback((value: string) => setFilters({ search: value, offset: '0' }), [setFilters]);

  return (
    <Container size="lg" py={40}>
      <AccountBreadcrumbs current={t('catalogue.title')} />
      <Group justify="space-between" align="flex-end" mb="lg" wrap="wrap" gap="md">
        <Stack gap={4}>
          <Title order={1}>{t('catalogue.title')}</Title>
          <Text c="dimmed">{t('catalogue.intro', { organization: organization.name })}</Text>
        </Stack>
        <SearchInput value={search} onSearch={onSearch} label={t('catalogue.search')} placeholder={t('catalogue.searchPlaceholder')} />
      </Group>
      {products.data && products.isError ? <ErrorAlert error={products.error} title={t('catalogue.refreshFailed')} /> : null}
      {!products.data ? (
        products.isError ? (
          <ErrorAlert error={products.error} title={t('catalogue.loadFailed')} />
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="lg" aria-busy="true" aria-label={t('catalogue.loading')}>
            {[0, 1, 2].map((n) => (
              <Skeleton key={n} height={160} radius="md" />
            ))}
          </SimpleGrid>
        )
      ) : products.data.items.length === 0 ? (
        <Card withBorder radius="md">
          <Empty
            icon={<IconPackage size={24} />}
            title={search ? t('catalogue.noneMatch') : t('catalogue.none')}
            description={search ? t('catalogue.noneMatchHint') : t('catalogue.noneHint')}
          />
        </Card>
      ) : (
        <>
          <SimpleGrid component="ul" cols={{ base: 1, sm: 2, md: 3 }} spacing="lg" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('catalogue.title')}>
            {products.data.items.map((product) => (
              <ProductCard key={product.itemNumber} product={product} />
            ))}
          </SimpleGrid>
          <Pager total={products.data.total} limit={limit} offset={offset} onOffsetChange={(o) => setFilters({ offset: String(o) })} />
        </>
      )}
    </Container>
  );
}

function ProductCard({ product }: { product: CatalogueProduct }) {
  const { t } = useTranslation('storefront');
  const headingId = `product-${product.itemNumber}`;
  return (
    <Card component="li" withBorder radius="md" padding="lg" aria-labelledby={headingId}>
      <Stack gap="xs" h="100%">
        <Title order={2} fz="lg" id={headingId} style={{ overflowWrap: 'anywhere' }}>
          {product.name}
        </Title>
        <Text size="sm" c="dimmed">
          {t('catalogue.item')} <Text span ff="monospace">{product.itemNumber}</Text> · {t('catalogue.perUnit', { unit: product.unit })}
        </Text>
        {product.description ? (
          <Text size="sm" lineClamp={3}>
            {product.description}
          </Text>
        ) : null}
        <Group justify="space-between" align="flex-end" mt="auto" wrap="wrap" gap="xs">
          <Text fw={700} fz="xl">
            {formatMoney(product.price, product.currency)}
            <Text span size="sm" c="dimmed" fw={400}>
              {' '}
              / {product.unit}
            </Text>
          </Text>
          <Text size="sm">{quantityRule(product)}</Text>
        </Group>
        <ProductAddToCart product={product} />
      </Stack>
    </Card>
  );
}
