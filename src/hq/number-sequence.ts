// Number sequences: customer accounts, prospect and hierarchy ids, sales orders and invoices, allocated inside the caller's transaction.
import { asc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../platform/db.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { numberSequences } from './schema.ts';

export type SequenceCode = 'prospect' | 'customer' | 'customer-hierarchy' | 'sales-order' | 'invoice';

export const defaultSequences: { code: SequenceCode; name: string; prefix: string; width: number }[] = [
  { code: 'prospect', name: 'Prospect ID', prefix: 'PRS-', width: 6 },
  // HQ's customers use their own prefix so accounts made in the CRM (later) can never collide.
  { code: 'customer', name: 'Customer account', prefix: 'C', width: 6 },
  { code: 'customer-hierarchy', name: 'Customer hierarchy ID', prefix: 'H', width: 6 },
  // "SO" without the dash: the storefront numbers its own orders "SO-00000042", and the two must not be mistaken.
  { code: 'sales-order', name: 'Sales order', prefix: 'SO', width: 6 },
  { code: 'invoice', name: 'Invoice', prefix: 'INV', width: 6 },
];

export function formatNumber(prefix: string, width: number, value: number): string {
  return `${prefix}${String(value).padStart(width, '0')}`;
}

/** Takes the next number; the row lock holds until the caller's transaction ends, so numbers never repeat. */
export async function nextNumber(tx: DbOrTx, code: SequenceCode): Promise<string> {
  const [row] = await tx
    .update(numberSequences)
    .set({ nextValue: sql`${numberSequences.nextValue} + 1` })
    .where(eq(numberSequences.code, code))
    .returning({ value: sql<number>`${numberSequences.nextValue} - 1`, prefix: numberSequences.prefix, width: numberSequences.width });
  if (!row) throw new Error(`Number sequence ${code} is not set up`);
  return formatNumber(row.prefix, row.width, Number(row.value));
}

/** Takes `count` numbers in one statement (bulk processing); unused ones leave a harmless gap. */
export async function nextNumbers(tx: DbOrTx, code: SequenceCode, count: number): Promise<string[]> {
  if (count === 0) return [];
  const [row] = await tx
    .update(numberSequences)
    .set({ nextValue: sql`${numberSequences.nextValue} + ${count}` })
    .where(eq(numberSequences.code, code))
    .returning({ first: sql<number>`${numberSequences.nextValue} - ${count}`, prefix: numberSequences.prefix, width: numberSequences.width });
  if (!row) throw new Error(`Number sequence ${code} is not set up`);
  return Array.from({ length: count }, (_, i) => formatNumber(row.prefix, row.width, Number(row.first) + i));
}

export interface NumberSequenceView {
  code: string;
  name: string;
  prefix: string;
  width: number;
  nextValue: number;
  nextNumber: string;
}

function view(row: typeof numberSequences.$inferSelect): NumberSequenceView {
  return { code: row.code, name: row.name, prefix: row.prefix, width: row.width, nextValue: row.nextValue, nextNumber: formatNumber(row.prefix, row.width, row.nextValue) };
}

export function createNumberSequences(db: Db) {
  return {
    async seed() {
      await db
        .insert(numberSequences)
        .values(defaultSequences.map((s) => ({ ...s, nextValue: 1 })))
        .onConflictDoNothing();
    },
    async list(): Promise<NumberSequenceView[]> {
      return (await db.select().from(numberSequences).orderBy(asc(numberSequences.code))).map(view);
    },
    async update(code: string, input: { prefix?: string; width?: number; nextValue?: number }): Promise<NumberSequenceView> {
      return db.transaction(async (tx) => {
        const [current] = await tx.select().from(numberSequences).where(eq(numberSequences.code, code)).for('update');
        if (!current) throw notFound('Number sequence');
        // Going back could hand out a number that is already in use.
        if (input.nextValue !== undefined && input.nextValue < current.nextValue) {
          throw DomainError.invalid('nextValue', `must not be lower than the current next value ${current.nextValue}`);
        }
        const [row] = await tx
          .update(numberSequences)
          .set({ prefix: input.prefix ?? current.prefix, width: input.width ?? current.width, nextValue: input.nextValue ?? current.nextValue, updatedAt: new Date() })
          .where(eq(numberSequences.code, code))
          .returning();
        return view(row!);
      });
    },
  };
}
