// CSV exports of lists: RFC 4180 text (csv-stringify) with a UTF-8 BOM, formula-safe cells, streamed in batches.
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';

export type CellValue = string | number | boolean | Date | null | undefined;

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => CellValue;
}

/** Where the next batch starts: the last row's sort key and id, as text (see `list-query.ts`). */
export interface Cursor {
  key: string | null;
  id: string;
}

export interface Batch<Row> {
  items: Row[];
  /** The cursor after the batch's last row; null when the batch is empty. */
  cursor: Cursor | null;
}

/** Rows per query: big enough that 100,000 rows take 100 queries, small enough that memory stays flat. */
export const exportBatchSize = 1000;

/** The documented 200 answer of an export route: CSV text. */
export const CsvBody = Type.Unsafe<string>({ type: 'string', description: 'RFC 4180 CSV, UTF-8 with a byte order mark, a header row first' });
export const csvProduces = ['text/csv'];

/** A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP "CSV injection"). */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  // Numbers and booleans are never formulas; a negative amount stays a number to the spreadsheet.
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return neutralizeFormula(value);
}

/** One CSV chunk: the given records, CRLF after each (RFC 4180), quoted where needed. */
export function csvLines(records: string[][], options: { bom?: boolean } = {}): string {
  return stringify(records, { record_delimiter: 'windows', bom: options.bom ?? false });
}

/** `prospects` → `prospects-2026-12-02.csv` (today in UTC). */
export function exportFileName(list: string, now = new Date()): string {
  return `${list}-${now.toISOString().slice(0, 10)}.csv`;
}

/**
 * Answers with the whole list as CSV, reading it batch by batch (keyset pagination by the list's sort key and id):
 * the next batch is read only when the client has taken the previous one, so memory does not grow with the list.
 * The first batch is read before anything is sent, so a refused filter is still a problem+json answer.
 */
export async function sendCsv<Row>(
  reply: FastifyReply,
  list: string,
  readBatch: (after: Cursor | null) => Promise<Batch<Row>>,
  columns: CsvColumn<NoInfer<Row>>[],
): Promise<FastifyReply> {
  const first = await readBatch(null);
  const toRecords = (items: Row[]) => items.map((row) => columns.map((c) => cellText(c.value(row))));
  async function* chunks(): AsyncGenerator<string> {
    yield csvLines([columns.map((c) => c.header)], { bom: true });
    let batch = first;
    for (;;) {
      if (batch.items.length > 0) yield csvLines(toRecords(batch.items));
      if (batch.items.length < exportBatchSize || !batch.cursor) return;
      batch = await readBatch(batch.cursor);
    }
  }
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${exportFileName(list)}"`)
    .send(Readable.from(chunks(), { objectMode: false }));
}
