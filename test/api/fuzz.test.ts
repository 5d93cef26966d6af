// Every operation of the OpenAPI document, called as nobody, as a staff administrator and as a partner user, and with
// hostile variants of every body field, path and query parameter. The case list comes from /docs/json, so a route
// added later is fuzzed without anyone remembering to. Asserts: no 5xx; every 4xx is problem+json; a value the
// documented schema refuses is a 400; every 2xx matches its documented schema; no private data without credentials.
import crypto from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import { adminEmail, adminPassword, partnerRequest, startApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { approvedPartner } from '../helpers/partners.ts';

type Schema = Record<string, any>;
type Credential = 'none' | 'staff' | 'partner';
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: Schema;
}
interface Operation {
  method: string;
  path: string;
  operationId: string;
  parameters: Parameter[];
  body?: Schema;
  bodyRequired: boolean;
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
  isPublic: boolean;
  realm: 'staff' | 'partner';
}
interface Case {
  label: string;
  op: Operation;
  credential: Credential;
  url: string;
  body?: string;
  contentType?: string;
  /** A value the documented schema refuses: the answer must be 400. */
  mustReject?: boolean;
}

/** A JSON number JSON.stringify cannot write (20 digits, 1e400): sent as is. */
class Raw {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

let t: TestApp;
let doc: Schema;
let partnerToken: string;
let partnerEmail: string;
let statusToken: string;
let spareStaffId: string;
let sparePartnerUserId: string;
const failures: string[] = [];
const tally = { cases: 0, ok2xx: 0, rejected: 0 };
const answered = new Set<Operation>();

const ajv = new Ajv({ strict: false, allErrors: false, strictNumbers: true, validateFormats: true });
(ajvFormats as unknown as (a: Ajv) => void)(ajv);
// Query strings and path parameters are text the server coerces; predict them the same way.
const coercing = new Ajv({ strict: false, strictNumbers: true, coerceTypes: 'array' });
(ajvFormats as unknown as (a: Ajv) => void)(coercing);
const compiled = new Map<Schema, ValidateFunction>();


beforeAll(async () => {
  t = await startApp();
  doc = (await t.request('GET', '/docs/json')).body;
  // #/components/schemas/X becomes the schema X, so response and request schemas compile on their own.
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
    for (const a of [ajv, coercing]) a.addSchema({ ...localRefs(schema as Schema), $id: name });
  }
  await seed();
}, 120_000);

afterAll(async () => {
  await t?.close();
});

it('answers every documented operation and every hostile variant without a 5xx, as documented', { timeout: 240_000 }, async () => {
  const operations = operationsOf(doc);
  expect(operations.length).toBeGreaterThan(50);
  const values = new Map<string, Record<string, string>>();
  // Sign-out ends the session it is called with: those run last, on sessions of their own.
  const ordered = [...operations.filter((op) => !endsSession(op)), ...operations.filter(endsSession)];
  const started = Date.now();
  for (const op of ordered) {
    const real = await realPathValues(op, values);
    await runAll(casesFor(op, real), 4);
    await heal();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const never = operations.filter((op) => !answered.has(op)).map((op) => `${op.method} ${op.path}`);
  console.info(`fuzz: ${operations.length} operations, ${tally.cases} calls (${tally.ok2xx} 2xx, ${tally.rejected} 4xx) in ${seconds} s; never 2xx: ${never.join(', ')}`);
  expect(failures.slice(0, 40), `${failures.length} failures`).toEqual([]);
});

// ---------------------------------------------------------------------------------------------------------------
// The document

function operationsOf(document: Schema): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, any>>)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const security = JSON.stringify(operation.security ?? []);
      operations.push({
        method: method.toUpperCase(),
        path,
        operationId: operation.operationId ?? `${method} ${path}`,
        parameters: [...(item.parameters ?? []), ...(operation.parameters ?? [])],
        body: operation.requestBody?.content?.['application/json']?.schema,
        bodyRequired: Boolean(operation.requestBody?.required),
        responses: operation.responses ?? {},
        isPublic: Array.isArray(operation.security) && operation.security.length === 0,
        realm: security.includes('partnerCookie') || (!security.includes('staffCookie') && path.startsWith('/api/store/')) ? 'partner' : 'staff',
      });
    }
  }
  return operations;
}

