// Released products: HQ keeps them (validated price and order quantity limits, roles), job 1040 carries every change
// to the storefront in near real time, and signed-in partner users browse the Active ones with their prices.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, waitFor } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { approvedPartner } from '../helpers/partners.ts';
import type { ApprovedPartner } from '../helpers/partners.ts';

let t: TestApp;
let partner: ApprovedPartner;
let operations: string;
const run = Date.now().toString(36).toUpperCase();
let counter = 0;
const itemNumber = () => `T${run}-${++counter}`;

beforeAll(async () => {
  t = await startApp();
  partner = await approvedPartner(t);
  operations = await t.staffToken(['hq-operations']);
}, 60_000);
afterAll(() => t?.close());

const product = (overrides: Record<string, unknown> = {}) => ({ itemNumber: itemNumber(), name: 'Hex bolt M8 × 40', unit: 'pcs', price: 12.5, ...overrides });
const create = (body: Record<string, unknown>, token = operations) => t.request('POST', '/api/hq/products', { token, body });
const patch = (item: string, body: Record<string, unknown>, token = operations) => t.request('PATCH', `/api/hq/products/${item}`, { token, body });
const catalogue = (path: string, token = partner.admin) => t.request('GET', `/api/store/products${path}`, { token });
/** The catalogue's view of one product once it satisfies `check` (the 1040 run is near real time, not instant). */
const onStorefront = (item: string, check: (res: { status: number; body: any }) => boolean) =>
  waitFor(async () => {
    const res = await catalogue(`/${item}`);
    return check(res) ? res : undefined;
  }, `${item} on the storefront`);

