// Ordering on account: a partner user's cart (server prices, quantity limits), the organization's available credit,
// checkout refused above it and sent for approval above the buyer's spending limits, admins' approvals, and — on
// PostgreSQL — twenty buyers at once never taking the organization past its credit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { onPostgres, startApp, waitFor } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { approvedPartner, linkToken, mailTo } from '../helpers/partners.ts';
import type { ApprovedPartner } from '../helpers/partners.ts';

let t: TestApp;
let operations: string;
const run = Date.now().toString(36).toUpperCase();
const item = { ten: `O${run}-10`, tenth: `O${run}-01`, fifth: `O${run}-02`, packs: `O${run}-PK`, gone: `O${run}-DC`, twenty: `O${run}-20` };

beforeAll(async () => {
  t = await startApp();
  operations = await t.staffToken(['hq-operations']);
  const products = [
    { itemNumber: item.ten, name: 'Hinge', price: 10 },
    { itemNumber: item.tenth, name: 'Rivet', price: 0.1 },
    { itemNumber: item.fifth, name: 'Pin', price: 0.2 },
    { itemNumber: item.packs, name: 'Dowel pack', price: 2.5, minQuantity: 12, maxQuantity: 120, multiple: 6 },
    { itemNumber: item.gone, name: 'Old bracket', price: 5 },
    { itemNumber: item.twenty, name: 'Lock', price: 20 },
  ];
  for (const p of products) expect((await t.request('POST', '/api/hq/products', { token: operations, body: { unit: 'pcs', ...p } })).status).toBe(201);
  expect((await t.request('PATCH', `/api/hq/products/${item.gone}`, { token: operations, body: { status: 'Discontinued' } })).status).toBe(200);
}, 60_000);
afterAll(() => t?.close());

const cart = (token: string) => t.request('GET', '/api/store/cart', { token });
const add = (token: string, itemNumber: string, quantity: number, extra: Record<string, unknown> = {}) => t.request('POST', '/api/store/cart/lines', { token, body: { itemNumber, quantity, ...extra } });
const checkout = (token: string, body: Record<string, unknown> = {}) => t.request('POST', '/api/store/checkout', { token, body });
const credit = async (token: string) => (await t.request('GET', '/api/store/organization/credit', { token })).body;
const order = (token: string, id: string) => t.request('GET', `/api/store/orders/${id}`, { token });

/** The partner's first order waits for its products in the catalogue (1040 is near real time, not instant). */
async function productsArrived(token: string) {
  await waitFor(async () => (await t.request('GET', `/api/store/products?search=O${run}`, { token })).body.total === 5 || undefined, 'the products in the catalogue');
}

/** Sets the organization's credit limit in HQ and waits until 1010 has carried it to the storefront. */
async function setCredit(p: ApprovedPartner, creditLimit: number) {
  const account = (await t.request('GET', '/api/store/me', { token: p.admin })).body.organization.account;
  expect((await t.request('PATCH', `/api/hq/customers/${account}`, { token: t.adminToken, body: { creditLimit } })).status).toBe(200);
  await waitFor(async () => (await credit(p.admin)).creditLimit === creditLimit || undefined, `credit limit ${creditLimit} on the storefront`);
}

let userCount = 0;
/** Adds a user as the admin, waits until HQ confirmed it, accepts its invitation; returns its id and token. */
async function buyer(p: ApprovedPartner, limits: { spendingLimit?: number; monthlySpendingLimit?: number } = {}, role: 'Admin' | 'User' = 'User') {
  const email = `buyer${++userCount}.${run.toLowerCase()}${Math.random().toString(36).slice(2, 6)}@contoso.test`;
  const added = await t.request('POST', '/api/store/organization/users', { token: p.admin, body: { firstName: 'Buyer', lastName: String(userCount), email, role, ...limits } });
  expect(added.status).toBe(201);
  const token = linkToken((await mailTo(t, email, 'organization-user-added')).text, 'invitation');
  await waitFor(async () => (await t.request('POST', '/api/store/auth/link', { body: { token } })).status === 200, 'the invitation to reach the storefront');
  const accepted = await t.request('POST', '/api/store/auth/accept-invitation', { body: { token, password: 'buyer-password-1' } });
  expect(accepted.status).toBe(200);
  return { id: added.body.id as string, token: accepted.body.token as string };
}

