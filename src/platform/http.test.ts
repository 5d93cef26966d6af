// Unit tests for turning schema validation errors into field paths and messages a form can show.
import { describe, expect, it } from 'vitest';
import { fieldErrors } from './http.ts';

describe('fieldErrors', () => {
  it('names missing nested fields with dotted paths', () => {
    const errors = fieldErrors(
      [
        { instancePath: '', keyword: 'required', params: { missingProperty: 'firstName' } },
        { instancePath: '/address', keyword: 'required', params: { missingProperty: 'zip' } },
        { instancePath: '/email', keyword: 'format', params: { format: 'email' } },
        { instancePath: '/companyName', keyword: 'maxLength', params: { limit: 200 } },
        { instancePath: '/lastName', keyword: 'pattern', params: { pattern: '\\S' } },
        { instancePath: '', keyword: 'additionalProperties', params: { additionalProperty: 'isAdmin' } },
      ],
      'body',
    );
    expect(errors).toEqual([
      { path: 'firstName', message: 'is required' },
      { path: 'address.zip', message: 'is required' },
      { path: 'email', message: 'must be a valid e-mail address' },
      { path: 'companyName', message: 'must be at most 200 characters' },
      { path: 'lastName', message: 'must not be blank' },
      { path: 'isAdmin', message: 'is not a known field' },
    ]);
  });

  it('reports one message per field', () => {
    const errors = fieldErrors(
      [
        { instancePath: '/firstName', keyword: 'minLength', params: { limit: 1 } },
        { instancePath: '/firstName', keyword: 'pattern', params: { pattern: '\\S' } },
      ],
      'body',
    );
    expect(errors).toEqual([{ path: 'firstName', message: 'is required' }]);
  });
});
