// Ordering on account (/api/store/cart, /organization/credit, /checkout, /orders, /invoices): signed-in partner users; prices
// and totals always come from the server, and a body that carries any other field (a price) is refused.
import { Type } from 'typebox';
import type { Static } from 'typebox';
import type { Server } from '../platform/http.ts';
import { page } from '../platform/http.ts';
import type { PartnerAccounts } from './partner-accounts.ts';
import type { Ordering } from './ordering.ts';

const problem = { $ref: 'Problem#' } as const;
const tags = ['Ordering'];
const opt = Type.Optional;
const Quantity = Type.Integer({ minimum: 1, maximum: 1_000_000 });
const Status = Type.Union([Type.Literal('AwaitingApproval'), Type.Literal('Placed'), Type.Literal('Confirmed'), Type.Literal('Invoiced'), Type.Literal('Rejected'), Type.Literal('Canceled')]);
const Person = Type.Object({ id: Type.String(), name: Type.String() });

const CartSchema = Type.Object(
  {
    lines: Type.Array(
      Type.Object({
        id: Type.String(),
        itemNumber: Type.String(),
        name: Type.String(),
        quantity: Type.Integer(),
        unitPrice: Type.Number(),
        amount: Type.Number(),
        problem: opt(Type.String({ description: 'Why the line cannot be ordered as it is (discontinued, or limits changed since it was added)' })),
      }),
    ),
    total: Type.Number(),
    currency: Type.String(),
  },
  { $id: 'Cart' },
);
const CartRef = Type.Unsafe<Static<typeof CartSchema>>({ $ref: 'Cart#' });

