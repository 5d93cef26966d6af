// Opportunities: work them through the stages, close as won or lost (with a close record), reopen.
import crypto from 'node:crypto';
import { and, asc, count, eq, ilike, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../platform/db.ts';
import { containsPattern } from '../platform/db.ts';
import { notFound } from '../platform/errors.ts';
import { cursorColumns, dateRangeFilter, keysetAfter, keysetOrder, lastCursor } from '../platform/list-query.ts';
import type { Keyset } from '../platform/list-query.ts';
import type { Batch, Cursor } from '../platform/csv.ts';
import { opportunities, opportunityCloses } from './schema.ts';
import * as rules from './rules.ts';
import type { Actor, OpportunityStage } from './rules.ts';
import { changedFields, recordChange } from './outbox.ts';
import { addNote, timelineOf } from './timeline.ts';

type OpportunityRow = typeof opportunities.$inferSelect;
export const opportunityViews = ['my-open-opportunities', 'open-opportunities', 'closed-opportunities', 'all-opportunities'] as const;
export type OpportunityView = (typeof opportunityViews)[number];

const money = (value: string | null) => (value === null ? null : Number(value));

/** An opportunity view's filters and order (the list adds paging; the CSV export takes them as they are). */
export interface OpportunityQuery {
  view: OpportunityView;
  actorId: string;
  search?: string | undefined;
  sort: string;
  /** Created on or after / on or before these days (UTC). */
  from?: string | undefined;
  to?: string | undefined;
}

function opportunityFilters(query: OpportunityQuery): SQL | undefined {
  const filters: SQL[] = [...dateRangeFilter(opportunities.createdAt, query)];
  if (query.view === 'my-open-opportunities') filters.push(eq(opportunities.ownerId, query.actorId), eq(opportunities.state, 'Open'));
  if (query.view === 'open-opportunities') filters.push(eq(opportunities.state, 'Open'));
  if (query.view === 'closed-opportunities') filters.push(sql`${opportunities.state} <> 'Open'`);
  if (query.search) filters.push(ilike(opportunities.name, containsPattern(query.search)));
  return filters.length ? and(...filters) : undefined;
}

const opportunitySortColumns = { createdAt: opportunities.createdAt, name: opportunities.name, estimatedRevenue: opportunities.estimatedRevenue, estimatedCloseDate: opportunities.estimatedCloseDate } as const;

function opportunityKeyset(sort: string): Keyset {
  const key = sort.replace(/^-/, '') as keyof typeof opportunitySortColumns;
  // Revenue and close date may be unknown; those opportunities come last.
  return { key: opportunitySortColumns[key] ?? opportunities.createdAt, id: opportunities.id, descending: sort.startsWith('-'), idDescending: true, nullable: key === 'estimatedRevenue' || key === 'estimatedCloseDate' };
}

/** The currency of every amount in the CRM: its base currency, the store's (per-opportunity currencies are not kept). */
export const salesCurrency = 'EUR';

export function opportunityView(row: OpportunityRow) {
  return {
    id: row.id,
    name: row.name,
    accountId: row.accountId,
    contactId: row.contactId,
    originatingLeadId: row.originatingLeadId,
    estimatedRevenue: money(row.estimatedRevenue),
    estimatedCloseDate: row.estimatedCloseDate,
    description: row.description,
    stage: row.stage as OpportunityStage,
    state: row.state as rules.OpportunityState,
    statusReason: row.statusReason,
    actualRevenue: money(row.actualRevenue),
    actualCloseDate: row.actualCloseDate,
    currency: salesCurrency,
    ownerId: row.ownerId,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export interface OpportunityInput {
  name?: string | undefined;
  estimatedRevenue?: number | null | undefined;
  estimatedCloseDate?: string | null | undefined;
  description?: string | null | undefined;
  stage?: OpportunityStage | undefined;
  ownerId?: string | undefined;
}

export interface CloseInput {
  status: 'Won' | 'Lost';
  statusReason: string;
  actualRevenue?: number | undefined;
  closeDate?: string | undefined;
  competitor?: string | undefined;
  description?: string | undefined;
}

export function createOpportunities(db: Db) {
  async function lock(tx: DbOrTx, id: string): Promise<OpportunityRow> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('Opportunity');
    const [row] = await tx.select().from(opportunities).where(eq(opportunities.id, id)).for('update');
    if (!row) throw notFound('Opportunity');
    return row;
  }

  async function save(tx: DbOrTx, before: OpportunityRow, changes: Partial<OpportunityRow>) {
    const [row] = await tx
      .update(opportunities)
      .set({ ...changes, version: before.version + 1, updatedAt: new Date() })
      .where(eq(opportunities.id, before.id))
      .returning();
    await recordChange(tx, 'opportunity', row!, changedFields(before, changes), 'user');
    return row!;
  }

  return {
    async list(query: OpportunityQuery & { limit: number; offset: number }) {
      const where = opportunityFilters(query);
      const rows = await db.select().from(opportunities).where(where).orderBy(...keysetOrder(opportunityKeyset(query.sort))).limit(query.limit).offset(query.offset);
      const [total] = await db.select({ n: count() }).from(opportunities).where(where);
      return { items: rows.map(opportunityView), total: total?.n ?? 0 };
    },

    /** The view's opportunities after the cursor, in its order, for a CSV export. */
    async exportBatch(query: OpportunityQuery, after: Cursor | null, size: number): Promise<Batch<ReturnType<typeof opportunityView>>> {
      const keyset = opportunityKeyset(query.sort);
      const rows = await db
        .select({ opportunity: opportunities, ...cursorColumns(keyset) })
        .from(opportunities)
        .where(and(opportunityFilters(query), after ? keysetAfter(keyset, after) : undefined))
        .orderBy(...keysetOrder(keyset))
        .limit(size);
      return { items: rows.map((r) => opportunityView(r.opportunity)), cursor: lastCursor(rows) };
    },

    async get(id: string) {
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('Opportunity');
      const [row] = await db.select().from(opportunities).where(eq(opportunities.id, id));
      if (!row) throw notFound('Opportunity');
      const closes = await db.select().from(opportunityCloses).where(eq(opportunityCloses.opportunityId, id)).orderBy(asc(opportunityCloses.createdAt));
      return {
        ...opportunityView(row),
        closeRecords: closes.map((c) => ({
          id: c.id,
          outcome: c.outcome as 'Won' | 'Lost',
          statusReason: c.statusReason,
          actualRevenue: money(c.actualRevenue),
          closeDate: c.closeDate,
          competitor: c.competitor,
          description: c.description,
          createdBy: c.createdBy,
          createdAt: c.createdAt.toISOString(),
        })),
        timeline: await timelineOf(db, 'opportunity', id),
      };
    },

    async update(id: string, input: OpportunityInput, actor: Actor) {
      return db.transaction(async (tx) => {
        const row = await lock(tx, id);
        rules.assertCanEdit(actor, row, 'opportunitie');
        rules.assertOpen(row);
        if (input.ownerId !== undefined && input.ownerId !== row.ownerId && input.ownerId !== actor.id) rules.assertCanEdit(actor, { ownerId: null }, 'opportunitie');
        const changes: Partial<OpportunityRow> = {
          ...(input.name !== undefined ? { name: input.name.trim() } : {}),
          ...(input.estimatedRevenue !== undefined ? { estimatedRevenue: input.estimatedRevenue === null ? null : input.estimatedRevenue.toFixed(2) } : {}),
          ...(input.estimatedCloseDate !== undefined ? { estimatedCloseDate: input.estimatedCloseDate } : {}),
          ...(input.description !== undefined ? { description: input.description?.trim() || null } : {}),
          ...(input.stage !== undefined ? { stage: input.stage } : {}),
          ...(input.ownerId !== undefined ? { ownerId: input.ownerId } : {}),
        };
        return opportunityView(await save(tx, row, changes));
      });
    },

    /** Close as won or lost: the opportunity's state and an opportunity close record, in one transaction. */
    async close(id: string, input: CloseInput, actor: Actor) {
      return db.transaction(async (tx) => {
        const row = await lock(tx, id);
        const change = rules.closeOpportunity(row, input.status, input.statusReason);
        rules.assertCanEdit(actor, row, 'opportunitie');
        const closeDate = input.closeDate ?? new Date().toISOString().slice(0, 10);
        const actualRevenue = input.status === 'Won' ? (input.actualRevenue ?? money(row.estimatedRevenue) ?? 0).toFixed(2) : null;
        await tx.insert(opportunityCloses).values({
          id: crypto.randomUUID(),
          opportunityId: id,
          outcome: input.status,
          statusReason: input.statusReason,
          actualRevenue,
          closeDate,
          competitor: input.competitor?.trim() || null,
          description: input.description?.trim() || null,
          createdBy: actor.name,
        });
        const saved = await save(tx, row, { ...change, actualRevenue, actualCloseDate: closeDate });
        await addNote(tx, 'opportunity', id, 'system', `Closed as ${input.status.toLowerCase()} (${input.statusReason}) by ${actor.name}.`, 'System');
        return opportunityView(saved);
      });
    },

    async reopen(id: string, actor: Actor) {
      return db.transaction(async (tx) => {
        const row = await lock(tx, id);
        const change = rules.reopenOpportunity(row);
        rules.assertCanEdit(actor, row, 'opportunitie');
        const saved = await save(tx, row, { ...change, actualRevenue: null, actualCloseDate: null });
        await addNote(tx, 'opportunity', id, 'system', `Reopened by ${actor.name}.`, 'System');
        return opportunityView(saved);
      });
    },

    async addNote(id: string, text: string, actor: Actor) {
      return db.transaction(async (tx) => {
        await lock(tx, id);
        return addNote(tx, 'opportunity', id, 'note', text.trim(), actor.name);
      });
    },
  };
}

export type Opportunities = ReturnType<typeof createOpportunities>;
