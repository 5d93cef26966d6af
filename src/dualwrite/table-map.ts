// Table maps are data: which HQ entity meets which CRM table, field by field, with value maps, defaults and keys.
import type { EntitySchema } from '../platform/sync-side.ts';
import { FilterError, parseFilter } from './filter.ts';

/** `=` both ways, `>` HQ to CRM, `<` CRM to HQ. */
export type FieldDirection = '=' | '>' | '<';
export type SyncDirection = 'hq-to-crm' | 'crm-to-hq';
export type MapStatus = 'NotRunning' | 'Initializing' | 'Running' | 'Paused' | 'Stopped' | 'Error';

export interface FieldMap {
  hqField: string | null;
  crmField: string | null;
  direction: FieldDirection;
  enabled: boolean;
  /** Written when the source has no value, or when there is no source field at all (the "Default" transform). */
  default?: string | number | boolean | null;
  /** Enumeration translation; a source value without an entry leaves the target field alone. */
  valueMap?: { hq: string; crm: string }[];
  /** The value is a key of the named map's rows, translated through that map's links (a lookup). */
  lookup?: string;
}

export interface IntegrationKey {
  hq: string[];
  crm: string[];
}

export interface AlertRule {
  errors: number;
  withinMinutes: number;
  action: 'Pause' | 'None';
}

export interface TableMapDefinition {
  id: string;
  name: string;
  hqEntity: string;
  crmEntity: string;
  fieldMaps: FieldMap[];
  hqFilter: string | null;
  crmFilter: string | null;
  integrationKey: IntegrationKey;
  masterForInitialSync: 'CRM' | 'HQ';
  executionOrder: number;
  alertRule: AlertRule | null;
}

const both = (hq: string, crm: string, extra: Partial<FieldMap> = {}): FieldMap => ({ hqField: hq, crmField: crm, direction: '=', enabled: true, ...extra });
const toCrm = (hq: string | null, crm: string, extra: Partial<FieldMap> = {}): FieldMap => ({ hqField: hq, crmField: crm, direction: '>', enabled: true, ...extra });
const toHq = (hq: string, crm: string | null, extra: Partial<FieldMap> = {}): FieldMap => ({ hqField: hq, crmField: crm, direction: '<', enabled: true, ...extra });
const address = [both('street', 'street'), both('city', 'city'), both('state', 'stateProvince'), both('zip', 'zip'), both('countryRegionId', 'countryRegionId')];
const defaultAlert: AlertRule = { errors: 10, withinMinutes: 15, action: 'Pause' };

