// The storefront's part of an onboarding case: the request as submitted, and the approved partner's first steps
// (the requestor's invitation accepted, their first sign-in, the organization's first order).
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../platform/db.ts';
import { accountTokens, orders, partnerRequests, partnerUsers } from './schema.ts';

export interface StorefrontCaseFacts {
  submittedAt: string | null;
  invitationAcceptedAt: string | null;
  firstSignInAt: string | null;
  firstOrder: { at: string; number: string; by: string } | null;
}

export function createCaseFacts(db: Db) {
  return async function caseFacts(requestId: string, requestor: { email: string; hierarchyId: string | null }): Promise<StorefrontCaseFacts> {
    const [request] = await db.select({ createdAt: partnerRequests.createdAt }).from(partnerRequests).where(eq(partnerRequests.id, requestId));
    const [user] = requestor.hierarchyId
      ? await db.select().from(partnerUsers).where(and(eq(partnerUsers.email, requestor.email.toLowerCase()), eq(partnerUsers.hierarchyId, requestor.hierarchyId)))
      : [];
    const [accepted] = user
      ? await db
          .select({ at: accountTokens.usedAt })
          .from(accountTokens)
          .where(and(eq(accountTokens.userId, user.id), eq(accountTokens.kind, 'invitation'), isNotNull(accountTokens.usedAt)))
          .orderBy(asc(accountTokens.usedAt))
          .limit(1)
      : [];
    const [order] = requestor.hierarchyId
      ? await db.select({ at: orders.createdAt, number: orders.number, by: orders.placedByName }).from(orders).where(eq(orders.hierarchyId, requestor.hierarchyId)).orderBy(asc(orders.createdAt)).limit(1)
      : [];
    return {
      submittedAt: request?.createdAt.toISOString() ?? null,
      invitationAcceptedAt: accepted?.at?.toISOString() ?? null,
      firstSignInAt: user?.firstSignedInAt?.toISOString() ?? null,
      firstOrder: order ? { at: order.at.toISOString(), number: order.number, by: order.by } : null,
    };
  };
}
