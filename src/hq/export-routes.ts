// CSV exports of HQ's lists: `GET <list path>/export.csv` takes the list's own filters (without paging) and the same roles.
import { Type } from 'typebox';
import type { TProperties, TSchema } from 'typebox';
import type { Server } from '../platform/http.ts';
import { CsvBody, csvProduces, exportBatchSize, sendCsv } from '../platform/csv.ts';
import { DateRangeQuery } from '../platform/list-query.ts';
import type { StaffService } from '../platform/staff.ts';
import type { Prospects } from './prospect.ts';
import type { Customers } from './customer.ts';
import type { Distribution } from './distribution.ts';
import type { SalesOrders } from './sales-order.ts';
import { invoiceSorts, salesOrderSorts } from './sales-order.ts';
import type { Products } from './product.ts';
import { productSorts } from './product.ts';

const opt = <T extends TSchema>(schema: T) => Type.Optional(schema);
const Search = (over: string) => opt(Type.String({ maxLength: 200, description: `Part of ${over}, in any case` }));
const Customer = opt(Type.String({ maxLength: 40, description: 'Customer account (the organization)' }));
const SortOf = (values: string[], newest: string) => opt(Type.Unsafe<string>({ type: 'string', enum: values, description: `A field, \`-\` before it for descending; without it ${newest}` }));

/** The filters of each list; the list route adds paging, the export route takes them as they are. */
export const ProspectFilterQuery = {
  status: opt(Type.Union([Type.Literal('New'), Type.Literal('Approved'), Type.Literal('Rejected')])),
  type: opt(Type.Literal('B2BProspect')),
  search: opt(Type.String({ maxLength: 200 })),
  duplicates: opt(Type.Boolean({ description: 'true: only prospects with an open possible duplicate' })),
  caseStatus: opt(
    Type.Union([Type.Literal('InReview'), Type.Literal('WaitingForApplicant'), Type.Literal('Approved'), Type.Literal('Rejected')], {
      description: "The onboarding case's status: WaitingForApplicant while a question to the applicant is unanswered, InReview for the other undecided ones",
    }),
  ),
  sort: Type.Union(['createdAt', '-createdAt', 'companyName', '-companyName', 'status', '-status'].map((s) => Type.Literal(s)), { default: '-createdAt' }),
  ...DateRangeQuery,
};
export const CustomerFilterQuery = { search: opt(Type.String({ maxLength: 200 })), type: opt(Type.Union([Type.Literal('Person'), Type.Literal('Organization')])), ...DateRangeQuery };
export const HierarchyFilterQuery = { ...DateRangeQuery };
export const RunFilterQuery = { job: opt(Type.String()), ...DateRangeQuery };
export const ChannelRequestFilterQuery = {
  status: opt(Type.Union([Type.Literal('Uploaded'), Type.Literal('Processed'), Type.Literal('Failed')])),
  kind: opt(Type.Union([Type.Literal('partner-request'), Type.Literal('organization-user'), Type.Literal('sales-order')])),
  ...DateRangeQuery,
};
export const SalesOrderFilterQuery = {
  customer: Customer,
  status: opt(Type.Union(['Open', 'Confirmed', 'Invoiced', 'Canceled'].map((s) => Type.Literal(s)))),
  search: Search("the sales order's number, the storefront's order number, the purchase order number, the customer account or the buyer's name"),
  sort: SortOf(salesOrderSorts, 'newest first'),
  ...DateRangeQuery,
};
export const InvoiceFilterQuery = {
  customer: Customer,
  status: opt(Type.Union(['Open', 'PartlyPaid', 'Paid'].map((s) => Type.Literal(s)))),
  search: Search("the invoice number, its sales order's number or the customer account"),
  sort: SortOf(invoiceSorts, 'newest first'),
  ...DateRangeQuery,
};
export const ProductFilterQuery = {
  search: opt(Type.String({ maxLength: 200 })),
  status: opt(Type.Union([Type.Literal('Active'), Type.Literal('Discontinued')])),
  sort: Type.Unsafe<string>({ type: 'string', enum: productSorts, default: 'itemNumber' }),
};

