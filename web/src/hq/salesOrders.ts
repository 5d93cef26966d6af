// What the sales order and invoice pages share: their types, statuses, cache keys and who may change them.
import type { components, paths } from '../api/schema.d.ts';
import { formatCalendarDay } from '../ui/format.ts';

export type SalesOrder = components['schemas']['SalesOrder'];
export type SalesOrderStatus = SalesOrder['status'];
export type Invoice = components['schemas']['Invoice'];
export type InvoiceStatus = Invoice['status'];

export const salesOrdersKey = ['hq', 'sales-orders'] as const;
export const invoicesKey = ['hq', 'invoices'] as const;
export const salesOrderStatuses: readonly SalesOrderStatus[] = ['Open', 'Confirmed', 'Invoiced', 'Canceled'];

type SalesOrderSort = NonNullable<NonNullable<paths['/api/hq/sales-orders']['get']['parameters']['query']>['sort']>;
type InvoiceSort = NonNullable<NonNullable<paths['/api/hq/invoices']['get']['parameters']['query']>['sort']>;
export const salesOrderSorts: readonly SalesOrderSort[] = ['number', '-number', 'orderedAt', '-orderedAt', 'total', '-total', 'customerAccount', '-customerAccount'];
export const invoiceSorts: readonly InvoiceSort[] = ['number', '-number', 'dueDate', '-dueDate', 'amount', '-amount', 'createdAt', '-createdAt'];

/** The API lets HQ operations (and administrators) confirm, invoice, cancel and record payments; sales staff only read. */
export const salesOrderWriters = ['hq-operations'] as const;
export const salesOrderReaders = ['hq-operations', 'sales-manager', 'salesperson'] as const;

/** Which actions the API accepts in each status (anything else answers 409). */
export const allowedActions: Record<SalesOrderStatus, readonly ('confirm' | 'invoice' | 'cancel')[]> = {
  Open: ['confirm', 'invoice', 'cancel'],
  Confirmed: ['invoice', 'cancel'],
  Invoiced: [],
  Canceled: [],
};

/** An invoice's due date has passed while money is still owed. */
export function isOverdue(invoice: Pick<Invoice, 'dueDate' | 'status'>, today = new Date().toISOString().slice(0, 10)): boolean {
  return invoice.status !== 'Paid' && invoice.dueDate < today;
}

// A due date is a calendar day, not an instant.
export const formatDueDate = formatCalendarDay;
