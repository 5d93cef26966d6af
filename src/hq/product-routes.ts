// HQ released products: search and read for HQ and sales staff, create and edit for retail operations.
import { Type } from 'typebox';
import type { Static, TSchema } from 'typebox';
import type { Server } from '../platform/http.ts';
import { page } from '../platform/http.ts';
import type { StaffService } from '../platform/staff.ts';
import type { Products } from './product.ts';
import { ProductFilterQuery } from './export-routes.ts';

const opt = <T extends TSchema>(schema: T) => Type.Optional(schema);
const Timestamp = Type.String({ format: 'date-time' });
const Status = Type.Union([Type.Literal('Active'), Type.Literal('Discontinued')]);
const ItemNumber = Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });
// Whole units (pieces, boxes, pallets). One schema with both types: as a union, Ajv's coercion would turn null into 0.
const OptionalQuantity = Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum: 1, maximum: 1_000_000 });
// Fractions of a cent are refused by the product rules (400 naming price), not rounded.
const Price = Type.Number({ exclusiveMinimum: 0, maximum: 1e12 });
const Currency = Type.String({ pattern: '^[A-Za-z]{3}$' });

export const ProductSchema = Type.Object(
  {
    itemNumber: Type.String(),
    name: Type.String(),
    description: opt(Type.String()),
    unit: Type.String(),
    price: Type.Number(),
    currency: Type.String(),
    minQuantity: opt(Type.Integer()),
    maxQuantity: opt(Type.Integer()),
    multiple: opt(Type.Integer()),
    standardQuantity: opt(Type.Integer()),
    status: Status,
    version: Type.Integer(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'Product' },
);
const ProductRef = Type.Unsafe<Static<typeof ProductSchema>>({ $ref: 'Product#' });

const Editable = {
  name: Text(200),
  description: opt(Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength: 4000 })),
  unit: Text(20),
  price: Price,
  currency: opt(Currency),
  minQuantity: opt(OptionalQuantity),
  maxQuantity: opt(OptionalQuantity),
  multiple: opt(OptionalQuantity),
  standardQuantity: opt(OptionalQuantity),
  status: opt(Status),
};

export function registerProductRoutes(app: Server, deps: { staff: StaffService; products: Products }): void {
  const { staff, products } = deps;
  // Sales staff quote prices, so they may read; only retail operations (and administrators) release and change products.
  const readers = ['hq-operations', 'sales-manager', 'salesperson'] as const;
  const writers = ['hq-operations'] as const;
  const tags = ['HQ'];
  app.addSchema(ProductSchema);

  app.get(
    '/api/hq/products',
    {
      schema: {
        tags,
        summary: 'Released products: search over item number and name, status filter, sort, paging',
        querystring: Type.Object({
          ...ProductFilterQuery,
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 25 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: { 200: Type.Object({ items: Type.Array(ProductRef), total: Type.Integer(), next: opt(Type.Integer()) }) },
      },
    },
    async (request) => {
      await staff.authenticate(request, readers);
      return page(await products.list(request.query), request.query.offset, request.query.limit);
    },
  );

  app.post(
    '/api/hq/products',
    {
      schema: {
        tags,
        summary: 'Release a product; job 1040 carries it to the storefront',
        description: 'Order quantity limits must fit together (minimum ≤ maximum, both multiples of the multiple, the standard quantity within them and a multiple); each broken rule is a 400 naming the field. A used item number is a 409.',
        body: Type.Object({ itemNumber: ItemNumber, ...Editable }, { additionalProperties: false }),
        response: { 201: ProductRef },
      },
    },
    async (request, reply) => {
      await staff.authenticate(request, writers);
      return reply.status(201).send(await products.create(request.body));
    },
  );

  app.get(
    '/api/hq/products/:itemNumber',
    { schema: { tags, summary: 'One product', params: Type.Object({ itemNumber: Type.String({ maxLength: 40 }) }), response: { 200: ProductRef } } },
    async (request) => {
      await staff.authenticate(request, readers);
      return products.get(request.params.itemNumber);
    },
  );

  app.patch(
    '/api/hq/products/:itemNumber',
    {
      schema: {
        tags,
        summary: 'Change a product (price, limits, Discontinued …); job 1040 carries the change to the storefront',
        description: 'The limits are checked as they will be after the change. null clears an optional limit or the description.',
        params: Type.Object({ itemNumber: Type.String({ maxLength: 40 }) }),
        body: Type.Partial(Type.Object(Editable), { additionalProperties: false, minProperties: 1 }),
        response: { 200: ProductRef },
      },
    },
    async (request) => {
      await staff.authenticate(request, writers);
      return products.update(request.params.itemNumber, request.body);
    },
  );
}
