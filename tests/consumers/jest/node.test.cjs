const { validateUpdate, newIdempotencyKey } = require('ic-customer-contract');

test('validates in the node environment (CommonJS)', () => {
  expect(validateUpdate({ fullName: 'Jane Doe', email: 'jane@example.com', phone: null }).ok).toBe(true);
  expect(validateUpdate({ fullName: '' }).issues.map((i) => i.code)).toEqual(['too_short']);
  expect(newIdempotencyKey()).toMatch(/^[0-9a-f-]{36}$/);
});
