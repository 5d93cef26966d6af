// Public storefront routes: partner sign-up, the applicant's status link, and reference data for the form.
import { Type } from 'typebox';
import type { Server } from '../platform/http.ts';
import { countries } from '../platform/countries.ts';
import type { PartnerRequests } from './partner-request.ts';

const problem = { $ref: 'Problem#' } as const;
/** A required text field: not blank, bounded length. */
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });
const Optional = (max: number) => Type.Optional(Type.String({ maxLength: max }));

export const PartnerRequestBody = Type.Object(
  {
    firstName: Text(100),
    lastName: Text(100),
    email: Type.String({ format: 'email', maxLength: 254 }),
    companyName: Text(200),
    phone: Type.Optional(Type.String({ maxLength: 40, pattern: '^[0-9+()./ -]*$' })),
    address: Type.Object(
      {
        street: Text(250),
        city: Text(100),
        state: Optional(100),
        zip: Text(20),
        countryRegionId: Type.String({ minLength: 2, maxLength: 3 }),
      },
      { additionalProperties: false },
    ),
    /** Checked per country in the service (EU: the member state's prefix and pattern); spaces, dots and dashes are dropped. */
    vatNumber: Type.Optional(Type.String({ maxLength: 40 })),
    comments: Optional(2000),
    language: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$' })),
  },
  { additionalProperties: false },
);

const StatusView = Type.Object({
  status: Type.Union([Type.Literal('Received'), Type.Literal('InReview'), Type.Literal('Approved'), Type.Literal('Rejected')]),
  statusText: Type.String(),
  companyName: Type.String(),
  storeName: Type.String(),
  submittedAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  decisionNote: Type.Optional(Type.String()),
});

export function registerStorefrontRoutes(app: Server, requests: PartnerRequests): void {
  app.post(
    '/api/store/partner-requests',
    {
      schema: {
        tags: ['Storefront'],
        summary: 'Ask to become a business partner',
        security: [],
        description: 'Rate-limited per address and per e-mail. Answers the same whether or not the e-mail is known.',
        body: PartnerRequestBody,
        response: {
          202: Type.Object({ id: Type.String(), status: Type.Literal('Received'), statusUrl: Type.String(), statusPageUrl: Type.String() }),
          400: problem,
          429: problem,
        },
      },
    },
    async (request, reply) => reply.status(202).send(await requests.submit(request.body, request.ip)),
  );

  app.get(
    '/api/store/partner-requests/status/:token',
    {
      schema: {
        tags: ['Storefront'],
        summary: "The applicant's view of a request (secret link, no sign-in)",
        security: [],
        params: Type.Object({ token: Type.String({ maxLength: 100 }) }),
        response: { 200: StatusView, 404: problem },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return requests.status(request.params.token);
    },
  );

  app.get(
    '/api/store/countries',
    { schema: { tags: ['Storefront'], summary: 'Countries/regions accepted in addresses', security: [], response: { 200: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })) } } },
    async () => countries,
  );

  app.get(
    '/api/store/channel',
    {
      schema: {
        tags: ['Storefront'],
        summary: 'The online store this storefront serves',
        security: [],
        response: {
          200: Type.Object({ id: Type.String(), name: Type.String(), url: Type.String(), customerType: Type.String(), defaultLanguage: Type.String() }),
          404: problem,
        },
      },
    },
    async (_request, reply) => {
      const channel = await requests.channel();
      if (!channel) return reply.status(404).type('application/problem+json').send({ type: 'about:blank', title: 'Not found', status: 404, detail: 'The store settings have not been downloaded from HQ yet.' });
      return channel;
    },
  );
}
