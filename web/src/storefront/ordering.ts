// The cart, the organization's credit and orders as the storefront pages share them: query keys, hooks and order statuses.
import { useQuery } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import i18next from 'i18next';
import { api, unwrap } from '../api/client.ts';
import type { components } from '../api/schema.d.ts';

export type Cart = components['schemas']['Cart'];
export type CartLine = Cart['lines'][number];
export type OrderSummary = components['schemas']['OrderSummary'];
export type Order = components['schemas']['Order'];
export type OrderStatus = Order['status'];

export const orderStatuses: readonly OrderStatus[] = ['AwaitingApproval', 'Placed', 'Confirmed', 'Invoiced', 'Rejected', 'Canceled'];
export const cartKey = ['store', 'cart'] as const;
export const creditKey = ['store', 'credit'] as const;
export const ordersKey = ['store', 'orders'] as const;

export function useCart() {
  return useQuery({ queryKey: cartKey, queryFn: () => unwrap(api.GET('/api/store/cart')) });
}

export function useCredit() {
  return useQuery({ queryKey: creditKey, queryFn: () => unwrap(api.GET('/api/store/organization/credit')) });
}

/** After a checkout, an approval or a rejection: credit and orders changed. */
export async function refreshOrdering(queryClient: QueryClient): Promise<void> {
  await Promise.all([queryClient.invalidateQueries({ queryKey: creditKey }), queryClient.invalidateQueries({ queryKey: ordersKey })]);
}

/** What a buyer is told right after checkout. */
export function checkoutNotice(status: OrderStatus): string {
  return status === 'AwaitingApproval' ? i18next.t('storefront:ordering.awaitingApproval') : i18next.t('storefront:ordering.placed');
}
