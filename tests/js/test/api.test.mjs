// Every export of the installed package, ESM and CommonJS, and the shared
// fixture tables (tests/fixtures/*.json) through every entry point.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { PKG, SCHEMAS, SCRATCH } from './paths.mjs';
import { PUBLIC, UUID_V4, brief, cjs, currentOf, esm, loadFixture, mutate } from './helpers.mjs';

const updates = loadFixture('update-cases.json');
const customers = loadFixture('customer-cases.json');
const verified = updates.records.verified;

describe('the installed package', () => {
  test('ESM and CommonJS export exactly the public API', () => {
    assert.deepEqual(Object.keys(esm).sort(), PUBLIC);
    assert.deepEqual(Object.keys(cjs).sort(), PUBLIC);
    for (const name of PUBLIC) {
      assert.equal(typeof esm[name], 'function', name);
      assert.equal(typeof cjs[name], 'function', name);
    }
  });

  test('the tarball holds dist, bin, README.md, LICENSE and package.json only', () => {
    const { files } = JSON.parse(readFileSync(join(SCRATCH, 'pack.json'), 'utf8'));
    for (const file of files) {
      assert.match(file, /^(dist\/|bin\/|README\.md$|LICENSE$|package\.json$)/, file);
    }
    for (const needed of ['dist/index.js', 'dist/index.cjs', 'dist/node.mjs', 'dist/node.cjs', 'dist/wasm-inline.js', 'dist/wasm-url.js', 'dist/index.d.ts', 'dist/index.d.cts', 'dist/ic_customer_contract_bg.wasm', 'dist/ic_customer_contract_node.wasm', 'bin/ic-customer-contract.mjs', 'LICENSE', 'README.md']) {
      assert.ok(files.includes(needed), needed);
    }
  });

  test('package.json: exports map with types first in every branch, side-effect free, bin, engines', () => {
    const manifest = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));
    assert.equal(manifest.name, 'ic-customer-contract');
    assert.equal(manifest.type, 'module');
    assert.equal(manifest.sideEffects, false);
    const root = manifest.exports['.'];
    assert.deepEqual(Object.keys(root), ['node', 'require', 'default']);
    assert.deepEqual(Object.keys(root.node), ['import', 'require']);
    // Every leaf: types first (.d.cts for require), then the file.
    const leaves = [root.node.import, root.node.require, root.require, root.default, manifest.exports['./wasm-url'].default];
    for (const leaf of leaves) assert.deepEqual(Object.keys(leaf), ['types', 'default']);
    assert.equal(root.node.require.types, './dist/index.d.cts');
    assert.equal(root.require.types, './dist/index.d.cts');
    assert.equal(root.default.default, './dist/index.js');
    assert.equal(manifest.exports['./wasm-url'].default.default, './dist/wasm-url.js');
    assert.equal(manifest.bin['ic-customer-contract'], './bin/ic-customer-contract.mjs');
    assert.equal(manifest.engines.node, '>=18');
  });

  test('init() resolves at once', async () => {
    assert.equal(await esm.init(), undefined);
    assert.equal(await cjs.init(), undefined);
  });
});

