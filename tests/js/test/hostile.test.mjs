// Hostile JavaScript values: each gives an issue (or the documented Error for
// a malformed `current`), never a hang, a crash or a write to a prototype,
// and a valid call right after still works.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import vm from 'node:vm';
import { cjs, esm } from './helpers.mjs';

const throwing = () => {
  throw new Error('boom');
};

function stillWorks(api) {
  assert.deepEqual(api.validateUpdate({ fullName: 'Jane Doe', risk: { isNewCustomer: true } }), { ok: true, issues: [], warnings: [] });
  assert.deepEqual(api.validateUpdate({ fullName: '' }).issues.map((i) => i.code), ['too_short']);
  assert.equal(api.validateUpdateJson('{"email":"jane@example.com"}').ok, true);
}

/** The first issue at `path`, as [code, received]. */
function at(result, path) {
  const issue = result.issues.find((i) => i.path.join('.') === path);
  assert.ok(issue, `an issue at "${path}" in ${JSON.stringify(result.issues)}`);
  return [issue.code, issue.params?.received];
}

class Customer {
  constructor() {
    this.fullName = 'Jane';
  }
}

const deepObject = (depth) => {
  let v = { fullName: 'x' };
  for (let i = 0; i < depth; i++) v = { risk: v };
  return v;
};
const deepArray = (depth) => {
  let v = [];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};

/** [name, body, path of the expected issue, code, received]. */
const FIELD_CASES = [
  ['a function', { fullName: () => 'Jane' }, 'fullName', 'invalid_type', 'function'],
  ['a symbol', { email: Symbol('x') }, 'email', 'invalid_type', 'symbol'],
  ['a BigInt', { phone: 10n }, 'phone', 'invalid_type', 'bigint'],
  ['a Date', { fullName: new Date(0) }, 'fullName', 'invalid_type', 'Date'],
  ['a class instance', { risk: new Customer() }, 'risk', 'invalid_type', 'Customer'],
  ['a Map', { risk: new Map([['isNewCustomer', true]]) }, 'risk', 'invalid_type', 'Map'],
  ['a boxed string', { fullName: new String('Jane') }, 'fullName', 'invalid_type', 'String'],
  // NaN and the infinities are not JSON (JSON.stringify would send null, clearing a phone): 'non-finite number'.
  ['NaN', { phone: NaN }, 'phone', 'invalid_type', 'non-finite number'],
  ['Infinity', { risk: { isNewCustomer: -Infinity } }, 'risk.isNewCustomer', 'invalid_type', 'non-finite number'],
  ['a Set', { risk: new Set(['isNewCustomer']) }, 'risk', 'invalid_type', 'Set'],
  // toJSON is never called: an own one (enumerable or not) or one inherited from a plain prototype.
  ['an own toJSON', { risk: { isNewCustomer: true, toJSON: () => ({}) } }, 'risk', 'invalid_type', 'object with toJSON'],
  ['a non-enumerable toJSON', { fullName: Object.defineProperty({}, 'toJSON', { value: () => 'Jane' }) }, 'fullName', 'invalid_type', 'object with toJSON'],
  ['an inherited toJSON', { risk: Object.create({ toJSON: () => ({}) }) }, 'risk', 'invalid_type', 'object with toJSON'],
  ['a sparse array', { risk: [, , true] }, 'risk', 'invalid_type', 'array'], // eslint-disable-line no-sparse-arrays
  // Past 10,000,000 members and items the whole value is refused, never cut (issue 10).
  ['an array of length 2^32-1', { fullName: new Array(2 ** 32 - 1) }, 'fullName', 'invalid_type', 'array'], // only its kind is read
  ['a throwing getter', Object.defineProperty({}, 'email', { get: throwing, enumerable: true }), 'email', 'invalid_type', 'unreadable'],
  ['a Proxy whose get trap throws', { risk: new Proxy({ isNewCustomer: true }, { get: throwing }) }, 'risk.isNewCustomer', 'invalid_type', 'unreadable'],
  ['a Proxy whose ownKeys trap throws', { risk: new Proxy({}, { ownKeys: throwing }) }, 'risk', 'invalid_type', 'unreadable'],
  ['a Proxy whose getPrototypeOf trap throws', { risk: new Proxy({}, { getPrototypeOf: throwing }) }, 'risk', 'invalid_type', 'unreadable'],
  ['a revoked Proxy', { risk: (() => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; })() }, 'risk', 'invalid_type', 'unreadable'],
  ['an unpaired surrogate', { fullName: 'Jane\uD800' }, 'fullName', 'invalid_string', undefined],
  ['a 10 MB string', { fullName: 'a'.repeat(10 * 1024 * 1024) }, 'fullName', 'too_long', undefined],
  ['100,000-deep arrays', { risk: { isNewCustomer: deepArray(100000) } }, 'risk.isNewCustomer', 'invalid_type', 'array'],
  ['100,000-deep objects', { risk: deepObject(100000) }, 'risk.risk', 'unknown_field', undefined],
  ['an own __proto__ key', JSON.parse('{"__proto__": {"fullName": "x"}}'), '__proto__', 'unknown_field', undefined],
  ['an own constructor key', { constructor: 'x' }, 'constructor', 'unknown_field', undefined],
];

