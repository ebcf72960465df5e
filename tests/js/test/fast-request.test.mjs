// The fast paths of buildPatchRequest and diffUpdate (JavaScript that builds
// the answer from rule data when the input is certainly valid) must answer
// exactly what wasm answers. A copy of the installed dist whose rule data has
// no REQUEST_RULES answers every request and diff in wasm; generated inputs
// near every boundary go through both, and the answers must be equal.

import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { esm, internals, loadFixture } from './helpers.mjs';
import { INSTALLED } from './paths.mjs';

const { records } = loadFixture('update-cases.json');

// The wasm-only instance: the installed dist with REQUEST_RULES null.
const dir = mkdtempSync(join(tmpdir(), 'ic-request-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const rulesText = readFileSync(join(INSTALLED, 'dist', 'rules.js'), 'utf8');
const requestLine = /^export const REQUEST_RULES = .*;$/m;
assert.match(rulesText, requestLine, 'rules.js exports REQUEST_RULES on one line');
cpSync(join(INSTALLED, 'dist'), dir, { recursive: true });
writeFileSync(join(dir, 'rules.js'), rulesText.replace(requestLine, 'export const REQUEST_RULES = null;'));
await import(pathToFileURL(join(dir, 'index.js')).href);
const wasmOnly = await import(pathToFileURL(join(dir, 'api.js')).href);

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The answer of `call` (a fresh idempotency key masked once it is checked), or the message of what it threw. */
function answer(call, freshKey) {
  let r;
  try {
    r = call();
  } catch (e) {
    return { threw: String(e && e.message) };
  }
  if (freshKey && r.ok) {
    const key = r.request.headers['Idempotency-Key'];
    assert.match(key, UUID_V4, 'a fresh key is a lower-case UUID v4');
    r.request.headers['Idempotency-Key'] = 'fresh';
  }
  return r;
}

const EMOJI = '\u{1F600}';
const ascii = (min, max) => fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '-', '.'), minLength: min, maxLength: max });
/** Strings a body may carry, with every character JSON escapes (or does not: DEL, U+2028) and lone surrogates. */
const text = fc.oneof(
  ascii(0, 12),
  fc.string({ unit: fc.constantFrom('a', '"', '\\', '\n', '\r', '\t', '\b', '\f', '\u0000', '\u001f', '\u007f', '\u2028', '/', 'é', EMOJI), maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom('', 'Jane Doe', 'a'.repeat(255), 'a'.repeat(256), EMOJI.repeat(128), '1'.repeat(32), '1'.repeat(33), 'a\uD800', '\uDC00b'),
);
const email = fc.oneof(
  fc.stringMatching(/^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]{1,10}@[a-z0-9]{1,6}(\.[a-z]{2,3})?$/),
  fc.constantFrom('jane@example.com', 'a@b', 'a@b.', 'a b@c.d', 'a"b@c.d'),
);
const other = fc.constantFrom(5, true, null, undefined, [], {}, ['x']);
const riskAnswer = fc.oneof(fc.boolean(), fc.boolean(), fc.constantFrom(null, 'yes', undefined));
const risk = fc.oneof(
  fc.record({ isNewCustomer: riskAnswer, isDesignatedService: riskAnswer, handlesCashOrCrypto: riskAnswer }, { requiredKeys: [] }),
  fc.record({ handlesCashOrCrypto: fc.boolean(), isNewCustomer: fc.boolean(), cash: fc.boolean() }, { requiredKeys: [] }),
  other,
);
/** Bodies: the four fields (in any order) with values near every rule, sometimes an extra key. */
const update = fc
  .tuple(
    fc.record(
      {
        risk: fc.oneof(risk, risk, risk, other),
        phone: fc.oneof(text, fc.constant(null), other),
        email: fc.oneof(email, email, text, other),
        fullName: fc.oneof(text, text, other),
      },
      { requiredKeys: [] },
    ),
    fc.oneof({ weight: 8, arbitrary: fc.constant(null) }, fc.constantFrom('kyc_status', 'full_name', 'x', '__proto__')),
  )
  .map(([fields, extra]) => {
    if (extra !== null) Object.defineProperty(fields, extra, { value: 1, enumerable: true, writable: true, configurable: true });
    return fields;
  });
const current = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(undefined, null) },
  fc.constantFrom(...Object.values(records)),
  fc.record({
    kyc_status: fc.constantFrom('VERIFIED', 'PENDING', 'verified', 'DONE', 5),
    full_name: fc.constantFrom('Jane Doe', 'a', null),
    email: fc.constantFrom('jane@example.com', 'a@b', null),
  }),
  fc.constantFrom('VERIFIED', [], 5),
);
const hex = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: 32, maxLength: 32 });
const uuid = hex.map((h) => `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`);
const id = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'Z', '0', '-', '.', '_', '~'), minLength: 0, maxLength: 40 }),
  uuid,
  uuid.map((u) => u.replace(/-/g, 'G')), // 36 characters, not a UUID
  fc.constantFrom('.', '..', '...', 'a/b', 'a b', 'é', '%41', 'crm-7741', 'CRM-7741', 'x'.repeat(255), 'x'.repeat(256), 'a\uD800', ''),
  fc.constantFrom(5, null, undefined, {}),
);
const key = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(undefined, null) },
  uuid,
  fc.string({ unit: fc.constantFrom('!', '~', 'a', ':', ' ', 'é', '\u007f'), minLength: 0, maxLength: 8 }),
  fc.constantFrom('k'.repeat(255), 'k'.repeat(256), 5),
);
const baseUrl = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(undefined, null) },
  fc.constantFrom(
    'https://x.example/api',
    'https://x.example/api/',
    'https://x.example//',
    'http://localhost:8080',
    'https://',
    'https:///x',
    'HTTPS://x',
    'ftp://x',
    'https://a?b',
    'https://a#b',
    'https://a b',
    'https://a\uD800',
    'https://a\n/',
    'https://a\t.example/',
    'https://a.example\\api',
    'https://é.example/',
    'https://x.example:8080/api',
    'https://x.example:65535/api',
    'https://x.example:65536/api',
    'https://x.example:99999/api',
    'https://x.example:/api',
    'https://user:pw@x.example/api',
    'https://x.example/api/..',
    'https://x.example/api/./v1',
    'https://x.example/api/%2e%2e/',
    'https://x.example/a..b/.c',
    'https://[::1]:8443/api',
    'Https://x.example/api',
    '//x',
    '',
    5,
  ),
);
/** A body that leans valid, so that the fast paths answer often and their edges are probed. */
const validLeaning = fc.record(
  {
    fullName: fc.oneof(ascii(1, 20), text, fc.constantFrom('Jane Doe', 'a')),
    email: fc.oneof(email, fc.constantFrom('jane@example.com', 'a@b')),
    phone: fc.oneof(fc.constant(null), ascii(0, 33), text),
    risk: fc.record({ isNewCustomer: fc.boolean(), isDesignatedService: fc.boolean(), handlesCashOrCrypto: fc.boolean() }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);
const plainId = fc.oneof(fc.string({ unit: fc.constantFrom('a', 'Z', '0', '-', '_', '~'), minLength: 1, maxLength: 20 }), uuid.map((u) => u.toLowerCase()));
const input = fc.oneof(
  fc.record({ id, update: fc.oneof(update, validLeaning, fc.constant(undefined)), current, idempotencyKey: key, baseUrl }, { requiredKeys: ['id'] }),
  fc.record(
    {
      id: plainId,
      update: validLeaning,
      current: fc.constantFrom(undefined, records.verified, records.pending),
      idempotencyKey: fc.oneof(fc.constant(undefined), uuid),
      baseUrl: fc.constantFrom(undefined, 'https://x.example/api/', 'http://localhost:8080'),
    },
    { requiredKeys: ['id', 'update'] },
  ),
);

test('buildPatchRequest: the fast path answers exactly what wasm answers (generated inputs)', (t) => {
  let fast = 0;
  let runs = 0;
  fc.assert(
    fc.property(input, (i) => {
      runs++;
      const fresh = i.idempotencyKey === undefined || i.idempotencyKey === null;
      const want = answer(() => wasmOnly.buildPatchRequest(i), fresh);
      if (internals.__fastRequest(i, i.idempotencyKey, 'k') !== null) {
        fast++;
        assert.equal(want.ok, true, JSON.stringify(i));
      }
      assert.deepEqual(answer(() => esm.buildPatchRequest(i), fresh), want, JSON.stringify(i));
    }),
    { numRuns: 20000 },
  );
  t.diagnostic(`fast path answered ${fast} of ${runs} generated inputs`);
  assert.ok(fast > runs * 0.1 && fast < runs * 0.8, `fast path taken ${fast} of ${runs} times`);
});

test('diffUpdate: the fast path answers exactly what wasm answers (generated records and desired states)', (t) => {
  let fast = 0;
  let runs = 0;
  fc.assert(
    fc.property(current, fc.oneof(update, validLeaning), (c, d) => {
      runs++;
      const want = answer(() => wasmOnly.diffUpdate(c, d));
      if (internals.__fastDiff(c, d) !== null) {
        fast++;
        assert.deepEqual(want.skipped, [], JSON.stringify([c, d]));
      }
      assert.deepEqual(answer(() => esm.diffUpdate(c, d)), want, JSON.stringify([c, d]));
    }),
    { numRuns: 20000 },
  );
  t.diagnostic(`fast path answered ${fast} of ${runs} generated diffs`);
  assert.ok(fast > runs * 0.1 && fast < runs * 0.8, `fast path taken ${fast} of ${runs} times`);
});

test('the fast paths answer the common sync step, and leave to wasm what only it can say', () => {
  const update = { fullName: 'Jane Doe', phone: '+61 400 000 000', risk: { isNewCustomer: true } };
  const yes = [
    { id: 'crm-7741', update },
    { id: '0b9d6c1e-6f52-4c8e-9a51-3f0e2a6b7c11', update, current: records.verified, idempotencyKey: 'sync-1' },
    { id: 'crm-7741', update: {}, baseUrl: 'https://sandbox.example/api/v1/' },
  ];
  for (const i of yes) assert.notEqual(internals.__fastRequest(i, i.idempotencyKey, 'k'), null, JSON.stringify(i));
  const no = [
    { id: '0B9D6C1E-6F52-4C8E-9A51-3F0E2A6B7C11', update }, // a UUID goes lower-cased
    { id: 'a/b', update }, // percent-encoded
    { id: '..', update },
    { id: 'crm-7741', update: { fullName: 'Jane Dough' }, current: records.verified }, // frozen
    { id: 'crm-7741', update, idempotencyKey: 'a b' },
    { id: 'crm-7741', update, baseUrl: 'https://a?b' },
    { id: 'crm-7741' },
  ];
  for (const i of no) assert.equal(internals.__fastRequest(i, i.idempotencyKey, 'k'), null, JSON.stringify(i));
  assert.notEqual(internals.__fastDiff(records.verified, { fullName: records.verified.full_name, phone: null }), null);
  assert.equal(internals.__fastDiff(records.verified, { fullName: 'Jane Dough' }), null); // skipped: frozen_field
  assert.equal(internals.__fastDiff(records.pending, { kyc_status: 'VERIFIED' }), null); // skipped: immutable_field
});

test('inherited fields, getters that change their answer and a patched toJSON change nothing', () => {
  const i = { id: 'crm-7741', idempotencyKey: 'k-1' };
  // A field inherited from a polluted Object.prototype: the tape reads own keys only.
  // (A polluted risk key is also a key of the body, which no fast path answers.)
  const pollution = { phone: '1' };
  const bodies = [{ fullName: 'Jane' }, { risk: { handlesCashOrCrypto: false } }, {}];
  const want = bodies.map((update) => [wasmOnly.buildPatchRequest({ ...i, update }), wasmOnly.diffUpdate(records.pending, update)]);
  for (const k of Object.keys(pollution)) Object.defineProperty(Object.prototype, k, { value: pollution[k], enumerable: true, writable: true, configurable: true });
  let got;
  try {
    got = bodies.map((update) => [esm.buildPatchRequest({ ...i, update }), esm.diffUpdate(records.pending, update)]);
  } finally {
    for (const k of Object.keys(pollution)) delete Object.prototype[k];
  }
  assert.deepEqual(got, want);
  assert.equal(want[0][0].request.body, '{"fullName":"Jane"}');
  // A non-enumerable value on Object.prototype is no field and no answer (the
  // check's `for...in` does not see it; reading an answer not given would).
  const hidden = [['isNewCustomer', true], ['phone', '1']];
  for (const [k, v] of hidden) Object.defineProperty(Object.prototype, k, { value: v, writable: true, configurable: true });
  try {
    for (const update of [{ risk: { handlesCashOrCrypto: false } }, { fullName: 'Jane' }]) {
      assert.deepEqual(esm.buildPatchRequest({ ...i, update }), wasmOnly.buildPatchRequest({ ...i, update }));
      assert.deepEqual(esm.diffUpdate(records.pending, update), wasmOnly.diffUpdate(records.pending, update));
    }
    assert.equal(esm.buildPatchRequest({ ...i, update: { risk: { handlesCashOrCrypto: false } } }).request.body, '{"risk":{"handlesCashOrCrypto":false}}');
  } finally {
    for (const [k] of hidden) delete Object.prototype[k];
  }
  // A risk answer that is a boolean when checked and a string when read
  // again: the answer is what wasm says of the value it reads (the string).
  let reads = 0;
  const flip = {};
  Object.defineProperty(flip, 'isNewCustomer', { get: () => (reads++ === 0 ? true : 'yes'), enumerable: true });
  assert.equal(esm.buildPatchRequest({ ...i, update: { risk: flip } }).ok, false);
  reads = 0;
  assert.equal(esm.diffUpdate(records.pending, { risk: flip }).update.risk.isNewCustomer, 'yes');
  // A page's Object.prototype.toJSON is not asked for the body.
  Object.defineProperty(Object.prototype, 'toJSON', { value: () => 'patched', writable: true, configurable: true });
  try {
    const r = esm.buildPatchRequest({ ...i, update: { phone: '1', risk: { isNewCustomer: false } } });
    assert.equal(r.request.body, '{"phone":"1","risk":{"isNewCustomer":false}}');
  } finally {
    delete Object.prototype.toJSON;
  }
});

test('a key or locale that cannot be read: the same answer on both paths, whatever the id', () => {
  const throwing = () => {
    throw new Error('boom');
  };
  for (const id of ['crm-1', 'crm 1', '550e8400-e29b-41d4-a716-446655440000']) {
    const input = { id, update: {}, get idempotencyKey() { return throwing(); } };
    for (const api of [esm, wasmOnly]) {
      const r = api.buildPatchRequest(input);
      assert.equal(r.ok, false, `${id}: ${JSON.stringify(r)}`);
      assert.deepEqual(r.issues.map((i) => [i.path, i.code, i.params.received]), [[['idempotencyKey'], 'invalid_type', 'unreadable']]);
    }
    // A locale that cannot be read is no locale: the configured language, and an answer.
    const r = esm.buildPatchRequest({ id, update: {}, idempotencyKey: 'k', get locale() { return throwing(); } });
    assert.equal(r.ok, true, JSON.stringify(r));
  }
  const proxy = new Proxy({}, { getOwnPropertyDescriptor: throwing, ownKeys: throwing, get: throwing, has: throwing });
  for (const api of [esm, wasmOnly]) {
    const r = api.buildPatchRequest(proxy);
    assert.deepEqual([r.ok, r.issues.map((i) => [i.path, i.code, i.params.received])], [false, [[[], 'invalid_type', 'unreadable']]]);
  }
  assert.equal(esm.validateUpdate({ fullName: '' }, undefined, { get locale() { return throwing(); } }).issues[0].message, 'Full name must not be empty.');
});
