// The partner catalogue (/api/store/products): signed-in partner users only, Active products, their organization's prices.
import { Type } from 'typebox';
import type { Static } from 'typebox';
import type { Server } from '../platform/http.ts';
import { page } from '../platform/http.ts';
import type { PartnerAccounts } from './partner-accounts.ts';
import type { Catalogue } from './catalogue.ts';

const tags = ['Catalogue'];
const opt = Type.Optional;

const CatalogueProductSchema = Type.Object(
  {
    itemNumber: Type.String(),
    name: Type.String(),
    description: opt(Type.String()),
    unit: Type.String(),
    price: Type.Number({ description: "The price for the signed-in partner's organization" }),
    currency: Type.String(),
    minQuantity: opt(Type.Integer()),
    maxQuantity: opt(Type.Integer()),
    multiple: opt(Type.Integer()),
    standardQuantity: opt(Type.Integer()),
  },
  { $id: 'CatalogueProduct' },
);
const ProductRef = Type.Unsafe<Static<typeof CatalogueProductSchema>>({ $ref: 'CatalogueProduct#' });

export function registerCatalogueRoutes(app: Server, deps: { accounts: PartnerAccounts; catalogue: Catalogue }): void {
  const { accounts, catalogue } = deps;
  app.addSchema(CatalogueProductSchema);

  app.get(
    '/api/store/products',
    {
      schema: {
        tags,
        summary: "The catalogue: Active products with your organization's prices, search over item number and name",
        querystring: Type.Object({
          search: opt(Type.String({ maxLength: 200 })),
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 25 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: { 200: Type.Object({ items: Type.Array(ProductRef), total: Type.Integer(), next: opt(Type.Integer()) }) },
      },
    },
    async (request, reply) => {
      // Prices are per organization: no shared cache may keep them.
      reply.header('cache-control', 'no-store');
      const caller = await accounts.authenticate(request);
      return page(await catalogue.list(caller, request.query), request.query.offset, request.query.limit);
    },
  );

  app.get(
    '/api/store/products/:itemNumber',
    { schema: { tags, summary: 'One product of the catalogue; unknown and discontinued products are not found', params: Type.Object({ itemNumber: Type.String({ maxLength: 40 }) }), response: { 200: ProductRef } } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const caller = await accounts.authenticate(request);
      return catalogue.get(caller, request.params.itemNumber);
    },
  );
}
