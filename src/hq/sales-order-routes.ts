// HQ sales orders and invoices: read by HQ and sales staff, confirmed, invoiced, canceled and paid by HQ operations.
import { Type } from 'typebox';
import type { Static, TSchema } from 'typebox';
import type { Server } from '../platform/http.ts';
import { page } from '../platform/http.ts';
import type { StaffService } from '../platform/staff.ts';
import type { SalesOrders } from './sales-order.ts';
import { InvoiceFilterQuery, SalesOrderFilterQuery } from './export-routes.ts';

const opt = <T extends TSchema>(schema: T) => Type.Optional(schema);
const Timestamp = Type.String({ format: 'date-time' });
const OrderStatus = Type.Union([Type.Literal('Open'), Type.Literal('Confirmed'), Type.Literal('Invoiced'), Type.Literal('Canceled')]);
const InvoiceStatus = Type.Union([Type.Literal('Open'), Type.Literal('PartlyPaid'), Type.Literal('Paid')]);
const Params = Type.Object({ id: Type.String({ format: 'uuid' }) });
const problem = { $ref: 'Problem#' } as const;

const InvoiceSchema = Type.Object(
  {
    id: Type.String(),
    number: Type.String(),
    salesOrderId: Type.String(),
    salesOrderNumber: Type.String(),
    customerAccount: Type.String(),
    amount: Type.Number(),
    paid: Type.Number(),
    balance: Type.Number(),
    currency: Type.String(),
    paymentTerms: Type.String(),
    dueDate: Type.String({ format: 'date' }),
    status: InvoiceStatus,
    createdAt: Timestamp,
  },
  { $id: 'Invoice' },
);
const summary = {
  id: Type.String(),
  number: Type.String(),
  customerAccount: Type.String(),
  status: OrderStatus,
  total: Type.Number(),
  currency: Type.String(),
  purchaseOrderNumber: opt(Type.String()),
  storefrontOrderNumber: Type.String(),
  buyer: Type.String(),
  orderedAt: Timestamp,
  updatedAt: Timestamp,
};
const SalesOrderSummarySchema = Type.Object(summary, { $id: 'SalesOrderSummary' });
const SalesOrderSchema = Type.Object(
  {
    ...summary,
    storefrontOrderId: Type.String(),
    hierarchyId: Type.String(),
    note: opt(Type.String()),
    lines: Type.Array(Type.Object({ lineNumber: Type.Integer(), itemNumber: Type.String(), name: Type.String(), quantity: Type.Integer(), unitPrice: Type.Number(), amount: Type.Number() })),
    invoice: opt(Type.Unsafe<Static<typeof InvoiceSchema>>({ $ref: 'Invoice#' })),
  },
  { $id: 'SalesOrder' },
);
const InvoiceRef = Type.Unsafe<Static<typeof InvoiceSchema>>({ $ref: 'Invoice#' });
const SummaryRef = Type.Unsafe<Static<typeof SalesOrderSummarySchema>>({ $ref: 'SalesOrderSummary#' });
const OrderRef = Type.Unsafe<Static<typeof SalesOrderSchema>>({ $ref: 'SalesOrder#' });
const Paging = { limit: Type.Integer({ minimum: 1, maximum: 200, default: 25 }), offset: Type.Integer({ minimum: 0, default: 0 }) };
const Customer = opt(Type.String({ maxLength: 40, description: 'Customer account (the organization)' }));
const Search = (over: string) => opt(Type.String({ maxLength: 200, description: `Part of ${over}, in any case` }));
const Sort = (values: string[], newest: string) => opt(Type.Unsafe<string>({ type: 'string', enum: values, description: `A field, \`-\` before it for descending; without it ${newest}` }));

export function registerSalesOrderRoutes(app: Server, deps: { staff: StaffService; salesOrders: SalesOrders }): void {
  const { staff, salesOrders } = deps;
  // Sales staff follow their customers' orders; HQ operations (and administrators) change them and record payments.
  const readers = ['hq-operations', 'sales-manager', 'salesperson'] as const;
  const writers = ['hq-operations'] as const;
  const tags = ['HQ'];
  app.addSchema(InvoiceSchema);
  app.addSchema(SalesOrderSummarySchema);
  app.addSchema(SalesOrderSchema);

  app.get(
    '/api/hq/sales-orders',
    {
      schema: {
        tags,
        summary: 'Sales orders from the storefront, newest first, by customer, status and search, sortable',
        querystring: Type.Object({ ...SalesOrderFilterQuery, ...Paging }),
        response: { 200: Type.Object({ items: Type.Array(SummaryRef), total: Type.Integer(), next: opt(Type.Integer()) }) },
      },
    },
    async (request) => {
      await staff.authenticate(request, readers);
      return page(await salesOrders.list(request.query), request.query.offset, request.query.limit);
    },
  );

  app.get('/api/hq/sales-orders/:id', { schema: { tags, summary: 'One sales order with its lines and invoice', params: Params, response: { 200: OrderRef } } }, async (request) => {
    await staff.authenticate(request, readers);
    return salesOrders.get(request.params.id);
  });

  const transitions = [
    ['confirm', 'Confirm an open sales order; the storefront shows it Confirmed', 'Only an Open order can be confirmed (409 otherwise).'],
    ['invoice', 'Invoice a sales order: an invoice for its total, due by the payment terms (Net 30)', 'Open or Confirmed orders only (409 otherwise). The storefront shows the order Invoiced and the unpaid invoice counts against credit.'],
    ['cancel', "Cancel a sales order before it is invoiced; the organization's credit is freed", 'An invoiced or canceled order cannot be canceled (409).'],
  ] as const;
  for (const [action, summaryText, description] of transitions) {
    app.post(`/api/hq/sales-orders/:id/${action}`, { schema: { tags, summary: summaryText, description, params: Params, response: { 200: OrderRef, 409: problem } } }, async (request) => {
      const user = await staff.authenticate(request, writers);
      return salesOrders[action](request.params.id, user.name);
    });
  }

  app.get(
    '/api/hq/invoices',
    {
      schema: {
        tags,
        summary: 'Invoices, newest first, by customer, status and search, sortable',
        querystring: Type.Object({ ...InvoiceFilterQuery, ...Paging }),
        response: { 200: Type.Object({ items: Type.Array(InvoiceRef), total: Type.Integer(), next: opt(Type.Integer()) }) },
      },
    },
    async (request) => {
      await staff.authenticate(request, readers);
      return page(await salesOrders.listInvoices(request.query), request.query.offset, request.query.limit);
    },
  );

  app.post(
    '/api/hq/invoices/:id/payments',
    {
      schema: {
        tags,
        summary: 'Record a payment against an invoice, in part or in full',
        description: 'Open → PartlyPaid → Paid. More than the open balance is a 400 naming amount; nothing is recorded. The storefront sees the new balance and the credit it frees.',
        params: Params,
        body: Type.Object({ amount: Type.Number({ exclusiveMinimum: 0, maximum: 1e12 }) }, { additionalProperties: false }),
        response: { 200: InvoiceRef },
      },
    },
    async (request) => {
      const user = await staff.authenticate(request, writers);
      return salesOrders.recordPayment(request.params.id, request.body.amount, user.name);
    },
  );
}