describe('HQ products', () => {
  it('creates a product with the defaults and reads it back by item number in any case', async () => {
    const body = product({ description: 'Zinc plated', minQuantity: 10, maxQuantity: 1000, multiple: 10, standardQuantity: 100 });
    const created = await create(body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ itemNumber: body.itemNumber, name: body.name, unit: 'pcs', price: 12.5, currency: 'EUR', minQuantity: 10, maxQuantity: 1000, multiple: 10, standardQuantity: 100, status: 'Active', version: 1 });
    const read = await t.request('GET', `/api/hq/products/${body.itemNumber.toLowerCase()}`, { token: operations });
    expect(read.status).toBe(200);
    expect(read.body.itemNumber).toBe(body.itemNumber);
  });

  it('refuses a bad price, currency, unknown fields and each broken quantity rule with a 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ price: 0 }, 'price'],
      [{ price: -5 }, 'price'],
      [{ price: 1.005 }, 'price'],
      [{ price: '12.50' }, 'price'],
      [{ currency: 'XYZ' }, 'currency'],
      [{ currency: 'EURO' }, 'currency'],
      [{ colour: 'red' }, 'colour'],
      [{ minQuantity: 0 }, 'minQuantity'],
      [{ multiple: 2.5 }, 'multiple'],
      [{ minQuantity: 50, maxQuantity: 10 }, 'maxQuantity'],
      [{ multiple: 6, minQuantity: 10 }, 'minQuantity'],
      [{ multiple: 5, maxQuantity: 12 }, 'maxQuantity'],
      [{ minQuantity: 10, standardQuantity: 5 }, 'standardQuantity'],
      [{ maxQuantity: 10, standardQuantity: 20 }, 'standardQuantity'],
      [{ multiple: 4, standardQuantity: 10 }, 'standardQuantity'],
    ];
    for (const [overrides, field] of cases) {
      const res = await create(product(overrides));
      expect(res.status, JSON.stringify(overrides)).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path), JSON.stringify(overrides)).toContain(field);
    }
    const { name: _n, ...nameless } = product();
    expect((await create(nameless)).body.errors[0].path).toBe('name');
  });

  it('checks a change against the limits already there, and a used item number is a 409', async () => {
    const body = product({ minQuantity: 10, maxQuantity: 100 });
    expect((await create(body)).status).toBe(201);
    const lowered = await patch(body.itemNumber, { maxQuantity: 5 });
    expect(lowered.status).toBe(400);
    expect(lowered.body.errors[0].path).toBe('maxQuantity');
    const standard = await patch(body.itemNumber, { standardQuantity: 200 });
    expect(standard.body.errors[0].path).toBe('standardQuantity');
    expect((await patch(body.itemNumber, { unknown: 1 })).status).toBe(400);
    expect((await patch(body.itemNumber, {})).status).toBe(400);
    const cleared = await patch(body.itemNumber, { minQuantity: null, maxQuantity: 5 });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ maxQuantity: 5, version: 2 });
    expect(cleared.body.minQuantity).toBeUndefined();
    expect((await patch(body.itemNumber, { maxQuantity: 5 })).body.version).toBe(2); // nothing changed, no new version
    expect((await patch('NO-SUCH-ITEM', { price: 1 })).status).toBe(404);

    const again = await create({ ...product(), itemNumber: body.itemNumber.toLowerCase() });
    expect(again.status).toBe(409);
    expect(again.body.errors[0].path).toBe('itemNumber');
  });

  it('lets HQ and sales staff read, only retail operations write; anonymous callers are 401', async () => {
    const salesperson = await t.staffToken(['salesperson']);
    const integration = await t.staffToken(['integration-administrator']);
    expect((await t.request('GET', '/api/hq/products', { token: salesperson })).status).toBe(200);
    expect((await create(product(), salesperson)).status).toBe(403);
    expect((await t.request('GET', '/api/hq/products', { token: integration })).status).toBe(403);
    expect((await create(product(), integration)).status).toBe(403);
    expect((await t.request('GET', '/api/hq/products')).status).toBe(401);
    expect((await t.request('POST', '/api/hq/products', { body: product() })).status).toBe(401);
    expect((await t.request('PATCH', `/api/hq/products/X`, { body: { price: 1 } })).status).toBe(401);
    // A partner's session opens nothing in HQ.
    expect((await t.request('GET', '/api/hq/products', { token: partner.admin })).status).toBe(401);
  });

  it('searches item number and name, filters by status, sorts and pages', async () => {
    const tag = `S${run}`;
    for (const [suffix, name, price] of [['A', 'Washer steel', 3], ['B', 'Washer brass', 1], ['C', 'Nut steel', 2]] as const) {
      expect((await create(product({ itemNumber: `${tag}-${suffix}`, name: `${name} ${tag}`, price }))).status).toBe(201);
    }
    await patch(`${tag}-C`, { status: 'Discontinued' });
    const byName = await t.request('GET', `/api/hq/products?search=washer%20steel%20${tag}`, { token: operations });
    expect(byName.body.items.map((p: { itemNumber: string }) => p.itemNumber)).toEqual([`${tag}-A`]);
    const byPrice = await t.request('GET', `/api/hq/products?search=${tag}&sort=-price`, { token: operations });
    expect(byPrice.body.items.map((p: { price: number }) => p.price)).toEqual([3, 2, 1]);
    const active = await t.request('GET', `/api/hq/products?search=${tag.toLowerCase()}&status=Active`, { token: operations });
    expect(active.body.total).toBe(2);
    const first = await t.request('GET', `/api/hq/products?search=${tag}&limit=2`, { token: operations });
    expect(first.body).toMatchObject({ total: 3, next: 2 });
    const second = await t.request('GET', `/api/hq/products?search=${tag}&limit=2&offset=2`, { token: operations });
    expect(second.body.items.map((p: { itemNumber: string }) => p.itemNumber)).toEqual([`${tag}-C`]);
    expect(second.body.next).toBeUndefined();
    expect((await t.request('GET', '/api/hq/products?sort=colour', { token: operations })).status).toBe(400);
  });
});

