// @vitest-environment jsdom
import { expect, test } from 'vitest';
import { validateUpdate, validateUpdateJson } from 'ic-customer-contract';

test('validates in the jsdom environment', () => {
  expect(typeof window).toBe('object');
  expect(validateUpdate({ fullName: 'Jane Doe', email: 'jane@example.com', phone: null }).ok).toBe(true);
  expect(validateUpdate({ fullName: '' }).issues.map((i) => i.code)).toEqual(['too_short']);
  expect(validateUpdateJson('{"fullName": "😀"}').ok).toBe(true);
});
