import { expect, test } from 'vitest';
import { validateUpdate } from 'ic-customer-contract';

test('validates in the node environment', () => {
  expect(validateUpdate({ fullName: 'Jane Doe', email: 'jane@example.com', phone: null }).ok).toBe(true);
  expect(validateUpdate({ fullName: '' }).issues.map((i) => i.code)).toEqual(['too_short']);
});