describe('job 1040 and the storefront catalogue', () => {
  it('carries a new product, a price change and a discontinuation to the catalogue, each run in job history', async () => {
    const body = product({ price: 19.99, standardQuantity: 4, multiple: 2 });
    expect((await create(body)).status).toBe(201);
    const arrived = await onStorefront(body.itemNumber, (res) => res.status === 200);
    expect(arrived.body).toEqual({ itemNumber: body.itemNumber, name: body.name, unit: 'pcs', price: 19.99, currency: 'EUR', multiple: 2, standardQuantity: 4 });

    expect((await patch(body.itemNumber, { price: 17.45 })).status).toBe(200);
    await onStorefront(body.itemNumber, (res) => res.body.price === 17.45);

    expect((await patch(body.itemNumber, { status: 'Discontinued' })).status).toBe(200);
    await onStorefront(body.itemNumber, (res) => res.status === 404);
    const listed = await catalogue(`?search=${body.itemNumber}`);
    expect(listed.body.total).toBe(0);

    const runs = await t.request('GET', '/api/hq/distribution/runs?job=1040', { token: t.adminToken });
    expect(runs.body.items.length).toBeGreaterThan(0);
    expect(runs.body.items.every((r: { status: string }) => r.status === 'Applied')).toBe(true);
    const jobs = await t.request('GET', '/api/hq/distribution/jobs', { token: t.adminToken });
    expect(jobs.body.items.find((j: { code: string }) => j.code === '1040')).toMatchObject({ name: 'Products', direction: 'Download' });
  });

  it('never lets an older record overwrite a newer one, and applies a re-sent one once', async () => {
    const body = product({ price: 10 });
    const v1 = (await create(body)).body;
    await patch(body.itemNumber, { price: 11 });
    await patch(body.itemNumber, { price: 12, name: 'Renamed bolt' });
    await onStorefront(body.itemNumber, (res) => res.body.price === 12);
    // The version-1 record delivered again (a download re-sent after a crash, or overtaken on the way).
    const { createdAt: _c, updatedAt: _u, ...record } = v1;
    const stale = { ...record, description: null, minQuantity: null, maxQuantity: null, multiple: null, standardQuantity: null, price: '10.00' };
    await t.app.storefront.channelDatabase.applyDownload([{ id: 1, topic: 'product', key: body.itemNumber, payload: stale }]);
    const after = await catalogue(`/${body.itemNumber}`);
    expect(after.body).toMatchObject({ price: 12, name: 'Renamed bolt' });
  });

  it('refuses anonymous callers and staff tokens', async () => {
    expect((await t.request('GET', '/api/store/products')).status).toBe(401);
    expect((await t.request('GET', '/api/store/products/ANY')).status).toBe(401);
    expect((await catalogue('', t.adminToken)).status).toBe(401);
    expect((await catalogue('', operations)).status).toBe(401);
  });

  it('searches and pages Active products only; unknown item numbers are 404', async () => {
    const tag = `C${run}`;
    for (const [suffix, name] of [['1', 'Anchor'], ['2', 'Bracket'], ['3', 'Clamp'], ['4', 'Dowel']] as const) {
      expect((await create(product({ itemNumber: `${tag}-${suffix}`, name: `${name} ${tag}` }))).status).toBe(201);
    }
    await patch(`${tag}-4`, { status: 'Discontinued' });
    await waitFor(async () => (await catalogue(`?search=${tag}`)).body.total === 3 || undefined, 'three Active products in the catalogue');
    const first = await catalogue(`?search=${tag.toLowerCase()}&limit=2`);
    expect(first.body.items.map((p: { name: string }) => p.name)).toEqual([`Anchor ${tag}`, `Bracket ${tag}`]);
    expect(first.body.next).toBe(2);
    const second = await catalogue(`?search=${tag}&limit=2&offset=2`);
    expect(second.body.items.map((p: { itemNumber: string }) => p.itemNumber)).toEqual([`${tag}-3`]);
    const byItem = await catalogue(`?search=${tag}-2`);
    expect(byItem.body.items.map((p: { name: string }) => p.name)).toEqual([`Bracket ${tag}`]);
    expect((await catalogue('/NO-SUCH-ITEM')).status).toBe(404);
    expect((await catalogue('?limit=0')).status).toBe(400);
  });
});
