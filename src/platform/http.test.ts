// Unit tests for turning schema validation errors into field paths and messages a form can show.
import { describe, expect, it } from 'vitest';
import { fieldErrors } from './http.ts';
import { badCharacterAt, withDefaultBounds } from './input-rules.ts';

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

describe('badCharacterAt', () => {
  it('finds a NUL or an unpaired surrogate anywhere, keys included, and lets other text through', () => {
    expect(badCharacterAt({ name: 'Zoë 😀', tags: ['a\u0001b'] })).toBeUndefined();
    expect(badCharacterAt({ address: { street: 'a\u0000b' } })).toEqual(['address', 'street']);
    expect(badCharacterAt({ members: [{ account: 'ok' }, { account: '\ud800' }] })).toEqual(['members', '1', 'account']);
    expect(badCharacterAt({ 'a\udc00': 1 })).toEqual(['a\udc00']);
    expect(badCharacterAt('\u0000')).toEqual([]);
  });
});

describe('withDefaultBounds', () => {
  it('bounds integers and strings that declare no limit, through nested objects, arrays and unions', () => {
    const schema = {
      type: 'object',
      properties: {
        offset: { type: 'integer', minimum: 0 },
        name: { type: 'string' },
        code: { type: 'string', enum: ['a', 'b'] },
        note: { type: ['string', 'null'], maxLength: 4000 },
        members: { type: 'array', items: { type: 'object', properties: { account: { type: 'string' } } } },
        either: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
      },
    };
    const bounded = withDefaultBounds(schema) as any;
    expect(bounded.properties.offset).toEqual({ type: 'integer', minimum: 0, maximum: 2147483647 });
    expect(bounded.properties.name.maxLength).toBe(1000);
    expect(bounded.properties.code.maxLength).toBeUndefined();
    expect(bounded.properties.note.maxLength).toBe(4000);
    expect(bounded.properties.members.items.properties.account.maxLength).toBe(1000);
    expect(bounded.properties.either.anyOf[0]).toEqual({ type: 'integer', minimum: -2147483648, maximum: 2147483647 });
    // The route's own schema object is not changed (it may be shared with a response).
    expect(schema.properties.name).toEqual({ type: 'string' });
  });
});
