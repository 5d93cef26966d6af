// The rules every request's input meets before a route sees it: one rule for strings, bounds for every number and text.

/** What a request may carry in any string, anywhere: PostgreSQL refuses NUL, and a lone surrogate is not text. */
export function badCharacterAt(value: unknown, path: string[] = []): string[] | undefined {
  if (typeof value === 'string') return value.includes('\u0000') || !value.isWellFormed() ? path : undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = badCharacterAt(item, [...path, String(i)]);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = badCharacterAt(key, [...path, key]) ?? badCharacterAt(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/** Bounds for request fields that declare none: ids and offsets are int32 columns, free text is not a document. */
export const defaultBounds = { minimum: -2147483648, maximum: 2147483647, maxLength: 1000 } as const;
const subschemaLists = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems']);
const subschemaMaps = new Set(['properties', 'patternProperties', 'dependentSchemas', '$defs']);
const subschemas = new Set(['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames']);

/** A copy of a request schema in which every integer and string without limits gets `defaultBounds`. */
export function withDefaultBounds(schema: unknown): unknown {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (subschemaLists.has(key) && Array.isArray(value)) copy[key] = value.map(withDefaultBounds);
    else if (subschemaMaps.has(key) && value && typeof value === 'object') copy[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withDefaultBounds(v)]));
    else if (subschemas.has(key)) copy[key] = withDefaultBounds(value);
    else copy[key] = value;
  }
  const types = [copy.type].flat();
  if (types.includes('integer')) {
    copy.minimum ??= defaultBounds.minimum;
    copy.maximum ??= defaultBounds.maximum;
  }
  if (types.includes('string') && copy.maxLength === undefined && copy.enum === undefined && copy.const === undefined) copy.maxLength = defaultBounds.maxLength;
  return copy;
}