for (const [label, api] of [['ESM', esm], ['CommonJS', cjs]]) {
  describe(`hostile values (${label})`, () => {
    for (const [name, body, path, code, received] of FIELD_CASES) {
      test(name, () => {
        const started = Date.now();
        const result = api.validateUpdate(body);
        assert.equal(result.ok, false);
        assert.deepEqual(at(result, path), [code, received]);
        assert.ok(Date.now() - started < 5000, 'answers in reasonable time');
        stillWorks(api);
      });
    }

    test('hostile values as the body itself', () => {
      const cases = [
        [() => 1, 'function'],
        [Symbol('s'), 'symbol'],
        [1n, 'bigint'],
        [undefined, 'undefined'],
        [new Date(), 'Date'],
        [new Customer(), 'Customer'],
        [new (class {})(), 'object instance'],
        [{ fullName: 'Jane', toJSON: () => ({}) }, 'object with toJSON'],
        [new Proxy({}, { ownKeys: throwing }), 'unreadable'],
        [new Proxy({}, { getPrototypeOf: throwing }), 'unreadable'],
        [deepArray(100000), 'array'],
        [NaN, 'non-finite number'],
        [-Infinity, 'non-finite number'],
      ];
      for (const [body, received] of cases) {
        const r = api.validateUpdate(body);
        assert.deepEqual(r.issues.map((i) => [i.path, i.code, i.params?.received]), [[[], 'invalid_type', received]], String(received));
      }
      stillWorks(api);
    });

    test('an object whose prototype chain holds only plain objects is plain (own enumerable keys read)', () => {
      assert.deepEqual(api.validateUpdate(Object.create(Object.create(null))), { ok: true, issues: [], warnings: [] });
      assert.deepEqual(api.validateUpdate(Object.create({})), { ok: true, issues: [], warnings: [] });
      // Data on the prototype is not read, as JSON.stringify does not read it.
      const inherited = Object.assign(Object.create({ fullName: '', email: 'bad' }), { phone: null });
      assert.deepEqual(api.validateUpdate(inherited), { ok: true, issues: [], warnings: [] });
      const own = Object.assign(Object.create(Object.create({ x: 1 })), { fullName: '' });
      assert.deepEqual(api.validateUpdate(own).issues.map((i) => [i.path.join('.'), i.code]), [['fullName', 'too_short']]);
    });

    test('a cyclic object terminates and reports its keys', () => {
      const body = { fullName: 'Jane' };
      body.self = body;
      body.risk = body;
      const r = api.validateUpdate(body);
      assert.deepEqual(
        r.issues.map((i) => `${i.path.join('.')}:${i.code}`),
        ['risk.fullName:unknown_field', 'risk.risk:unknown_field', 'risk.self:unknown_field', 'self:unknown_field'],
      );
      const sharing = {};
      let level = sharing;
      for (let d = 0; d < 12; d++) {
        const next = {};
        for (let k = 0; k < 12; k++) level['k' + k] = next; // 12^12 paths through shared objects
        level = next;
      }
      const started = Date.now();
      assert.equal(api.validateCustomer(sharing).ok, false);
      assert.equal(api.validateUpdate({ risk: sharing }).ok, false);
      assert.ok(Date.now() - started < 10000, `exponential sharing is bounded (${Date.now() - started} ms)`);
      stillWorks(api);
    });

    test('symbol keys, non-enumerable keys and undefined values are not read', () => {
      const body = { fullName: 'Jane', email: undefined, [Symbol('extra')]: 1 };
      Object.defineProperty(body, 'hidden', { value: 1, enumerable: false });
      assert.deepEqual(api.validateUpdate(body), { ok: true, issues: [], warnings: [] });
      const nullProto = Object.assign(Object.create(null), { phone: null });
      assert.equal(api.validateUpdate(nullProto).ok, true);
    });

    test('a plain object from another realm is a plain object', () => {
      const foreign = vm.runInNewContext('({ fullName: "Jane", risk: { isNewCustomer: true }, x: [1] })');
      assert.notEqual(Object.getPrototypeOf(foreign), Object.prototype);
      assert.deepEqual(api.validateUpdate(foreign).issues.map((i) => [i.path.join('.'), i.code]), [['x', 'unknown_field']]);
    });

    test('getters are read once by value, never called for absent keys, and inputs are not written', () => {
      let reads = 0;
      const body = Object.freeze({
        get fullName() {
          reads++;
          return 'Jane';
        },
      });
      assert.equal(api.validateUpdate(body).ok, true);
      assert.ok(reads >= 1 && reads <= 2, `read ${reads} times`);
      const frozen = Object.freeze({ risk: Object.freeze({ isNewCustomer: 'yes' }) });
      assert.equal(api.validateUpdate(frozen).ok, false); // a write would throw in strict mode
    });

    test('a malformed current throws the documented Error; hostile ones too', () => {
      for (const current of [new Proxy({}, { ownKeys: throwing }), { get kyc_status() { throw new Error('x'); } }, () => 1, 5n]) {
        assert.throws(() => api.validateUpdate({ fullName: 'x' }, current), (e) => e instanceof Error && /current record/.test(e.message));
      }
      stillWorks(api);
    });

    test('every other entry takes hostile values without throwing', () => {
      const hostile = new Proxy({}, { ownKeys: throwing, get: throwing });
      assert.equal(api.validateCustomer(hostile).ok, false);
      assert.equal(api.validateCustomer(deepObject(100000)).ok, false);
      assert.equal(api.buildPatchRequest(hostile).ok, false);
      assert.equal(api.buildPatchRequest({ id: 'x', update: hostile }).ok, false);
      assert.deepEqual(api.diffUpdate({ kyc_status: 'PENDING' }, hostile).skipped.map((i) => i.code), ['invalid_type']);
      assert.throws(() => api.parseCustomerId(hostile), Error);
      assert.equal(api.updateStandardSchema()['~standard'].validate(hostile).issues[0].path.length, 0);
      assert.throws(() => api.validateUpdateJson(hostile), TypeError);
      stillWorks(api);
    });
  });
}

