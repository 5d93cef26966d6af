// The typed API client: openapi-fetch over the generated `paths`, with the CSRF header on writes and a hook for 401s.
import i18next from 'i18next';
import createClient from 'openapi-fetch';
import type { Middleware } from 'openapi-fetch';
import type { components, paths } from './schema.d.ts';

type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];
export type FieldProblem = NonNullable<Problem['errors']>[number];
export type StaffUser = Schemas['StaffUser'];
export type StaffRole = StaffUser['roles'][number];
export type Address = Schemas['Address'];
export type Prospect = Schemas['Prospect'];
export type ProspectStatus = Prospect['status'];
export type Customer = Schemas['Customer'];
export type CustomerHierarchy = Schemas['CustomerHierarchy'];
export type HierarchyRole = CustomerHierarchy['members'][number]['role'];
export type JobRun = Schemas['JobRun'];

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
export type ProspectDetail = Json<paths['/api/hq/prospects/{id}']['get']['responses'][200]>;
export type ProspectSort = NonNullable<NonNullable<paths['/api/hq/prospects']['get']['parameters']['query']>['sort']>;
export type PartnerRequestBody = Json<paths['/api/store/partner-requests']['post']['requestBody']>;
export type PartnerRequestAccepted = Json<paths['/api/store/partner-requests']['post']['responses'][202]>;
export type RequestStatusView = Json<paths['/api/store/partner-requests/status/{token}']['get']['responses'][200]>;
export type Me = Json<paths['/api/auth/me']['get']['responses'][200]>;
export type HierarchySummary = Json<paths['/api/hq/customer-hierarchies']['get']['responses'][200]>['items'][number];
export type NumberSequence = Json<paths['/api/hq/number-sequences']['get']['responses'][200]>['items'][number];
export type OnlineStore = Json<paths['/api/hq/online-stores']['get']['responses'][200]>['items'][number];
export type DistributionJob = Json<paths['/api/hq/distribution/jobs']['get']['responses'][200]>['items'][number];
export type ChannelRequest = Json<paths['/api/hq/channel-requests']['get']['responses'][200]>['items'][number];
export type ChannelRequestStatus = ChannelRequest['status'];
export type Lead = Schemas['Lead'];
export type Opportunity = Schemas['Opportunity'];
export type Account = Schemas['Account'];
export type Contact = Schemas['Contact'];
export type LeadDetail = Json<paths['/api/sales/leads/{id}']['get']['responses'][200]>;
export type OpportunityDetail = Json<paths['/api/sales/opportunities/{id}']['get']['responses'][200]>;
export type TimelineEntry = LeadDetail['timeline'][number];
export type LeadBody = Json<paths['/api/sales/leads']['post']['requestBody']>;
export type CloseBody = Json<paths['/api/sales/opportunities/{id}/close']['post']['requestBody']>;
export type TableMap = Json<paths['/api/dualwrite/maps']['get']['responses'][200]>[number];
export type TableMapDetail = Json<paths['/api/dualwrite/maps/{id}']['get']['responses'][200]>;
export type FieldMap = Omit<TableMapDetail['fieldMaps'][number], 'index' | 'symbol'>;
export type SyncError = Json<paths['/api/dualwrite/errors']['get']['responses'][200]>['items'][number];
export type LedgerRecord = Json<paths['/api/dualwrite/records']['get']['responses'][200]>['items'][number];
export type MailTemplate = Json<paths['/api/mail/templates']['get']['responses'][200]>[number];
export type MailMessage = Json<paths['/api/mail/messages']['get']['responses'][200]>['items'][number];
export type MailMessageDetail = Json<paths['/api/mail/messages/{id}']['get']['responses'][200]>;
export type NotificationProfile = Json<paths['/api/mail/profiles']['get']['responses'][200]>[number];
export type PartnerUser = Schemas['PartnerUser'];
export type PartnerRole = PartnerUser['role'];
export type PartnerUserStatus = PartnerUser['status'];
export type PartnerMe = Json<paths['/api/store/me']['get']['responses'][200]>;
export type PasswordLink = Json<paths['/api/store/auth/link']['post']['responses'][200]>;
export type PartnerUserSort = NonNullable<NonNullable<paths['/api/store/organization/users']['get']['parameters']['query']>['sort']>;
export type PartnerUserBody = Json<paths['/api/store/organization/users']['post']['requestBody']>;
export type LeadView = NonNullable<paths['/api/sales/leads']['get']['parameters']['query']>['view'];
export type OpportunityView = NonNullable<paths['/api/sales/opportunities']['get']['parameters']['query']>['view'];