/** The Commerce solution's maps, shipped and running by default. Execution order: parents before children. */
export const commerceMaps: TableMapDefinition[] = [
  {
    id: 'contacts',
    name: 'Customers: persons ↔ Contacts',
    hqEntity: 'customer',
    crmEntity: 'contact',
    fieldMaps: [
      both('email', 'email'),
      both('firstName', 'firstName'),
      both('lastName', 'lastName'),
      both('phone', 'phone'),
      ...address,
      toCrm('account', 'customerAccount'),
      toHq('partyType', null, { default: 'Person' }),
      toHq('language', null, { default: 'en-us' }),
    ],
    hqFilter: 'partyType == "Person"',
    crmFilter: 'email ne null and street ne null and city ne null and zip ne null and countryRegionId ne null',
    integrationKey: { hq: ['email', 'partyType'], crm: ['email'] },
    masterForInitialSync: 'CRM',
    executionOrder: 1,
    alertRule: defaultAlert,
  },
  {
    id: 'accounts',
    name: 'Customers: organizations ↔ Accounts',
    hqEntity: 'customer',
    crmEntity: 'account',
    fieldMaps: [
      both('name', 'name'),
      both('email', 'email'),
      both('phone', 'phone'),
      ...address,
      both('primaryContactAccount', 'primaryContactId', { lookup: 'contacts' }),
      toCrm('account', 'customerAccount'),
      toCrm('vatNumber', 'vatNumber'),
      toHq('partyType', null, { default: 'Organization' }),
      toHq('language', null, { default: 'en-us' }),
    ],
    hqFilter: 'partyType == "Organization"',
    crmFilter: 'email ne null and street ne null and city ne null and zip ne null and countryRegionId ne null',
    integrationKey: { hq: ['name', 'partyType'], crm: ['name'] },
    masterForInitialSync: 'CRM',
    executionOrder: 2,
    alertRule: defaultAlert,
  },
  {
    id: 'prospects-leads',
    name: 'Commerce B2B prospects → Leads',
    hqEntity: 'prospect',
    crmEntity: 'lead',
    fieldMaps: [
      both('id', 'prospectId'),
      toCrm('firstName', 'firstName'),
      toCrm('lastName', 'lastName'),
      toCrm('email', 'email'),
      toCrm('phone', 'phone'),
      toCrm('companyName', 'companyName'),
      toCrm('street', 'street'),
      toCrm('city', 'city'),
      toCrm('state', 'stateProvince'),
      toCrm('zip', 'zip'),
      toCrm('countryRegionId', 'countryRegionId'),
      toCrm('vatNumber', 'vatNumber'),
      toCrm('comments', 'description'),
      toCrm(null, 'source', { default: 'CommerceB2B' }),
      toHq('status', 'state', { valueMap: [{ hq: 'Rejected', crm: 'Disqualified' }] }),
      toHq('rejectionReason', 'statusReason', {
        valueMap: [
          { hq: 'Lead disqualified in the CRM: Lost', crm: 'Lost' },
          { hq: 'Lead disqualified in the CRM: Cannot contact', crm: 'CannotContact' },
          { hq: 'Lead disqualified in the CRM: No longer interested', crm: 'NoLongerInterested' },
          { hq: 'Lead disqualified in the CRM: Canceled', crm: 'Canceled' },
        ],
      }),
    ],
    hqFilter: 'type == "B2BProspect"',
    crmFilter: 'prospectId ne null',
    integrationKey: { hq: ['id'], crm: ['prospectId'] },
    masterForInitialSync: 'HQ',
    executionOrder: 3,
    alertRule: defaultAlert,
  },
  {
    id: 'opportunities-prospects',
    name: 'Commerce B2B prospects ← Opportunities',
    hqEntity: 'prospect',
    crmEntity: 'opportunity',
    fieldMaps: [
      toHq('id', 'prospectId'),
      toHq('status', 'state', { valueMap: [{ hq: 'Approved', crm: 'Won' }, { hq: 'Rejected', crm: 'Lost' }] }),
      toHq('rejectionReason', 'statusReason', {
        valueMap: [
          { hq: 'Opportunity closed as lost in the CRM: Canceled', crm: 'Canceled' },
          { hq: 'Opportunity closed as lost in the CRM: Out-sold', crm: 'OutSold' },
        ],
      }),
      toHq('customerAccount', 'accountId', { lookup: 'accounts' }),
      toHq('personCustomerAccount', 'contactId', { lookup: 'contacts' }),
    ],
    hqFilter: 'type == "B2BProspect"',
    crmFilter: 'prospectId ne null and state ne "Open"',
    integrationKey: { hq: ['id'], crm: ['prospectId'] },
    masterForInitialSync: 'CRM',
    executionOrder: 4,
    alertRule: defaultAlert,
  },
];

export function directionsOf(fieldMaps: FieldMap[]): SyncDirection[] {
  const on = fieldMaps.filter((f) => f.enabled);
  const result: SyncDirection[] = [];
  if (on.some((f) => f.direction !== '<' && f.crmField)) result.push('hq-to-crm');
  if (on.some((f) => f.direction !== '>' && f.hqField)) result.push('crm-to-hq');
  return result;
}

export function flowsTo(field: FieldMap, direction: SyncDirection): boolean {
  if (!field.enabled) return false;
  return direction === 'hq-to-crm' ? field.direction !== '<' && !!field.crmField : field.direction !== '>' && !!field.hqField;
}

/** The original's notation: `=`, `><` with a transform, `>`, `<`, `>>` / `<<` one way with a transform. */
export function directionSymbol(field: FieldMap): string {
  const transformed = field.valueMap !== undefined || field.default !== undefined || field.lookup !== undefined;
  if (field.direction === '=') return transformed ? '><' : '=';
  return transformed ? field.direction.repeat(2) : field.direction;
}

export class MapDefinitionError extends Error {}