export interface HqExportDeps {
  staff: StaffService;
  prospects: Prospects;
  customers: Customers;
  distribution: Distribution;
  salesOrders: SalesOrders;
  products: Products;
}

const exportSchema = <F extends TProperties>(tags: string[], what: string, filters: F) => ({
  tags,
  summary: `${what} as CSV, with the list's filters`,
  description: 'The whole filtered list, streamed (any length); UTF-8 with a byte order mark; cells that would start a spreadsheet formula begin with an apostrophe.',
  querystring: Type.Object(filters),
  produces: csvProduces,
  response: { 200: CsvBody },
});

export function registerHqExportRoutes(app: Server, deps: HqExportDeps): void {
  const { staff, prospects, customers, distribution, salesOrders, products } = deps;
  const hqOps = ['hq-operations'] as const;
  const readers = ['hq-operations', 'sales-manager', 'salesperson'] as const;
  const size = exportBatchSize;

  app.get('/api/hq/prospects/export.csv', { schema: exportSchema(['HQ'], 'All prospects', ProspectFilterQuery) }, async (request, reply) => {
    await staff.authenticate(request, hqOps);
    const q = { ...request.query, sort: request.query.sort as Parameters<Prospects['list']>[0]['sort'] };
    return sendCsv(reply, 'prospects', (after) => prospects.exportBatch(q, after, size), [
      { header: 'Prospect ID', value: (p) => p.id },
      { header: 'Company', value: (p) => p.companyName },
      { header: 'Contact name', value: (p) => `${p.firstName} ${p.lastName}` },
      { header: 'E-mail', value: (p) => p.email },
      { header: 'Phone', value: (p) => p.phone },
      { header: 'Country/region', value: (p) => p.address.countryRegionId },
      { header: 'VAT number', value: (p) => p.vatNumber },
      { header: 'Type', value: (p) => p.type },
      { header: 'Status', value: (p) => p.status },
      { header: 'Possible duplicate', value: (p) => (p.possibleDuplicate ? 'Yes' : 'No') },
      { header: 'Created', value: (p) => p.createdAt },
    ]);
  });

  app.get('/api/hq/customers/export.csv', { schema: exportSchema(['HQ'], 'All customers', CustomerFilterQuery) }, async (request, reply) => {
    await staff.authenticate(request, hqOps);
    return sendCsv(reply, 'customers', (after) => customers.exportBatch(request.query, after, size), [
      { header: 'Customer account', value: (c) => c.account },
      { header: 'Type', value: (c) => c.type },
      { header: 'Name', value: (c) => c.name },
      { header: 'E-mail', value: (c) => c.email },
      { header: 'Phone', value: (c) => c.phone },
      { header: 'City', value: (c) => c.address.city },
      { header: 'Country/region', value: (c) => c.address.countryRegionId },
      { header: 'VAT number', value: (c) => c.vatNumber },
      { header: 'Hierarchy', value: (c) => c.hierarchyId },
      { header: 'Hierarchy role', value: (c) => c.hierarchyRole },
      { header: 'Created', value: (c) => c.createdAt },
    ]);
  });

  app.get('/api/hq/customer-hierarchies/export.csv', { schema: exportSchema(['HQ'], 'Customer hierarchies', HierarchyFilterQuery) }, async (request, reply) => {
    await staff.authenticate(request, hqOps);
    return sendCsv(reply, 'customer-hierarchies', (after) => customers.exportHierarchies(request.query, after, size), [
      { header: 'Hierarchy', value: (h) => h.id },
      { header: 'Name', value: (h) => h.name },
      { header: 'Organization account', value: (h) => h.organization.account },
      { header: 'Organization', value: (h) => h.organization.name },
      { header: 'Members', value: (h) => h.memberCount },
      { header: 'Active', value: (h) => (h.active ? 'Yes' : 'No') },
      { header: 'Created', value: (h) => h.createdAt },
    ]);
  });

  app.get('/api/hq/distribution/runs/export.csv', { schema: exportSchema(['Distribution'], 'Job history', RunFilterQuery) }, async (request, reply) => {
    await staff.authenticate(request, hqOps);
    return sendCsv(reply, 'job-history', (after) => distribution.exportRuns(request.query, after, size), [
      { header: 'Run', value: (r) => r.id },
      { header: 'Job', value: (r) => r.jobCode },
      { header: 'Trigger', value: (r) => r.trigger },
      { header: 'Status', value: (r) => r.status },
      { header: 'Requested', value: (r) => r.requestedAt },
      { header: 'Started', value: (r) => r.startedAt },
      { header: 'Ended', value: (r) => r.endedAt },
      { header: 'Processed', value: (r) => r.processed },
      { header: 'Failed', value: (r) => r.failed },
      { header: 'Message', value: (r) => r.message },
    ]);
  });

  app.get('/api/hq/channel-requests/export.csv', { schema: exportSchema(['Distribution'], 'Channel requests', ChannelRequestFilterQuery) }, async (request, reply) => {
    await staff.authenticate(request, hqOps);
    return sendCsv(reply, 'channel-requests', (after) => distribution.exportChannelRequests(request.query, after, size), [
      { header: 'Record', value: (r) => r.id },
      { header: 'Kind', value: (r) => r.kind },
      { header: 'Summary', value: (r) => r.summary },
      { header: 'Status', value: (r) => r.status },
      { header: 'Uploaded', value: (r) => r.uploadedAt },
      { header: 'Processed', value: (r) => r.processedAt },
      { header: 'Prospect ID', value: (r) => r.prospectId },
      { header: 'Error', value: (r) => r.error },
    ]);
  });

  app.get('/api/hq/sales-orders/export.csv', { schema: exportSchema(['HQ'], 'Sales orders', SalesOrderFilterQuery) }, async (request, reply) => {
    await staff.authenticate(request, readers);
    return sendCsv(reply, 'sales-orders', (after) => salesOrders.exportBatch(request.query, after, size), [
      { header: 'Sales order', value: (o) => o.number },
      { header: 'Customer account', value: (o) => o.customerAccount },
      { header: 'Buyer', value: (o) => o.buyer },
      { header: 'Storefront order', value: (o) => o.storefrontOrderNumber },
      { header: 'Purchase order', value: (o) => o.purchaseOrderNumber },
      { header: 'Status', value: (o) => o.status },
      { header: 'Total', value: (o) => o.total },
      { header: 'Currency', value: (o) => o.currency },
      { header: 'Ordered', value: (o) => o.orderedAt },
    ]);
  });

  app.get('/api/hq/invoices/export.csv', { schema: exportSchema(['HQ'], 'Invoices', InvoiceFilterQuery) }, async (request, reply) => {
    await staff.authenticate(request, readers);
    return sendCsv(reply, 'invoices', (after) => salesOrders.exportInvoices(request.query, after, size), [
      { header: 'Invoice', value: (i) => i.number },
      { header: 'Sales order', value: (i) => i.salesOrderNumber },
      { header: 'Customer account', value: (i) => i.customerAccount },
      { header: 'Amount', value: (i) => i.amount },
      { header: 'Paid', value: (i) => i.paid },
      { header: 'Balance', value: (i) => i.balance },
      { header: 'Currency', value: (i) => i.currency },
      { header: 'Payment terms', value: (i) => i.paymentTerms },
      { header: 'Due', value: (i) => i.dueDate },
      { header: 'Status', value: (i) => i.status },
      { header: 'Invoice date', value: (i) => i.createdAt },
    ]);
  });

  app.get('/api/hq/products/export.csv', { schema: exportSchema(['HQ'], 'Released products', ProductFilterQuery) }, async (request, reply) => {
    await staff.authenticate(request, readers);
    return sendCsv(reply, 'products', (after) => products.exportBatch(request.query, after, size), [
      { header: 'Item number', value: (p) => p.itemNumber },
      { header: 'Name', value: (p) => p.name },
      { header: 'Unit', value: (p) => p.unit },
      { header: 'Price', value: (p) => p.price },
      { header: 'Currency', value: (p) => p.currency },
      { header: 'Status', value: (p) => p.status },
      { header: 'Updated', value: (p) => p.updatedAt },
    ]);
  });
}
