// Partner sign-up requests: the "become a business partner" form and the applicant's status link.
import crypto from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../platform/db.ts';
import { preparedStatement } from '../platform/db.ts';
import type { Throttle } from '../platform/throttle.ts';
import { DomainError } from '../platform/errors.ts';
import { countryAlpha2 } from '../platform/countries.ts';
import { checkVatNumber } from '../platform/vat-numbers.ts';
import { hashToken, randomToken } from '../platform/sessions.ts';
import { channelSettings, partnerRequests, statusLinks, uploadQueue } from './schema.ts';

export type PartnerRequestStatus = 'Received' | 'InReview' | 'Approved' | 'Rejected';

export interface PartnerRequestInput {
  firstName: string;
  lastName: string;
  email: string;
  companyName: string;
  phone?: string | undefined;
  address: { street: string; city: string; state?: string | undefined; zip: string; countryRegionId: string };
  vatNumber?: string | undefined;
  comments?: string | undefined;
  language?: string | undefined;
}

/** What P-0001 carries to HQ for one request; HQ validates it again on its side. */
export interface PartnerRequestPayload extends PartnerRequestInput {
  requestId: string;
  channelId: string;
  language: string;
  submittedAt: string;
}

interface ChannelView {
  id: string;
  name: string;
  url: string;
  customerType: string;
  defaultLanguage: string;
}

export interface RequestStatusView {
  status: PartnerRequestStatus;
  statusText: string;
  companyName: string;
  storeName: string;
  submittedAt: string;
  updatedAt: string;
  decisionNote?: string;
}

const statusText: Record<PartnerRequestStatus, string> = {
  Received: 'We have received your request and are passing it on to our partner team.',
  InReview: 'Your request is with our partner team for review.',
  Approved: 'Your request was approved. Watch your inbox for the invitation to sign in.',
  Rejected: 'We are unable to accept your request at this time.',
};

function clean(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

export interface PartnerRequestSettings {
  channelId: string;
  limitPerAddress: number;
  limitPerEmail: number;
}

export function createPartnerRequests(db: Db, throttle: Throttle, settings: PartnerRequestSettings, onQueued: () => void) {
  // The store's settings change rarely (job 1070); a few seconds' cache keeps a read off every sign-up.
  let cached: { at: number; value: ChannelView | null } | undefined;
  async function channel(): Promise<ChannelView | null> {
    if (cached && Date.now() - cached.at < 5000) return cached.value;
    const [row] = await db.select().from(channelSettings).where(eq(channelSettings.channelId, settings.channelId));
    const value = row ? { id: row.channelId, name: row.name, url: row.url, customerType: row.customerType, defaultLanguage: row.defaultLanguage } : null;
    cached = { at: Date.now(), value };
    return value;
  }

  // The request and its upload row commit together: P-0001 can never miss or invent a request. One statement (the
  // query builder cannot insert from a CTE, so the outer insert is SQL) is one round trip instead of four; prepared,
  // as it runs for every sign-up.
  const columns = ['id', 'statusTokenHash', 'channelId', 'firstName', 'lastName', 'email', 'phone', 'companyName', 'street', 'city', 'state', 'zip', 'countryRegionId', 'comments', 'language', 'status'] as const;
  const insertRequest = db
    .insert(partnerRequests)
    .values(Object.fromEntries(columns.map((c) => [c, sql.placeholder(c)])) as unknown as typeof partnerRequests.$inferInsert)
    .returning({ id: partnerRequests.id });
  const storeRequest = preparedStatement(
    db,
    'storefront_partner_request_submit',
    sql`with request as ${insertRequest} insert into ${uploadQueue} (kind, record_id, payload) select 'partner-request', request.id::text, ${sql.placeholder('payload')}::jsonb from request`,
  );

  return {
    async submit(input: PartnerRequestInput, address: string): Promise<{ id: string; status: 'Received'; statusUrl: string; statusPageUrl: string }> {
      const email = input.email.trim().toLowerCase();
      // EST and EE are one country: stored as alpha-2, so HQ, VAT checks and duplicates see the same code.
      const countryRegionId = countryAlpha2(input.address.countryRegionId);
      if (!countryRegionId) throw DomainError.invalid('address.countryRegionId', 'must be a country from the list');
      let vatNumber: string | undefined;
      if (clean(input.vatNumber)) {
        const checked = checkVatNumber(input.vatNumber!, countryRegionId);
        if ('reason' in checked) throw DomainError.invalid('vatNumber', checked.reason);
        vatNumber = checked.vatNumber;
      }
      await throttle.hit(
        { bucket: 'partner-request-address', key: address, limit: settings.limitPerAddress },
        { bucket: 'partner-request-email', key: email, limit: settings.limitPerEmail },
      );

      const id = crypto.randomUUID();
      const token = randomToken();
      const language = clean(input.language)?.toLowerCase() ?? (await channel())?.defaultLanguage ?? 'en-us';
      const row = {
        id,
        statusTokenHash: hashToken(token),
        channelId: settings.channelId,
        firstName: input.firstName.trim(),
        lastName: input.lastName.trim(),
        email,
        phone: clean(input.phone) ?? null,
        companyName: input.companyName.trim(),
        street: input.address.street.trim(),
        city: input.address.city.trim(),
        state: clean(input.address.state) ?? null,
        zip: input.address.zip.trim(),
        countryRegionId,
        comments: clean(input.comments) ?? null,
        language,
        status: 'Received' as const,
      };
      const payload: PartnerRequestPayload = {
        requestId: id,
        channelId: row.channelId,
        firstName: row.firstName,
        lastName: row.lastName,
        email,
        companyName: row.companyName,
        phone: row.phone ?? undefined,
        address: { street: row.street, city: row.city, state: row.state ?? undefined, zip: row.zip, countryRegionId },
        ...(vatNumber ? { vatNumber } : {}),
        comments: row.comments ?? undefined,
        language,
        submittedAt: new Date().toISOString(),
      };
      await storeRequest({ ...row, payload: JSON.stringify(payload) } satisfies Record<(typeof columns)[number], unknown> & { payload: string });
      onQueued();
      // Same answer whether or not the e-mail is already known: HQ merges duplicates into one prospect.
      return { id, status: 'Received', statusUrl: `/api/store/partner-requests/status/${token}`, statusPageUrl: `/partner/request-status/${token}` };
    },

    async status(token: string): Promise<RequestStatusView> {
      // The link from the sign-up, or a later one sent with a question of the partner team.
      const hash = hashToken(token);
      let [row] = await db.select().from(partnerRequests).where(eq(partnerRequests.statusTokenHash, hash));
      if (!row) [row] = await db.select().from(partnerRequests).where(inArray(partnerRequests.id, db.select({ id: statusLinks.requestId }).from(statusLinks).where(eq(statusLinks.tokenHash, hash))));
      if (!row) throw new DomainError('not-found', 'This status link is not valid. Check that you copied the whole link.');
      const [channel] = await db.select().from(channelSettings).where(eq(channelSettings.channelId, row.channelId));
      const status = row.status as PartnerRequestStatus;
      return {
        status,
        statusText: statusText[status],
        companyName: row.companyName,
        storeName: channel?.name ?? 'our online store',
        submittedAt: row.createdAt.toISOString(),
        updatedAt: row.updatedAt.toISOString(),
        ...(status === 'Rejected' && row.decisionNote ? { decisionNote: row.decisionNote } : {}),
      };
    },

    channel,
  };
}

export type PartnerRequests = ReturnType<typeof createPartnerRequests>;