describe('update-cases.json', () => {
  for (const c of updates.cases) {
    test(c.name, () => {
      const current = currentOf(updates, c);
      const currentText = current === undefined ? undefined : JSON.stringify(current);
      const expect = (result, how) => {
        assert.deepEqual(brief(result.issues), c.issues, `${how}: issues`);
        assert.deepEqual(brief(result.warnings), c.warnings, `${how}: warnings`);
        assert.equal(result.ok, c.issues.length === 0, `${how}: ok`);
      };
      if (c.text !== undefined) {
        expect(esm.validateUpdateJson(c.text, currentText), 'text');
        expect(cjs.validateUpdateJson(c.text, currentText), 'text (cjs)');
        return;
      }
      const before = structuredClone(c.body);
      const byValue = esm.validateUpdate(c.body, current);
      expect(byValue, 'value');
      const byText = esm.validateUpdateJson(JSON.stringify(c.body), currentText);
      // The two paths agree on everything, messages and params included.
      assert.deepEqual(byValue, byText);
      assert.deepEqual(cjs.validateUpdate(c.body, current), byValue);
      assert.deepEqual(c.body, before, 'the input is not mutated');
      // The Standard Schema says the same.
      const standard = esm.updateStandardSchema(current)['~standard'].validate(c.body);
      if (c.issues.length === 0) assert.deepEqual(standard, { value: c.body });
      else assert.deepEqual(standard.issues.map((i) => i.path), c.issues.map((i) => i.path));
    });
  }

  test('the batch entry gives every case the same issues and warnings', () => {
    const cases = updates.cases.filter((c) => c.body !== undefined);
    const items = cases.map((c) => ({ update: c.body, current: currentOf(updates, c) }));
    const batch = esm.validateBatchJson(JSON.stringify(items));
    assert.equal(batch.total, cases.length);
    assert.equal(batch.invalid, cases.filter((c) => c.issues.length > 0).length);
    assert.equal(batch.valid, batch.total - batch.invalid);
    assert.deepEqual(batch.issues, []);
    const byIndex = new Map(batch.results.map((r) => [r.index, r]));
    cases.forEach((c, index) => {
      const r = byIndex.get(index);
      if (c.issues.length === 0 && c.warnings.length === 0) {
        assert.equal(r, undefined, c.name);
      } else {
        assert.deepEqual(brief(r.issues), c.issues, c.name);
        assert.deepEqual(brief(r.warnings), c.warnings, c.name);
      }
    });
  });
});

describe('customer-cases.json', () => {
  test('the valid record is valid', () => {
    assert.deepEqual(esm.validateCustomer(customers.valid), { ok: true, issues: [], warnings: [] });
    assert.deepEqual(esm.customerStandardSchema()['~standard'].validate(customers.valid), { value: customers.valid });
  });
  test("a wrong type's params.expected says what its message says: a string or null where the field may be null", () => {
    const expected = (key, value) => {
      const issue = esm.validateCustomer({ ...customers.valid, [key]: value }).issues[0];
      assert.deepEqual(issue.path, [key]);
      return [issue.params.expected, issue.message];
    };
    assert.deepEqual(expected('external_id', 5), ['string or null', 'external_id must be a string or null; received a number.']);
    assert.deepEqual(expected('email', 5)[0], 'string or null');
    assert.deepEqual(expected('full_name', 5), ['string', 'full_name must be a string; received a number.']);
    assert.deepEqual(expected('identity', 5)[0], 'object or null');
    assert.deepEqual(expected('aml', 5)[0], 'object');
    // The body's nullable phone says the same.
    assert.equal(esm.validateUpdate({ phone: 5 }).issues[0].params.expected, 'string or null');
  });
  for (const c of customers.cases) {
    test(c.name, () => {
      const record = mutate(customers.valid, c);
      const before = structuredClone(record);
      const result = esm.validateCustomer(record);
      assert.deepEqual(brief(result.issues), c.issues);
      assert.equal(result.ok, c.issues.length === 0);
      assert.deepEqual(cjs.validateCustomer(record), result);
      assert.deepEqual(record, before, 'the input is not mutated');
    });
  }
});

