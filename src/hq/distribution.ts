// Distribution jobs (CDX): P-0001 upload, "Synchronize customers and channel requests", "Synchronize orders", 1010, 1040
// and 1070 downloads.
import crypto from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, lt, lte, ne, or, sql, count } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, DbOrTx } from '../platform/db.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { cursorColumns, dateRangeFilter, keysetAfter, keysetOrder, lastCursor } from '../platform/list-query.ts';
import type { Keyset } from '../platform/list-query.ts';
import type { Batch, Cursor } from '../platform/csv.ts';
import { countryAlpha2 } from '../platform/countries.ts';
import { checkVatNumber } from '../platform/vat-numbers.ts';
import { plainMessage } from '../platform/sync-side.ts';
import { notifyOtherProcesses } from '../platform/change-signal.ts';
import type { Work } from '../platform/change-signal.ts';
import { channelRequests, distributionJobs, jobRuns, outbox } from './schema.ts';
import { prospectFromRequest, prospectsFromRequests } from './prospect.ts';
import { recordCaseIntake } from './case-events.ts';
import type { ProspectRequest } from './prospect.ts';
import { applyOrganizationUserChange, readOrganizationUserChange, refuseOrganizationUserChange } from './partner-users.ts';
import type { OrganizationUserChange } from './partner-users.ts';
import { readUploadedOrder, salesOrderFromUpload } from './sales-order.ts';
import { pendingOrder } from '../platform/outbox.ts';

export type JobCode = 'P-0001' | 'SYNC-CHANNEL-REQUESTS' | 'SYNC-ORDERS' | '1010' | '1040' | '1070';
export type RunStatus = 'Pending' | 'Running' | 'Applied' | 'Failed';
export type RunTrigger = 'Manual' | 'Automatic' | 'Schedule';

/** HQ's view of the channel database; the storefront provides it, the composition root connects the two. */
export interface ChannelConnection {
  pendingUploads(limit: number): Promise<{ counter: number; kind: string; recordId: string; payload: unknown }[]>;
  markUploaded(counters: number[]): Promise<void>;
  applyDownload(records: { id: number; topic: string; key: string; payload: Record<string, unknown> }[]): Promise<void>;
  /** Each partner user of a business partner as the channel knows them: only the store sees who has signed in. */
  partnerUserStatuses?(hierarchyId: string): Promise<{ email: string; status: string; firstSignedInAt: string | null }[]>;
}

interface RunContext {
  /** The run stopped with work left (to let the other jobs have a turn); it is queued to run again at once. */
  more(): void;
  processed(n: number): void;
  failed(record: string, reason: string): void;
  heartbeat(): Promise<void>;
}

interface JobSpec {
  code: JobCode;
  name: string;
  description: string;
  direction: 'Upload' | 'Download' | 'HQ processing';
  defaultScheduleSeconds: number;
  /** Jobs that have work as soon as this one processed something. */
  then: JobCode[];
  run(ctx: RunContext): Promise<void>;
}

const batchSize = 500;
// Batches one run may take before it yields, so under steady load each job gets its turn.
const batchesPerRun = 4;
const syncBatchSize = 200;
const leaseSeconds = 60;
/** The upload kind of a placed storefront order. */
const salesOrderKind = 'sales-order';

/** The next uploaded records of some kinds, oldest first; SKIP LOCKED lets two workers share the backlog without taking the same record. */
function claimUploaded(tx: DbOrTx, kinds: SQL) {
  return tx
    .select()
    .from(channelRequests)
    .where(and(eq(channelRequests.status, 'Uploaded'), kinds))
    .orderBy(asc(channelRequests.counter))
    .limit(syncBatchSize)
    .for('update', { skipLocked: true });
}