export const staffRoles: readonly StaffRole[] = ['administrator', 'hq-operations', 'salesperson', 'sales-manager', 'integration-administrator'];

/** An answer that was not 2xx, with its RFC 9457 problem details. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  /** The field errors of a 400, if any. */
  get fieldErrors(): FieldProblem[] {
    return this.problem.errors ?? [];
  }
}

function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.detail === 'string' && typeof v.status === 'number';
}

function problemOf(error: unknown, response: Response): Problem {
  if (isProblem(error)) return error;
  return {
    type: 'about:blank',
    title: response.statusText || 'Error',
    status: response.status,
    detail: i18next.t('ui.serverAnswered', { status: `${response.status}${response.statusText ? ` ${response.statusText}` : ''}` }),
  };
}

/** The message to show for any error thrown by a query or a mutation. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.problem.detail;
  if (error instanceof TypeError) return i18next.t('ui.unreachable');
  if (error instanceof Error) return error.message;
  return i18next.t('ui.somethingWentWrongSentence');
}

export function isStatus(error: unknown, status: number): boolean {
  return error instanceof ApiError && error.status === status;
}

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** The readable cookie holding the CSRF token of each realm's session (staff: HQ and CRM; partner: the storefront). */
export const partnerCsrfCookie = 'hs_partner_csrf';

function csrfCookieFor(pathname: string): string | undefined {
  if (/^\/api\/(hq|auth|sales|dualwrite|mail)(\/|$)/.test(pathname)) return 'hs_staff_csrf';
  if (/^\/api\/store(\/|$)/.test(pathname)) return partnerCsrfCookie;
  return undefined;
}

export type Realm = 'staff' | 'partner';
type UnauthorizedHandler = (realm: Realm, detail: string | undefined) => void;
let onUnauthorized: UnauthorizedHandler | undefined;

/**
 * Called when a request answers 401 (the session is gone): the app sends the user to sign in. `realm` says whose
 * session it was; `detail` is the server's reason (e.g. "Your session has ended. Sign in to continue.").
 */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler;
}

/** Partner calls whose 401 is an answer, not a lost session: a wrong password, signing out, and who is signed in (its page decides). */
const partnerAnswers = /^\/api\/store\/(auth\/sign-in|auth\/sign-out|me)$/;

const csrf: Middleware = {
  onRequest({ request }) {
    if (request.method === 'GET' || request.method === 'HEAD') return undefined;
    const cookie = csrfCookieFor(new URL(request.url).pathname);
    const token = cookie ? readCookie(cookie) : undefined;
    if (token) request.headers.set('x-csrf-token', token);
    return request;
  },
};

const unauthorized: Middleware = {
  async onResponse({ request, response }) {
    if (response.status !== 401) return undefined;
    const pathname = new URL(request.url).pathname;
    const staffApi = /^\/api\/(hq|sales|dualwrite|mail)(\/|$)/.test(pathname) || pathname === '/api/auth/me';
    const partnerApi = pathname.startsWith('/api/store/') && !partnerAnswers.test(pathname);
    if (!staffApi && !partnerApi) return undefined;
    const body: unknown = await response
      .clone()
      .json()
      .catch(() => undefined);
    onUnauthorized?.(staffApi ? 'staff' : 'partner', isProblem(body) ? body.detail : undefined);
    return undefined;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(csrf, unauthorized);

interface Answer<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/** Awaits an openapi-fetch call: its data when 2xx, else throws an ApiError with the problem details. */
export async function unwrap<D>(call: Promise<Answer<D>>): Promise<D> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(problemOf(error, response));
  return data as D;
}