function localRefs(schema: unknown): any {
  if (Array.isArray(schema)) return schema.map(localRefs);
  if (!schema || typeof schema !== 'object') return schema;
  const copy: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string') copy.$ref = value.replace(/^#\/components\/schemas\//, '');
    else if (key !== '$id') copy[key] = localRefs(value);
  }
  return copy;
}

function resolve(schema: Schema | undefined): Schema {
  if (!schema) return {};
  if (typeof schema.$ref === 'string') return resolve(doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')]);
  return schema;
}

function validator(schema: Schema): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) compiled.set(schema, (v = ajv.compile(localRefs(schema))));
  return v;
}

/** Whether a body field's schema takes the value (bodies are not coerced). */
const accepts = (schema: Schema, value: unknown) => validator(schema)(value instanceof Raw ? JSON.parse(value.text) : value);

const textValidators = new Map<Schema, ValidateFunction>();
/** Whether a path or query parameter's schema takes the text, coerced the way the server coerces it. */
function acceptsText(schema: Schema, text: string): boolean {
  let v = textValidators.get(schema);
  if (!v) textValidators.set(schema, (v = coercing.compile({ type: 'object', properties: { v: localRefs(schema) } })));
  return v({ v: text });
}

// ---------------------------------------------------------------------------------------------------------------
// Valid values from a schema: the first candidate the schema accepts

let unique = 0;
const stringCandidates = () => ['Fuzz', 'fuzz-password-1', 'fuzz-token-0123456789', 'EE', 'en', '+372 555 0100', 'https://example.test', '2030-01-31', 'createdAt'];

