// Unit tests for reading an uploaded partner request: what becomes a prospect and what fails with which reason.
import { describe, expect, it } from 'vitest';
import { readPartnerRequest } from './distribution.ts';

const valid = {
  requestId: 'f2b1c7a0-0000-4000-8000-000000000001',
  channelId: 'B2B-ONLINE',
  firstName: ' Ann ',
  lastName: 'Lee',
  email: 'ann@contoso.test',
  companyName: 'Contoso',
  address: { street: '1 Main St', city: 'Tallinn', zip: '10111', countryRegionId: 'ee' },
  language: 'et-ee',
};

describe('readPartnerRequest', () => {
  it('reads a complete request, trimming text and normalising the country', () => {
    const request = readPartnerRequest(valid);
    expect(request).toMatchObject({ firstName: 'Ann', companyName: 'Contoso', address: { countryRegionId: 'EE' }, language: 'et-ee' });
  });

  it('names every missing field in words', () => {
    expect(readPartnerRequest({ ...valid, companyName: '  ', address: { ...valid.address, zip: '' } })).toBe('The request is missing: company name, ZIP/postal code.');
  });

  it('refuses a malformed e-mail and an unknown country', () => {
    expect(readPartnerRequest({ ...valid, email: 'ann@' })).toBe('The e-mail address "ann@" is not valid.');
    expect(readPartnerRequest({ ...valid, address: { ...valid.address, countryRegionId: 'QQ' } })).toBe('The country/region "QQ" is not known in HQ.');
  });

  it('refuses a record with no content or no request id', () => {
    expect(readPartnerRequest(null)).toBe('The record has no content.');
    expect(readPartnerRequest({ ...valid, requestId: undefined })).toBe('The record does not say which channel request it is.');
  });

  it('defaults the language', () => {
    expect(readPartnerRequest({ ...valid, language: undefined })).toMatchObject({ language: 'en-us' });
  });
});
