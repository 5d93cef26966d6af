// VAT identification numbers: normalised, and format-checked per country (EU member states by their official
// pattern, other countries loosely). Only the format is checked, not that the number is registered (VIES).
import { countryAlpha2 } from './countries.ts';

/** The EU member states' VAT number formats, after the country prefix (Greece's prefix is EL, not GR). */
const euFormats: Record<string, { prefix: string; pattern: RegExp; example: string }> = {
  AT: { prefix: 'ATU', pattern: /^\d{8}$/, example: 'ATU12345678' },
  BE: { prefix: 'BE', pattern: /^[01]\d{9}$/, example: 'BE0123456789' },
  BG: { prefix: 'BG', pattern: /^\d{9,10}$/, example: 'BG123456789' },
  CY: { prefix: 'CY', pattern: /^\d{8}[A-Z]$/, example: 'CY12345678X' },
  CZ: { prefix: 'CZ', pattern: /^\d{8,10}$/, example: 'CZ12345678' },
  DE: { prefix: 'DE', pattern: /^\d{9}$/, example: 'DE123456789' },
  DK: { prefix: 'DK', pattern: /^\d{8}$/, example: 'DK12345678' },
  EE: { prefix: 'EE', pattern: /^\d{9}$/, example: 'EE123456789' },
  GR: { prefix: 'EL', pattern: /^\d{9}$/, example: 'EL123456789' },
  ES: { prefix: 'ES', pattern: /^[A-Z0-9]\d{7}[A-Z0-9]$/, example: 'ESX1234567X' },
  FI: { prefix: 'FI', pattern: /^\d{8}$/, example: 'FI12345678' },
  FR: { prefix: 'FR', pattern: /^[A-HJ-NP-Z0-9]{2}\d{9}$/, example: 'FR12345678901' },
  HR: { prefix: 'HR', pattern: /^\d{11}$/, example: 'HR12345678901' },
  HU: { prefix: 'HU', pattern: /^\d{8}$/, example: 'HU12345678' },
  IE: { prefix: 'IE', pattern: /^(\d{7}[A-W][A-I]?|\d[A-Z+*]\d{5}[A-W])$/, example: 'IE1234567WA' },
  IT: { prefix: 'IT', pattern: /^\d{11}$/, example: 'IT12345678901' },
  LT: { prefix: 'LT', pattern: /^(\d{9}|\d{12})$/, example: 'LT123456789' },
  LU: { prefix: 'LU', pattern: /^\d{8}$/, example: 'LU12345678' },
  LV: { prefix: 'LV', pattern: /^\d{11}$/, example: 'LV12345678901' },
  MT: { prefix: 'MT', pattern: /^\d{8}$/, example: 'MT12345678' },
  NL: { prefix: 'NL', pattern: /^\d{9}B\d{2}$/, example: 'NL123456789B01' },
  PL: { prefix: 'PL', pattern: /^\d{10}$/, example: 'PL1234567890' },
  PT: { prefix: 'PT', pattern: /^\d{9}$/, example: 'PT123456789' },
  RO: { prefix: 'RO', pattern: /^\d{2,10}$/, example: 'RO1234567890' },
  SE: { prefix: 'SE', pattern: /^\d{10}01$/, example: 'SE123456789001' },
  SI: { prefix: 'SI', pattern: /^\d{8}$/, example: 'SI12345678' },
  SK: { prefix: 'SK', pattern: /^\d{10}$/, example: 'SK1234567890' },
};

/** Upper case, without spaces, dots and dashes: the form we store and compare. */
export function normalizeVatNumber(value: string): string {
  return value.replace(/[\s.\-]/g, '').toUpperCase();
}

/** The normalised number, or the reason it does not fit the country's format. */
export function checkVatNumber(value: string, countryRegionId: string): { vatNumber: string } | { reason: string } {
  const vatNumber = normalizeVatNumber(value);
  const eu = euFormats[countryAlpha2(countryRegionId) ?? countryRegionId.toUpperCase()];
  if (eu) {
    if (!vatNumber.startsWith(eu.prefix) || !eu.pattern.test(vatNumber.slice(eu.prefix.length))) {
      return { reason: `is not a VAT number of ${countryRegionId.toUpperCase()} (like ${eu.example})` };
    }
    return { vatNumber };
  }
  if (!/^[A-Z0-9]{4,20}$/.test(vatNumber)) return { reason: 'must be 4 to 20 letters and digits' };
  return { vatNumber };
}
