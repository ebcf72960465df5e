/**
 * @jest-environment jsdom
 */
const { validateUpdate, validateUpdateJson, newIdempotencyKey } = require('ic-customer-contract');

test('validates in the jsdom environment (no global TextEncoder or TextDecoder there)', () => {
  expect(typeof window).toBe('object');
  // What this case is about: Jest's jsdom scope has neither (the package brings its own UTF-8).
  expect(typeof TextEncoder).toBe('undefined');
  expect(typeof TextDecoder).toBe('undefined');
  expect(validateUpdate({ fullName: 'Jane Doe', email: 'jane@example.com', phone: null }).ok).toBe(true);
  expect(validateUpdate({ fullName: '' }).issues.map((i) => i.code)).toEqual(['too_short']);
  // Text both ways through the UTF-8 fallbacks: an emoji counts as one character.
  expect(validateUpdateJson('{"fullName": "😀"}').ok).toBe(true);
  expect(validateUpdate({ fullName: '😀'.repeat(256) }).issues[0].params.actual).toBe(256);
  expect(newIdempotencyKey()).toMatch(/^[0-9a-f-]{36}$/);
});
