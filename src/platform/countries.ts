// Country/region reference list: the current ISO 3166-1 countries (from i18n-iso-countries, pinned), named by the
// runtime's own Unicode data. An explicit list, because Intl.DisplayNames also names withdrawn codes (DD, SU, UK, FX,
// CS, YU …) and would offer Germany, Russia or Serbia twice.
import codes from 'i18n-iso-countries/codes.json' with { type: 'json' };
import { DomainError } from './errors.ts';

// Kosovo's XK is a user-assigned code, not part of ISO 3166-1.
const notIso = new Set(['XK']);

const alpha3ToAlpha2 = new Map<string, string>();
const alpha2ToAlpha3 = new Map<string, string>();
for (const [alpha2, alpha3] of codes as [string, string, string, string][]) {
  if (notIso.has(alpha2)) continue;
  alpha2ToAlpha3.set(alpha2, alpha3);
  alpha3ToAlpha2.set(alpha3, alpha2);
}

function build(): { id: string; name: string }[] {
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
  return [...alpha2ToAlpha3.keys()].map((id) => ({ id, name: names.of(id) ?? id })).sort((x, y) => x.name.localeCompare(y.name));
}

export const countries = build();
export const countryIds: readonly string[] = countries.map((c) => c.id);

/**
 * The ISO alpha-2 code of a country given as alpha-2 (`EE`) or alpha-3 (`EST`, the form D365's CountryRegionId
 * uses), in any case and with spaces around; undefined when it is not a current country.
 * Every context stores alpha-2, so matching, VAT formats and duplicates see one country whichever form came in.
 */
export function countryAlpha2(code: string | null | undefined): string | undefined {
  const upper = code?.trim().toUpperCase();
  if (!upper) return undefined;
  if (upper.length === 2) return alpha2ToAlpha3.has(upper) ? upper : undefined;
  if (upper.length === 3) return alpha3ToAlpha2.get(upper);
  return undefined;
}

/** A stored alpha-2 code in the form a client sent: alpha-3 when it sent a three-letter code, else as stored. */
export function countryInFormOf(stored: string, sent: string | null | undefined): string {
  if (sent?.trim().length === 3) return alpha2ToAlpha3.get(stored) ?? stored;
  return stored;
}

/** A value that carries an address, answered with its country in the form the client sent. */
export function withCountryAsSent<T extends { address: { countryRegionId?: string | null | undefined } }>(value: T, sent: string | null | undefined): T {
  const stored = value.address.countryRegionId;
  if (!stored || !sent) return value;
  return { ...value, address: { ...value.address, countryRegionId: countryInFormOf(stored, sent) } } as T;
}

/** An optional country field as alpha-2 (null when empty); a code that is no current country is refused. */
export function optionalCountry(code: string | null | undefined, path = 'address.countryRegionId'): string | null {
  const given = code?.trim();
  if (!given) return null;
  const alpha2 = countryAlpha2(given);
  if (!alpha2) throw DomainError.invalid(path, `"${given}" is not a known country/region`);
  return alpha2;
}
