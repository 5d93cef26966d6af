// Filters and keyset pagination every list shares: a date range (`from`, `to`) and "the rows after this one".
import { Type } from 'typebox';
import { asc, desc, sql } from 'drizzle-orm';
import type { SQL, SQLWrapper } from 'drizzle-orm';
import { DomainError } from './errors.ts';
import type { Cursor } from './csv.ts';

/** Query properties of a list with dates: ISO dates, both ends included, in UTC. */
export const DateRangeQuery = {
  from: Type.Optional(Type.String({ format: 'date', description: 'On or after this day (UTC), e.g. 2026-12-01' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'On or before this day (UTC); not before `from`' })),
};

export interface DateRange {
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * The date range as a filter on a timestamp column; a range that ends before it starts is a 400 naming its end
 * (`to`, or `toName` for a list whose `to` already means something else, like the delivery log's recipient).
 */
export function dateRangeFilter(column: SQLWrapper, range: DateRange, toName = 'to'): SQL[] {
  if (range.from && range.to && range.from > range.to) throw DomainError.invalid(toName, 'must not be before from');
  const filters: SQL[] = [];
  if (range.from) filters.push(sql`${column} >= (${range.from}::date)::timestamp at time zone 'UTC'`);
  if (range.to) filters.push(sql`${column} < (${range.to}::date + 1)::timestamp at time zone 'UTC'`);
  return filters;
}

/** A list's order: its sort key, then its id, so that every row has one place and a cursor can resume after it. */
export interface Keyset {
  key: SQLWrapper;
  id: SQLWrapper;
  descending: boolean;
  idDescending: boolean;
  /** The key may be null (e.g. a lead without a company): such rows come last in either direction. */
  nullable?: boolean;
}

export function keysetOrder(k: Keyset): SQL[] {
  const id = k.idDescending ? desc(k.id) : asc(k.id);
  if (k.nullable) return [sql`${k.key} ${sql.raw(k.descending ? 'desc' : 'asc')} nulls last`, id];
  return [k.descending ? desc(k.key) : asc(k.key), id];
}

/** The row's cursor, read as text so a timestamp keeps its microseconds (a JavaScript Date would lose them). */
export function cursorColumns(k: Keyset) {
  return { cursorKey: sql<string | null>`(${k.key})::text`, cursorId: sql<string>`(${k.id})::text` };
}

/** Rows after the cursor in the keyset's order (a null key only with `nullable`, whose nulls come last). */
export function keysetAfter(k: Keyset, cursor: Cursor): SQL {
  const keyOp = sql.raw(k.descending ? '<' : '>');
  const idOp = sql.raw(k.idDescending ? '<' : '>');
  if (k.nullable && cursor.key === null) return sql`(${k.key} is null and ${k.id} ${idOp} ${cursor.id})`;
  const after = sql`(${k.key} ${keyOp} ${cursor.key} or (${k.key} = ${cursor.key} and ${k.id} ${idOp} ${cursor.id}))`;
  return k.nullable ? sql`(${after} or ${k.key} is null)` : after;
}

/** The cursor after the last of the rows, or null for none. */
export function lastCursor(rows: { cursorKey: string | null; cursorId: string }[]): Cursor | null {
  const last = rows.at(-1);
  return last ? { key: last.cursorKey, id: last.cursorId } : null;
}