function sample(input: Schema | undefined, name = ''): unknown {
  const schema = resolve(input);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return sample(alternatives.find((s: Schema) => resolve(s).type !== 'null') ?? alternatives[0], name);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s: Schema) => sample(s, name)));
  const type = [schema.type].flat().find((x) => x !== 'null') ?? 'string';
  switch (type) {
    case 'object': {
      const properties = Object.entries((schema.properties ?? {}) as Record<string, Schema>);
      const required = new Set<string>(schema.required ?? []);
      // Required fields, or the first one when a patch needs at least one.
      const chosen = properties.filter(([key]) => required.has(key));
      if (chosen.length === 0 && properties.length > 0 && (schema.minProperties ?? 0) > 0) chosen.push(properties[0]!);
      return Object.fromEntries(chosen.map(([key, s]) => [key, sample(s, key)]));
    }
    case 'array':
      return Array.from({ length: Math.max(schema.minItems ?? 0, 1) }, () => sample(schema.items, name));
    case 'boolean':
      return true;
    case 'integer':
    case 'number':
      return Math.min(Math.max(schema.minimum ?? 1, 1), schema.maximum ?? Number.MAX_SAFE_INTEGER);
    default: {
      unique += 1;
      if (schema.format === 'email') return `fuzz.${unique}.${crypto.randomBytes(3).toString('hex')}@example.test`;
      if (schema.format === 'uuid') return crypto.randomUUID();
      if (schema.format === 'date-time') return new Date().toISOString();
      return stringCandidates().find((candidate) => accepts(schema, candidate)) ?? 'Fuzz';
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Hostile values

const long = 'x'.repeat(60_000);
const stringAttacks: [string, unknown][] = [
  ['NUL', 'a\u0000b'],
  ['control characters', 'a\u0001\u001f\u007f\u009fb'],
  ['lone high surrogate', 'a\ud800b'],
  ['lone low surrogate', '\udc00'],
  ['60k string', long],
  ['empty string', ''],
];
const numberAttacks: [string, unknown][] = [
  ['negative', -1],
  ['fraction', 1.5],
  ['beyond int32', 2147483648],
  ['below int32', -2147483649],
  ['20 digits', new Raw('99999999999999999999')],
  ['1e400', new Raw('1e400')],
  ['-1e400', new Raw('-1e400')],
];
const typeAttacks: [string, unknown][] = [
  ['null', null],
  ['a number', 12345],
  ['a string', '12'],
  ['a boolean', true],
  ['an object', { fuzz: 1 }],
  ['an array', ['x']],
];
const isBadText = (label: string) => label === 'NUL' || label.startsWith('lone');

/** Each field of a body, nested objects and objects in arrays included, as a path into the body. */
function fieldsOf(input: Schema | undefined, path: (string | number)[] = [], depth = 0): { path: (string | number)[]; schema: Schema }[] {
  const schema = resolve(input);
  const fields: { path: (string | number)[]; schema: Schema }[] = [];
  const objectLike = schema.properties ? schema : (schema.anyOf ?? schema.oneOf ?? schema.allOf ?? []).map(resolve).find((s: Schema) => s.properties);
  if (objectLike?.properties && depth < 3) {
    for (const [key, sub] of Object.entries(objectLike.properties as Record<string, Schema>)) {
      fields.push({ path: [...path, key], schema: sub });
      fields.push(...fieldsOf(sub, [...path, key], depth + 1));
    }
  }
  const items = resolve(schema.items);
  if (items.properties && depth < 3) fields.push(...fieldsOf(items, [...path, 0], depth + 1));
  return fields;
}

function withValue(base: unknown, path: (string | number)[], value: unknown, bodySchema: Schema): unknown {
  const root: any = structuredClone(base ?? {});
  let node = root;
  let schema = resolve(bodySchema);
  for (const [i, key] of path.entries()) {
    if (i === path.length - 1) {
      node[key] = value;
      break;
    }
    schema = resolve(typeof key === 'number' ? schema.items : (schema.properties?.[key] ?? {}));
    if (node[key] === undefined || node[key] === null) node[key] = typeof key === 'number' || schema.type === 'array' ? [sample(schema.items)] : sample(schema);
    node = node[key];
  }
  return root;
}

function encode(value: unknown): string {
  const raws: string[] = [];
  const json = JSON.stringify(value, (_key, v: unknown) => (v instanceof Raw ? `@raw${raws.push(v.text) - 1}@` : v));
  return json.replace(/"@raw(\d+)@"/g, (_m, i: string) => raws[Number(i)]!);
}

// ---------------------------------------------------------------------------------------------------------------
// Cases

function casesFor(op: Operation, real: Record<string, string>): Case[] {
  const cases: Case[] = [];
  const own: Credential = op.isPublic ? 'none' : op.realm;
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const urlWith = (overrides: Record<string, string> = {}, query = '') => {
    let url = op.path;
    for (const p of pathParams) url = url.replace(`{${p.name}}`, overrides[p.name] ?? encodeURIComponent(real[p.name] ?? String(sample(p.schema))));
    const required = queryParams.filter((p) => p.required && !query.split('&').some((q) => q.startsWith(`${p.name}=`))).map((p) => `${p.name}=${encodeURIComponent(String(sample(p.schema)))}`);
    const all = [...required, ...(query ? [query] : [])].join('&');
    return all ? `${url}?${all}` : url;
  };
  const base = op.body ? { ...(sample(op.body) as object), ...goodBodies()[op.path] } : undefined;
  const baseBody = base === undefined ? undefined : encode(base);
  const add = (c: Omit<Case, 'op'>) => cases.push({ ...c, op });

  // Who may call it.
  add({ label: 'as nobody', credential: 'none', url: urlWith(), ...(baseBody ? { body: baseBody } : {}) });
  add({ label: 'as a staff administrator', credential: 'staff', url: urlWith(), ...(baseBody ? { body: baseBody } : {}) });
  add({ label: 'as a partner user', credential: 'partner', url: urlWith(), ...(baseBody ? { body: baseBody } : {}) });

  // Path parameters.
  const pathAttacks: [string, string, boolean][] = [
    ['NUL', '%00', true],
    ['control character', 'a%01b', false],
    ['encoded lone surrogate', '%ED%A0%80', true],
    ['broken percent-encoding', '%E0%A4%A', true],
    ['20 digits', '99999999999999999999', false],
    ['beyond int32', '2147483648', false],
    ['negative', '-1', false],
    ['1e400', '1e400', false],
    ['fraction', '1.5', false],
    ['101 characters', 'x'.repeat(101), true],
    ['9,000 characters', 'x'.repeat(9000), true],
    ['60k characters', long, true],
    ['dot segments', '..%2F..%2Fdocs', false],
  ];
  for (const p of pathParams) {
    for (const [label, value, reject] of pathAttacks) {
      const mustReject = reject || !acceptsText(p.schema, decodeOrRaw(value));
      add({ label: `path ${p.name}: ${label}`, credential: own, url: urlWith({ [p.name]: value }), ...(baseBody ? { body: baseBody } : {}), mustReject });
    }
  }

  // Query parameters, and one nobody declared.
  const queryAttacks: [string, string][] = [
    ['NUL', '%00'],
    ['control character', 'a%01b'],
    ['encoded lone surrogate', '%ED%A0%80'],
    ['broken percent-encoding', '%E0%A4%A'],
    ['20 digits', '99999999999999999999'],
    ['beyond int32', '2147483648'],
    ['negative', '-1'],
    ['1e400', '1e400'],
    ['fraction', '1.5'],
    ['empty', ''],
    ['5,000 characters', 'x'.repeat(5000)],
  ];
  for (const p of queryParams) {
    for (const [label, value] of queryAttacks) {
      const decoded = decodeOrRaw(value);
      const mustReject = label === 'NUL' || !acceptsText(p.schema, decoded);
      add({ label: `query ${p.name}: ${label}`, credential: own, url: urlWith({}, `${p.name}=${value}`), ...(baseBody ? { body: baseBody } : {}), mustReject });
    }
    add({ label: `query ${p.name}: twice`, credential: own, url: urlWith({}, `${p.name}=a&${p.name}=b`), ...(baseBody ? { body: baseBody } : {}) });
  }
  add({ label: 'query: unknown parameter', credential: own, url: urlWith({}, 'fuzz=1') });
  add({ label: 'query: unknown parameter with NUL', credential: own, url: urlWith({}, 'fuzz=%00'), mustReject: true });

  if (op.body) {
    // Each field, with values of its own type that break limits and values of every other type.
    for (const field of fieldsOf(op.body)) {
      const schema = resolve(field.schema);
      const types = [schema.type].flat();
      const attacks = [...typeAttacks, ...(types.includes('string') || !schema.type ? stringAttacks : []), ...(types.includes('integer') || types.includes('number') ? numberAttacks : [])];
      for (const [label, value] of attacks) {
        const body = encode(withValue(base, field.path, value, op.body));
        const mustReject = isBadText(label) || !accepts(field.schema, value);
        add({ label: `body ${field.path.join('.')}: ${label}`, credential: own, url: urlWith(), body, mustReject });
      }
      if (types.includes('object')) add({ label: `body ${field.path.join('.')}: unknown field`, credential: own, url: urlWith(), body: encode(withValue(base, [...field.path, 'fuzzUnknown'], 1, op.body)) });
    }
    const unknownField = { ...(base as object), fuzzUnknown: 'x' };
    const bodyAttacks: [string, string | undefined, string, boolean][] = [
      ['unknown field', encode(unknownField), 'application/json', !accepts(op.body, unknownField)],
      // A route may take a missing body as {} (qualify with the defaults): not asserted.
      ['null', 'null', 'application/json', false],
      ['an array', '[]', 'application/json', true],
      ['a string', '"x"', 'application/json', true],
      ['invalid JSON', '{"a":', 'application/json', true],
      ['empty with a JSON content type', '', 'application/json', true],
      ['text/plain', baseBody, 'text/plain', true],
      ['XML', '<fuzz/>', 'application/xml', true],
      ['70 KB', encode({ ...(base as object), fuzz: 'x'.repeat(70_000) }), 'application/json', true],
      ['NUL in a key', encode({ ...(base as object), 'a\u0000b': 1 }), 'application/json', true],
    ];
    for (const [label, body, contentType, mustReject] of bodyAttacks) add({ label: `body: ${label}`, credential: own, url: urlWith(), ...(body !== undefined ? { body } : {}), contentType, mustReject });
  }
  return cases;
}

/** Sign-in bodies that work, so their answers are checked too; every other body is made from its schema. */
function goodBodies(): Record<string, object> {
  return {
    '/api/auth/sign-in': { email: adminEmail, password: adminPassword },
    '/api/store/auth/sign-in': { email: partnerEmail, password: 'partner-password-1' },
  };
}

function decodeOrRaw(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function endsSession(op: Operation): boolean {
  return op.path.endsWith('/sign-out');
}

// ---------------------------------------------------------------------------------------------------------------
// Running and judging

async function runAll(cases: Case[], concurrency: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < cases.length) {
        const c = cases[next++]!;
        await run(c);
      }
    }),
  );
}

