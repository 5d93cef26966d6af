// Products: the released products HQ sells to partners, found by item number or name; retail operations release and change them.
import { ActionIcon, Button, Group, Paper, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconPackage, IconPencil, IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { api, unwrap } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';
import { Empty } from '../ui/Empty.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDateTime, formatMoney, quantityRule } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { Pager } from '../ui/Pager.tsx';
import { SearchInput } from '../ui/SearchInput.tsx';
import { ExportCsvButton } from '../ui/ListExport.tsx';
import { SegmentedFilter } from '../ui/SegmentedFilter.tsx';
import { SortableTh } from '../ui/SortableTh.tsx';
import { StatusBadge, statusLabel } from '../ui/StatusBadge.tsx';
import { TableSkeleton } from '../ui/TableSkeleton.tsx';
import { toOffset, useQueryParams } from '../ui/useQueryParams.ts';
import { ProductFormModal, productsKey } from './ProductFormModal.tsx';
import type { Product } from './ProductFormModal.tsx';
import { hasAnyRole, hqRoles, useMe } from './useMe.ts';
import { useTranslation } from 'react-i18next';

type ProductSort = NonNullable<NonNullable<paths['/api/hq/products']['get']['parameters']['query']>['sort']>;
const limit = 25;
const sorts: readonly ProductSort[] = ['itemNumber', '-itemNumber', 'name', '-name', 'price', '-price', 'updatedAt', '-updatedAt'];
const statuses: readonly Product['status'][] = ['Active', 'Discontinued'];

export function ProductsPage() {
  const { t } = useTranslation('hq');
  const [filters, setFilters] = useQueryParams({ status: 'All', search: '', sort: 'itemNumber', offset: '0' });
  const status = statuses.find((s) => s === filters.status);
  const sort = sorts.find((s) => s === filters.sort) ?? 'itemNumber';
  const search = filters.search.trim();
  const offset = toOffset(filters.offset);
  // The filters the list and its CSV export share (products have no date to filter by).
  const listQuery = { ...(status ? { status } : {}), ...(search ? { search } : {}), sort };
  // Sales staff may read the list; the API refuses their writes anyway, so they are not offered.
  const mayWrite = hasAnyRole(useMe().data, hqRoles);
  const [editing, setEditing] = useState<Product | 'new' | undefined>(undefined);

  const products = useQuery({
    queryKey: [...productsKey, { status, search, sort, offset }],
    queryFn: () => unwrap(api.GET('/api/hq/products', { params: { query: { ...listQuery, limit, offset } } })),
    placeholderData: keepPreviousData,
  });
  const onSearch = useCallback((value: string) => setFilters({ search: value, offset: '0' }), [setFilters]);
  const onSort = (value: string) => setFilters({ sort: value, offset: '0' });

  return (
    <>
      <PageHeader
        title={t('products.title')}
        description={t('products.description')}
        actions={
          mayWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
              {t('products.new')}
            </Button>
          ) : null
        }
      />
      <ProductFormModal opened={editing !== undefined} product={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} />
      <Paper withBorder radius="md" p="md">
        <Stack gap="md">
          <Group justify="space-between" align="flex-end" wrap="wrap">
            <SegmentedFilter label={t('products.columns.status')} value={status ?? 'All'} options={statuses.map((s) => ({ value: s, label: statusLabel(s) }))} onChange={(value) => setFilters({ status: value, offset: '0' })} />
            <SearchInput value={search} onSearch={onSearch} placeholder={t('products.searchPlaceholder')} />
            <ExportCsvButton path="/api/hq/products" query={listQuery} />
          </Group>
          {products.data && products.isError ? <ErrorAlert error={products.error} title={t('prospects.refreshError')} /> : null}
          {!products.data ? (
            products.isError ? (
              <ErrorAlert error={products.error} title={t('products.loadError')} />
            ) : (
              <TableSkeleton />
            )
          ) : products.data.items.length === 0 ? (
            <Empty
              icon={<IconPackage size={24} />}
              title={status || search ? t('products.noMatch') : t('products.empty')}
              description={status || search ? t('products.noMatchText') : mayWrite ? t('products.emptyTextWriter') : t('products.emptyTextReader')}
            />
          ) : (
            <>
              <Table.ScrollContainer minWidth={900}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr style={{ whiteSpace: 'nowrap' }}>
                      <SortableTh field="itemNumber" sort={sort} onSort={onSort}>
                        {t('products.fields.itemNumber')}
                      </SortableTh>
                      <SortableTh field="name" sort={sort} onSort={onSort}>
                        {t('products.fields.name')}
                      </SortableTh>
                      <Table.Th>{t('products.fields.unit')}</Table.Th>
                      <SortableTh field="price" sort={sort} onSort={onSort}>
                        {t('products.fields.price')}
                      </SortableTh>
                      <Table.Th>{t('products.columns.orderQuantity')}</Table.Th>
                      <Table.Th>{t('products.columns.status')}</Table.Th>
                      <SortableTh field="updatedAt" sort={sort} onSort={onSort} descendingFirst>
                        {t('products.columns.changed')}
                      </SortableTh>
                      {mayWrite ? (
                        <Table.Th>
                          <VisuallyHidden>{t('staffUsers.columns.actions')}</VisuallyHidden>
                        </Table.Th>
                      ) : null}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {products.data.items.map((product) => (
                      <Table.Tr key={product.itemNumber}>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          <Text ff="monospace" size="sm" fw={600}>
                            {product.itemNumber}
                          </Text>
                        </Table.Td>
                        <Table.Td miw={200}>{product.name}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{product.unit}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap', textAlign: 'right' }}>{formatMoney(product.price, product.currency)}</Table.Td>
                        <Table.Td miw={160}>
                          {quantityRule(product)}
                          {product.standardQuantity !== undefined ? (
                            <Text size="xs" c="dimmed">
                              {t('products.standard', { quantity: product.standardQuantity })}
                            </Text>
                          ) : null}
                        </Table.Td>
                        <Table.Td>
                          <StatusBadge status={product.status} size="sm" />
                        </Table.Td>
                        <Table.Td miw={110}>{formatDateTime(product.updatedAt)}</Table.Td>
                        {mayWrite ? (
                          <Table.Td>
                            <Tooltip label={t('products.edit')}>
                              <ActionIcon variant="subtle" onClick={() => setEditing(product)} aria-label={t('products.editTitle', { itemNumber: product.itemNumber })}>
                                <IconPencil size={16} />
                              </ActionIcon>
                            </Tooltip>
                          </Table.Td>
                        ) : null}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Pager total={products.data.total} limit={limit} offset={offset} onOffsetChange={(o) => setFilters({ offset: String(o) })} />
            </>
          )}
        </Stack>
      </Paper>
    </>
  );
}