/** One line saying what an uploaded record is about, whatever its kind, for the channel requests list. */
export function summarizeUpload(kind: string, payload: unknown): string {
  const p = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const name = [text(p.firstName), text(p.lastName)].filter(Boolean).join(' ');
  if (kind === salesOrderKind) {
    const buyer = (typeof p.buyer === 'object' && p.buyer !== null ? p.buyer : {}) as Record<string, unknown>;
    const lines = Array.isArray(p.lines) ? p.lines.length : 0;
    return [`Order ${text(p.number) || '(no number)'}`, text(p.organizationAccount), `${lines} line${lines === 1 ? '' : 's'}`, [text(p.total), text(p.currency)].filter(Boolean).join(' '), text(buyer.name)]
      .filter(Boolean)
      .join(' · ');
  }
  if (kind === 'organization-user') return [`${text(p.action) || 'change'} ${text(p.role)}`.trim(), name, text(p.email)].filter(Boolean).join(' · ');
  return [text(p.companyName), name, text(p.email)].filter(Boolean).join(' · ');
}

/** Reads an uploaded partner request; a string is the reason it cannot become a prospect. */
export function readPartnerRequest(payload: unknown): ProspectRequest | string {
  if (typeof payload !== 'object' || payload === null) return 'The record has no content.';
  const p = payload as Record<string, unknown>;
  const address = (typeof p.address === 'object' && p.address !== null ? p.address : {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
  const missing = [
    ['first name', p.firstName],
    ['last name', p.lastName],
    ['e-mail', p.email],
    ['company name', p.companyName],
    ['street', address.street],
    ['city', address.city],
    ['ZIP/postal code', address.zip],
    ['country/region', address.countryRegionId],
  ]
    .filter(([, value]) => !text(value))
    .map(([name]) => name);
  if (missing.length > 0) return `The request is missing: ${missing.join(', ')}.`;
  const email = text(p.email)!;
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return `The e-mail address "${email}" is not valid.`;
  const country = countryAlpha2(text(address.countryRegionId));
  if (!country) return `The country/region "${text(address.countryRegionId)!.toUpperCase()}" is not known in HQ.`;
  if (!text(p.requestId) || !text(p.channelId)) return 'The record does not say which channel request it is.';
  let vatNumber: string | undefined;
  if (text(p.vatNumber)) {
    const checked = checkVatNumber(text(p.vatNumber)!, country);
    if ('reason' in checked) return `The VAT number "${text(p.vatNumber)}" ${checked.reason}.`;
    vatNumber = checked.vatNumber;
  }
  return {
    requestId: text(p.requestId)!,
    channelId: text(p.channelId)!,
    firstName: text(p.firstName)!,
    lastName: text(p.lastName)!,
    email,
    companyName: text(p.companyName)!,
    phone: text(p.phone),
    address: { street: text(address.street)!, city: text(address.city)!, state: text(address.state), zip: text(address.zip)!, countryRegionId: country },
    vatNumber,
    comments: text(p.comments),
    language: text(p.language) ?? 'en-us',
  };
}

/** The download jobs: each delivers its own outbox rows (consumer = the job code) to the channel database. */
const downloads = {
  '1010': { name: 'Customers', description: 'Downloads customers, customer hierarchies and the decisions on channel requests to the channel database.', defaultScheduleSeconds: 60 },
  '1040': { name: 'Products', description: 'Downloads released products (prices, order quantity limits, status) to the channel database.', defaultScheduleSeconds: 60 },
  '1070': { name: 'Channel configuration', description: 'Downloads the online store settings to the channel database.', defaultScheduleSeconds: 300 },
} as const;

export interface DistributionOptions {
  db: Db;
  channel: ChannelConnection;
  mode: 'near-real-time' | 'schedule' | 'off';
  /** False in a web-only process: it never runs a job and passes kicks and run requests on to the worker. */
  runsJobs?: boolean;
  pollMs?: number;
  kickDelayMs?: number;
  /** Least time from the start of one kicked drain to the next (default 100 ms). */
  kickGapMs?: number;
  log: FastifyBaseLogger;
}

export interface RunView {
  id: string;
  jobCode: string;
  trigger: RunTrigger;
  status: RunStatus;
  requestedAt: string;
  startedAt?: string;
  endedAt?: string;
  processed: number;
  failed: number;
  errors: { record: string; reason: string }[];
  message?: string;
}

function runView(row: typeof jobRuns.$inferSelect): RunView {
  return {
    id: row.id,
    jobCode: row.jobCode,
    trigger: row.trigger as RunTrigger,
    status: row.status as RunStatus,
    requestedAt: row.requestedAt.toISOString(),
    ...(row.startedAt ? { startedAt: row.startedAt.toISOString() } : {}),
    ...(row.endedAt ? { endedAt: row.endedAt.toISOString() } : {}),
    processed: row.processed,
    failed: row.failed,
    errors: row.errors as { record: string; reason: string }[],
    ...(row.message ? { message: row.message } : {}),
  };
}

export interface RunFilters { job?: string | undefined; from?: string | undefined; to?: string | undefined }
export interface ChannelRequestFilters { status?: string | undefined; kind?: string | undefined; from?: string | undefined; to?: string | undefined }
export type ChannelRequestItem = ReturnType<typeof channelRequestItem>;

const runKeyset: Keyset = { key: jobRuns.requestedAt, id: jobRuns.id, descending: true, idDescending: true };
// Uploads are numbered in arrival order; the counter is the list's order and its own tie-break.
const channelRequestKeyset: Keyset = { key: channelRequests.counter, id: channelRequests.id, descending: true, idDescending: true };

function runFilters(query: RunFilters): SQL | undefined {
  return and(...dateRangeFilter(jobRuns.requestedAt, query), query.job ? eq(jobRuns.jobCode, query.job) : undefined);
}

function channelRequestFilters(query: ChannelRequestFilters): SQL | undefined {
  return and(
    ...dateRangeFilter(channelRequests.uploadedAt, query),
    query.status ? eq(channelRequests.status, query.status) : undefined,
    query.kind ? eq(channelRequests.kind, query.kind) : undefined,
  );
}

function channelRequestItem(r: typeof channelRequests.$inferSelect) {
  return {
    id: r.id,
    channelId: r.channelId,
    kind: r.kind,
    status: r.status as 'Uploaded' | 'Processed' | 'Failed',
    uploadedAt: r.uploadedAt.toISOString(),
    ...(r.processedAt ? { processedAt: r.processedAt.toISOString() } : {}),
    ...(r.error ? { error: r.error } : {}),
    ...(r.prospectId ? { prospectId: r.prospectId } : {}),
    companyName: String((r.payload as { companyName?: unknown }).companyName ?? ''),
    email: String((r.payload as { email?: unknown }).email ?? ''),
    summary: summarizeUpload(r.kind, r.payload),
  };
}

export function createDistribution(options: DistributionOptions) {
  const { db, channel, log } = options;
  const owner = `${process.pid}-${crypto.randomUUID().slice(0, 8)}`;
  const wanted = new Set<JobCode>();
  let draining: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let kickTimer: NodeJS.Timeout | null = null;
  const kickDelayMs = options.kickDelayMs ?? 20;
  const kickGapMs = options.kickGapMs ?? 100;
  let lastDrainAt = 0;
  let stopping = false;
  const runsJobs = options.runsJobs ?? true;
  // Jobs run only after start(): a web process never starts them.
  let started = false;

  function passOn(work: Work) {
    notifyOtherProcesses(db, work).catch((error: unknown) => log.warn({ err: error, work }, 'could not signal the worker; it finds the work at its next poll'));
  }

  async function renewLease(code: JobCode) {
    await db
      .update(distributionJobs)
      .set({ leaseUntil: sql`now() + make_interval(secs => ${leaseSeconds})` })
      .where(and(eq(distributionJobs.code, code), eq(distributionJobs.leaseOwner, owner)));
  }

  const specs: JobSpec[] = [
    {
      code: 'P-0001',
      name: 'Upload channel transactions',
      description: 'Uploads new records created on the channel (partner requests) from the channel database to HQ.',
      direction: 'Upload',
      defaultScheduleSeconds: 60,
      then: ['SYNC-CHANNEL-REQUESTS', 'SYNC-ORDERS'],
      async run(ctx) {
        for (let turn = 0; ; turn++) {
          if (turn === batchesPerRun) return ctx.more();
          const records = await channel.pendingUploads(batchSize);
          if (records.length === 0) return;
          // Insert-or-ignore by record id: uploading the same record twice is harmless.
          await db
            .insert(channelRequests)
            .values(
              records.map((r) => ({
                id: r.recordId,
                channelId: String((r.payload as { channelId?: unknown } | null)?.channelId ?? 'unknown'),
                kind: r.kind,
                counter: r.counter,
                payload: r.payload,
                status: 'Uploaded',
              })),
            )
            .onConflictDoNothing();
          await channel.markUploaded(records.map((r) => r.counter));
          ctx.processed(records.length);
          await ctx.heartbeat();
        }
      },
    },
    {
      code: 'SYNC-CHANNEL-REQUESTS',
      name: 'Synchronize customers and channel requests',
      description: 'Turns uploaded partner requests into B2B prospects, and partner admins\' changes to their users into customers and hierarchy members.',
      direction: 'HQ processing',
      defaultScheduleSeconds: 60,
      then: ['1010'],
      async run(ctx) {
        for (let turn = 0; ; turn++) {
          if (turn === batchesPerRun) return ctx.more();
          const done = await db.transaction(async (tx) => {
            // Orders are "Synchronize orders"' work.
            const batch = await claimUploaded(tx, ne(channelRequests.kind, salesOrderKind));
            const readable: { id: string; request: ProspectRequest }[] = [];
            const userChanges: { id: string; change: OrganizationUserChange }[] = [];
            const failures: { id: string; reason: string }[] = [];
            for (const record of batch) {
              if (record.kind === 'organization-user') {
                const change = readOrganizationUserChange(record.payload);
                if (typeof change === 'string') failures.push({ id: record.id, reason: change });
                else userChanges.push({ id: record.id, change });
                continue;
              }
              const request = record.kind === 'partner-request' ? readPartnerRequest(record.payload) : `Unknown record kind "${record.kind}".`;
              if (typeof request === 'string') failures.push({ id: record.id, reason: request });
              else readable.push({ id: record.id, request });
            }
            let processed: { id: string; prospectId: string }[];
            try {
              // Fast path: the whole batch in a few statements, inside a savepoint.
              processed = await tx.transaction(async (sp) => {
                const prospectOf = await prospectsFromRequests(sp, readable.map((r) => r.request));
                return readable.map((r) => ({ id: r.id, prospectId: prospectOf.get(r.request.requestId)! }));
              });
            } catch (error) {
              log.warn({ err: error }, 'batch failed; processing the channel requests one by one');
              // A savepoint per record: one bad record fails alone and the rest of the batch still lands.
              processed = [];
              for (const r of readable) {
                try {
                  const { prospectId } = await tx.transaction((sp) => prospectFromRequest(sp, r.request));
                  processed.push({ id: r.id, prospectId });
                } catch (recordError) {
                  failures.push({ id: r.id, reason: `Could not create the prospect: ${plainMessage(recordError)}` });
                }
              }
            }
            if (processed.length > 0) {
              // Raw SQL: one UPDATE for the whole batch from two parallel arrays, which the query builder cannot say.
              await tx.execute(
                sql`update ${channelRequests} set status = 'Processed', error = null, processed_at = now(), prospect_id = v.prospect_id
                    from (select unnest(${sql.param(processed.map((p) => p.id))}::text[]) as id, unnest(${sql.param(processed.map((p) => p.prospectId))}::text[]) as prospect_id) v
                    where ${channelRequests}.id = v.id`,
              );
              // Each request opens its onboarding case (the onboarding context reads these events).
              const requestOf = new Map(readable.map((r) => [r.id, r.request]));
              await recordCaseIntake(tx, processed.map((p) => ({ requestId: requestOf.get(p.id)!.requestId, prospectId: p.prospectId, email: requestOf.get(p.id)!.email, companyName: requestOf.get(p.id)!.companyName })));
              ctx.processed(processed.length);
            }
            // Partner admins' changes to their users, in the order they were made, each in its own savepoint.
            const applied: string[] = [];
            for (const u of userChanges) {
              try {
                await tx.transaction((sp) => applyOrganizationUserChange(sp, u.change));
                applied.push(u.id);
              } catch (error) {
                const reason = plainMessage(error);
                failures.push({ id: u.id, reason: `${u.change.email}: ${reason}` });
                // The partner admin sees the refusal next to the user, not only HQ in its job history.
                await refuseOrganizationUserChange(tx, u.change, reason);
              }
            }
            if (applied.length > 0) {
              await tx.update(channelRequests).set({ status: 'Processed', error: null, processedAt: new Date() }).where(inArray(channelRequests.id, applied));
              ctx.processed(applied.length);
            }
            for (const failure of failures) {
              await tx.update(channelRequests).set({ status: 'Failed', error: failure.reason, processedAt: new Date() }).where(eq(channelRequests.id, failure.id));
              ctx.failed(failure.id, failure.reason);
            }
            return batch.length < syncBatchSize;
          });
          await ctx.heartbeat();
          if (done) return;
        }
      },
    },
    {
      code: 'SYNC-ORDERS',
      name: 'Synchronize orders',
      description: 'Turns orders placed on the storefront into sales orders (one per storefront order, however often it is uploaded).',
      direction: 'HQ processing',
      defaultScheduleSeconds: 60,
      then: [],
      async run(ctx) {
        for (let turn = 0; ; turn++) {
          if (turn === batchesPerRun) return ctx.more();
          const done = await db.transaction(async (tx) => {
            const batch = await claimUploaded(tx, eq(channelRequests.kind, salesOrderKind));
            for (const record of batch) {
              const order = readUploadedOrder(record.payload);
              let reason = typeof order === 'string' ? order : null;
              if (typeof order !== 'string') {
                try {
                  // A savepoint per order: one that cannot be made fails alone, with its reason in the run.
                  await tx.transaction((sp) => salesOrderFromUpload(sp, order));
                } catch (error) {
                  reason = `Could not create the sales order for ${order.number}: ${plainMessage(error)}`;
                }
              }
              await tx.update(channelRequests).set({ status: reason ? 'Failed' : 'Processed', error: reason, processedAt: new Date() }).where(eq(channelRequests.id, record.id));
              if (reason) ctx.failed(record.id, reason);
              else ctx.processed(1);
            }
            return batch.length < syncBatchSize;
          });
          await ctx.heartbeat();
          if (done) return;
        }
      },
    },
    ...(['1010', '1040', '1070'] as const).map(
      (code): JobSpec => ({
        code,
        ...downloads[code],
        direction: 'Download',
        then: [],
        async run(ctx) {
          for (let turn = 0; ; turn++) {
          if (turn === batchesPerRun) return ctx.more();
            // No transaction is held while the channel applies: with the embedded database both share one connection.
            // The job's lease keeps a second worker from delivering the same rows out of order.
            const rows = await db
              .select()
              .from(outbox)
              .where(and(eq(outbox.consumer, code), isNull(outbox.deliveredAt)))
              .orderBy(...pendingOrder(outbox))
              .limit(batchSize);
            const delivered = rows.length;
            if (delivered > 0) {
              // Applied on the channel first, marked here second: a crash in between re-sends, which applies idempotently.
              await channel.applyDownload(rows.map((r) => ({ id: r.id, topic: r.topic, key: r.key, payload: r.payload as Record<string, unknown> })));
              await db.update(outbox).set({ deliveredAt: new Date() }).where(inArray(outbox.id, rows.map((r) => r.id)));
            }
            if (delivered === 0) return;
            ctx.processed(delivered);
            await ctx.heartbeat();
          }
        },
      }),
    ),
  ];
  const byCode = new Map(specs.map((s) => [s.code, s]));

  async function execute(code: JobCode, trigger: RunTrigger): Promise<void> {
    const spec = byCode.get(code)!;
    const [claimed] = await db
      .update(distributionJobs)
      .set({ leaseOwner: owner, leaseUntil: sql`now() + make_interval(secs => ${leaseSeconds})` })
      .where(and(eq(distributionJobs.code, code), or(isNull(distributionJobs.leaseUntil), lt(distributionJobs.leaseUntil, sql`now()`), eq(distributionJobs.leaseOwner, owner))))
      .returning();
    if (!claimed) return; // another worker is running it; its run covers this work
    const [pending] = await db
      .select()
      .from(jobRuns)
      .where(and(eq(jobRuns.jobCode, code), eq(jobRuns.status, 'Pending')))
      .orderBy(asc(jobRuns.requestedAt))
      .limit(1);
    const runId = pending?.id ?? crypto.randomUUID();
    const runTrigger = (pending?.trigger as RunTrigger | undefined) ?? trigger;
    const startedAt = new Date();
    let more = false;
    // An automatic run is written once, when it ends, and only if it did something: under a stream of requests the
    // run log would otherwise cost two statements a run. Requested runs show as Running while they run.
    const logged = pending !== undefined || runTrigger === 'Manual';
    if (pending) await db.update(jobRuns).set({ status: 'Running', startedAt }).where(eq(jobRuns.id, runId));
    else if (logged) await db.insert(jobRuns).values({ id: runId, jobCode: code, trigger, status: 'Running', startedAt });

    let processed = 0;
    const errors: { record: string; reason: string }[] = [];
    let status: RunStatus = 'Applied';
    let message: string | null = null;
    let renewedAt = Date.now();
    try {
      await spec.run({
        more: () => {
          more = true;
        },
        processed: (n) => {
          processed += n;
        },
        failed: (record, reason) => {
          errors.push({ record, reason });
        },
        // The lease runs 60 s: renewing a third of the way in keeps it, without a statement per batch.
        heartbeat: async () => {
          if (Date.now() - renewedAt < (leaseSeconds * 1000) / 3) return;
          renewedAt = Date.now();
          await renewLease(code);
        },
      });
    } catch (error) {
      status = 'Failed';
      // Drizzle wraps the driver's error; its cause says what went wrong in words, without the SQL.
      const cause = (error as Error & { cause?: unknown }).cause;
      message = cause instanceof Error ? cause.message : (error as Error).message;
      log.warn({ job: code, err: error }, 'distribution job failed');
    }
    const quiet = status === 'Applied' && processed === 0 && errors.length === 0 && runTrigger !== 'Manual';
    const outcome = { status, endedAt: new Date(), processed, failed: errors.length, errors: errors.slice(0, 100), message };
    if (!logged) {
      if (!quiet) await db.insert(jobRuns).values({ id: runId, jobCode: code, trigger, requestedAt: startedAt, startedAt, ...outcome });
    } else if (quiet) await db.delete(jobRuns).where(eq(jobRuns.id, runId)); // runs that found nothing to do are not history
    else await db.update(jobRuns).set(outcome).where(eq(jobRuns.id, runId));
    await db
      .update(distributionJobs)
      .set({ leaseOwner: null, leaseUntil: null, nextRunAt: sql`now() + make_interval(secs => ${distributionJobs.scheduleSeconds})` })
      .where(and(eq(distributionJobs.code, code), eq(distributionJobs.leaseOwner, owner)));
    // Failures count too: a refused partner-user change has a 1010 row telling the storefront why.
    if ((processed > 0 || errors.length > 0) && options.mode === 'near-real-time') for (const next of spec.then) wanted.add(next);
    if (more && options.mode !== 'off') wanted.add(code);
  }

  async function due(): Promise<JobCode[]> {
    const scheduled = await db
      .select({ code: distributionJobs.code })
      .from(distributionJobs)
      .where(and(eq(distributionJobs.enabled, true), lte(distributionJobs.nextRunAt, sql`now()`)));
    const manual = await db.selectDistinct({ code: jobRuns.jobCode }).from(jobRuns).where(eq(jobRuns.status, 'Pending'));
    return [...new Set([...manual, ...scheduled].map((r) => r.code as JobCode))];
  }

  function drain(): Promise<void> {
    if (draining || stopping || !started) return draining ?? Promise.resolve();
    lastDrainAt = Date.now();
    draining = (async () => {
      try {
        for (const code of await due()) if (!wanted.has(code)) wanted.add(code);
        // Passes in the order records travel (upload, process, download), each wanted job once a pass: under a
        // steady stream of sign-ups the upload is wanted again during every run, and would otherwise keep the jobs
        // after it from their turn (prospects waited seconds while every request was already uploaded).
        while (wanted.size > 0 && !stopping) {
          for (const { code } of specs) {
            if (!wanted.delete(code) || stopping) continue;
            await execute(code, 'Automatic');
          }
        }
      } catch (error) {
        log.error({ err: error }, 'distribution scheduler error');
      } finally {
        draining = null;
      }
      if (wanted.size > 0 && !stopping) drainSoon();
    })();
    return draining;
  }

  /**
   * Drains after a few milliseconds' grace, and never sooner than `kickGapMs` after the last drain started: under a
   * stream of sign-ups, runs would otherwise follow each other back to back with a few requests each, every one paying
   * its lease and run-log statements (and waking dual-write and mail once more).
   */
  function drainSoon() {
    if (kickTimer) return;
    kickTimer = setTimeout(
      () => {
        kickTimer = null;
        void drain();
      },
      Math.max(kickDelayMs, lastDrainAt + kickGapMs - Date.now()),
    );
  }

  /** Work arrived for a job: in near-real-time mode it runs now instead of at its next scheduled time. */
  function kick(code: JobCode) {
    if (stopping || !byCode.has(code)) return;
    // The worker's own mode decides whether it runs now.
    if (!runsJobs) return passOn(`job:${code}`);
    if (options.mode !== 'near-real-time') return;
    wanted.add(code);
    // A few milliseconds' grace lets a burst of sign-ups travel as one batch instead of one run each.
    drainSoon();
  }

  return {
    specs,

    /** `exclusive`: this process is the only one on the database (embedded), so leases left behind are dead. */
    async seed(exclusive: boolean) {
      await db
        .insert(distributionJobs)
        .values(
          specs.map((s) => ({
            code: s.code,
            name: s.name,
            description: s.description,
            direction: s.direction,
            scheduleSeconds: s.defaultScheduleSeconds,
            nextRunAt: new Date(Date.now() + s.defaultScheduleSeconds * 1000),
          })),
        )
        .onConflictDoNothing();
      if (exclusive) await db.update(distributionJobs).set({ leaseOwner: null, leaseUntil: null });
      const expired = db
        .select({ code: distributionJobs.code })
        .from(distributionJobs)
        .where(or(isNull(distributionJobs.leaseUntil), lt(distributionJobs.leaseUntil, sql`now()`)));
      await db
        .update(jobRuns)
        .set({ status: 'Failed', endedAt: new Date(), message: 'The process running this job stopped during the run.' })
        .where(and(eq(jobRuns.status, 'Running'), inArray(jobRuns.jobCode, expired)));
    },

    start() {
      if (options.mode === 'off') return;
      started = true;
      timer = setInterval(() => void drain(), options.pollMs ?? 1000);
      timer.unref();
      // Near-real-time: catch up at once on whatever arrived while no process was running.
      if (options.mode === 'near-real-time') for (const spec of specs) wanted.add(spec.code);
      void drain();
    },

    kick,

    /** Waits until nothing is queued or running in this process (tests and graceful shutdown use it). */
    async idle() {
      while (draining) await draining;
    },

    async stop() {
      stopping = true;
      if (timer) clearInterval(timer);
      if (kickTimer) clearTimeout(kickTimer);
      while (draining) await draining;
    },

    async requestRun(code: string): Promise<string> {
      if (!byCode.has(code as JobCode)) throw notFound(`Distribution job ${code}`);
      const id = crypto.randomUUID();
      await db.insert(jobRuns).values({ id, jobCode: code, trigger: 'Manual', status: 'Pending' });
      // The pending run is the request: whichever process runs the jobs picks it up (at once when signalled, else at its poll).
      if (!runsJobs) passOn('runs');
      else if (options.mode !== 'off' && !stopping) {
        wanted.add(code as JobCode);
        void drain();
      }
      return id;
    },

    /** Another process requested a run: take up the pending runs now. */
    runPending() {
      if (runsJobs) void drain();
    },

    async listJobs() {
      const jobs = await db.select().from(distributionJobs);
      const order = specs.map((s) => s.code as string);
      const result = [];
      for (const job of jobs.sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code))) {
        const [last] = await db.select().from(jobRuns).where(eq(jobRuns.jobCode, job.code)).orderBy(desc(jobRuns.requestedAt)).limit(1);
        result.push({
          code: job.code,
          name: job.name,
          description: job.description,
          direction: job.direction,
          schedule: { everySeconds: job.scheduleSeconds, enabled: job.enabled, nearRealTime: options.mode === 'near-real-time' },
          nextRunAt: job.nextRunAt.toISOString(),
          running: job.leaseUntil !== null && job.leaseUntil > new Date(),
          ...(last ? { lastRun: runView(last) } : {}),
        });
      }
      return result;
    },

    async updateJob(code: string, input: { everySeconds?: number; enabled?: boolean }) {
      // Nothing to change is not an UPDATE: drizzle refuses an empty SET.
      if (input.everySeconds === undefined && input.enabled === undefined) {
        const [job] = await db.select({ code: distributionJobs.code }).from(distributionJobs).where(eq(distributionJobs.code, code));
        if (!job) throw notFound(`Distribution job ${code}`);
        return;
      }
      const [row] = await db
        .update(distributionJobs)
        .set({
          ...(input.everySeconds !== undefined ? { scheduleSeconds: input.everySeconds, nextRunAt: sql`now() + make_interval(secs => ${input.everySeconds})` } : {}),
          ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        })
        .where(eq(distributionJobs.code, code))
        .returning();
      if (!row) throw notFound(`Distribution job ${code}`);
    },

    async getRun(id: string): Promise<RunView> {
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('Job run');
      const [row] = await db.select().from(jobRuns).where(eq(jobRuns.id, id));
      if (!row) throw notFound('Job run');
      return runView(row);
    },

    async listRuns(query: RunFilters & { limit: number; offset: number }) {
      const where = runFilters(query);
      const rows = await db.select().from(jobRuns).where(where).orderBy(...keysetOrder(runKeyset)).limit(query.limit).offset(query.offset);
      const [total] = await db.select({ n: count() }).from(jobRuns).where(where);
      return { items: rows.map(runView), total: total?.n ?? 0 };
    },

    /** Job history after the cursor, in the list's order, for a CSV export. */
    async exportRuns(query: RunFilters, after: Cursor | null, size: number): Promise<Batch<RunView>> {
      const rows = await db
        .select({ run: jobRuns, ...cursorColumns(runKeyset) })
        .from(jobRuns)
        .where(and(runFilters(query), after ? keysetAfter(runKeyset, after) : undefined))
        .orderBy(...keysetOrder(runKeyset))
        .limit(size);
      return { items: rows.map((r) => runView(r.run)), cursor: lastCursor(rows) };
    },

    async listChannelRequests(query: ChannelRequestFilters & { limit: number; offset: number }) {
      const where = channelRequestFilters(query);
      const rows = await db.select().from(channelRequests).where(where).orderBy(...keysetOrder(channelRequestKeyset)).limit(query.limit).offset(query.offset);
      const [total] = await db.select({ n: count() }).from(channelRequests).where(where);
      return { items: rows.map(channelRequestItem), total: total?.n ?? 0 };
    },

    /** Channel requests after the cursor, in the list's order, for a CSV export. */
    async exportChannelRequests(query: ChannelRequestFilters, after: Cursor | null, size: number): Promise<Batch<ChannelRequestItem>> {
      const rows = await db
        .select({ request: channelRequests, ...cursorColumns(channelRequestKeyset) })
        .from(channelRequests)
        .where(and(channelRequestFilters(query), after ? keysetAfter(channelRequestKeyset, after) : undefined))
        .orderBy(...keysetOrder(channelRequestKeyset))
        .limit(size);
      return { items: rows.map((r) => channelRequestItem(r.request)), cursor: lastCursor(rows) };
    },

    /** Puts a failed channel request back in line for "Synchronize customers and channel requests". */
    async retryChannelRequest(id: string) {
      const [row] = await db
        .update(channelRequests)
        .set({ status: 'Uploaded', error: null, processedAt: null })
        .where(and(eq(channelRequests.id, id), eq(channelRequests.status, 'Failed')))
        .returning({ id: channelRequests.id });
      if (!row) {
        const [exists] = await db.select({ status: channelRequests.status }).from(channelRequests).where(eq(channelRequests.id, id));
        if (!exists) throw notFound('Channel request');
        throw new DomainError('conflict', `Only a failed channel request can be retried; this one is ${exists.status}.`);
      }
      kick('SYNC-CHANNEL-REQUESTS');
      kick('SYNC-ORDERS');
    },
  };
}

export type Distribution = ReturnType<typeof createDistribution>;
