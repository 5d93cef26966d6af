// Sales orders from the storefront ("Synchronize orders"), their confirmation, invoicing and cancelation, invoices
// and payments. Every change the partner should see goes to the storefront through 1010 in the same transaction.
import crypto from 'node:crypto';
import { and, asc, count, desc, eq, ilike, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../platform/db.ts';
import { containsPattern } from '../platform/db.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { cursorColumns, dateRangeFilter, keysetAfter, keysetOrder, lastCursor } from '../platform/list-query.ts';
import type { Keyset } from '../platform/list-query.ts';
import type { Batch, Cursor } from '../platform/csv.ts';
import { customerHierarchies, customers, invoicePayments, invoices, outbox, salesOrderLines, salesOrders } from './schema.ts';
import { nextNumber } from './number-sequence.ts';

export type SalesOrderStatus = 'Open' | 'Confirmed' | 'Invoiced' | 'Canceled';
export type InvoiceStatus = 'Open' | 'PartlyPaid' | 'Paid';

/** Payment terms: one global setting for now ("Net 30"); per-customer terms would replace it. */
export const paymentTerms = { name: 'Net 30', days: 30 };

type SalesOrderRow = typeof salesOrders.$inferSelect;
type InvoiceRow = typeof invoices.$inferSelect;

/** A numeric column's text as integer cents, so sums and comparisons are exact. */
const toCents = (value: string | number) => Math.round(Number(value) * 100);
const centsText = (cents: number) => `${cents < 0 ? '-' : ''}${Math.trunc(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
const money = (cents: number) => Number(centsText(cents));

/** An order as the storefront uploads it (kind 'sales-order'); amounts are the numeric columns' text. */
export interface UploadedOrder {
  orderId: string;
  number: string;
  channelId: string;
  hierarchyId: string;
  organizationAccount: string;
  buyer: { id: string; name: string };
  purchaseOrderNumber: string | null;
  note: string | null;
  lines: { itemNumber: string; name: string; quantity: number; unitPrice: string; amount: string }[];
  total: string;
  currency: string;
  orderedAt: string;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const amountPattern = /^-?\d+(\.\d{1,2})?$/;

/** Reads an uploaded order; a string is the reason it cannot become a sales order. */
export function readUploadedOrder(payload: unknown): UploadedOrder | string {
  if (typeof payload !== 'object' || payload === null) return 'The record has no content.';
  const p = payload as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  if (!text(p.orderId) || !uuidPattern.test(String(p.orderId))) return 'The record does not say which storefront order it is.';
  const missing = ['number', 'hierarchyId', 'organizationAccount', 'total', 'currency', 'orderedAt'].filter((k) => !text(p[k]));
  const buyer = (typeof p.buyer === 'object' && p.buyer !== null ? p.buyer : {}) as Record<string, unknown>;
  if (!text(buyer.id) || !text(buyer.name)) missing.push('buyer');
  if (missing.length > 0) return `The order is missing: ${missing.join(', ')}.`;
  if (!Array.isArray(p.lines) || p.lines.length === 0) return 'The order has no lines.';
  const lines: UploadedOrder['lines'] = [];
  for (const [i, raw] of (p.lines as unknown[]).entries()) {
    const l = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    if (!text(l.itemNumber) || !text(l.name) || !Number.isInteger(l.quantity) || (l.quantity as number) < 1 || !amountPattern.test(String(l.unitPrice)) || !amountPattern.test(String(l.amount))) {
      return `Line ${i + 1} of the order is not readable.`;
    }
    lines.push({ itemNumber: text(l.itemNumber)!, name: text(l.name)!, quantity: l.quantity as number, unitPrice: String(l.unitPrice), amount: String(l.amount) });
  }
  if (!amountPattern.test(String(p.total))) return `The order total "${String(p.total)}" is not an amount.`;
  const sum = lines.reduce((s, l) => s + toCents(l.amount), 0);
  if (sum !== toCents(String(p.total))) return `The order total ${String(p.total)} is not the sum of its lines (${centsText(sum)}).`;
  return {
    orderId: String(p.orderId),
    number: text(p.number)!,
    channelId: text(p.channelId) ?? 'unknown',
    hierarchyId: text(p.hierarchyId)!,
    organizationAccount: text(p.organizationAccount)!,
    buyer: { id: text(buyer.id)!, name: text(buyer.name)! },
    purchaseOrderNumber: text(p.purchaseOrderNumber) ?? null,
    note: text(p.note) ?? null,
    lines,
    total: String(p.total),
    currency: text(p.currency)!,
    orderedAt: text(p.orderedAt)!,
  };
}

/** Makes the sales order; an order already made (the same storefront order uploaded again) is left as it is. */
export async function salesOrderFromUpload(tx: DbOrTx, order: UploadedOrder): Promise<{ salesOrderId: string; created: boolean }> {
  const [existing] = await tx.select({ id: salesOrders.id }).from(salesOrders).where(eq(salesOrders.storefrontOrderId, order.orderId));
  if (existing) return { salesOrderId: existing.id, created: false };
  const [hierarchy] = await tx
    .select({ account: customerHierarchies.organizationAccount })
    .from(customerHierarchies)
    .innerJoin(customers, eq(customers.account, customerHierarchies.organizationAccount))
    .where(eq(customerHierarchies.id, order.hierarchyId));
  if (!hierarchy) throw new DomainError('validation', `The customer hierarchy ${order.hierarchyId} is not known in HQ.`);
  if (hierarchy.account !== order.organizationAccount) throw new DomainError('validation', `Customer ${order.organizationAccount} is not the organization of hierarchy ${order.hierarchyId}.`);
  const id = crypto.randomUUID();
  const [inserted] = await tx
    .insert(salesOrders)
    .values({
      id,
      number: await nextNumber(tx, 'sales-order'),
      storefrontOrderId: order.orderId,
      storefrontOrderNumber: order.number,
      channelId: order.channelId,
      hierarchyId: order.hierarchyId,
      customerAccount: order.organizationAccount,
      buyerId: order.buyer.id,
      buyerName: order.buyer.name,
      purchaseOrderNumber: order.purchaseOrderNumber,
      note: order.note,
      status: 'Open',
      total: order.total,
      currency: order.currency,
      orderedAt: new Date(order.orderedAt),
    })
    // A second worker that made it a moment ago wins; this one changes nothing.
    .onConflictDoNothing({ target: salesOrders.storefrontOrderId })
    .returning({ id: salesOrders.id });
  if (!inserted) return { salesOrderId: (await tx.select({ id: salesOrders.id }).from(salesOrders).where(eq(salesOrders.storefrontOrderId, order.orderId)))[0]!.id, created: false };
  await tx.insert(salesOrderLines).values(order.lines.map((l, i) => ({ salesOrderId: id, lineNumber: i + 1, ...l })));
  return { salesOrderId: id, created: true };
}

function addDays(date: Date, days: number): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + days));
  return d.toISOString().slice(0, 10);
}

function orderSummary(row: SalesOrderRow) {
  return {
    id: row.id,
    number: row.number,
    customerAccount: row.customerAccount,
    status: row.status as SalesOrderStatus,
    total: Number(row.total),
    currency: row.currency,
    ...(row.purchaseOrderNumber ? { purchaseOrderNumber: row.purchaseOrderNumber } : {}),
    storefrontOrderNumber: row.storefrontOrderNumber,
    buyer: row.buyerName,
    orderedAt: row.orderedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function invoiceView(row: InvoiceRow, salesOrderNumber: string) {
  return {
    id: row.id,
    number: row.number,
    salesOrderId: row.salesOrderId,
    salesOrderNumber,
    customerAccount: row.customerAccount,
    amount: Number(row.amount),
    paid: Number(row.paid),
    balance: money(toCents(row.amount) - toCents(row.paid)),
    currency: row.currency,
    paymentTerms: row.paymentTerms,
    dueDate: row.dueDate,
    status: row.status as InvoiceStatus,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The order's new status for the storefront (1010), keyed by the storefront's order id. */
async function queueOrderStatus(tx: DbOrTx, row: SalesOrderRow, actor: string) {
  await tx.insert(outbox).values({
    consumer: '1010',
    topic: 'sales-order-status',
    key: row.storefrontOrderId,
    payload: { storefrontOrderId: row.storefrontOrderId, salesOrderNumber: row.number, status: row.status, version: row.version, actor, at: row.updatedAt.toISOString() },
  });
}

async function queueInvoice(tx: DbOrTx, row: InvoiceRow, order: SalesOrderRow) {
  await tx.insert(outbox).values({
    consumer: '1010',
    topic: 'invoice',
    key: row.id,
    payload: {
      id: row.id,
      number: row.number,
      storefrontOrderId: order.storefrontOrderId,
      hierarchyId: order.hierarchyId,
      amount: row.amount,
      paid: row.paid,
      currency: row.currency,
      dueDate: row.dueDate,
      status: row.status,
      version: row.version,
      createdAt: row.createdAt.toISOString(),
    },
  });
}

export interface SalesOrderQuery {
  customer?: string | undefined;
  status?: SalesOrderStatus | undefined;
  search?: string | undefined;
  sort?: string | undefined;
  /** On or after / on or before these days (UTC): the order date of a sales order, the invoice date of an invoice. */
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

export interface InvoiceQuery {
  customer?: string | undefined;
  status?: InvoiceStatus | undefined;
  search?: string | undefined;
  sort?: string | undefined;
  /** On or after / on or before these days (UTC): the order date of a sales order, the invoice date of an invoice. */
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

const orderSortColumns = { number: salesOrders.number, orderedAt: salesOrders.orderedAt, total: salesOrders.total, customerAccount: salesOrders.customerAccount } as const;
const invoiceSortColumns = { number: invoices.number, dueDate: invoices.dueDate, amount: invoices.amount, createdAt: invoices.createdAt } as const;
export const salesOrderSorts = Object.keys(orderSortColumns).flatMap((k) => [k, `-${k}`]);
export const invoiceSorts = Object.keys(invoiceSortColumns).flatMap((k) => [k, `-${k}`]);

export type SalesOrderFilters = Omit<SalesOrderQuery, 'limit' | 'offset'>;
export type InvoiceFilters = Omit<InvoiceQuery, 'limit' | 'offset'>;

/** `field` or `-field` with the number as tie-break; anything else is newest first. */
function orderKeyset(sort: string | undefined): Keyset {
  const column = sort ? orderSortColumns[sort.replace(/^-/, '') as keyof typeof orderSortColumns] : undefined;
  return column ? { key: column, id: salesOrders.number, descending: sort!.startsWith('-'), idDescending: true } : { key: salesOrders.createdAt, id: salesOrders.number, descending: true, idDescending: true };
}

function invoiceKeyset(sort: string | undefined): Keyset {
  const column = sort ? invoiceSortColumns[sort.replace(/^-/, '') as keyof typeof invoiceSortColumns] : undefined;
  return column ? { key: column, id: invoices.number, descending: sort!.startsWith('-'), idDescending: true } : { key: invoices.createdAt, id: invoices.number, descending: true, idDescending: true };
}

/** Sales orders by customer, status, search and order date. */
function orderFilters(query: SalesOrderFilters): SQL | undefined {
  const filters: SQL[] = [...dateRangeFilter(salesOrders.orderedAt, query)];
  if (query.customer) filters.push(eq(salesOrders.customerAccount, query.customer));
  if (query.status) filters.push(eq(salesOrders.status, query.status));
  if (query.search?.trim()) {
    // The numbers people quote: HQ's, the storefront's and the buyer's purchase order; or who ordered.
    const pattern = containsPattern(query.search.trim());
    filters.push(
      or(
        ilike(salesOrders.number, pattern),
        ilike(salesOrders.storefrontOrderNumber, pattern),
        ilike(salesOrders.purchaseOrderNumber, pattern),
        ilike(salesOrders.customerAccount, pattern),
        ilike(salesOrders.buyerName, pattern),
      )!,
    );
  }
  return filters.length > 0 ? and(...filters) : undefined;
}

/** Invoices by customer, status, search and invoice date (the sales order is joined: the search may name its number). */
function invoiceFilters(query: InvoiceFilters): SQL | undefined {
  const filters: SQL[] = [...dateRangeFilter(invoices.createdAt, query)];
  if (query.customer) filters.push(eq(invoices.customerAccount, query.customer));
  if (query.status) filters.push(eq(invoices.status, query.status));
  if (query.search?.trim()) {
    const pattern = containsPattern(query.search.trim());
    filters.push(or(ilike(invoices.number, pattern), ilike(salesOrders.number, pattern), ilike(invoices.customerAccount, pattern))!);
  }
  return filters.length > 0 ? and(...filters) : undefined;
}

const allowed: Record<'confirm' | 'invoice' | 'cancel', SalesOrderStatus[]> = { confirm: ['Open'], invoice: ['Open', 'Confirmed'], cancel: ['Open', 'Confirmed'] };
const resulting = { confirm: 'Confirmed', invoice: 'Invoiced', cancel: 'Canceled' } as const;

export function createSalesOrders(db: Db, onChannelChange: () => void) {
  async function lockedOrder(tx: DbOrTx, id: string) {
    const [row] = await tx.select().from(salesOrders).where(eq(salesOrders.id, id)).for('update');
    if (!row) throw notFound('Sales order');
    return row;
  }

  async function detail(tx: DbOrTx, row: SalesOrderRow) {
    const lines = await tx.select().from(salesOrderLines).where(eq(salesOrderLines.salesOrderId, row.id)).orderBy(asc(salesOrderLines.lineNumber));
    const [invoice] = await tx.select().from(invoices).where(eq(invoices.salesOrderId, row.id));
    return {
      ...orderSummary(row),
      storefrontOrderId: row.storefrontOrderId,
      hierarchyId: row.hierarchyId,
      ...(row.note ? { note: row.note } : {}),
      lines: lines.map((l) => ({ lineNumber: l.lineNumber, itemNumber: l.itemNumber, name: l.name, quantity: l.quantity, unitPrice: Number(l.unitPrice), amount: Number(l.amount) })),
      ...(invoice ? { invoice: invoiceView(invoice, row.number) } : {}),
    };
  }

  /** Open → Confirmed → Invoiced; cancel before invoicing. Anything else is a 409 saying the order's status. */
  async function transition(id: string, action: 'confirm' | 'invoice' | 'cancel', actor: string, now = new Date()) {
    const result = await db.transaction(async (tx) => {
      const before = await lockedOrder(tx, id);
      if (!allowed[action].includes(before.status as SalesOrderStatus)) {
        throw new DomainError('conflict', `Sales order ${before.number} is ${before.status}; it cannot be ${resulting[action].toLowerCase()} now.`, { orderStatus: before.status });
      }
      const [after] = await tx
        .update(salesOrders)
        .set({ status: resulting[action], version: before.version + 1, updatedAt: now })
        .where(eq(salesOrders.id, id))
        .returning();
      // The invoice first: the storefront then never shows an Invoiced order without its invoice's balance.
      if (action === 'invoice') {
        const [invoice] = await tx
          .insert(invoices)
          .values({
            id: crypto.randomUUID(),
            number: await nextNumber(tx, 'invoice'),
            salesOrderId: id,
            customerAccount: before.customerAccount,
            amount: before.total,
            paid: '0.00',
            currency: before.currency,
            paymentTerms: paymentTerms.name,
            dueDate: addDays(now, paymentTerms.days),
            status: 'Open',
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        await queueInvoice(tx, invoice!, after!);
      }
      await queueOrderStatus(tx, after!, actor);
      return detail(tx, after!);
    });
    onChannelChange();
    return result;
  }

  return {
    async list(query: SalesOrderQuery) {
      const where = orderFilters(query);
      const rows = await db.select().from(salesOrders).where(where).orderBy(...keysetOrder(orderKeyset(query.sort))).limit(query.limit).offset(query.offset);
      const [total] = await db.select({ n: count() }).from(salesOrders).where(where);
      return { items: rows.map(orderSummary), total: total?.n ?? 0 };
    },

    /** Sales orders after the cursor, in the list's order, for a CSV export. */
    async exportBatch(query: SalesOrderFilters, after: Cursor | null, size: number): Promise<Batch<ReturnType<typeof orderSummary>>> {
      const keyset = orderKeyset(query.sort);
      const rows = await db
        .select({ order: salesOrders, ...cursorColumns(keyset) })
        .from(salesOrders)
        .where(and(orderFilters(query), after ? keysetAfter(keyset, after) : undefined))
        .orderBy(...keysetOrder(keyset))
        .limit(size);
      return { items: rows.map((r) => orderSummary(r.order)), cursor: lastCursor(rows) };
    },

    async get(id: string) {
      const [row] = await db.select().from(salesOrders).where(eq(salesOrders.id, id));
      if (!row) throw notFound('Sales order');
      return detail(db, row);
    },

    confirm: (id: string, actor: string) => transition(id, 'confirm', actor),
    invoice: (id: string, actor: string, now?: Date) => transition(id, 'invoice', actor, now),
    cancel: (id: string, actor: string) => transition(id, 'cancel', actor),

    async listInvoices(query: InvoiceQuery) {
      const where = invoiceFilters(query);
      const rows = await db
        .select({ invoice: invoices, orderNumber: salesOrders.number })
        .from(invoices)
        .innerJoin(salesOrders, eq(salesOrders.id, invoices.salesOrderId))
        .where(where)
        .orderBy(...keysetOrder(invoiceKeyset(query.sort)))
        .limit(query.limit)
        .offset(query.offset);
      // The count joins too: the search may name the sales order's number.
      const [total] = await db.select({ n: count() }).from(invoices).innerJoin(salesOrders, eq(salesOrders.id, invoices.salesOrderId)).where(where);
      return { items: rows.map((r) => invoiceView(r.invoice, r.orderNumber)), total: total?.n ?? 0 };
    },

    /** Invoices after the cursor, in the list's order, for a CSV export. */
    async exportInvoices(query: InvoiceFilters, after: Cursor | null, size: number): Promise<Batch<ReturnType<typeof invoiceView>>> {
      const keyset = invoiceKeyset(query.sort);
      const rows = await db
        .select({ invoice: invoices, orderNumber: salesOrders.number, ...cursorColumns(keyset) })
        .from(invoices)
        .innerJoin(salesOrders, eq(salesOrders.id, invoices.salesOrderId))
        .where(and(invoiceFilters(query), after ? keysetAfter(keyset, after) : undefined))
        .orderBy(...keysetOrder(keyset))
        .limit(size);
      return { items: rows.map((r) => invoiceView(r.invoice, r.orderNumber)), cursor: lastCursor(rows) };
    },

    /** A payment of part or all of the open balance; more than the balance is refused (400), nothing recorded. */
    async recordPayment(id: string, amount: number, actor: string) {
      const cents = Math.round(amount * 100);
      if (!(amount > 0) || cents / 100 !== amount) throw DomainError.invalid('amount', 'must be more than zero with at most two decimals');
      const result = await db.transaction(async (tx) => {
        const [before] = await tx.select().from(invoices).where(eq(invoices.id, id)).for('update');
        if (!before) throw notFound('Invoice');
        const balance = toCents(before.amount) - toCents(before.paid);
        if (cents > balance) throw DomainError.invalid('amount', `is more than the open balance of ${centsText(balance)} ${before.currency}`);
        const paid = toCents(before.paid) + cents;
        const status: InvoiceStatus = paid === toCents(before.amount) ? 'Paid' : 'PartlyPaid';
        await tx.insert(invoicePayments).values({ invoiceId: id, amount: centsText(cents), recordedBy: actor });
        const [after] = await tx
          .update(invoices)
          .set({ paid: centsText(paid), status, version: sql`${invoices.version} + 1`, updatedAt: new Date() })
          .where(eq(invoices.id, id))
          .returning();
        const [order] = await tx.select().from(salesOrders).where(eq(salesOrders.id, before.salesOrderId));
        await queueInvoice(tx, after!, order!);
        return invoiceView(after!, order!.number);
      });
      onChannelChange();
      return result;
    },
  };
}

export type SalesOrders = ReturnType<typeof createSalesOrders>;
