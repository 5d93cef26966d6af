// The catalogue a signed-in partner user browses: Active products as 1040 delivered them, priced for the organization.
import { and, asc, count, eq, ilike, or } from 'drizzle-orm';
import type { Db } from '../platform/db.ts';
import { containsPattern } from '../platform/db.ts';
import { notFound } from '../platform/errors.ts';
import { products } from './schema.ts';
import type { Caller } from './partner-accounts.ts';

export interface CatalogueProduct {
  itemNumber: string;
  name: string;
  description?: string;
  unit: string;
  /** The price for the caller's organization. */
  price: number;
  currency: string;
  minQuantity?: number;
  maxQuantity?: number;
  multiple?: number;
  standardQuantity?: number;
}

type ProductRow = typeof products.$inferSelect;

/** Today every organization pays the list price; organization-specific prices (trade agreements) would be looked up here. */
function priceFor(_caller: Caller, row: ProductRow): number {
  return Number(row.price);
}

function catalogueView(caller: Caller, row: ProductRow): CatalogueProduct {
  return {
    itemNumber: row.itemNumber,
    name: row.name,
    ...(row.description ? { description: row.description } : {}),
    unit: row.unit,
    price: priceFor(caller, row),
    currency: row.currency,
    ...(row.minQuantity !== null ? { minQuantity: row.minQuantity } : {}),
    ...(row.maxQuantity !== null ? { maxQuantity: row.maxQuantity } : {}),
    ...(row.multiple !== null ? { multiple: row.multiple } : {}),
    ...(row.standardQuantity !== null ? { standardQuantity: row.standardQuantity } : {}),
  };
}

export function createCatalogue(db: Db) {
  return {
    async list(caller: Caller, query: { search?: string | undefined; limit: number; offset: number }) {
      const pattern = query.search?.trim() ? containsPattern(query.search.trim()) : undefined;
      const where = and(eq(products.status, 'Active'), pattern ? or(ilike(products.itemNumber, pattern), ilike(products.name, pattern)) : undefined);
      const rows = await db.select().from(products).where(where).orderBy(asc(products.name), asc(products.itemNumber)).limit(query.limit).offset(query.offset);
      const [total] = await db.select({ n: count() }).from(products).where(where);
      return { items: rows.map((row) => catalogueView(caller, row)), total: total?.n ?? 0 };
    },

    /** A discontinued product is not for sale, so it is not found, like an unknown one. */
    async get(caller: Caller, itemNumber: string): Promise<CatalogueProduct> {
      const key = itemNumber.trim().toUpperCase();
      const [row] = await db.select().from(products).where(and(eq(products.itemNumber, key), eq(products.status, 'Active')));
      if (!row) throw notFound(`Product ${key}`);
      return catalogueView(caller, row);
    },
  };
}

export type Catalogue = ReturnType<typeof createCatalogue>;
