// Ordering on account: a partner user's cart, the organization's available credit, checkout within it and within the
// buyer's spending limits, and admins' approvals. Every query names the caller's organization (or the caller), so
// another organization's order is simply not found.
import crypto from 'node:crypto';
import { and, asc, count, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../platform/db.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { cartLines, invoices, orderHistory, orderLines, orders, organizations, partnerUsers, products, uploadQueue } from './schema.ts';
import type { Caller } from './partner-accounts.ts';
import { calendarMonth, centsNumber, centsText, formatMoney, quantityProblem, toCents } from './ordering-rules.ts';
import { mailOrderDecided, mailOrderInvoiced, mailOrderPlaced, mailStore } from './order-mail.ts';

/** Online stores here carry no currency of their own yet: the store sells in HQ's default product currency. */
export const storeCurrency = 'EUR';

export type OrderStatus = 'AwaitingApproval' | 'Placed' | 'Confirmed' | 'Invoiced' | 'Rejected' | 'Canceled';
/** Orders that hold the organization's credit until they are invoiced (then the invoice holds it), rejected or canceled. */
export const openStatuses: OrderStatus[] = ['AwaitingApproval', 'Placed', 'Confirmed'];

type ProductRow = typeof products.$inferSelect;
type OrderRow = typeof orders.$inferSelect;

export interface CartLine {
  id: string;
  itemNumber: string;
  name: string;
  quantity: number;
  unitPrice: number;
  amount: number;
  /** Why this line cannot be ordered as it is (discontinued, or the limits changed since it was added). */
  problem?: string;
}

export interface OrderQuery {
  status?: OrderStatus | undefined;
  buyer?: string | undefined;
  limit: number;
  offset: number;
}

const fullName = (caller: Caller) => `${caller.user.firstName} ${caller.user.lastName}`;

/** The price for the caller's organization: the list price today, like the catalogue. */
const unitCents = (_caller: Caller, product: ProductRow) => toCents(product.price);

function lineProblem(product: ProductRow | null, quantity: number): string | null {
  if (!product || product.status !== 'Active') return 'is no longer sold; remove it to check out';
  if (product.currency !== storeCurrency) return `is priced in ${product.currency}; this store sells in ${storeCurrency}`;
  return quantityProblem(product, quantity);
}

function summary(row: OrderRow) {
  return { id: row.id, number: row.number, status: row.status as OrderStatus, total: Number(row.total), currency: row.currency, placedBy: { id: row.placedBy, name: row.placedByName }, ...(row.purchaseOrderNumber ? { purchaseOrderNumber: row.purchaseOrderNumber } : {}), createdAt: row.createdAt.toISOString() };
}

/** A placed order travels to HQ through P-0001 ("Synchronize orders" makes it a sales order), in the placing transaction. */
/** Queues a placed order for P-0001; a checkout passes the rows it just wrote instead of reading them back. */
async function queueForHq(tx: DbOrTx, orderId: string, channelId: string, written?: { order: OrderRow; lines: { itemNumber: string; name: string; quantity: number; unitPrice: string; amount: string }[] }) {
  const [order] = written ? [written.order] : await tx.select().from(orders).where(eq(orders.id, orderId));
  const lines = written ? written.lines : await tx.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(asc(orderLines.lineNumber));
  await tx.insert(uploadQueue).values({
    kind: 'sales-order',
    recordId: orderId,
    payload: {
      orderId,
      number: order!.number,
      channelId,
      hierarchyId: order!.hierarchyId,
      organizationAccount: order!.organizationAccount,
      buyer: { id: order!.placedBy, name: order!.placedByName },
      purchaseOrderNumber: order!.purchaseOrderNumber,
      note: order!.note,
      // Amounts stay the numeric columns' text: exact to the cent on the way.
      lines: lines.map((l) => ({ itemNumber: l.itemNumber, name: l.name, quantity: l.quantity, unitPrice: l.unitPrice, amount: l.amount })),
      total: order!.total,
      currency: order!.currency,
      orderedAt: order!.createdAt.toISOString(),
    },
  });
}

/** An order's status from HQ (1010): applied once, newest version wins, and written into the order's history. */
export async function applySalesOrderStatus(tx: DbOrTx, p: { storefrontOrderId: string; status: string; version: number; actor?: string; at?: string }) {
  if (!['Confirmed', 'Invoiced', 'Canceled'].includes(p.status)) return;
  const [row] = await tx
    .update(orders)
    .set({ status: p.status, hqVersion: p.version, updatedAt: new Date() })
    .where(and(eq(orders.id, p.storefrontOrderId), lt(orders.hqVersion, p.version), inArray(orders.status, ['Placed', 'Confirmed', 'Invoiced', 'Canceled'])))
    .returning({ id: orders.id });
  if (row) await tx.insert(orderHistory).values({ orderId: row.id, status: p.status, actor: p.actor ? `${p.actor} (HQ)` : 'HQ', ...(p.at ? { at: new Date(p.at) } : {}) });
}

/**
 * An invoice from HQ (1010), upserted by id; a re-sent or overtaken (older) version changes nothing. Its first
 * arrival tells the buyer by mail; later versions (payments) do not.
 */
export async function applyInvoice(tx: DbOrTx, p: { id: string; number: string; storefrontOrderId: string; hierarchyId: string; amount: string; paid: string; currency: string; dueDate: string; status: string; version: number; createdAt: string }) {
  const values = { id: p.id, number: p.number, orderId: p.storefrontOrderId, hierarchyId: p.hierarchyId, amount: p.amount, paid: p.paid, currency: p.currency, dueDate: p.dueDate, status: p.status, version: p.version, createdAt: new Date(p.createdAt), updatedAt: new Date() };
  const [created] = await tx.insert(invoices).values(values).onConflictDoNothing({ target: invoices.id }).returning();
  if (created) await mailOrderInvoiced(tx, created);
  else await tx.update(invoices).set(values).where(and(eq(invoices.id, p.id), lt(invoices.version, p.version)));
}

export function createOrdering(db: Db, channelId: string, onUploadQueued: () => void) {
  async function activeProduct(tx: DbOrTx, itemNumber: string): Promise<ProductRow> {
    const key = itemNumber.trim().toUpperCase();
    const [row] = await tx.select().from(products).where(and(eq(products.itemNumber, key), eq(products.status, 'Active')));
    // A discontinued product is not for sale, so it is not found, like an unknown one (as in the catalogue).
    if (!row) throw new DomainError('not-found', `Product ${key} was not found or is no longer sold`, undefined, [{ path: 'itemNumber', message: `${key} is not for sale` }]);
    return row;
  }

  function checkQuantity(product: ProductRow, quantity: number) {
    const problem = quantityProblem(product, quantity);
    if (problem) throw DomainError.invalid('quantity', `${product.itemNumber}: ${problem}`);
  }

  async function cartRows(tx: DbOrTx, caller: Caller, lock = false) {
    // Locks the cart's lines (not the products): a change to a line waits until the checkout has taken it.
    // (A separate statement: Drizzle writes `for update of` with the schema, which PostgreSQL refuses.)
    if (lock) await tx.select({ id: cartLines.id }).from(cartLines).where(eq(cartLines.userId, caller.user.id)).for('update');
    return tx
      .select({ line: cartLines, product: products })
      .from(cartLines)
      .leftJoin(products, eq(products.itemNumber, cartLines.itemNumber))
      .where(eq(cartLines.userId, caller.user.id))
      .orderBy(asc(cartLines.createdAt), asc(cartLines.id));
  }

  async function cart(caller: Caller) {
    const rows = await cartRows(db, caller);
    let total = 0;
    const lines: CartLine[] = rows.map(({ line, product }) => {
      const unit = product ? unitCents(caller, product) : 0;
      total += unit * line.quantity;
      const problem = lineProblem(product, line.quantity);
      return { id: line.id, itemNumber: line.itemNumber, name: product?.name ?? line.itemNumber, quantity: line.quantity, unitPrice: centsNumber(unit), amount: centsNumber(unit * line.quantity), ...(problem ? { problem } : {}) };
    });
    return { lines, total: centsNumber(total), currency: storeCurrency };
  }

  async function ownLine(tx: DbOrTx, caller: Caller, id: string) {
    const [row] = await tx.select().from(cartLines).where(and(eq(cartLines.id, id), eq(cartLines.userId, caller.user.id)));
    if (!row) throw notFound('Cart line');
    return row;
  }

  /** Credit limit − open orders − unpaid invoices, in cents; the caller holds the organization's lock when it matters. */
  async function credit(tx: DbOrTx, hierarchyId: string) {
    // One statement, not three: it runs under the organization's lock at every checkout.
    const [org] = await tx
      .select({
        creditLimit: organizations.creditLimit,
        openOrders: sql<string | null>`(select sum(${orders.total}) from ${orders} where ${and(eq(orders.hierarchyId, hierarchyId), inArray(orders.status, openStatuses))})`,
        unpaidInvoices: sql<string | null>`(select sum(${invoices.amount} - ${invoices.paid}) from ${invoices} where ${and(eq(invoices.hierarchyId, hierarchyId), inArray(invoices.status, ['Open', 'PartlyPaid']))})`,
      })
      .from(organizations)
      .where(eq(organizations.hierarchyId, hierarchyId));
    const limit = org?.creditLimit === null || org?.creditLimit === undefined ? null : toCents(org.creditLimit);
    const openOrders = toCents(org?.openOrders ?? '0');
    const unpaidInvoices = toCents(org?.unpaidInvoices ?? '0');
    // No credit limit set in HQ means no credit: ordering on account needs one.
    const available = Math.max(0, (limit ?? 0) - openOrders - unpaidInvoices);
    return { creditLimit: limit, openOrders, unpaidInvoices, available };
  }

  async function monthSpent(tx: DbOrTx, caller: Caller, now: Date): Promise<number> {
    const month = calendarMonth(now);
    const [row] = await tx
      .select({ sum: sql<string | null>`sum(${orders.total})` })
      .from(orders)
      .where(and(eq(orders.placedBy, caller.user.id), gte(orders.createdAt, month.start), lt(orders.createdAt, month.end), sql`${orders.status} not in ('Rejected', 'Canceled')`));
    return toCents(row?.sum ?? '0');
  }

  async function lockOrganization(tx: DbOrTx, caller: Caller) {
    // The organization row is the lock for admins' changes already; checkouts and approvals take it too, so the
    // credit check and the order it allows are one step for the whole organization.
    await tx.select({ id: organizations.hierarchyId }).from(organizations).where(eq(organizations.hierarchyId, caller.organization.hierarchyId)).for('update');
  }

  async function ownOrder(tx: DbOrTx, caller: Caller, id: string, lock = false): Promise<OrderRow> {
    const scope = caller.user.role === 'Admin' ? eq(orders.hierarchyId, caller.organization.hierarchyId) : and(eq(orders.hierarchyId, caller.organization.hierarchyId), eq(orders.placedBy, caller.user.id));
    const query = tx.select().from(orders).where(and(eq(orders.id, id), scope));
    const [row] = lock ? await query.for('update') : await query;
    if (!row) throw notFound('Order');
    return row;
  }

  async function detail(tx: DbOrTx, row: OrderRow) {
    const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, row.id)).orderBy(asc(orderLines.lineNumber));
    const history = await tx.select().from(orderHistory).where(eq(orderHistory.orderId, row.id)).orderBy(asc(orderHistory.id));
    return {
      ...summary(row),
      lines: lines.map((l) => ({ lineNumber: l.lineNumber, itemNumber: l.itemNumber, name: l.name, unit: l.unit, quantity: l.quantity, unitPrice: Number(l.unitPrice), amount: Number(l.amount) })),
      ...(row.note ? { note: row.note } : {}),
      ...(row.approvedBy ? { approvedBy: { id: row.approvedBy, name: row.approvedByName ?? '' } } : {}),
      ...(row.rejectionReason ? { rejectionReason: row.rejectionReason } : {}),
      history: history.map((h) => ({ at: h.at.toISOString(), status: h.status as OrderStatus, actor: h.actor })),
    };
  }

  async function decide(caller: Caller, id: string, to: 'Placed' | 'Rejected', reason?: string) {
    if (caller.user.role !== 'Admin') throw new DomainError('forbidden', 'Only an admin of your organization can approve or reject orders.');
    const result = await db.transaction(async (tx) => {
      await lockOrganization(tx, caller);
      const row = await ownOrder(tx, caller, id, true);
      if (row.status !== 'AwaitingApproval') throw new DomainError('conflict', `Order ${row.number} is ${row.status}; only an order awaiting approval can be approved or rejected.`, { orderStatus: row.status });
      const decision = to === 'Placed' ? { approvedBy: caller.user.id, approvedByName: fullName(caller) } : { rejectionReason: reason ?? null };
      const [after] = await tx.update(orders).set({ status: to, ...decision, updatedAt: new Date() }).where(eq(orders.id, id)).returning();
      await tx.insert(orderHistory).values({ orderId: id, status: to, actorId: caller.user.id, actor: fullName(caller) });
      if (to === 'Placed') await queueForHq(tx, id, channelId);
      await mailOrderDecided(tx, after!, fullName(caller));
      return detail(tx, after!);
    });
    if (to === 'Placed') onUploadQueued();
    return result;
  }

  return {
    cart,

    /** Quick add by item number; an item already in the cart adds to its line. */
    async addLine(caller: Caller, input: { itemNumber: string; quantity: number }) {
      await db.transaction(async (tx) => {
        const product = await activeProduct(tx, input.itemNumber);
        if (product.currency !== storeCurrency) throw DomainError.invalid('itemNumber', `${product.itemNumber} is priced in ${product.currency}; this store sells in ${storeCurrency}`);
        const [existing] = await tx.select().from(cartLines).where(and(eq(cartLines.userId, caller.user.id), eq(cartLines.itemNumber, product.itemNumber))).for('update');
        const quantity = (existing?.quantity ?? 0) + input.quantity;
        checkQuantity(product, quantity);
        if (existing) await tx.update(cartLines).set({ quantity }).where(eq(cartLines.id, existing.id));
        else await tx.insert(cartLines).values({ id: crypto.randomUUID(), userId: caller.user.id, itemNumber: product.itemNumber, quantity }).onConflictDoUpdate({ target: [cartLines.userId, cartLines.itemNumber], set: { quantity: sql`${cartLines.quantity} + ${input.quantity}` } });
      });
      return cart(caller);
    },

    async setQuantity(caller: Caller, id: string, quantity: number) {
      await db.transaction(async (tx) => {
        const line = await ownLine(tx, caller, id);
        checkQuantity(await activeProduct(tx, line.itemNumber), quantity);
        await tx.update(cartLines).set({ quantity }).where(eq(cartLines.id, id));
      });
      return cart(caller);
    },

    async removeLine(caller: Caller, id: string) {
      const removed = await db.delete(cartLines).where(and(eq(cartLines.id, id), eq(cartLines.userId, caller.user.id))).returning({ id: cartLines.id });
      if (removed.length === 0) throw notFound('Cart line');
      return cart(caller);
    },

    async credit(caller: Caller) {
      const c = await credit(db, caller.organization.hierarchyId);
      return { creditLimit: c.creditLimit === null ? null : centsNumber(c.creditLimit), openOrders: centsNumber(c.openOrders), unpaidInvoices: centsNumber(c.unpaidInvoices), available: centsNumber(c.available), currency: storeCurrency };
    },

    /**
     * The cart becomes an order in one transaction, under the organization's lock: over the available credit it is
     * refused (nothing ordered, the cart kept); over the buyer's per-order or monthly limit it awaits an admin.
     */
    async checkout(caller: Caller, input: { purchaseOrderNumber?: string | undefined; note?: string | undefined }, now = new Date()) {
      const placed = await db.transaction(async (tx) => {
        // The cart first, under its own lines' locks: a second checkout of the same cart waits here and then finds
        // it empty. Reading it before the organization's lock keeps that lock, which every buyer of the
        // organization queues on, held for as few statements as the credit rule needs.
        const rows = await cartRows(tx, caller, true);
        if (rows.length === 0) throw DomainError.invalid('cart', 'Your cart is empty.');
        const store = await mailStore(tx);
        let total = 0;
        const lines = rows.map(({ line, product }, index) => {
          const problem = lineProblem(product, line.quantity);
          if (problem || !product) throw DomainError.invalid('cart', `${line.itemNumber} ${problem}`);
          const unit = unitCents(caller, product);
          total += unit * line.quantity;
          return { lineNumber: index + 1, itemNumber: product.itemNumber, name: product.name, unit: product.unit, quantity: line.quantity, unitPrice: centsText(unit), amount: centsText(unit * line.quantity) };
        });

        await lockOrganization(tx, caller);
        const available = (await credit(tx, caller.organization.hierarchyId)).available;
        if (total > available) {
          throw new DomainError('conflict', `The order total ${formatMoney(total, storeCurrency)} is more than your organization's available credit of ${formatMoney(available, storeCurrency)}. Nothing was ordered; your cart is kept.`, { available: centsNumber(available), total: centsNumber(total), currency: storeCurrency });
        }

        // Spending limits and role as they are now (admins change them under the same lock); an admin's own orders need no approval.
        const [user] = await tx.select().from(partnerUsers).where(eq(partnerUsers.id, caller.user.id));
        if (!user) throw notFound('User');
        const perOrder = user.spendingLimit === null ? null : toCents(user.spendingLimit);
        const perMonth = user.monthlySpendingLimit === null ? null : toCents(user.monthlySpendingLimit);
        const overPerOrder = perOrder !== null && total > perOrder;
        const overMonthly = perMonth !== null && (await monthSpent(tx, caller, now)) + total > perMonth;
        const status: OrderStatus = user.role !== 'Admin' && (overPerOrder || overMonthly) ? 'AwaitingApproval' : 'Placed';

        const id = crypto.randomUUID();
        const [created] = await tx
          .insert(orders)
          .values({
            id,
            // The store's own number sequence (schema.ts orderNumbers): "SO-00000042", never cut at nine digits and more.
            number: sql`(select 'SO-' || lpad(n::text, greatest(8, length(n::text)), '0') from nextval('storefront.order_numbers') as n)`,
            hierarchyId: caller.organization.hierarchyId,
            organizationAccount: caller.organization.organizationAccount,
            placedBy: user.id,
            placedByName: fullName(caller),
            status,
            total: centsText(total),
            currency: storeCurrency,
            purchaseOrderNumber: input.purchaseOrderNumber?.trim() || null,
            note: input.note?.trim() || null,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        const number = created!.number;
        await tx.insert(orderLines).values(lines.map((l) => ({ orderId: id, ...l })));
        await tx.insert(orderHistory).values({ orderId: id, status, actorId: user.id, actor: fullName(caller), at: now });
        await tx.delete(cartLines).where(inArray(cartLines.id, rows.map((r) => r.line.id)));
        if (status === 'Placed') await queueForHq(tx, id, channelId, { order: created!, lines });
        // The admins asked to approve hear which limit the order is over.
        const over = [overPerOrder && perOrder !== null ? `spending limit per order of ${formatMoney(perOrder, storeCurrency)}` : '', overMonthly && perMonth !== null ? `monthly spending limit of ${formatMoney(perMonth, storeCurrency)}` : ''].filter(Boolean);
        await mailOrderPlaced(tx, created!, over.length > 0 ? over.join(' and ') : null, { buyer: user, company: caller.organization.name, store });
        return { orderId: id, number, status, total: centsNumber(total), currency: storeCurrency };
      });
      if (placed.status === 'Placed') onUploadQueued();
      return placed;
    },

    /** A User sees own orders, an Admin the organization's. */
    async list(caller: Caller, query: OrderQuery) {
      const filters: SQL[] = [eq(orders.hierarchyId, caller.organization.hierarchyId)];
      if (caller.user.role !== 'Admin') filters.push(eq(orders.placedBy, caller.user.id));
      if (query.status) filters.push(eq(orders.status, query.status));
      if (query.buyer) filters.push(eq(orders.placedBy, query.buyer));
      const where = and(...filters);
      const rows = await db.select().from(orders).where(where).orderBy(desc(orders.createdAt), desc(orders.number)).limit(query.limit).offset(query.offset);
      const [total] = await db.select({ n: count() }).from(orders).where(where);
      return { items: rows.map(summary), total: total?.n ?? 0 };
    },

    async get(caller: Caller, id: string) {
      return detail(db, await ownOrder(db, caller, id));
    },

    /** HQ's invoices: an Admin sees the organization's, a User those of own orders; newest first. */
    async invoices(caller: Caller, query: { status?: 'Open' | 'PartlyPaid' | 'Paid' | undefined; limit: number; offset: number }) {
      const filters: SQL[] = [eq(invoices.hierarchyId, caller.organization.hierarchyId)];
      if (caller.user.role !== 'Admin') filters.push(eq(orders.placedBy, caller.user.id));
      if (query.status) filters.push(eq(invoices.status, query.status));
      const where = and(...filters);
      const rows = await db
        .select({ invoice: invoices, orderNumber: orders.number })
        .from(invoices)
        .innerJoin(orders, eq(orders.id, invoices.orderId))
        .where(where)
        .orderBy(desc(invoices.createdAt), desc(invoices.number))
        .limit(query.limit)
        .offset(query.offset);
      const [total] = await db.select({ n: count() }).from(invoices).innerJoin(orders, eq(orders.id, invoices.orderId)).where(where);
      return {
        items: rows.map(({ invoice: i, orderNumber }) => ({
          id: i.id,
          number: i.number,
          orderId: i.orderId,
          orderNumber,
          amount: Number(i.amount),
          paid: Number(i.paid),
          balance: centsNumber(toCents(i.amount) - toCents(i.paid)),
          currency: i.currency,
          invoiceDate: i.createdAt.toISOString(),
          dueDate: i.dueDate,
          status: i.status as 'Open' | 'PartlyPaid' | 'Paid',
        })),
        total: total?.n ?? 0,
      };
    },

    approve: (caller: Caller, id: string) => decide(caller, id, 'Placed'),
    reject: (caller: Caller, id: string, reason: string) => decide(caller, id, 'Rejected', reason.trim()),
  };
}

export type Ordering = ReturnType<typeof createOrdering>;