const orderSummary = {
  id: Type.String(),
  number: Type.String(),
  status: Status,
  total: Type.Number(),
  currency: Type.String(),
  placedBy: Person,
  purchaseOrderNumber: opt(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
};
const OrderSummarySchema = Type.Object(orderSummary, { $id: 'OrderSummary' });
const OrderSchema = Type.Object(
  {
    ...orderSummary,
    lines: Type.Array(Type.Object({ lineNumber: Type.Integer(), itemNumber: Type.String(), name: Type.String(), unit: Type.String(), quantity: Type.Integer(), unitPrice: Type.Number(), amount: Type.Number() })),
    note: opt(Type.String()),
    approvedBy: opt(Person),
    rejectionReason: opt(Type.String()),
    history: Type.Array(Type.Object({ at: Type.String({ format: 'date-time' }), status: Status, actor: Type.String() })),
  },
  { $id: 'Order' },
);
const SummaryRef = Type.Unsafe<Static<typeof OrderSummarySchema>>({ $ref: 'OrderSummary#' });
const OrderRef = Type.Unsafe<Static<typeof OrderSchema>>({ $ref: 'Order#' });
const LineParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const OrderParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export function registerOrderingRoutes(app: Server, deps: { accounts: PartnerAccounts; ordering: Ordering }): void {
  const { accounts, ordering } = deps;
  app.addSchema(CartSchema);
  app.addSchema(OrderSummarySchema);
  app.addSchema(OrderSchema);

  app.get('/api/store/cart', { schema: { tags, summary: 'Your cart, priced by the server now', response: { 200: CartRef } } }, async (request) => ordering.cart(await accounts.authenticate(request)));

  app.post(
    '/api/store/cart/lines',
    {
      schema: {
        tags,
        summary: 'Quick add by item number; an item already in the cart adds to its line',
        description: "The quantity must keep the product's order quantity limits (the error says what would be accepted). Unknown and discontinued items are 404.",
        body: Type.Object({ itemNumber: Type.String({ minLength: 1, maxLength: 40 }), quantity: Quantity }, { additionalProperties: false }),
        response: { 201: CartRef },
      },
    },
    async (request, reply) => reply.status(201).send(await ordering.addLine(await accounts.authenticate(request), request.body)),
  );

  app.patch(
    '/api/store/cart/lines/:id',
    { schema: { tags, summary: "Change a line's quantity", params: LineParams, body: Type.Object({ quantity: Quantity }, { additionalProperties: false }), response: { 200: CartRef } } },
    async (request) => ordering.setQuantity(await accounts.authenticate(request), request.params.id, request.body.quantity),
  );

  app.delete('/api/store/cart/lines/:id', { schema: { tags, summary: 'Remove a line from your cart', params: LineParams, response: { 200: CartRef } } }, async (request) =>
    ordering.removeLine(await accounts.authenticate(request), request.params.id),
  );

  app.get(
    '/api/store/organization/credit',
    {
      schema: {
        tags,
        summary: "Your organization's credit: limit − open orders − unpaid invoices = available",
        description: 'Open orders are those awaiting approval, placed or confirmed. A null credit limit means HQ has granted no credit yet (available 0).',
        response: { 200: Type.Object({ creditLimit: Type.Union([Type.Number(), Type.Null()]), openOrders: Type.Number(), unpaidInvoices: Type.Number(), available: Type.Number(), currency: Type.String() }) },
      },
    },
    async (request) => ordering.credit(await accounts.authenticate(request)),
  );

  app.post(
    '/api/store/checkout',
    {
      schema: {
        tags,
        summary: 'Order your cart on account',
        description:
          "Over the organization's available credit: 409 naming the available amount, nothing ordered, the cart kept. Over your per-order or monthly spending limit: the order awaits an admin's approval (and holds its credit). An empty cart is 400.",
        body: Type.Object({ purchaseOrderNumber: opt(Type.String({ maxLength: 50 })), note: opt(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
        response: { 201: Type.Object({ orderId: Type.String(), number: Type.String(), status: Type.Union([Type.Literal('Placed'), Type.Literal('AwaitingApproval')]), total: Type.Number(), currency: Type.String() }), 409: problem },
      },
    },
    async (request, reply) => reply.status(201).send(await ordering.checkout(await accounts.authenticate(request), request.body)),
  );

  app.get(
    '/api/store/orders',
    {
      schema: {
        tags,
        summary: "Orders: a User sees own, an Admin the organization's; newest first",
        querystring: Type.Object({
          status: opt(Status),
          buyer: opt(Type.String({ format: 'uuid', description: "A partner user's id" })),
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 25 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: { 200: Type.Object({ items: Type.Array(SummaryRef), total: Type.Integer(), next: opt(Type.Integer()) }) },
      },
    },
    async (request) => page(await ordering.list(await accounts.authenticate(request), request.query), request.query.offset, request.query.limit),
  );

  app.get(
    '/api/store/invoices',
    {
      schema: {
        tags,
        summary: "HQ's invoices: an Admin sees the organization's, a User those of own orders; newest first",
        description: 'An unpaid balance (Open or PartlyPaid) counts against the organization\'s credit until it is paid.',
        querystring: Type.Object({
          status: opt(Type.Union([Type.Literal('Open'), Type.Literal('PartlyPaid'), Type.Literal('Paid')])),
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 25 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                number: Type.String(),
                orderId: Type.String(),
                orderNumber: Type.String(),
                amount: Type.Number(),
                paid: Type.Number(),
                balance: Type.Number(),
                currency: Type.String(),
                invoiceDate: Type.String({ format: 'date-time', description: 'When HQ issued the invoice' }),
                dueDate: Type.String({ format: 'date' }),
                status: Type.Union([Type.Literal('Open'), Type.Literal('PartlyPaid'), Type.Literal('Paid')]),
              }),
            ),
            total: Type.Integer(),
            next: opt(Type.Integer()),
          }),
        },
      },
    },
    async (request) => page(await ordering.invoices(await accounts.authenticate(request), request.query), request.query.offset, request.query.limit),
  );

  app.get('/api/store/orders/:id', { schema: { tags, summary: 'One order with its lines and history', params: OrderParams, response: { 200: OrderRef } } }, async (request) =>
    ordering.get(await accounts.authenticate(request), request.params.id),
  );

  app.post(
    '/api/store/orders/:id/approve',
    { schema: { tags, summary: 'Approve an order awaiting approval (admins only): it is placed', params: OrderParams, response: { 200: OrderRef } } },
    async (request) => ordering.approve(await accounts.authenticate(request), request.params.id),
  );

  app.post(
    '/api/store/orders/:id/reject',
    {
      schema: {
        tags,
        summary: 'Reject an order awaiting approval with a reason (admins only); its credit is freed',
        params: OrderParams,
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S' }) }, { additionalProperties: false }),
        response: { 200: OrderRef },
      },
    },
    async (request) => ordering.reject(await accounts.authenticate(request), request.params.id, request.body.reason),
  );
}