describe('the cart', () => {
  let p: ApprovedPartner;
  beforeAll(async () => {
    p = await approvedPartner(t);
    await productsArrived(p.admin);
  }, 60_000);

  it('adds by item number in any case, adds to the line already there, prices from the server exact to the cent', async () => {
    expect((await add(p.admin, item.tenth.toLowerCase(), 1)).status).toBe(201);
    await add(p.admin, item.tenth, 2);
    const res = await add(p.admin, item.fifth, 1);
    expect(res.status).toBe(201);
    expect(res.body.lines).toEqual([
      { id: expect.any(String), itemNumber: item.tenth, name: 'Rivet', quantity: 3, unitPrice: 0.1, amount: 0.3 },
      { id: expect.any(String), itemNumber: item.fifth, name: 'Pin', quantity: 1, unitPrice: 0.2, amount: 0.2 },
    ]);
    expect(res.body).toMatchObject({ total: 0.5, currency: 'EUR' });

    const [rivet, pin] = res.body.lines;
    const changed = await t.request('PATCH', `/api/store/cart/lines/${rivet.id}`, { token: p.admin, body: { quantity: 7 } });
    expect(changed.body.lines[0]).toMatchObject({ quantity: 7, amount: 0.7 });
    expect(changed.body.total).toBe(0.9);
    const removed = await t.request('DELETE', `/api/store/cart/lines/${pin.id}`, { token: p.admin });
    expect(removed.body.lines.map((l: { itemNumber: string }) => l.itemNumber)).toEqual([item.tenth]);
    expect((await cart(p.admin)).body.total).toBe(0.7);
    await t.request('DELETE', `/api/store/cart/lines/${rivet.id}`, { token: p.admin });
    expect((await cart(p.admin)).body).toEqual({ lines: [], total: 0, currency: 'EUR' });
  });

  it('refuses a price or any other field sent by the client', async () => {
    const res = await add(p.admin, item.ten, 1, { unitPrice: 0.01 });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('unitPrice');
    const line = (await add(p.admin, item.ten, 1)).body.lines[0];
    const patched = await t.request('PATCH', `/api/store/cart/lines/${line.id}`, { token: p.admin, body: { quantity: 2, amount: 1 } });
    expect(patched.status).toBe(400);
    expect((await checkout(p.admin, { total: 1 })).status).toBe(400);
    expect((await cart(p.admin)).body.lines[0]).toMatchObject({ quantity: 1, unitPrice: 10 });
    await t.request('DELETE', `/api/store/cart/lines/${line.id}`, { token: p.admin });
  });

  it('enforces order quantity limits saying what would be accepted, on add, on the line total and on change', async () => {
    const low = await add(p.admin, item.packs, 6);
    expect(low.status).toBe(400);
    expect(low.body.errors[0]).toMatchObject({ path: 'quantity', message: `${item.packs}: quantity must be a multiple of 6 between 12 and 120; 12 would do` });
    expect((await add(p.admin, item.packs, 20)).body.detail).toContain('18 or 24 would do');
    const ok = await add(p.admin, item.packs, 18);
    expect(ok.status).toBe(201);
    // Adding to the line checks the line's new quantity: 18 + 3 = 21.
    expect((await add(p.admin, item.packs, 3)).body.detail).toContain('18 or 24 would do');
    const over = await t.request('PATCH', `/api/store/cart/lines/${ok.body.lines[0].id}`, { token: p.admin, body: { quantity: 126 } });
    expect(over.status).toBe(400);
    expect(over.body.detail).toContain('120 would do');
    expect((await cart(p.admin)).body.lines[0]).toMatchObject({ quantity: 18, amount: 45 });
    await t.request('DELETE', `/api/store/cart/lines/${ok.body.lines[0].id}`, { token: p.admin });
    expect((await add(p.admin, item.ten, 0)).status).toBe(400);
  });

  it('answers 404 naming the item number for an unknown or discontinued item', async () => {
    for (const itemNumber of ['NO-SUCH-ITEM', item.gone]) {
      const res = await add(p.admin, itemNumber, 1);
      expect(res.status).toBe(404);
      expect(res.body.detail).toContain(itemNumber);
      expect(res.body.errors[0].path).toBe('itemNumber');
    }
  });

  it("keeps one cart per user: another user's line is not found, anonymous callers are 401", async () => {
    const other = await approvedPartner(t);
    const line = (await add(p.admin, item.ten, 1)).body.lines[0];
    expect((await t.request('PATCH', `/api/store/cart/lines/${line.id}`, { token: other.admin, body: { quantity: 2 } })).status).toBe(404);
    expect((await t.request('DELETE', `/api/store/cart/lines/${line.id}`, { token: other.admin })).status).toBe(404);
    expect((await cart(other.admin)).body.lines).toEqual([]);
    expect((await t.request('GET', '/api/store/cart')).status).toBe(401);
    expect((await t.request('GET', '/api/store/cart', { token: t.adminToken })).status).toBe(401);
    await t.request('DELETE', `/api/store/cart/lines/${line.id}`, { token: p.admin });
  });
});

