// Products: the catalogue a signed-in partner user buys from — Active products with their organization's prices and the
// quantities each may be ordered in. Search and page are kept in the address.
import { Card, Container, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconPackage } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
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
  const storeName = useStoreName();
  useDocumentTitle(`Products · ${storeName}`);
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
      <AccountBreadcrumbs current="Products" />
      <Group justify="space-between" align="flex-end" mb="lg" wrap="wrap" gap="md">
        <Stack gap={4}>
          <Title order={1}>Products</Title>
          <Text c="dimmed">Prices for {organization.name}, ordered on account.</Text>
        </Stack>
        <SearchInput value={search} onSearch={onSearch} label="Search products" placeholder="Item number or name" />
      </Group>
      {products.data && products.isError ? <ErrorAlert error={products.error} title="The list could not be refreshed" /> : null}
      {!products.data ? (
        products.isError ? (
          <ErrorAlert error={products.error} title="The products could not be loaded" />
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="lg" aria-busy="true" aria-label="Loading">
            {[0, 1, 2].map((n) => (
              <Skeleton key={n} height={160} radius="md" />
            ))}
          </SimpleGrid>
        )
      ) : products.data.items.length === 0 ? (
        <Card withBorder radius="md">
          <Empty
            icon={<IconPackage size={24} />}
            title={search ? 'No products match' : 'No products yet'}
            description={search ? 'Try another item number or name.' : 'Products appear here as soon as they are released.'}
          />
        </Card>
      ) : (
        <>
          <SimpleGrid component="ul" cols={{ base: 1, sm: 2, md: 3 }} spacing="lg" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Products">
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
  const headingId = `product-${product.itemNumber}`;
  return (
    <Card component="li" withBorder radius="md" padding="lg" aria-labelledby={headingId}>
      <Stack gap="xs" h="100%">
        <Title order={2} fz="lg" id={headingId} style={{ overflowWrap: 'anywhere' }}>
          {product.name}
        </Title>
        <Text size="sm" c="dimmed">
          Item <Text span ff="monospace">{product.itemNumber}</Text> · per {product.unit}
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
