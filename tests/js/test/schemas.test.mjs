// The JSON Schemas the package ships say what the validator says, minus what a
// schema cannot know (the current record, unpaired surrogates): ajv 8 (draft
// 2020-12, ajv-formats' full date-time, and its "fast" email, which is the
// WHATWG rule; the "full" one is stricter) against the shared fixture tables.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import formats from 'ajv-formats/dist/formats.js';
import { esm, loadFixture, mutate } from './helpers.mjs';

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv, { mode: 'full' });
ajv.addFormat('email', formats.fastFormats.email);
// JSON.stringify writes only unpaired surrogates as \udXXX escapes.
const lone = (value) => /\\ud[89a-f][0-9a-f]{2}/i.test(JSON.stringify(value) ?? '');

test('the PATCH body schema agrees with validateUpdate on every fixture without a current record', () => {
  const validate = ajv.compile(esm.updateSchema());
  const { cases } = loadFixture('update-cases.json');
  let compared = 0;
  for (const c of cases) {
    if (c.body === undefined || c.current !== undefined || lone(c.body)) continue;
    assert.equal(validate(c.body), esm.validateUpdate(c.body).ok, c.name);
    compared++;
  }
  assert.ok(compared > 80, `${compared} cases compared`);
});

// What a JSON Schema cannot say about a record: an invariant across fields.
const INVARIANT = (issue) => issue.code === 'invalid_value' && issue.path.join('.') === 'identity';

test('the record schema agrees with validateCustomer on every fixture, except cross-field invariants', () => {
  const validate = ajv.compile(esm.customerSchema());
  const table = loadFixture('customer-cases.json');
  assert.equal(validate(table.valid), true);
  let invariants = 0;
  for (const c of table.cases) {
    const record = mutate(table.valid, c);
    if (lone(record)) continue;
    const result = esm.validateCustomer(record);
    const schemaOk = validate(record);
    if (schemaOk && !result.ok && result.issues.every(INVARIANT)) {
      invariants++;
      continue;
    }
    assert.equal(schemaOk, result.ok, `${c.name}: ${JSON.stringify(validate.errors)}`);
  }
  assert.ok(invariants <= 1, 'only the identity invariant is beyond the schema');
});
