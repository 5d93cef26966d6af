// Orders flow to HQ and back: a placed storefront order becomes an HQ sales order ("Synchronize orders"); HQ confirms,
// invoices (with a due date from the payment terms), cancels and records payments; the storefront shows each status
// and counts unpaid invoice balances against the organization's credit until they are paid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startApp, waitFor } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { approvedPartner, linkToken, mailTo } from '../helpers/partners.ts';
import type { ApprovedPartner } from '../helpers/partners.ts';
import { uploadQueue } from '../../src/storefront/schema.ts';

let t: TestApp;
let operations: string;
let sales: string;
let p: ApprovedPartner;
let account: string;
const run = Date.now().toString(36).toUpperCase();
const hinge = `S${run}-10`;

const credit = async () => (await t.request('GET', '/api/store/organization/credit', { token: p.admin })).body;
const storeOrder = async (id: string) => (await t.request('GET', `/api/store/orders/${id}`, { token: p.admin })).body;
const salesOrdersOf = async () => (await t.request('GET', `/api/hq/sales-orders?customer=${account}`, { token: operations })).body;
const act = (id: string, action: 'confirm' | 'invoice' | 'cancel', token = operations) => t.request('POST', `/api/hq/sales-orders/${id}/${action}`, { token });
const pay = (id: string, amount: number, token = operations) => t.request('POST', `/api/hq/invoices/${id}/payments`, { token, body: { amount } });

/** Orders `quantity` hinges at 10 EUR on account and waits for HQ's sales order of it. */
async function placeOrder(quantity: number, purchaseOrderNumber?: string) {
  expect((await t.request('POST', '/api/store/cart/lines', { token: p.admin, body: { itemNumber: hinge, quantity } })).status).toBe(201);
  const placed = await t.request('POST', '/api/store/checkout', { token: p.admin, body: { ...(purchaseOrderNumber ? { purchaseOrderNumber } : {}), note: 'Gate 3' } });
  expect(placed.status).toBe(201);
  expect(placed.body.status).toBe('Placed');
  const summary = await waitFor(async () => (await salesOrdersOf()).items.find((o: { storefrontOrderNumber: string }) => o.storefrontOrderNumber === placed.body.number), `the sales order of ${placed.body.number}`);
  return { storeId: placed.body.orderId as string, storeNumber: placed.body.number as string, salesOrderId: summary.id as string, summary };
}

const storeStatus = (id: string, status: string) => waitFor(async () => ((await storeOrder(id)).status === status ? true : undefined), `the storefront order ${status}`);

beforeAll(async () => {
  t = await startApp();
  operations = await t.staffToken(['hq-operations']);
  sales = await t.staffToken(['salesperson']);
  expect((await t.request('POST', '/api/hq/products', { token: operations, body: { itemNumber: hinge, name: 'Hinge', unit: 'pcs', price: 10 } })).status).toBe(201);
  p = await approvedPartner(t);
  account = (await t.request('GET', '/api/store/me', { token: p.admin })).body.organization.account;
  expect((await t.request('PATCH', `/api/hq/customers/${account}`, { token: t.adminToken, body: { creditLimit: 1000 } })).status).toBe(200);
  await waitFor(async () => (await credit()).creditLimit === 1000 || undefined, 'the credit limit on the storefront');
  await waitFor(async () => (await t.request('GET', `/api/store/products?search=${hinge}`, { token: p.admin })).body.total === 1 || undefined, 'the product in the catalogue');
}, 90_000);
afterAll(() => t?.close());

