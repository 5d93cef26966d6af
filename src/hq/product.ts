// Released products: item number, price and order quantity limits; every change reaches the channel through 1040.
import { and, asc, count, desc, eq, ilike, or } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../platform/db.ts';
import { containsPattern } from '../platform/db.ts';
import { cursorColumns, keysetAfter, keysetOrder, lastCursor } from '../platform/list-query.ts';
import type { Keyset } from '../platform/list-query.ts';
import type { Batch, Cursor } from '../platform/csv.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { outbox, products } from './schema.ts';

export type ProductStatus = 'Active' | 'Discontinued';

export interface QuantityLimits {
  minQuantity: number | null;
  maxQuantity: number | null;
  multiple: number | null;
  standardQuantity: number | null;
}

export interface ProductView {
  itemNumber: string;
  name: string;
  description?: string;
  unit: string;
  /** Exact to the cent: the numeric column's text turned into a number only at the edge. */
  price: number;
  currency: string;
  minQuantity?: number;
  maxQuantity?: number;
  multiple?: number;
  standardQuantity?: number;
  status: ProductStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewProduct {
  itemNumber: string;
  name: string;
  description?: string | null | undefined;
  unit: string;
  price: number;
  currency?: string | undefined;
  minQuantity?: number | null | undefined;
  maxQuantity?: number | null | undefined;
  multiple?: number | null | undefined;
  standardQuantity?: number | null | undefined;
  status?: ProductStatus | undefined;
}

export type ProductPatch = Partial<Omit<NewProduct, 'itemNumber'>>;

export interface ProductQuery {
  search?: string | undefined;
  status?: ProductStatus | undefined;
  sort: string;
  limit: number;
  offset: number;
}

/** The currency when none is given: online stores here carry no currency of their own yet. */
export const defaultCurrency = 'EUR';
const currencies = new Set(Intl.supportedValuesOf('currency'));

const sortColumns = { itemNumber: products.itemNumber, name: products.name, price: products.price, updatedAt: products.updatedAt } as const;
export const productSorts = Object.keys(sortColumns).flatMap((k) => [k, `-${k}`]);

type ProductRow = typeof products.$inferSelect;

/** Item numbers compare without regard to case, as in HQ; they are kept in upper case. */
export function normalizeItemNumber(itemNumber: string): string {
  return itemNumber.trim().toUpperCase();
}

/** The first broken order quantity rule as [field, message], or null when the limits fit together. */
export function quantityLimitProblem(limits: QuantityLimits): [keyof QuantityLimits, string] | null {
  const { minQuantity: min, maxQuantity: max, multiple, standardQuantity: standard } = limits;
  if (min !== null && max !== null && min > max) return ['maxQuantity', `must be at least the minimum quantity (${min})`];
  if (multiple !== null) {
    if (min !== null && min % multiple !== 0) return ['minQuantity', `must be a multiple of ${multiple}`];
    if (max !== null && max % multiple !== 0) return ['maxQuantity', `must be a multiple of ${multiple}`];
  }
  if (standard !== null) {
    if (min !== null && standard < min) return ['standardQuantity', `must be at least the minimum quantity (${min})`];
    if (max !== null && standard > max) return ['standardQuantity', `must be at most the maximum quantity (${max})`];
    if (multiple !== null && standard % multiple !== 0) return ['standardQuantity', `must be a multiple of ${multiple}`];
  }
  return null;
}

function checkProduct(row: Pick<ProductRow, 'price' | 'currency' | 'minQuantity' | 'maxQuantity' | 'multiple' | 'standardQuantity'>) {
  if (!currencies.has(row.currency)) throw DomainError.invalid('currency', `"${row.currency}" is not an ISO 4217 currency code`);
  const problem = quantityLimitProblem(row);
  if (problem) throw DomainError.invalid(problem[0], problem[1]);
}

/** A price as the numeric column's text; refuses fractions of a cent instead of rounding them away. */
function toPrice(price: number): string {
  if (!(price > 0)) throw DomainError.invalid('price', 'must be more than zero');
  if (Math.round(price * 100) / 100 !== price) throw DomainError.invalid('price', 'must have at most two decimals');
  return price.toFixed(2);
}

function productView(row: ProductRow): ProductView {
  return {
    itemNumber: row.itemNumber,
    name: row.name,
    ...(row.description ? { description: row.description } : {}),
    unit: row.unit,
    price: Number(row.price),
    currency: row.currency,
    ...(row.minQuantity !== null ? { minQuantity: row.minQuantity } : {}),
    ...(row.maxQuantity !== null ? { maxQuantity: row.maxQuantity } : {}),
    ...(row.multiple !== null ? { multiple: row.multiple } : {}),
    ...(row.standardQuantity !== null ? { standardQuantity: row.standardQuantity } : {}),
    status: row.status as ProductStatus,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The product as the channel gets it; the price stays text so no rounding happens on the way. */
async function queueForChannel(tx: DbOrTx, row: ProductRow) {
  const { createdAt: _c, updatedAt, ...values } = row;
  await tx.insert(outbox).values({ consumer: '1040', topic: 'product', key: row.itemNumber, payload: { ...values, updatedAt: updatedAt.toISOString() } });
}

function productFilters(query: Omit<ProductQuery, 'limit' | 'offset'>): SQL | undefined {
  const filters: SQL[] = [];
  if (query.status) filters.push(eq(products.status, query.status));
  if (query.search) {
    const pattern = containsPattern(query.search.trim());
    filters.push(or(ilike(products.itemNumber, pattern), ilike(products.name, pattern))!);
  }
  return filters.length > 0 ? and(...filters) : undefined;
}

/** The chosen column, then the item number (unique), so a cursor can resume after any product. */
function productKeyset(sort: string): Keyset {
  const column = sortColumns[sort.replace(/^-/, '') as keyof typeof sortColumns] ?? products.itemNumber;
  return { key: column, id: products.itemNumber, descending: sort.startsWith('-'), idDescending: false };
}

export function createProducts(db: Db, onChannelChange: () => void) {
  return {
    async create(input: NewProduct): Promise<ProductView> {
      const values = {
        itemNumber: normalizeItemNumber(input.itemNumber),
        name: input.name.trim(),
        description: input.description?.trim() || null,
        unit: input.unit.trim(),
        price: toPrice(input.price),
        currency: (input.currency ?? defaultCurrency).toUpperCase(),
        minQuantity: input.minQuantity ?? null,
        maxQuantity: input.maxQuantity ?? null,
        multiple: input.multiple ?? null,
        standardQuantity: input.standardQuantity ?? null,
        status: input.status ?? 'Active',
      };
      checkProduct(values);
      const row = await db.transaction(async (tx) => {
        const [inserted] = await tx.insert(products).values(values).onConflictDoNothing().returning();
        if (!inserted) {
          throw new DomainError('conflict', `A product with item number ${values.itemNumber} already exists.`, { itemNumber: values.itemNumber }, [{ path: 'itemNumber', message: 'is already used by another product' }]);
        }
        await queueForChannel(tx, inserted);
        return inserted;
      });
      onChannelChange();
      return productView(row);
    },

    /** Checks the limits as they will be after the change, so a patch cannot leave them contradicting each other. */
    async update(itemNumber: string, patch: ProductPatch): Promise<ProductView> {
      const key = normalizeItemNumber(itemNumber);
      const result = await db.transaction(async (tx) => {
        const [before] = await tx.select().from(products).where(eq(products.itemNumber, key)).for('update');
        if (!before) throw notFound(`Product ${key}`);
        const after = {
          name: patch.name !== undefined ? patch.name.trim() : before.name,
          description: patch.description !== undefined ? patch.description?.trim() || null : before.description,
          unit: patch.unit !== undefined ? patch.unit.trim() : before.unit,
          price: patch.price !== undefined ? toPrice(patch.price) : before.price,
          currency: patch.currency !== undefined ? patch.currency.toUpperCase() : before.currency,
          minQuantity: patch.minQuantity !== undefined ? patch.minQuantity : before.minQuantity,
          maxQuantity: patch.maxQuantity !== undefined ? patch.maxQuantity : before.maxQuantity,
          multiple: patch.multiple !== undefined ? patch.multiple : before.multiple,
          standardQuantity: patch.standardQuantity !== undefined ? patch.standardQuantity : before.standardQuantity,
          status: patch.status ?? before.status,
        };
        checkProduct(after);
        // A replay of the same values is not a change: no new version, nothing for the channel.
        if ((Object.keys(after) as (keyof typeof after)[]).every((field) => after[field] === before[field])) return { row: before, changed: false };
        const [updated] = await tx
          .update(products)
          .set({ ...after, version: before.version + 1, updatedAt: new Date() })
          .where(eq(products.itemNumber, key))
          .returning();
        await queueForChannel(tx, updated!);
        return { row: updated!, changed: true };
      });
      if (result.changed) onChannelChange();
      return productView(result.row);
    },

    async get(itemNumber: string): Promise<ProductView> {
      const key = normalizeItemNumber(itemNumber);
      const [row] = await db.select().from(products).where(eq(products.itemNumber, key));
      if (!row) throw notFound(`Product ${key}`);
      return productView(row);
    },

    async list(query: ProductQuery): Promise<{ items: ProductView[]; total: number }> {
      const where = productFilters(query);
      const rows = await db.select().from(products).where(where).orderBy(...keysetOrder(productKeyset(query.sort))).limit(query.limit).offset(query.offset);
      const [total] = await db.select({ n: count() }).from(products).where(where);
      return { items: rows.map(productView), total: total?.n ?? 0 };
    },

    /** Products after the cursor, in the list's order, for a CSV export. */
    async exportBatch(query: Omit<ProductQuery, 'limit' | 'offset'>, after: Cursor | null, size: number): Promise<Batch<ProductView>> {
      const keyset = productKeyset(query.sort);
      const rows = await db
        .select({ product: products, ...cursorColumns(keyset) })
        .from(products)
        .where(and(productFilters(query), after ? keysetAfter(keyset, after) : undefined))
        .orderBy(...keysetOrder(keyset))
        .limit(size);
      return { items: rows.map((r) => productView(r.product)), cursor: lastCursor(rows) };
    },
  };
}

export type Products = ReturnType<typeof createProducts>;
