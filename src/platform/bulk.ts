// Inserts many rows with one parameter (a JSON array) instead of one per value: building a 25,000-parameter
// statement costs more than PostgreSQL takes to run it. Omitted columns take their defaults.
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { AnyColumn, SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './db.ts';

export async function bulkInsert<T extends PgTable>(tx: DbOrTx, table: T, rows: Partial<T['$inferInsert']>[], options: { onConflictDoNothing?: boolean } = {}): Promise<void> {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, { name: string; mapToDriverValue: (value: unknown) => unknown }>;
  const used = Object.keys(columns).filter((key) => rows.some((row) => (row as Record<string, unknown>)[key] !== undefined));
  const records = rows.map((row) => {
    const record: Record<string, unknown> = {};
    for (const key of used) {
      const value = (row as Record<string, unknown>)[key];
      // JSON columns go in as JSON, dates as ISO text; everything else as it is.
      record[columns[key]!.name] = value instanceof Date ? value.toISOString() : value === undefined ? null : value;
    }
    return record;
  });
  const { schema } = getTableConfig(table);
  const qualified = sql.raw(`${schema ? `"${schema}".` : ''}"${getTableName(table)}"`);
  const names = sql.raw(used.map((key) => `"${columns[key]!.name}"`).join(', '));
  await tx.execute(
    sql`insert into ${qualified} (${names}) select ${names} from jsonb_populate_recordset(null::${qualified}, ${JSON.stringify(records)}::jsonb)${sql.raw(options.onConflictDoNothing ? ' on conflict do nothing' : '')}`,
  );
}

/**
 * `column in (values)` with the values as one JSON parameter: a batch's keys are one parameter, not thousands.
 * A subquery rather than `= any(array)`: should the planner scan the table, it hashes the keys instead of
 * comparing every row with every key.
 */
export function anyOf(column: AnyColumn, values: readonly string[]): SQL {
  return sql`${column} in (select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
}
