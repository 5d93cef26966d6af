// The mail events of ordering on account (placed, awaiting approval, approved, rejected, invoiced), written to the
// storefront's outbox in the transaction of the change that causes them, so a mail is never sent for a change that
// was rolled back nor lost for one that was committed.
import { and, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '../platform/db.ts';
import { signalMailEvent } from '../platform/change-signal.ts';
import { channelSettings, orders, organizations, outbox, partnerUsers } from './schema.ts';

type OrderRow = typeof orders.$inferSelect;
type UserRow = typeof partnerUsers.$inferSelect;
export type OrderMailTopic = 'order-placed' | 'order-awaiting-approval' | 'order-approved' | 'order-rejected' | 'order-invoiced';

const statusWords: Record<string, string> = { AwaitingApproval: 'Awaiting approval' };

/** The store's name, address and language as 1070 last delivered them; a mail is in its language unless the recipient picked one. */
export async function mailStore(tx: DbOrTx) {
  const [store] = await tx.select().from(channelSettings).limit(1);
  return { storename: store?.name ?? '', storeurl: (store?.url ?? '').replace(/\/+$/, ''), language: store?.defaultLanguage ?? 'en-us', channelId: store?.channelId ?? '' };
}

type Store = Awaited<ReturnType<typeof mailStore>>;

/** What a caller may already have read (a checkout reads it before taking the organization's lock). */
export interface KnownValues {
  buyer: UserRow;
  company: string;
  store: Store;
}

/** One mail event per recipient, in the caller's transaction; the relay reads it after the commit. */
async function record(tx: DbOrTx, topic: OrderMailTopic, key: string, recipients: UserRow[], values: Record<string, string | null>, known?: Store) {
  if (recipients.length === 0) return;
  const store = known ?? (await mailStore(tx));
  await tx.insert(outbox).values(
    recipients.map((user) => ({
      consumer: 'mail',
      topic,
      key,
      payload: {
        recipient: user.email,
        // The recipient's own pick in the storefront, else the store's language.
        language: user.language ?? store.language,
        channelId: store.channelId,
        values: { firstname: user.firstName, lastname: user.lastName, ...values, storename: store.storename, storeurl: store.storeurl },
      },
    })),
  );
  // In-process the signal may come before the commit (the relay looks again shortly after); a NOTIFY comes on commit.
  await signalMailEvent(tx);
}

/** The order's values every order mail offers, and its buyer (none once removed from the organization). */
async function orderValues(tx: DbOrTx, order: OrderRow, known?: KnownValues) {
  const [org] = known ? [{ name: known.company }] : await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.hierarchyId, order.hierarchyId));
  const [buyer] = known ? [known.buyer] : await tx.select().from(partnerUsers).where(and(eq(partnerUsers.id, order.placedBy), ne(partnerUsers.status, 'Removed')));
  const { storeurl } = known?.store ?? (await mailStore(tx));
  return {
    buyer,
    storeurl,
    values: {
      company: org?.name ?? '',
      ordernumber: order.number,
      total: order.total,
      currency: order.currency,
      ponumber: order.purchaseOrderNumber ?? '—',
      status: statusWords[order.status] ?? order.status,
      orderlink: `${storeurl}/my-account/orders/${order.id}`,
      approvalslink: `${storeurl}/my-account/approvals`,
    },
  };
}

/**
 * A checkout's mails: the buyer hears the order was placed (or awaits approval); when it awaits approval, every
 * other admin of the organization is asked to decide, told which limit it is over.
 */
export async function mailOrderPlaced(tx: DbOrTx, order: OrderRow, limit: string | null, known?: KnownValues) {
  const { buyer, values } = await orderValues(tx, order, known);
  await record(tx, 'order-placed', order.id, buyer ? [buyer] : [], values, known?.store);
  if (order.status !== 'AwaitingApproval') return;
  const admins = await tx
    .select()
    .from(partnerUsers)
    .where(and(eq(partnerUsers.hierarchyId, order.hierarchyId), eq(partnerUsers.role, 'Admin'), eq(partnerUsers.status, 'Active'), ne(partnerUsers.id, order.placedBy)));
  await record(tx, 'order-awaiting-approval', order.id, admins, { ...values, buyername: order.placedByName, limit: limit ?? 'spending limit' }, known?.store);
}

/** An admin's decision, to the buyer: approved, or rejected with the admin's reason. */
export async function mailOrderDecided(tx: DbOrTx, order: OrderRow, approver: string) {
  const { buyer, values } = await orderValues(tx, order);
  const topic = order.status === 'Rejected' ? 'order-rejected' : 'order-approved';
  await record(tx, topic, order.id, buyer ? [buyer] : [], { ...values, approvername: approver, reason: order.rejectionReason ?? '' });
}

/** HQ's invoice of an order reached the storefront (1010): the buyer hears its number, amount and due date. */
export async function mailOrderInvoiced(tx: DbOrTx, invoice: { id: string; number: string; orderId: string; amount: string; currency: string; dueDate: string }) {
  const [order] = await tx.select().from(orders).where(eq(orders.id, invoice.orderId));
  if (!order) return;
  const { buyer, values, storeurl } = await orderValues(tx, order);
  await record(tx, 'order-invoiced', invoice.id, buyer ? [buyer] : [], { ...values, invoicenumber: invoice.number, amount: invoice.amount, currency: invoice.currency, duedate: invoice.dueDate, invoiceslink: `${storeurl}/my-account/invoices` });
}
