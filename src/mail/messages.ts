// Messages: queued from events (each event once), listed in the delivery log, resent and released; their
// single-use links masked unless a staff administrator reveals them (recorded).
import crypto from 'node:crypto';
import { and, asc, count, desc, eq, ilike, or } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Db } from '../platform/db.ts';
import { containsPattern } from '../platform/db.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { cursorColumns, dateRangeFilter, keysetAfter, keysetOrder, lastCursor } from '../platform/list-query.ts';
import type { Keyset } from '../platform/list-query.ts';
import type { Batch, Cursor } from '../platform/csv.ts';
import { linkReveals, messages, profileEntries, profiles, templates } from './schema.ts';
import { render } from './template.ts';
import type { NotificationType } from './template.ts';

export type MessageStatus = 'Queued' | 'Held' | 'Sent' | 'Failed' | 'Stored';

/** Something happened that someone should hear of. `id` makes it idempotent. */
export interface Notification {
  id: string;
  type: NotificationType;
  recipient: string;
  language?: string | undefined;
  channelId?: string | undefined;
  values: Record<string, string | null | undefined>;
  /** Already rendered (a test message); otherwise the profile's template is rendered with `values`. */
  rendered?: { subject: string; html: string; text: string } | undefined;
}

export function messageView(row: typeof messages.$inferSelect) {
  return {
    id: row.id,
    to: row.recipient,
    subject: row.subject,
    notificationType: row.type,
    language: row.language,
    status: row.status as MessageStatus,
    attempts: row.attempts,
    lastError: row.lastError,
    messageId: row.messageId,
    sentAt: row.sentAt?.toISOString() ?? null,
    nextAttemptAt: row.status === 'Queued' ? row.nextAttemptAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The delivery log's filters (the list adds paging; the CSV export takes them as they are). */
export interface MessageFilters {
  status?: string | undefined;
  type?: string | undefined;
  to?: string | undefined;
  /** Queued on or after / on or before these days (UTC). */
  from?: string | undefined;
  until?: string | undefined;
}

// Newest first: ids grow with time, so the id is the key and its own tie-break.
const messageKeyset: Keyset = { key: messages.id, id: messages.id, descending: true, idDescending: true };

function messageFilters(query: MessageFilters): SQL | undefined {
  const filters: SQL[] = [...dateRangeFilter(messages.createdAt, { from: query.from, to: query.until }, 'until')];
  if (query.status) filters.push(eq(messages.status, query.status));
  if (query.type) filters.push(eq(messages.type, query.type));
  if (query.to) {
    const pattern = containsPattern(query.to);
    filters.push(or(ilike(messages.recipient, pattern), ilike(messages.subject, pattern))!);
  }
  return filters.length > 0 ? and(...filters) : undefined;
}

/** Invitation and reset links carry a single-use token after `#`: shown as `…/invitation#(hidden)`. */
export function maskLinks(body: string, mask: string): string {
  return body.replace(/(invitation|reset-password)#[A-Za-z0-9_-]{10,}/g, `$1#${mask}`);
}

const primary = (language: string) => language.split('-')[0];

/** The template in the language, else one in the same primary language (et for et-ee, en-us for en). */
export function templateFor<T extends { language: string }>(candidates: T[], language: string): T | undefined {
  return candidates.find((t) => t.language === language) ?? candidates.find((t) => primary(t.language) === primary(language));
}

export function createMessages(db: Db, options: { smtp: boolean; fromDomain: string; onQueued: () => void }) {
  const newMessageId = () => `<${crypto.randomUUID()}@${options.fromDomain}>`;

  async function find(id: number) {
    const [row] = await db.select().from(messages).where(eq(messages.id, id));
    if (!row) throw notFound(`Message ${id}`);
    return row;
  }

  async function revealsOf(id: number) {
    const rows = await db.select().from(linkReveals).where(eq(linkReveals.messageId, id)).orderBy(desc(linkReveals.id));
    return rows.map((r) => ({ by: r.staffName, byId: r.staffUserId, at: r.revealedAt.toISOString() }));
  }

  /** The profile, its entries and the templates, each read once per batch of notifications however many share them. */
  function settingsOnce() {
    const once = new Map<string, Promise<unknown>>();
    const memo = <T>(key: string, read: () => Promise<T>): Promise<T> => {
      if (!once.has(key)) once.set(key, read());
      return once.get(key) as Promise<T>;
    };
    const profile = (channelId: string | undefined) =>
      memo(`profile:${channelId ?? ''}`, async () => {
        const [own] = channelId ? await db.select().from(profiles).where(eq(profiles.channelId, channelId)) : [];
        return own ?? (await memo('profile:default', async () => (await db.select().from(profiles).where(eq(profiles.id, 'default')))[0]));
      });
    const entry = (profileId: string, type: string) => memo(`entry:${profileId}:${type}`, async () => (await db.select().from(profileEntries).where(and(eq(profileEntries.profileId, profileId), eq(profileEntries.type, type))))[0]);
    // `.execute()`: a query builder is a thenable that runs again on every await, which would defeat the memo.
    const templatesOf = (type: string) => memo(`templates:${type}`, () => db.select().from(templates).where(eq(templates.type, type)).execute());
    return { profile, entry, templatesOf };
  }

  /**
   * Queues a batch (the mail relay's events): the settings are read once for the batch and the messages inserted in
   * one statement, instead of four round trips per message. Results in the order of `ns`.
   */
  async function queueAll(ns: Notification[]): Promise<('queued' | 'off' | 'duplicate' | 'no-template')[]> {
    const settings = settingsOnce();
    const results: ('queued' | 'off' | 'duplicate' | 'no-template')[] = [];
    const rows: (typeof messages.$inferInsert & { at: number })[] = [];
    for (const [at, n] of ns.entries()) {
      const chosen = await settings.profile(n.channelId);
      const entry = chosen ? await settings.entry(chosen.id, n.type) : undefined;
      const mode = n.type === 'test' ? 'Send' : (entry?.mode ?? 'Send');
      if (mode === 'Off') {
        results[at] = 'off';
        continue;
      }
      const fallback = chosen?.defaultLanguage ?? 'en-us';
      const language = (n.language ?? fallback).toLowerCase();
      const candidates = n.rendered ? [] : await settings.templatesOf(n.type);
      // et-ee finds et and en finds en-us: the exact language first, then the same primary language, then the profile's.
      const template = n.rendered ? { language, ...n.rendered } : (templateFor(candidates, language) ?? templateFor(candidates, fallback) ?? candidates[0]);
      if (!template) {
        results[at] = 'no-template';
        continue;
      }
      const rendered = n.rendered ?? render(template, n.values);
      const status: MessageStatus = mode === 'Hold' ? 'Held' : options.smtp ? 'Queued' : 'Stored';
      rows.push({ at, eventId: n.id, type: n.type, recipient: n.recipient, language: template.language, ...rendered, status, messageId: newMessageId() });
    }
    if (rows.length === 0) return results;
    const inserted = await db
      .insert(messages)
      .values(rows.map(({ at: _at, ...row }) => row))
      .onConflictDoNothing()
      .returning({ eventId: messages.eventId, status: messages.status });
    const stored = new Set(inserted.map((row) => row.eventId));
    for (const row of rows) results[row.at] = stored.has(row.eventId) ? 'queued' : 'duplicate';
    if (inserted.some((row) => row.status === 'Queued')) options.onQueued();
    return results;
  }

  return {
    /**
     * Turns a notification into a message: the channel's profile says whether and how, the template in the
     * request's language (or the profile's default) says what. A repeated notification changes nothing.
     */
    async queue(n: Notification): Promise<'queued' | 'off' | 'duplicate' | 'no-template'> {
      return (await queueAll([n]))[0]!;
    },

    queueAll,

    /** Every message to `recipient` (stored lower-case), oldest first: what was sent, and whether it arrived. */
    async to(recipient: string): Promise<{ id: number; type: string; subject: string; status: string; createdAt: string; sentAt: string | null; lastError: string | null }[]> {
      const rows = await db
        .select({ id: messages.id, type: messages.type, subject: messages.subject, status: messages.status, createdAt: messages.createdAt, sentAt: messages.sentAt, lastError: messages.lastError })
        .from(messages)
        .where(eq(messages.recipient, recipient.toLowerCase()))
        .orderBy(asc(messages.createdAt))
        .limit(200);
      return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), sentAt: r.sentAt?.toISOString() ?? null }));
    },

    async list(query: MessageFilters & { limit: number; offset: number }) {
      const where = messageFilters(query);
      const rows = await db.select().from(messages).where(where).orderBy(...keysetOrder(messageKeyset)).limit(query.limit).offset(query.offset);
      const [total] = await db.select({ n: count() }).from(messages).where(where);
      return { items: rows.map(messageView), total: total?.n ?? 0 };
    },

    /** The delivery log's messages after the cursor, newest first, for a CSV export. */
    async exportBatch(query: MessageFilters, after: Cursor | null, size: number): Promise<Batch<ReturnType<typeof messageView>>> {
      const rows = await db
        .select({ message: messages, ...cursorColumns(messageKeyset) })
        .from(messages)
        .where(and(messageFilters(query), after ? keysetAfter(messageKeyset, after) : undefined))
        .orderBy(...keysetOrder(messageKeyset))
        .limit(size);
      return { items: rows.map((r) => messageView(r.message)), cursor: lastCursor(rows) };
    },

    async byEvent(eventId: string) {
      const [row] = await db.select().from(messages).where(eq(messages.eventId, eventId));
      if (!row) throw notFound(`The message of ${eventId}`);
      return messageView(row);
    },

    /** One message with its bodies; the single-use links in them are masked (see `reveal`). */
    async get(id: number) {
      const row = await find(id);
      const mask = row.status === 'Sent' ? '(hidden once sent)' : '(hidden)';
      const html = maskLinks(row.html, mask);
      const text = maskLinks(row.text, mask);
      return { ...messageView(row), html, text, linksHidden: html !== row.html || text !== row.text, reveals: await revealsOf(id) };
    },

    /**
     * The bodies with their links, for a staff administrator, of a message that was only stored (no SMTP): the
     * recipient can get the link from nobody else. Every reveal is recorded.
     */
    async reveal(id: number, by: { id: string; name: string }) {
      const row = await find(id);
      if (row.status !== 'Stored') throw new DomainError('conflict', 'Only the links of a message kept in the local mailbox (not sent) can be revealed.');
      await db.insert(linkReveals).values({ messageId: id, staffUserId: by.id, staffName: by.name });
      return { ...messageView(row), html: row.html, text: row.text, linksHidden: false, reveals: await revealsOf(id) };
    },

    /** Sends a sent, failed or stored message again, as a new delivery with its own Message-ID. */
    async resend(id: number) {
      if (!options.smtp) throw new DomainError('conflict', 'No SMTP server is configured (SMTP_URL); messages stay in the local mailbox.');
      const [row] = await db
        .update(messages)
        .set({ status: 'Queued', attempts: 0, lastError: null, nextAttemptAt: new Date(), messageId: newMessageId(), updatedAt: new Date() })
        .where(and(eq(messages.id, id), or(eq(messages.status, 'Sent'), eq(messages.status, 'Failed'), eq(messages.status, 'Stored'))))
        .returning();
      if (!row) throw new DomainError('conflict', 'Only a sent, failed or stored message can be resent.');
      options.onQueued();
      return messageView(row);
    },

    /** Lets a held message go. */
    async release(id: number) {
      const [row] = await db
        .update(messages)
        .set({ status: options.smtp ? 'Queued' : 'Stored', nextAttemptAt: new Date(), updatedAt: new Date() })
        .where(and(eq(messages.id, id), eq(messages.status, 'Held')))
        .returning();
      if (!row) throw new DomainError('conflict', 'Only a held message can be released.');
      options.onQueued();
      return messageView(row);
    },
  };
}

export type Messages = ReturnType<typeof createMessages>;