async function tokenFor(c: Case): Promise<string | undefined> {
  if (c.credential === 'none') return undefined;
  // A sign-out call gets a session of its own, so it ends nobody else's.
  if (endsSession(c.op)) return c.credential === 'staff' ? t.signIn(adminEmail, adminPassword) : signInPartner();
  return c.credential === 'staff' ? t.adminToken : partnerToken;
}

async function run(c: Case): Promise<void> {
  const token = await tokenFor(c);
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (c.body !== undefined) headers['content-type'] = c.contentType ?? 'application/json';
  const what = `${c.op.method} ${c.op.path} ${c.label} (${c.credential})`;
  tally.cases += 1;
  let status: number;
  let contentType: string;
  let text: string;
  try {
    const res = await fetch(t.url + c.url, { method: c.op.method, headers, ...(c.body !== undefined ? { body: c.body } : {}) });
    status = res.status;
    contentType = res.headers.get('content-type') ?? '';
    text = await res.text();
  } catch (error) {
    failures.push(`${what}: no answer (${String((error as { cause?: unknown }).cause ?? error)})`);
    return;
  }
  const fail = (why: string) => void failures.push(`${what}: ${status} ${why} ${text.slice(0, 300)}`);
  if (status >= 500) return fail('is a server error');
  if (status >= 400) {
    tally.rejected += 1;
    if (!contentType.startsWith('application/problem+json')) return fail(`has content type ${contentType}, not problem+json`);
    const problem = JSON.parse(text) as { status?: unknown; title?: unknown; detail?: unknown };
    if (problem.status !== status || typeof problem.title !== 'string' || typeof problem.detail !== 'string') return fail('is not a problem document');
  }
  const isPrivate = !c.op.isPublic;
  if (isPrivate && c.credential === 'none' && ![401, 403, 404].includes(status)) return fail('answered nobody on a route that needs a session');
  if (isPrivate && c.credential !== 'none' && c.credential !== c.op.realm && status < 400) return fail(`answered a ${c.credential} session on a ${c.op.realm} route`);
  if (c.mustReject && status !== 400 && !(status === 413 && c.label.includes('70 KB')) && !(status === 415 && /text\/plain|XML/.test(c.label)) && !(status === 414 && /characters/.test(c.label))) {
    return fail('should be refused as invalid (400)');
  }
  if (status >= 200 && status < 300) {
    tally.ok2xx += 1;
    answered.add(c.op);
    const documented = c.op.responses[String(status)];
    if (!documented) return fail('is not a documented answer');
    const schema = documented.content?.['application/json']?.schema;
    // A CSV export documents its text/csv answer; its body is not JSON.
    if (!schema && documented.content?.[contentType.split(';')[0]!.trim()]) return;
    if (!schema) {
      if (text !== '') return fail('has a body the document does not describe');
      return;
    }
    const validate = validator(schema);
    if (!validate(JSON.parse(text))) return fail(`does not match the documented schema: ${ajv.errorsText(validate.errors)}`);
  }
}

