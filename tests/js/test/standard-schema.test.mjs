// A real Standard Schema consumer (TanStack Form's core) takes our schema
// objects directly and reports our issues at the right fields.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { FieldApi, FormApi, formEventClient } from '@tanstack/form-core';
import { esm, loadFixture } from './helpers.mjs';

const { records } = loadFixture('update-cases.json');

function form(schema, defaultValues) {
  const api = new FormApi({ defaultValues, validators: { onChange: schema, onSubmit: schema } });
  api.mount();
  const fields = {};
  for (const name of Object.keys(defaultValues)) {
    fields[name] = new FieldApi({ form: api, name });
    fields[name].mount();
  }
  return { api, fields };
}

// TanStack's devtools client retries a connection for seconds; nothing listens here.
after(() => formEventClient.stopConnectLoop());

const messages = (api, name) => (api.getFieldMeta(name)?.errors ?? []).map((e) => e.message);

test('TanStack Form: a form-level updateStandardSchema() puts each issue on its field', () => {
  const { api, fields } = form(esm.updateStandardSchema(), { fullName: 'Jane Doe', email: 'jane@example.com', phone: '' });
  fields.email.handleChange('jane@');
  assert.deepEqual(messages(api, 'email'), ['Email must be a valid email address, such as name@example.com.']);
  assert.deepEqual(messages(api, 'fullName'), []);
  fields.fullName.handleChange('');
  assert.deepEqual(messages(api, 'fullName'), ['Full name must not be empty.']);
  assert.equal(api.state.canSubmit, false);
  fields.fullName.handleChange('Jane Smith');
  fields.email.handleChange('jane.smith@example.com');
  assert.deepEqual(messages(api, 'email'), []);
  assert.deepEqual(messages(api, 'fullName'), []);
  assert.equal(api.state.canSubmit, true);
});

test('TanStack Form: the freeze rules of updateStandardSchema(current)', async () => {
  const { api, fields } = form(esm.updateStandardSchema(records.verified), { fullName: 'Jane Doe', phone: '' });
  fields.phone.handleChange('+61 400 000 000');
  assert.deepEqual(messages(api, 'phone'), []);
  fields.fullName.handleChange('Jane Smith');
  assert.deepEqual(messages(api, 'fullName'), ['Full name cannot be changed after KYC verification.']);
  let submitted = false;
  api.options.onSubmit = () => {
    submitted = true;
  };
  await api.handleSubmit();
  assert.equal(submitted, false);
  fields.fullName.handleChange('Jane Doe'); // the identical value: allowed (a warning Standard Schema has no place for)
  await api.handleSubmit();
  assert.equal(submitted, true);
});

test('TanStack Form: parseValuesWithSchema maps nested paths to fields', () => {
  const { api } = form(esm.updateStandardSchema(), { fullName: 'Jane', risk: { isNewCustomer: true } });
  assert.equal(api.parseValuesWithSchema(esm.updateStandardSchema()), undefined);
  api.setFieldValue('risk', { isNewCustomer: 'yes' });
  const errors = api.parseValuesWithSchema(esm.updateStandardSchema());
  assert.deepEqual(Object.keys(errors.fields), ['risk.isNewCustomer']);
  assert.match(errors.fields['risk.isNewCustomer'][0].message, /true or false/);
  const customer = api.parseValuesWithSchema(esm.customerStandardSchema());
  assert.ok(Object.keys(customer.fields).includes('id'));
});

test('Standard Schema issues carry the stable code with the message and the path, ESM and CommonJS', async () => {
  const { cjs } = await import('./helpers.mjs');
  for (const api of [esm, cjs]) {
    const result = api.updateStandardSchema(records.verified)['~standard'].validate({ fullName: '', email: 'jane@', nope: 1 });
    const direct = api.validateUpdate({ fullName: '', email: 'jane@', nope: 1 }, records.verified).issues;
    assert.deepEqual(
      result.issues,
      direct.map(({ message, path, code }) => ({ message, path, code })),
    );
    assert.ok(result.issues.some((i) => i.code === 'frozen_field'));
    assert.deepEqual(api.customerStandardSchema()['~standard'].validate({}).issues.every((i) => typeof i.code === 'string'), true);
  }
});