/** Refuses a definition that could not run: the problems a map designer would be told on save. */
export function validateMap(map: TableMapDefinition, hq: EntitySchema, crm: EntitySchema, mapIds: string[]): void {
  const problems: string[] = [];
  const on = map.fieldMaps.filter((f) => f.enabled);
  for (const f of map.fieldMaps) {
    if (!f.hqField && !f.crmField) problems.push('A field map needs an HQ field, a CRM field or both.');
    if (f.hqField && !hq.fields[f.hqField]) problems.push(`HQ ${hq.label} has no field "${f.hqField}".`);
    if (f.crmField && !crm.fields[f.crmField]) problems.push(`CRM ${crm.label} has no field "${f.crmField}".`);
    if ((!f.hqField || !f.crmField) && f.default === undefined) problems.push(`The field map for "${f.hqField ?? f.crmField}" has one side only, so it needs a default value.`);
    if (f.lookup && !mapIds.includes(f.lookup)) problems.push(`The lookup names the map "${f.lookup}", which does not exist.`);
    const hqType = f.hqField ? hq.fields[f.hqField]?.type : undefined;
    const crmType = f.crmField ? crm.fields[f.crmField]?.type : undefined;
    if (hqType && crmType && hqType !== crmType && !f.valueMap) {
      problems.push(`"${f.hqField}" (${hqType}) and "${f.crmField}" (${crmType}) have different types; add a value map or choose fields of the same type.`);
    }
  }
  const keyFields = new Set([...map.integrationKey.hq, ...map.integrationKey.crm]);
  for (const direction of directionsOf(map.fieldMaps)) {
    const target = direction === 'hq-to-crm' ? crm : hq;
    const targetSide = direction === 'hq-to-crm' ? 'crmField' : 'hqField';
    const seen = new Set<string>();
    for (const f of on.filter((x) => flowsTo(x, direction))) {
      const name = f[targetSide]!;
      if (seen.has(name)) problems.push(`"${name}" is written by two field maps.`);
      seen.add(name);
      if (target.fields[name]?.readOnly && !keyFields.has(name)) problems.push(`${direction === 'hq-to-crm' ? 'CRM' : 'HQ'} field "${name}" is read-only and cannot be a destination.`);
    }
  }
  if (map.integrationKey.hq.length === 0 || map.integrationKey.crm.length === 0) problems.push('The map needs an integration key on both sides.');
  const bidirectional = directionsOf(map.fieldMaps).length === 2;
  for (const key of map.integrationKey.crm) {
    const f = on.find((x) => x.crmField === key);
    if (!f) problems.push(`Integration key field "${key}" is not mapped.`);
    else if (bidirectional && f.direction !== '=') problems.push(`Integration key field "${key}" must be mapped both ways because the map is.`);
  }
  for (const [side, schema, text] of [
    ['HQ', hq, map.hqFilter],
    ['CRM', crm, map.crmFilter],
  ] as const) {
    try {
      parseFilter(text, Object.keys(schema.fields));
    } catch (error) {
      if (error instanceof FilterError) problems.push(`${side} filter: ${error.message}`);
      else throw error;
    }
  }
  if (problems.length > 0) throw new MapDefinitionError([...new Set(problems)].join(' '));
}

/** Thrown when a lookup's parent row has not been synced yet: the change waits for it. */
export class MissingParent {
  waitingFor: string;
  reason: string;
  constructor(waitingFor: string, reason: string) {
    this.waitingFor = waitingFor;
    this.reason = reason;
  }
}

/**
 * Turns a source row into target values for the given fields. `lookups` translates a looked-up map's keys;
 * returns the values, or a MissingParent when a referenced row is not synced yet.
 */
export function transform(
  map: TableMapDefinition,
  direction: SyncDirection,
  source: Record<string, unknown>,
  fields: Set<string> | 'all',
  lookups: (mapId: string, key: string) => string | undefined,
): Record<string, unknown> | MissingParent {
  const values: Record<string, unknown> = {};
  const toCrm = direction === 'hq-to-crm';
  for (const f of map.fieldMaps) {
    if (!flowsTo(f, direction)) continue;
    const from = toCrm ? f.hqField : f.crmField;
    const to = (toCrm ? f.crmField : f.hqField)!;
    if (from && fields !== 'all' && !fields.has(from)) continue;
    if (!from && fields !== 'all') continue;
    let value = from ? source[from] : undefined;
    if ((value === undefined || value === null || value === '') && f.default !== undefined) value = f.default;
    if (value === undefined) continue;
    if (f.valueMap && value !== null) {
      const entry = f.valueMap.find((e) => (toCrm ? e.hq : e.crm) === String(value));
      if (!entry) continue;
      value = toCrm ? entry.crm : entry.hq;
    }
    if (f.lookup && value !== null) {
      const translated = lookups(f.lookup, String(value));
      if (translated === undefined) {
        return new MissingParent(`${f.lookup}:${direction}:${String(value)}`, `The ${from} ${String(value)} is not synced yet by the map "${f.lookup}"; this change retries when it is.`);
      }
      value = translated;
    }
    values[to] = value;
  }
  return values;
}

/**
 * Earlier names of the shipped maps (CRM table first, D365's "CDS … V2/V3" entity names): a start renames a map that
 * still has one, and leaves a name someone chose alone.
 */
export const commerceMapEarlierNames: Record<string, string> = {
  contacts: 'CDS Contacts V2 (contacts) ↔ Customers V3 (persons)',
  accounts: 'CDS Accounts (accounts) ↔ Customers V3 (organizations)',
  'prospects-leads': 'Commerce B2B prospects (prospects) → Leads (leads)',
  'opportunities-prospects': 'Opportunities (opportunities) → Commerce B2B prospects (prospects)',
};