test('nothing was written to any prototype', () => {
  assert.deepEqual(Object.keys(Object.prototype), []);
  assert.equal({}.fullName, undefined);
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).filter((k) => /fullName|risk|email|phone/.test(k)), []);
});

test('huge JSON text: a 10 MB string and 100,000-deep nesting', () => {
  const long = esm.validateUpdateJson(JSON.stringify({ fullName: 'é'.repeat(5 * 1024 * 1024) }));
  assert.deepEqual(long.issues.map((i) => [i.code, i.params.actual]), [['too_long', 5 * 1024 * 1024]]);
  const deep = esm.validateUpdateJson('['.repeat(100000) + ']'.repeat(100000));
  assert.deepEqual(deep.issues.map((i) => i.code), ['invalid_type']);
  const unbalanced = esm.validateUpdateJson('['.repeat(100000));
  assert.deepEqual(unbalanced.issues.map((i) => i.code), ['invalid_json']);
  stillWorks(esm);
});

// A trap: a call that runs the module out of memory (a batch or a diff too
// large for its 4 GiB) stops it where it was. White-box, through the default
// entry's own module instances: the module's memory is overwritten (what a
// trap leaves: memory that can no longer be trusted), so that its next call
// traps. That call throws a RangeError; the call after it gets a new instance.
describe('after a trap', async () => {
  const { join } = await import('node:path');
  const { pathToFileURL } = await import('node:url');
  const { INSTALLED } = await import('./paths.mjs');
  const url = (file) => pathToFileURL(join(INSTALLED, 'dist', file)).href;
  const api = await import(url('index.js'));
  const glue = await import(url('glue.js'));
  const spoil = () => new Uint8Array(glue.tape_memory().buffer).fill(0xff);
  const invalid = { fullName: '', email: 'nope', phone: 5 };
  const trap = (e) => e instanceof RangeError && /trapped during this call/.test(e.message) && e.cause instanceof WebAssembly.RuntimeError;

  test('the call throws a RangeError, and every call after it works on a new instance', () => {
    const before = api.validateUpdate(invalid);
    const memory = glue.tape_memory();
    spoil();
    assert.throws(() => api.validateUpdate({ fullName: '' }), trap);
    assert.deepEqual(api.validateUpdate(invalid), before);
    assert.notEqual(glue.tape_memory(), memory, 'a new memory');
    stillWorks(api);
    // Every kind of call traps the same way and recovers.
    for (const call of [
      () => api.validateUpdateJson('{"fullName":""}'),
      () => api.validateBatchJson('[{"update":{"fullName":""}}]'),
      () => api.diffUpdate({ kyc_status: 'PENDING' }, { phone: NaN }),
      () => api.buildPatchRequest({ id: 'crm 1', update: { fullName: '' } }),
    ]) {
      const want = call();
      spoil();
      assert.throws(call, trap);
      assert.deepEqual(call(), want);
    }
  });

  test('a call a nested call trapped in throws too, never answers from memory that is gone', () => {
    const want = api.validateUpdate({ fullName: 'Jane', email: 'nope' });
    const body = {
      fullName: 'Jane',
      get email() {
        spoil();
        assert.throws(() => api.validateUpdate({ fullName: '' }), trap);
        return 'nope';
      },
    };
    // Its own call did not trap (the cause): the module it wrote into was replaced.
    assert.throws(() => api.validateUpdate(body), (e) => e instanceof RangeError && /trapped during this call/.test(e.message));
    assert.deepEqual(api.validateUpdate({ fullName: 'Jane', email: 'nope' }), want);
    stillWorks(api);
  });
});