describe('orders flow to HQ and back', () => {
  it('a placed order becomes an HQ sales order with its own number, lines, buyer and purchase order number', async () => {
    const o = await placeOrder(3, 'PO-77');
    expect(o.summary).toMatchObject({ number: expect.stringMatching(/^SO\d{6}$/), customerAccount: account, status: 'Open', total: 30, currency: 'EUR', purchaseOrderNumber: 'PO-77' });
    expect(o.summary.number).not.toBe(o.storeNumber);
    const detail = (await t.request('GET', `/api/hq/sales-orders/${o.salesOrderId}`, { token: sales })).body;
    expect(detail).toMatchObject({ storefrontOrderId: o.storeId, hierarchyId: p.hierarchyId, note: 'Gate 3', lines: [{ lineNumber: 1, itemNumber: hinge, name: 'Hinge', quantity: 3, unitPrice: 10, amount: 30 }] });
    expect(detail.buyer).toEqual(expect.any(String));
    expect((await t.request('GET', '/api/hq/sales-orders?status=Open', { token: operations })).body.items.map((i: { id: string }) => i.id)).toContain(o.salesOrderId);
    await act(o.salesOrderId, 'cancel');
    await storeStatus(o.storeId, 'Canceled');
  });

  it('confirm and invoice show on the storefront; the invoice moves the amount from open orders to unpaid invoices; payments give the credit back', async () => {
    const before = await credit();
    const o = await placeOrder(5);
    expect(await credit()).toMatchObject({ openOrders: before.openOrders + 50, available: before.available - 50 });

    expect((await act(o.salesOrderId, 'confirm')).body.status).toBe('Confirmed');
    await storeStatus(o.storeId, 'Confirmed');
    expect((await credit()).available).toBe(before.available - 50);

    const invoiced = await act(o.salesOrderId, 'invoice');
    expect(invoiced.status).toBe(200);
    expect(invoiced.body.status).toBe('Invoiced');
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    expect(invoiced.body.invoice).toMatchObject({ number: expect.stringMatching(/^INV\d{6}$/), amount: 50, paid: 0, balance: 50, status: 'Open', paymentTerms: 'Net 30', dueDate: due });
    const invoiceId = invoiced.body.invoice.id;

    await storeStatus(o.storeId, 'Invoiced');
    const afterInvoice = await waitFor(async () => {
      const c = await credit();
      return c.unpaidInvoices === before.unpaidInvoices + 50 ? c : undefined;
    }, 'the unpaid invoice on the storefront');
    expect(afterInvoice).toMatchObject({ openOrders: before.openOrders, available: before.available - 50 });
    expect((await storeOrder(o.storeId)).history.map((h: { status: string }) => h.status)).toEqual(['Placed', 'Confirmed', 'Invoiced']);
    const storeInvoices = (await t.request('GET', '/api/store/invoices', { token: p.admin })).body;
    expect(storeInvoices.items.find((i: { id: string }) => i.id === invoiceId)).toMatchObject({ orderId: o.storeId, orderNumber: o.storeNumber, amount: 50, paid: 0, balance: 50, dueDate: due, status: 'Open' });

    const partly = await pay(invoiceId, 20);
    expect(partly.body).toMatchObject({ paid: 20, balance: 30, status: 'PartlyPaid' });
    await waitFor(async () => ((await credit()).available === before.available - 30 ? true : undefined), 'credit after the partial payment');

    const over = await pay(invoiceId, 30.01);
    expect(over.status).toBe(400);
    expect(over.body.errors[0].path).toBe('amount');
    expect(over.body.detail).toContain('30.00');

    expect((await pay(invoiceId, 30)).body).toMatchObject({ paid: 50, balance: 0, status: 'Paid' });
    await waitFor(async () => ((await credit()).available === before.available ? true : undefined), 'credit back after the full payment');
    expect((await t.request('GET', `/api/hq/invoices?customer=${account}&status=Paid`, { token: sales })).body.items.map((i: { id: string }) => i.id)).toContain(invoiceId);
    expect((await t.request('GET', '/api/store/invoices?status=Paid', { token: p.admin })).body.items.map((i: { id: string }) => i.id)).toContain(invoiceId);
    expect((await pay(invoiceId, 1)).status).toBe(400);
  });

  it('the storefront applies HQ status changes once: a re-sent or older status changes nothing', async () => {
    const o = await placeOrder(1);
    await act(o.salesOrderId, 'confirm');
    await act(o.salesOrderId, 'invoice');
    await storeStatus(o.storeId, 'Invoiced');
    const history = (await storeOrder(o.storeId)).history;
    // As after a crash between applying and marking delivered: 1010 sends the same and an older change again.
    await t.app.storefront.channelDatabase.applyDownload([
      { id: 1, topic: 'sales-order-status', key: o.storeId, payload: { storefrontOrderId: o.storeId, status: 'Confirmed', version: 2 } },
      { id: 2, topic: 'sales-order-status', key: o.storeId, payload: { storefrontOrderId: o.storeId, status: 'Invoiced', version: 3 } },
    ]);
    const after = await storeOrder(o.storeId);
    expect(after.status).toBe('Invoiced');
    expect(after.history).toEqual(history);
  });

  it('cancel frees the credit and shows Canceled on the storefront', async () => {
    const before = await credit();
    const o = await placeOrder(4);
    expect((await credit()).available).toBe(before.available - 40);
    expect((await act(o.salesOrderId, 'cancel')).body.status).toBe('Canceled');
    await storeStatus(o.storeId, 'Canceled');
    expect(await credit()).toMatchObject({ openOrders: before.openOrders, available: before.available });
  });

  it('keeps the state rules: 409 naming the status', async () => {
    const o = await placeOrder(1);
    await act(o.salesOrderId, 'invoice');
    for (const action of ['confirm', 'invoice', 'cancel'] as const) {
      const res = await act(o.salesOrderId, action);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ detail: expect.stringContaining('Invoiced'), orderStatus: 'Invoiced' });
    }
    const c = await placeOrder(1);
    await act(c.salesOrderId, 'cancel');
    expect((await act(c.salesOrderId, 'confirm')).status).toBe(409);
    expect((await act(c.salesOrderId, 'cancel')).status).toBe(409);
    expect((await t.request('POST', '/api/hq/sales-orders/00000000-0000-4000-8000-000000000000/confirm', { token: operations })).status).toBe(404);
  });

  it('only HQ operations change orders and record payments; sales staff read; anonymous callers are 401', async () => {
    const o = await placeOrder(1);
    expect((await act(o.salesOrderId, 'confirm', sales)).status).toBe(403);
    expect((await t.request('POST', `/api/hq/sales-orders/${o.salesOrderId}/confirm`)).status).toBe(401);
    expect((await t.request('GET', '/api/hq/sales-orders')).status).toBe(401);
    expect((await t.request('GET', '/api/hq/invoices', { token: p.admin })).status).toBe(401);
    const invoice = (await act(o.salesOrderId, 'invoice')).body.invoice;
    expect((await pay(invoice.id, 1, sales)).status).toBe(403);
    expect((await t.request('POST', `/api/hq/invoices/${invoice.id}/payments`, { body: { amount: 1 } })).status).toBe(401);
    expect((await pay(invoice.id, 10, t.adminToken)).body.status).toBe('Paid');
  });

  it('an order awaiting approval stays in the storefront; once an admin approves it, it becomes a sales order', async () => {
    const email = `capped.${run.toLowerCase()}@contoso.test`;
    const added = await t.request('POST', '/api/store/organization/users', { token: p.admin, body: { firstName: 'Capped', lastName: 'Buyer', email, role: 'User', spendingLimit: 5 } });
    expect(added.status).toBe(201);
    const token = linkToken((await mailTo(t, email, 'organization-user-added')).text, 'invitation');
    await waitFor(async () => (await t.request('POST', '/api/store/auth/link', { body: { token } })).status === 200, 'the invitation to reach the storefront');
    const buyer = (await t.request('POST', '/api/store/auth/accept-invitation', { body: { token, password: 'buyer-password-1' } })).body.token;
    await t.request('POST', '/api/store/cart/lines', { token: buyer, body: { itemNumber: hinge, quantity: 1 } });
    const waiting = await t.request('POST', '/api/store/checkout', { token: buyer, body: {} });
    expect(waiting.body.status).toBe('AwaitingApproval');
    await t.app.hq.distribution.idle();
    expect((await salesOrdersOf()).items.map((i: { storefrontOrderNumber: string }) => i.storefrontOrderNumber)).not.toContain(waiting.body.number);

    expect((await t.request('POST', `/api/store/orders/${waiting.body.orderId}/approve`, { token: p.admin })).status).toBe(200);
    const made = await waitFor(async () => (await salesOrdersOf()).items.find((i: { storefrontOrderNumber: string }) => i.storefrontOrderNumber === waiting.body.number), 'the approved order in HQ');
    expect(made).toMatchObject({ status: 'Open', total: 10, buyer: 'Capped Buyer' });
    // A User sees the invoices of own orders only.
    await act(made.id, 'invoice');
    await waitFor(async () => ((await t.request('GET', '/api/store/invoices', { token: buyer })).body.total === 1 ? true : undefined), "the buyer's invoice");
    expect((await t.request('GET', '/api/store/invoices', { token: buyer })).body.items[0]).toMatchObject({ orderId: waiting.body.orderId, amount: 10, status: 'Open' });
  });

  it('the same order uploaded again makes no second sales order', async () => {
    const o = await placeOrder(2);
    const storefront = t.app.dbs.db.storefront;
    const [record] = await storefront.select().from(uploadQueue).where(eq(uploadQueue.recordId, o.storeId));
    expect(record).toBeDefined();
    // The channel sends it again as a new record (as after a restore of the channel database).
    await storefront.insert(uploadQueue).values({ kind: 'sales-order', recordId: `${o.storeId}-again`, payload: record!.payload });
    await t.app.hq.distribution.requestRun('P-0001');
    const processed = await waitFor(async () => {
      const requests = (await t.request('GET', '/api/hq/channel-requests?limit=200', { token: operations })).body.items;
      return requests.find((r: { id: string; status: string }) => r.id === `${o.storeId}-again` && r.status !== 'Uploaded');
    }, 'the second upload processed');
    expect(processed.status).toBe('Processed');
    // HQ can list the orders among the uploads by kind, each said in words rather than as an empty company.
    const orders = (await t.request('GET', '/api/hq/channel-requests?kind=sales-order&limit=200', { token: operations })).body.items as { kind: string; summary: string; companyName: string }[];
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.every((r) => r.kind === 'sales-order')).toBe(true);
    expect(orders.find((r) => r.summary.startsWith(`Order ${o.storeNumber} · `))?.summary).toMatch(/ · 1 line · 20(\.00)? [A-Z]{3} · /);
    const requests = (await t.request('GET', '/api/hq/channel-requests?kind=partner-request&limit=200', { token: operations })).body.items as { kind: string; companyName: string }[];
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((r) => r.kind === 'partner-request' && r.companyName !== '')).toBe(true);
    expect((await t.request('GET', '/api/hq/channel-requests?kind=invoice', { token: operations })).status).toBe(400);
    const same = (await salesOrdersOf()).items.filter((i: { storefrontOrderNumber: string }) => i.storefrontOrderNumber === o.storeNumber);
    expect(same).toHaveLength(1);
  });

  it('finds sales orders and invoices by the numbers people quote, in any case, and sorts them', async () => {
    const po = `po-find-${run}`;
    const small = await placeOrder(1, po.toUpperCase());
    const large = await placeOrder(4);
    const list = async (path: string) => (await t.request('GET', path, { token: sales })).body;
    // The buyer's purchase order number, typed in lower case; HQ's own number; the storefront's.
    expect((await list(`/api/hq/sales-orders?search=${po}`)).items.map((o: { id: string }) => o.id)).toEqual([small.salesOrderId]);
    expect((await list(`/api/hq/sales-orders?search=${small.summary.number.toLowerCase()}`)).items.map((o: { id: string }) => o.id)).toEqual([small.salesOrderId]);
    expect((await list(`/api/hq/sales-orders?search=${large.storeNumber}`)).items.map((o: { id: string }) => o.id)).toEqual([large.salesOrderId]);
    // By total, smallest first, within the customer's orders; an unknown sort is a 400.
    const byTotal = (await list(`/api/hq/sales-orders?customer=${account}&sort=total&limit=200`)).items.map((o: { total: number }) => o.total);
    expect(byTotal).toEqual([...byTotal].sort((a, b) => a - b));
    expect((await t.request('GET', '/api/hq/sales-orders?sort=buyerId', { token: sales })).status).toBe(400);

    // An invoice is found by its sales order's number, and invoices sort by due date.
    const invoiced = (await act(large.salesOrderId, 'invoice')).body;
    const found = await list(`/api/hq/invoices?search=${large.summary.number}`);
    expect(found).toMatchObject({ total: 1, items: [{ id: invoiced.invoice.id, salesOrderNumber: large.summary.number }] });
    expect((await list(`/api/hq/invoices?search=${invoiced.invoice.number.toLowerCase()}`)).items.map((i: { id: string }) => i.id)).toEqual([invoiced.invoice.id]);
    const dues = (await list('/api/hq/invoices?sort=-dueDate&limit=200')).items.map((i: { dueDate: string }) => i.dueDate);
    expect(dues).toEqual([...dues].sort().reverse());
    await act(small.salesOrderId, 'cancel');
  });

  it('an order that cannot become a sales order fails alone, with its reason in the run', async () => {
    await t.app.dbs.db.storefront.insert(uploadQueue).values({
      kind: 'sales-order',
      recordId: `broken-${run}`,
      payload: { orderId: '00000000-0000-4000-8000-000000000001', number: 'SO-X', hierarchyId: 'H-NOPE', organizationAccount: 'C-NOPE', buyer: { id: 'x', name: 'X' }, lines: [{ itemNumber: 'A', name: 'A', quantity: 1, unitPrice: '1.00', amount: '1.00' }], total: '1.00', currency: 'EUR', orderedAt: new Date().toISOString() },
    });
    await t.app.hq.distribution.requestRun('P-0001');
    const failed = await waitFor(async () => {
      const runs = (await t.request('GET', '/api/hq/distribution/runs?job=SYNC-ORDERS&limit=50', { token: operations })).body.items;
      return runs.flatMap((r: { errors: { record: string; reason: string }[] }) => r.errors).find((e: { record: string }) => e.record === `broken-${run}`);
    }, 'the failed record in the run');
    expect(failed.reason).toContain('H-NOPE');
  });
});