/** A case that ended a session or changed a password must not change what later cases see: sign in again. */
async function heal(): Promise<void> {
  if ((await t.request('GET', '/api/auth/me', { token: t.adminToken })).status !== 200) t.adminToken = await t.signIn(adminEmail, adminPassword);
  if ((await t.request('GET', '/api/store/me', { token: partnerToken })).status !== 200) partnerToken = await signInPartner();
}

async function signInPartner(): Promise<string> {
  const res = await t.request('POST', '/api/store/auth/sign-in', { body: { email: partnerEmail, password: 'partner-password-1' } });
  if (res.status !== 200) throw new Error(`partner sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}

// ---------------------------------------------------------------------------------------------------------------
// Data for the ids in paths

async function seed(): Promise<void> {
  const admin = t.adminToken;
  // An applicant's request (its status link), and an approved partner whose admin has signed in.
  const applicant = await t.request('POST', '/api/store/partner-requests', { body: partnerRequest() });
  statusToken = String(applicant.body.statusUrl).split('/').pop()!;
  const partner = await approvedPartner(t);
  partnerEmail = partner.email;
  partnerToken = partner.admin;
  // Another user of the partner and another staff user: the targets of edits, so no case edits its own caller.
  const user = await t.request('POST', '/api/store/organization/users', { token: partnerToken, body: { firstName: 'Ann', lastName: 'Lee', email: `ann.${Date.now()}@example.test`, role: 'User' } });
  sparePartnerUserId = user.body.id;
  spareStaffId = (await t.request('POST', '/api/hq/staff-users', { token: admin, body: { email: `spare.${Date.now()}@handshake.test`, name: 'Spare', password: 'spare-password-1', roles: ['salesperson'] } })).body.id;
  // A lead qualified into an opportunity, an account and a contact.
  const lead = await t.request('POST', '/api/sales/leads', { token: admin, body: { topic: 'Fuzz', lastName: 'Lee', companyName: `Fuzz ${Date.now()}`, email: `lead.${Date.now()}@example.test` } });
  await t.request('POST', `/api/sales/leads/${lead.body.id}/qualify`, { token: admin, body: { ignoreDuplicates: true } });
}

/**
 * Real values for an operation's path parameters, found the way a client would: the collection above the parameter
 * lists it, or the parent record holds it (a hierarchy's members). A few targets are chosen so no case edits or
 * signs out its own caller.
 */
async function realPathValues(op: Operation, known: Map<string, Record<string, string>>): Promise<Record<string, string>> {
  const fixed: Record<string, Record<string, string>> = {
    '/api/store/partner-requests/status/{token}': { token: statusToken },
    '/api/hq/staff-users/{id}': { id: spareStaffId },
    '/api/store/organization/users/{id}': { id: sparePartnerUserId },
  };
  const params = op.parameters.filter((p) => p.in === 'path');
  const values: Record<string, string> = { ...fixed[op.path] };
  const segments = op.path.split('/');
  for (const [i, segment] of segments.entries()) {
    const name = /^\{(.+)\}$/.exec(segment)?.[1];
    if (!name || values[name] !== undefined) continue;
    const prefix = segments.slice(0, i).map((s) => s.replace(/^\{(.+)\}$/, (_m, n: string) => encodeURIComponent(values[n] ?? ''))).join('/');
    const cacheKey = `${prefix}|${name}`;
    const cached = known.get(cacheKey)?.[name];
    const found = cached ?? (await findValue(prefix, name, op.realm));
    const param = params.find((p) => p.name === name);
    values[name] = found ?? String(sample(param?.schema ?? { type: 'string' }));
    if (found) known.set(cacheKey, { [name]: found });
  }
  return values;
}

async function findValue(collection: string, name: string, realm: 'staff' | 'partner'): Promise<string | undefined> {
  const token = realm === 'partner' ? partnerToken : t.adminToken;
  const keys = [name, name.endsWith('Id') ? 'id' : name];
  const pick = (items: unknown): string | undefined => {
    if (!Array.isArray(items)) return undefined;
    for (const item of items) for (const key of keys) if (item && typeof item === 'object' && (item as Record<string, unknown>)[key] !== undefined) return String((item as Record<string, unknown>)[key]);
    return undefined;
  };
  const list = await t.request('GET', collection, { token });
  if (list.status === 200) return pick(Array.isArray(list.body) ? list.body : list.body?.items);
  // A sub-collection without a list of its own (…/{id}/members): the parent record carries it.
  const parent = collection.slice(0, collection.lastIndexOf('/'));
  const field = collection.slice(collection.lastIndexOf('/') + 1);
  const record = await t.request('GET', parent, { token });
  return record.status === 200 ? pick(record.body?.[field]) : undefined;
}