describe('checkout within the credit limit', () => {
  let p: ApprovedPartner;
  beforeAll(async () => {
    p = await approvedPartner(t);
    await productsArrived(p.admin);
  }, 60_000);

  it('without a credit limit from HQ there is no credit to order on', async () => {
    expect(await credit(p.admin)).toEqual({ creditLimit: null, openOrders: 0, unpaidInvoices: 0, available: 0, currency: 'EUR' });
    await add(p.admin, item.ten, 1);
    expect((await checkout(p.admin)).status).toBe(409);
    expect((await cart(p.admin)).body.lines).toHaveLength(1);
  });

  it('refuses an order above the available credit naming the amount: nothing ordered, the cart kept', async () => {
    await setCredit(p, 100);
    await add(p.admin, item.ten, 10); // 11 × 10 = 110
    const refused = await checkout(p.admin, { purchaseOrderNumber: 'PO-1' });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('100.00 EUR');
    expect(refused.body.available).toBe(100);
    expect((await t.request('GET', '/api/store/orders', { token: p.admin })).body.total).toBe(0);
    expect((await cart(p.admin)).body).toMatchObject({ total: 110 });
    expect((await credit(p.admin)).available).toBe(100);
  });

  it('places an order within it, empties the cart, and the open order uses the credit', async () => {
    const line = (await cart(p.admin)).body.lines[0];
    await t.request('PATCH', `/api/store/cart/lines/${line.id}`, { token: p.admin, body: { quantity: 7 } });
    const placed = await checkout(p.admin, { purchaseOrderNumber: ' PO-4711 ', note: 'Deliver to gate 3' });
    expect(placed.status).toBe(201);
    expect(placed.body).toEqual({ orderId: expect.any(String), number: expect.stringMatching(/^SO-\d{8}$/), status: 'Placed', total: 70, currency: 'EUR' });
    expect((await cart(p.admin)).body.lines).toEqual([]);
    expect(await credit(p.admin)).toEqual({ creditLimit: 100, openOrders: 70, unpaidInvoices: 0, available: 30, currency: 'EUR' });

    const detail = await order(p.admin, placed.body.orderId);
    expect(detail.body).toMatchObject({
      number: placed.body.number,
      status: 'Placed',
      total: 70,
      currency: 'EUR',
      purchaseOrderNumber: 'PO-4711',
      note: 'Deliver to gate 3',
      lines: [{ lineNumber: 1, itemNumber: item.ten, name: 'Hinge', unit: 'pcs', quantity: 7, unitPrice: 10, amount: 70 }],
      history: [{ status: 'Placed', actor: expect.any(String), at: expect.any(String) }],
    });
    expect(detail.body.approvedBy).toBeUndefined();

    const empty = await checkout(p.admin);
    expect(empty.status).toBe(400);
    expect(empty.body.detail).toContain('empty');
  });

  it('refuses checkout of a line that was discontinued after it was added, naming it', async () => {
    const tag = `O${run}-LATE`;
    expect((await t.request('POST', '/api/hq/products', { token: operations, body: { itemNumber: tag, name: 'Late', unit: 'pcs', price: 1 } })).status).toBe(201);
    await waitFor(async () => (await add(p.admin, tag, 1)).status === 201 || undefined, `${tag} in the catalogue`);
    await t.request('PATCH', `/api/hq/products/${tag}`, { token: operations, body: { status: 'Discontinued' } });
    const late = () => cart(p.admin).then((res) => res.body.lines.find((l: { itemNumber: string }) => l.itemNumber === tag));
    // Job 1040 may already have brought the change (near real time): wait for the line to say so either way.
    await waitFor(async () => (await late()).problem || undefined, 'the line to show it is no longer sold');
    const res = await checkout(p.admin);
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain(tag);
    expect((await t.request('GET', '/api/store/orders', { token: p.admin })).body.total).toBe(1);
    const line = await late();
    await t.request('DELETE', `/api/store/cart/lines/${line.id}`, { token: p.admin });
  });
});