describe('each export', () => {
  test('validateUpdate: a fresh result object each call', () => {
    const a = esm.validateUpdate({ fullName: 'Jane' });
    const b = esm.validateUpdate({ fullName: 'Jane' });
    assert.deepEqual(a, { ok: true, issues: [], warnings: [] });
    assert.notEqual(a, b);
    a.issues.push('x');
    assert.deepEqual(esm.validateUpdate({ fullName: 'Jane' }).issues, []);
  });

  test('validateUpdate: a malformed current throws an Error naming the problem', () => {
    // Not an object as JSON sends it (a Date has toJSON, a boxed string is a
    // string), or an object without a string kyc_status (a Map's JSON is {}).
    const noStatus = Object.assign(new (class Model {})(), { full_name: 'Jane' });
    for (const current of [5, 'VERIFIED', [], {}, { kyc_status: 5 }, new Date(), new String('VERIFIED'), new Map([['kyc_status', 'VERIFIED']]), noStatus]) {
      assert.throws(() => esm.validateUpdate({}, current), (e) => e instanceof Error && /current record/i.test(e.message));
      assert.throws(() => cjs.validateUpdate({ fullName: 'x' }, current), Error);
      assert.throws(() => esm.diffUpdate(current, { phone: '1' }), Error);
    }
    // null and undefined mean "no current record".
    assert.equal(esm.validateUpdate({ fullName: 'x' }, null).ok, true);
  });

  test('an unknown key is quoted in its message without what would break the sentence; its path keeps it exact', () => {
    const keys = ['a\nb', 'nul\u0000', 'x\u202Egnp.exe', 'line\u2028sep', '\u2066iso\u2069'];
    const body = Object.fromEntries(keys.map((k) => [k, 1]));
    for (const r of [esm.validateUpdate(body), esm.validateUpdateJson(JSON.stringify(body))]) {
      assert.deepEqual(r.issues.map((i) => i.path[0]).sort(), [...keys].sort());
      for (const issue of r.issues) {
        assert.doesNotMatch(issue.message, /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/, issue.message);
        assert.match(issue.message, /\\u(000A|0000|202E|2028|2066)/, issue.message);
      }
    }
    assert.equal(esm.validateUpdate({ 'a\nb': 1 }).issues[0].message, '"a\\u000Ab" is not a field of the update.');
  });

  test('a current record may be an instance of a class (an ORM model): its own enumerable keys are read, as JSON sends them', () => {
    class CustomerModel {
      constructor(data) {
        Object.assign(this, data);
      }
      get kycStatus() {
        return this.kyc_status;
      }
    }
    const plain = { kyc_status: 'VERIFIED', full_name: 'Jane Doe', email: 'jane@example.com' };
    const model = new CustomerModel(plain);
    for (const api of [esm, cjs]) {
      for (const body of [{ fullName: 'John' }, { fullName: 'Jane Doe' }, { email: 'new@example.com', phone: '1' }, { phone: '2' }]) {
        assert.deepEqual(api.validateUpdate(body, model), api.validateUpdate(body, plain));
      }
      assert.equal(api.validateUpdate({ fullName: 'John' }, model).issues[0].code, 'frozen_field');
      assert.deepEqual(api.diffUpdate(model, { fullName: 'John', phone: '1' }), api.diffUpdate(plain, { fullName: 'John', phone: '1' }));
      assert.deepEqual(api.fieldRules(model), api.fieldRules(plain));
      const req = api.buildPatchRequest({ id: 'crm-1', update: { fullName: 'John' }, current: model });
      assert.equal(req.ok, false);
      assert.equal(req.issues[0].code, 'frozen_field');
      const schema = api.updateStandardSchema(model);
      assert.equal(schema['~standard'].validate({ fullName: 'John' }).issues[0].code, 'frozen_field');
    }
    // An accessor on the prototype is not sent by JSON.stringify, and not read.
    class Accessors {
      get kyc_status() {
        return 'VERIFIED';
      }
    }
    assert.throws(() => esm.validateUpdate({}, new Accessors()), /current record/i);
  });

  test('validateUpdateJson: invalid_json carries line and column', () => {
    const r = esm.validateUpdateJson('{\n  "fullName" "Jane"\n}');
    assert.equal(r.issues.length, 1);
    assert.deepEqual(r.issues[0].path, []);
    assert.equal(r.issues[0].code, 'invalid_json');
    assert.match(r.issues[0].message, /line 2, column 14/);
    assert.equal(r.issues[0].params.line, 2);
    assert.throws(() => esm.validateUpdateJson({}), TypeError);
    assert.throws(() => esm.validateUpdateJson('{}', 5), TypeError);
    assert.throws(() => esm.validateUpdateJson('{}', 'nope'), Error);
  });

  test('validateBatchJson: a malformed item is that item, not the batch', () => {
    const r = esm.validateBatchJson('[{"update":{}}, 5, {"update":{"x":1}}, {"update":{}, "current": 1}]');
    assert.equal(r.total, 4);
    assert.equal(r.valid, 1);
    assert.deepEqual(r.results.map((x) => x.index), [1, 2, 3]);
    assert.deepEqual(r.results[1].issues.map((i) => i.code), ['unknown_field']);
    assert.ok(r.results[2].issues.every((i) => i.path.length === 0 || i.path[0] === 'current'));
    const notArray = esm.validateBatchJson('{');
    assert.equal(notArray.issues[0].code, 'invalid_json');
    assert.throws(() => esm.validateBatchJson(null), TypeError);
  });

  test('diffUpdate', () => {
    const d = esm.diffUpdate(verified, { fullName: 'Jane Doe', email: 'new@example.com', phone: null, risk: { isNewCustomer: true }, kyc_status: 'PENDING' });
    assert.deepEqual(d.update, { phone: null, risk: { isNewCustomer: true } });
    assert.deepEqual(brief(d.skipped), [
      { path: ['email'], code: 'frozen_field' },
      { path: ['kyc_status'], code: 'immutable_field' },
    ]);
    assert.deepEqual(esm.diffUpdate({ kyc_status: 'PENDING', full_name: 'A' }, { fullName: 'B' }).update, { fullName: 'B' });
    assert.throws(() => esm.diffUpdate({}, {}), Error);
  });

  test('fieldRules', () => {
    const open = esm.fieldRules();
    assert.deepEqual(Object.keys(open), ['fullName', 'email', 'phone', 'risk']);
    assert.deepEqual(open.fullName, { editable: true, minLength: 1, maxLength: 255, nullable: false });
    assert.deepEqual(open.email, { editable: true, maxLength: 255, nullable: false, format: 'email' });
    assert.deepEqual(open.phone, { editable: true, maxLength: 32, nullable: true });
    const frozen = esm.fieldRules(verified);
    assert.equal(frozen.fullName.editable, false);
    assert.match(frozen.fullName.reason, /VERIFIED/);
    assert.equal(frozen.phone.editable, true);
    assert.deepEqual(cjs.fieldRules(verified), frozen);
  });

  test('buildPatchRequest: a ready request, a fresh v4 key when none is given', () => {
    const input = { id: '550E8400-E29B-41D4-A716-446655440000', update: { risk: { isNewCustomer: true }, phone: '+61 400 000 000' } };
    const before = structuredClone(input);
    const a = esm.buildPatchRequest(input);
    const b = cjs.buildPatchRequest(input);
    assert.deepEqual(input, before);
    assert.equal(a.ok, true);
    assert.equal(a.request.method, 'PATCH');
    assert.equal(a.request.url, 'https://app.instantcompliance.ai/api/v1/customers/550e8400-e29b-41d4-a716-446655440000');
    assert.equal(a.request.body, '{"phone":"+61 400 000 000","risk":{"isNewCustomer":true}}');
    assert.equal(a.request.headers['Content-Type'], 'application/json');
    assert.match(a.request.headers['Idempotency-Key'], UUID_V4);
    assert.match(b.request.headers['Idempotency-Key'], UUID_V4);
    assert.notEqual(a.request.headers['Idempotency-Key'], b.request.headers['Idempotency-Key']);
    const keyed = esm.buildPatchRequest({ ...input, id: 'crm/7741', idempotencyKey: 'retry-1', baseUrl: 'https://example.test/v1/' });
    assert.equal(keyed.request.headers['Idempotency-Key'], 'retry-1');
    assert.equal(keyed.request.url, 'https://example.test/v1/customers/crm%2F7741');
    const bad = esm.buildPatchRequest({ id: '', update: { fullName: 'X' }, current: verified, idempotencyKey: 'a b' });
    assert.equal(bad.ok, false);
    assert.deepEqual(brief(bad.issues).map((i) => i.path.join('.')), ['id', 'update.fullName', 'idempotencyKey']);
    assert.throws(() => esm.buildPatchRequest({ id: 'x', update: {}, current: { kyc_status: 1 } }), Error);
  });

  test('parseCustomerId', () => {
    assert.deepEqual(esm.parseCustomerId('550E8400-E29B-41D4-A716-446655440000'), { kind: 'uuid', uuid: '550e8400-e29b-41d4-a716-446655440000' });
    assert.deepEqual(cjs.parseCustomerId('crm-7741'), { kind: 'external_id', externalId: 'crm-7741' });
    assert.throws(() => esm.parseCustomerId(''), /empty/);
    assert.throws(() => esm.parseCustomerId('x'.repeat(256)), /at most 255/);
    assert.throws(() => esm.parseCustomerId(5), Error);
  });

  test('newIdempotencyKey: UUID v4, all different', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => esm.newIdempotencyKey()));
    assert.equal(keys.size, 1000);
    for (const key of keys) assert.match(key, UUID_V4);
    assert.match(cjs.newIdempotencyKey(), UUID_V4);
  });

  test('updateSchema / customerSchema: equal to schemas/, a fresh copy each call', () => {
    const file = (name) => JSON.parse(readFileSync(join(SCHEMAS, name), 'utf8'));
    assert.deepEqual(esm.updateSchema(), file('customer-update.schema.json'));
    assert.deepEqual(esm.customerSchema(), file('customer.schema.json'));
    assert.deepEqual(cjs.updateSchema(), file('customer-update.schema.json'));
    const a = esm.updateSchema();
    a.properties.fullName.maxLength = 1;
    assert.equal(esm.updateSchema().properties.fullName.maxLength, 255);
    assert.notEqual(esm.customerSchema(), esm.customerSchema());
  });

  test('Standard Schema objects: version 1, vendor, synchronous validate, JSON Schema', () => {
    for (const schema of [esm.updateStandardSchema(), esm.customerStandardSchema(), cjs.updateStandardSchema(verified)]) {
      const props = schema['~standard'];
      assert.equal(props.version, 1);
      assert.equal(props.vendor, 'ic-customer-contract');
      assert.equal(typeof props.validate, 'function');
      assert.ok(!(props.validate({}) instanceof Promise));
      assert.equal(typeof props.jsonSchema.input({ target: 'draft-2020-12' }).$schema, 'string');
      assert.throws(() => props.jsonSchema.output({ target: 'draft-07' }), /draft-2020-12/);
    }
    const body = { fullName: '', phone: 5 };
    assert.deepEqual(esm.updateStandardSchema()['~standard'].validate(body), {
      issues: [
        { message: 'Full name must not be empty.', path: ['fullName'], code: 'too_short' },
        { message: esm.validateUpdate(body).issues[1].message, path: ['phone'], code: 'invalid_type' },
      ],
    });
    const ok = { phone: null };
    assert.equal(esm.updateStandardSchema()['~standard'].validate(ok).value, ok);
  });

  test('updateStandardSchema(current) snapshots current at creation', () => {
    const current = { kyc_status: 'VERIFIED', full_name: 'Jane Doe' };
    const schema = esm.updateStandardSchema(current);
    current.kyc_status = 'PENDING'; // later changes do not reach the schema
    const r = schema['~standard'].validate({ fullName: 'Jane Smith' });
    assert.deepEqual(r.issues.map((i) => i.path), [['fullName']]);
    assert.deepEqual(schema['~standard'].validate({ fullName: 'Jane Doe' }), { value: { fullName: 'Jane Doe' } });
    assert.deepEqual(schema['~standard'].validate({ phone: '1' }), { value: { phone: '1' } });
    assert.throws(() => esm.updateStandardSchema({ kyc_status: 1 }), Error);
  });
});