describe('spending limits and approvals', () => {
  let p: ApprovedPartner;
  let other: ApprovedPartner;
  beforeAll(async () => {
    [p, other] = await Promise.all([approvedPartner(t), approvedPartner(t)]);
    await productsArrived(p.admin);
    await setCredit(p, 1000);
  }, 60_000);

  it('sends an order above the per-order limit for approval, holding its credit; only an admin of the organization decides', async () => {
    const ben = await buyer(p, { spendingLimit: 50 });
    await add(ben.token, item.ten, 5);
    expect((await checkout(ben.token)).body.status).toBe('Placed'); // exactly the limit
    await add(ben.token, item.ten, 6);
    const waiting = await checkout(ben.token);
    expect(waiting.status).toBe(201);
    expect(waiting.body).toMatchObject({ status: 'AwaitingApproval', total: 60 });
    expect(await credit(ben.token)).toMatchObject({ openOrders: 110, available: 890 });

    // The buyer (a User) cannot approve; another organization's admin does not even find it.
    expect((await t.request('POST', `/api/store/orders/${waiting.body.orderId}/approve`, { token: ben.token })).status).toBe(403);
    expect((await t.request('POST', `/api/store/orders/${waiting.body.orderId}/approve`, { token: other.admin })).status).toBe(404);
    expect((await t.request('POST', `/api/store/orders/${waiting.body.orderId}/reject`, { token: other.admin, body: { reason: 'no' } })).status).toBe(404);
    expect((await order(other.admin, waiting.body.orderId)).status).toBe(404);
    expect((await order(ben.token, waiting.body.orderId)).body.status).toBe('AwaitingApproval');

    const approvals = await t.request('GET', '/api/store/orders?status=AwaitingApproval', { token: p.admin });
    expect(approvals.body.items.map((o: { id: string }) => o.id)).toEqual([waiting.body.orderId]);
    const approved = await t.request('POST', `/api/store/orders/${waiting.body.orderId}/approve`, { token: p.admin });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'Placed', approvedBy: { id: expect.any(String), name: expect.any(String) } });
    expect(approved.body.history.map((h: { status: string }) => h.status)).toEqual(['AwaitingApproval', 'Placed']);
    const again = await t.request('POST', `/api/store/orders/${waiting.body.orderId}/approve`, { token: p.admin });
    expect(again.status).toBe(409);
    expect((await t.request('POST', `/api/store/orders/${waiting.body.orderId}/reject`, { token: p.admin, body: { reason: 'late' } })).status).toBe(409);
  });

  it('frees the credit of a rejected order and tells the buyer why on the order', async () => {
    const cleo = await buyer(p, { spendingLimit: 10 });
    const before = (await credit(p.admin)).available;
    await add(cleo.token, item.twenty, 2);
    const waiting = (await checkout(cleo.token)).body;
    expect(waiting.status).toBe('AwaitingApproval');
    expect((await credit(p.admin)).available).toBe(before - 40);
    expect((await t.request('POST', `/api/store/orders/${waiting.orderId}/reject`, { token: p.admin, body: { reason: ' ' } })).status).toBe(400);
    const rejected = await t.request('POST', `/api/store/orders/${waiting.orderId}/reject`, { token: p.admin, body: { reason: 'Order through the framework contract' } });
    expect(rejected.status).toBe(200);
    expect((await order(cleo.token, waiting.orderId)).body).toMatchObject({ status: 'Rejected', rejectionReason: 'Order through the framework contract' });
    expect((await credit(p.admin)).available).toBe(before);
  });

  it("never sends an admin's own order for approval, whatever the admin's limits", async () => {
    const me = (await t.request('GET', '/api/store/me', { token: p.admin })).body.user;
    expect((await t.request('PATCH', `/api/store/organization/users/${me.id}`, { token: p.admin, body: { spendingLimit: 1, monthlySpendingLimit: 1 } })).status).toBe(200);
    await add(p.admin, item.ten, 3);
    expect((await checkout(p.admin)).body).toMatchObject({ status: 'Placed', total: 30 });
  });

  it('counts the calendar month for the monthly limit: rejected orders and last month do not count', async () => {
    const dana = await buyer(p, { monthlySpendingLimit: 50 });
    await add(dana.token, item.ten, 3);
    const first = (await checkout(dana.token)).body;
    expect(first.status).toBe('Placed');
    await add(dana.token, item.ten, 3);
    const second = (await checkout(dana.token)).body;
    expect(second.status).toBe('AwaitingApproval'); // 30 + 30 > 50
    await t.request('POST', `/api/store/orders/${second.orderId}/reject`, { token: p.admin, body: { reason: 'Too much this month' } });
    await add(dana.token, item.ten, 2);
    expect((await checkout(dana.token)).body.status).toBe('Placed'); // 30 + 20 = 50: the rejected order does not count

    // Move this month's orders to the last instant of the previous month: a new month starts from zero.
    const startOfMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1));
    await t.app.dbs.db.storefront.execute(sql`update storefront.orders set created_at = ${new Date(startOfMonth.getTime() - 1).toISOString()} where placed_by = ${dana.id}`);
    await add(dana.token, item.ten, 5);
    expect((await checkout(dana.token)).body.status).toBe('Placed');
    await add(dana.token, item.ten, 1);
    expect((await checkout(dana.token)).body.status).toBe('AwaitingApproval'); // 50 + 10 this month
  });

  it('lists own orders for a User and the organization’s for an Admin, filtered by status and buyer, paged', async () => {
    const eve = await buyer(p);
    const fred = await buyer(p);
    for (const b of [eve, eve, fred]) {
      await add(b.token, item.ten, 1);
      expect((await checkout(b.token)).status).toBe(201);
    }
    const own = await t.request('GET', '/api/store/orders', { token: eve.token });
    expect(own.body.total).toBe(2);
    expect(own.body.items.every((o: { placedBy: { id: string } }) => o.placedBy.id === eve.id)).toBe(true);
    // A User asking for another buyer's orders still sees only their own (none of fred's).
    expect((await t.request('GET', `/api/store/orders?buyer=${fred.id}`, { token: eve.token })).body.total).toBe(0);
    const fredsOrder = (await t.request('GET', '/api/store/orders', { token: fred.token })).body.items[0];
    expect((await order(eve.token, fredsOrder.id)).status).toBe(404);
    expect((await order(p.admin, fredsOrder.id)).status).toBe(200);

    const byBuyer = await t.request('GET', `/api/store/orders?buyer=${eve.id}&limit=1`, { token: p.admin });
    expect(byBuyer.body).toMatchObject({ total: 2, next: 1 });
    const all = await t.request('GET', '/api/store/orders?limit=200', { token: p.admin });
    expect(all.body.total).toBeGreaterThan(5);
    const placedAt = all.body.items.map((o: { createdAt: string }) => o.createdAt);
    expect([...placedAt].sort().reverse()).toEqual(placedAt); // newest first
    expect((await t.request('GET', '/api/store/orders', { token: other.admin })).body.total).toBe(0);
    expect((await t.request('GET', '/api/store/orders?status=Lost', { token: p.admin })).status).toBe(400);
  });
});

describe.skipIf(!onPostgres)('concurrent checkouts (PostgreSQL)', () => {
  it('twenty buyers at once against credit for fifteen orders: exactly fifteen placed, five refused, never below zero', async () => {
    const p = await approvedPartner(t);
    await productsArrived(p.admin);
    await setCredit(p, 150);
    const buyers = await Promise.all(Array.from({ length: 20 }, () => buyer(p)));
    for (const b of buyers) expect((await add(b.token, item.ten, 1)).status).toBe(201);

    // While they check out, the organization's open orders are sampled: they never pass its credit limit.
    let done = false;
    const samples: number[] = [];
    const sampling = (async () => {
      while (!done) samples.push((await credit(p.admin)).openOrders);
    })();
    const results = await Promise.all(buyers.map((b) => checkout(b.token)));
    done = true;
    await sampling;
    expect(samples.length).toBeGreaterThan(0);
    expect(Math.max(...samples)).toBeLessThanOrEqual(150);
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(15);
    expect(statuses.filter((s) => s === 409)).toHaveLength(5);
    expect(results.filter((r) => r.status === 201).every((r) => r.body.status === 'Placed')).toBe(true);
    expect(await credit(p.admin)).toMatchObject({ creditLimit: 150, openOrders: 150, available: 0 });
    expect((await t.request('GET', '/api/store/orders', { token: p.admin })).body.total).toBe(15);
  }, 120_000);

  it("one buyer's two simultaneous checkouts of one cart make one order", async () => {
    const p = await approvedPartner(t);
    await productsArrived(p.admin);
    await setCredit(p, 1000);
    for (let attempt = 0; attempt < 5; attempt++) {
      await add(p.admin, item.ten, 2);
      const [a, b] = await Promise.all([checkout(p.admin), checkout(p.admin)]);
      expect([a.status, b.status].sort()).toEqual([201, 400]);
    }
    expect((await t.request('GET', '/api/store/orders', { token: p.admin })).body.total).toBe(5);
    expect((await credit(p.admin)).openOrders).toBe(100);
  }, 60_000);
});
