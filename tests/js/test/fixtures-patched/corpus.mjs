// Child process of patched-builtins.test.mjs (one process per patch):
//
//   node corpus.mjs <patch> <wrong|throws>   answers before and after the patch (applied AFTER the package loaded)
//   node corpus.mjs pollute-before           Object.prototype polluted BEFORE the import: answers after
//   node corpus.mjs built-keys <variant>     the names of what the package builds defined on Object.prototype
//                                            (a setter, read-only, an enumerable value) AFTER the import
//   node corpus.mjs built-keys-before <variant>   the same, BEFORE the import: answers after
//   node corpus.mjs encoder-before <all|long>   TextEncoder.prototype.encodeInto replaced BEFORE the import by
//                                            one that makes no progress (on every string, or on strings past
//                                            8 units only, so that it passes the package's check at load)
//   node corpus.mjs none                     the unpatched answers (twice)
//   node corpus.mjs list                     the names of the patches
//
// Prints one line of JSON: { before?, after }. Every answer is computed with
// the patch in place and serialized only after the patch is undone, so the
// patch cannot change how this script writes its output. The corpus is built
// before any patch; the calls between patch and restore use no built-in
// method (indexed loops only).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FIXTURES, SCRATCH } from '../paths.mjs';

const [name = 'none', variant = 'wrong'] = process.argv.slice(2);

// --- The corpus (built before any patch) ------------------------------------

const seed = JSON.parse(readFileSync(join(FIXTURES, 'customer-cases.json'), 'utf8')).valid; // VERIFIED
const pending = { ...seed, kyc_status: 'PENDING', kyc_completed_at: null, identity: null };
const verifiedText = JSON.stringify(seed);
const pendingText = JSON.stringify(pending);
const unknownStatus = { kyc_status: 'DONE', full_name: 'Jane Doe', email: 'jane@example.com' };
const manyKeys = {};
for (let i = 0; i < 150; i++) manyKeys['k' + i] = i;
const manyKeysText = JSON.stringify(manyKeys);
const badRecord = { ...seed, id: 'nope', kyc_status: 'DONE', created_at: 'yesterday' };
class Customer {
  constructor() {
    this.fullName = 'Jane';
  }
}
const customer = new Customer();
const withToJSON = { risk: { isNewCustomer: true, toJSON: () => ({ isNewCustomer: true }) } };
const inherited = Object.assign(Object.create({ fullName: '', email: 'bad' }), { phone: null });
const batchText = JSON.stringify([
  { update: { fullName: 'Jane Doe' } },
  { update: { email: 'bad', risk: { foo: true } } },
  { update: { fullName: 'Other' }, current: seed },
  { update: { fullName: 'Jane Doe', email: 'jane@example.com' }, current: seed },
  { update: { fullName: 'Jane\uD800' } },
  { update: manyKeys },
  { update: {}, current: 5 },
  { update: { phone: null }, current: pending },
]);
const rawBatchText = batchText.replace('\\ud800', '\uD800');
const KEY = 'patched-builtins-key';
const ID = '550E8400-E29B-41D4-A716-446655440000';

/** [label, call(api)]: valid bodies (the JS fast path), invalid ones, frozen cases, every export. */
const CORPUS = [
  // validateUpdate: answered in JavaScript when certainly valid...
  ['valid: fullName', (a) => a.validateUpdate({ fullName: 'Jane Doe' })],
  ['valid: every field', (a) => a.validateUpdate({ fullName: 'Jane Doe', email: 'jane@example.com', phone: '+61 400 000 000', risk: { isNewCustomer: true, handlesCashOrCrypto: false } })],
  ['valid: empty', (a) => a.validateUpdate({})],
  ['valid: phone null, undefined member', (a) => a.validateUpdate({ phone: null, email: undefined })],
  ['valid: 127 emoji', (a) => a.validateUpdate({ fullName: '\u{1F600}'.repeat(127) })],
  ['valid: 255 characters', (a) => a.validateUpdate({ fullName: 'a'.repeat(255) })],
  ['valid: inherited data unread', (a) => a.validateUpdate(inherited)],
  // ...and everything else by wasm.
  ['invalid: email bad', (a) => a.validateUpdate({ email: 'bad' })],
  ['invalid: risk foo', (a) => a.validateUpdate({ risk: { foo: true } })],
  ['invalid: fullName empty', (a) => a.validateUpdate({ fullName: '' })],
  ['invalid: 256 characters', (a) => a.validateUpdate({ fullName: 'a'.repeat(256) })],
  ['invalid: lone surrogate', (a) => a.validateUpdate({ fullName: 'Jane\uD800' })],
  ['invalid: unknown key', (a) => a.validateUpdate({ fullName: 'Jane', full_name: 'Jane' })],
  ['invalid: immutable key', (a) => a.validateUpdate({ kyc_status: 'VERIFIED' })],
  ['invalid: NaN', (a) => a.validateUpdate({ phone: NaN })],
  ['invalid: Date', (a) => a.validateUpdate({ fullName: new Date(0) })],
  ['invalid: class instance', (a) => a.validateUpdate({ risk: customer })],
  ['invalid: toJSON', (a) => a.validateUpdate(withToJSON)],
  ['invalid: array body', (a) => a.validateUpdate([{ fullName: 'x' }])],
  ['invalid: null risk', (a) => a.validateUpdate({ risk: null, fullName: null })],
  ['invalid: 150 unknown keys (cap)', (a) => a.validateUpdate(manyKeys)],
  // The freeze rules.
  ['frozen change', (a) => a.validateUpdate({ fullName: 'Other' }, seed)],
  ['frozen unchanged (warnings)', (a) => a.validateUpdate({ fullName: 'Jane Doe', email: 'jane@example.com' }, seed)],
  ['frozen email change', (a) => a.validateUpdate({ email: 'new@example.com', phone: '1' }, seed)],
  ['pending: not frozen', (a) => a.validateUpdate({ fullName: 'Other' }, pending)],
  ['unknown status: warning', (a) => a.validateUpdate({ fullName: 'Other' }, unknownStatus)],
  ['current without own kyc_status throws', (a) => a.validateUpdate({ fullName: 'x' }, {})],
  ['current with inherited kyc_status throws', (a) => a.validateUpdate({ fullName: 'x' }, Object.create({ kyc_status: 'VERIFIED' }))],
  ['current 5 throws', (a) => a.validateUpdate({}, 5)],
  ['record surrogate identity', (a) => a.validateUpdate({ fullName: 'Jane\uFFFD' }, { kyc_status: 'VERIFIED', full_name: 'Jane\uD800' })],
  // JSON text.
  ['json: email bad', (a) => a.validateUpdateJson('{"email":"bad"}')],
  ['json: valid', (a) => a.validateUpdateJson('{"fullName":"Jane Doe","risk":{"isNewCustomer":true}}')],
  ['json: escaped surrogate', (a) => a.validateUpdateJson('{"fullName":"\\ud800"}')],
  ['json: raw surrogate', (a) => a.validateUpdateJson('{"fullName":"\uD800"}')],
  ['json: not JSON', (a) => a.validateUpdateJson('{\n  "fullName" "Jane"\n}')],
  ['json: frozen', (a) => a.validateUpdateJson('{"fullName":"Other","email":"jane@example.com"}', verifiedText)],
  ['json: pending', (a) => a.validateUpdateJson('{"fullName":"Other"}', pendingText)],
  ['json: cap', (a) => a.validateUpdateJson(manyKeysText)],
  ['json: bad current throws', (a) => a.validateUpdateJson('{}', '{"full_name":"x"}')],
  ['batch', (a) => a.validateBatchJson(batchText)],
  ['batch: raw surrogate', (a) => a.validateBatchJson(rawBatchText)],
  ['batch: not an array', (a) => a.validateBatchJson('{')],
  // Requests (a fixed key: answers must be equal byte for byte).
  ['request: valid', (a) => a.buildPatchRequest({ id: ID, update: { phone: '+61 400 000 000', risk: { isNewCustomer: true } }, idempotencyKey: KEY })],
  ['request: external id, base URL', (a) => a.buildPatchRequest({ id: 'crm/7741', update: { fullName: 'Jane Doe' }, idempotencyKey: KEY, baseUrl: 'https://example.test/v1/', current: pending })],
  ['request: frozen', (a) => a.buildPatchRequest({ id: ID, update: { fullName: 'Other' }, current: seed, idempotencyKey: KEY })],
  ['request: invalid', (a) => a.buildPatchRequest({ id: '', update: { email: 'bad', risk: { foo: true } }, idempotencyKey: 'a b' })],
  ['request: unchanged (warning)', (a) => a.buildPatchRequest({ id: ID, update: { email: 'jane@example.com' }, current: seed, idempotencyKey: KEY })],
  // The rest of the API.
  ['diff: verified', (a) => a.diffUpdate(seed, { fullName: 'Jane Doe', email: 'new@example.com', phone: null, risk: { isNewCustomer: true }, kyc_status: 'PENDING' })],
  ['diff: pending', (a) => a.diffUpdate(pending, { fullName: 'B', email: 'jane@example.com' })],
  ['diff: surrogate identity', (a) => a.diffUpdate({ kyc_status: 'PENDING', full_name: 'Jane\uD800' }, { fullName: 'Jane\uFFFD' })],
  ['customer: seed record', (a) => a.validateCustomer(seed)],
  ['customer: bad record', (a) => a.validateCustomer(badRecord)],
  ['fieldRules: verified', (a) => a.fieldRules(seed)],
  ['fieldRules: none', (a) => a.fieldRules()],
  ['parseCustomerId: uuid', (a) => a.parseCustomerId(ID)],
  ['parseCustomerId: external', (a) => a.parseCustomerId('crm-7741')],
  ['parseCustomerId: empty throws', (a) => a.parseCustomerId('')],
  ['standard schema: frozen', (a) => a.updateStandardSchema(seed)['~standard'].validate({ fullName: 'Other' })],
  ['standard schema: valid', (a) => a.updateStandardSchema(seed)['~standard'].validate({ phone: '1' })],
  ['updateSchema', (a) => a.updateSchema()],
  ['customerSchema', (a) => a.customerSchema()],
];

/** Every answer, or the message of what it threw. Indexed loops only: a patched Array method must not matter here. */
function answers(api) {
  const out = new Array(CORPUS.length);
  for (let i = 0; i < CORPUS.length; i++) {
    try {
      out[i] = { value: CORPUS[i][1](api) };
    } catch (error) {
      out[i] = { threw: error instanceof Error ? `${error.name}: ${error.message}` : 'a non-Error' };
    }
  }
  return out;
}

// --- Patches ----------------------------------------------------------------

/** [target, key, wrong value]. Each replaces a built-in with one giving wrong answers. */
function wrongOnes() {
  const empty = function () {};
  return {
    'RegExp.prototype.exec': [RegExp.prototype, 'exec', () => null],
    'RegExp.prototype.test': [RegExp.prototype, 'test', () => true],
    'Set.prototype.has': [Set.prototype, 'has', () => true],
    'Map.prototype.get': [Map.prototype, 'get', () => ({ path: ['patched'], code: 'patched', message: 'patched' })],
    'Array.prototype.push': [Array.prototype, 'push', () => 0],
    'Array.prototype.map': [Array.prototype, 'map', () => []],
    'Array.prototype.join': [Array.prototype, 'join', () => 'patched'],
    'Array.prototype.includes': [Array.prototype, 'includes', () => true],
    'Array.prototype.indexOf': [Array.prototype, 'indexOf', () => 0],
    'Array.prototype.every': [Array.prototype, 'every', () => true],
    'Array.prototype.some': [Array.prototype, 'some', () => false],
    'Array.prototype.forEach': [Array.prototype, 'forEach', empty],
    'Array.prototype.slice': [Array.prototype, 'slice', () => []],
    'Array.prototype[Symbol.iterator]': [Array.prototype, Symbol.iterator, function* () {}],
    'Array.prototype.toJSON': [Array.prototype, 'toJSON', () => 'patched'],
    'Object.prototype.toJSON': [Object.prototype, 'toJSON', () => 'patched'],
    'String.prototype.startsWith': [String.prototype, 'startsWith', () => true],
    'String.prototype.trim': [String.prototype, 'trim', () => 'patched'],
    'String.prototype.slice': [String.prototype, 'slice', () => ''],
    'String.prototype.charCodeAt': [String.prototype, 'charCodeAt', () => 0xd800],
    'String.prototype.codePointAt': [String.prototype, 'codePointAt', () => 0xd800],
    'String.prototype.isWellFormed': [String.prototype, 'isWellFormed', () => true],
    'String.prototype.toWellFormed': [String.prototype, 'toWellFormed', () => 'patched'],
    'Function.prototype.call': [Function.prototype, 'call', () => true],
    'Function.prototype.apply': [Function.prototype, 'apply', () => true],
    'Function.prototype.bind': [Function.prototype, 'bind', () => () => true],
    'JSON.parse': [JSON, 'parse', () => ({ ok: true, issues: [], warnings: [] })],
    'JSON.stringify': [JSON, 'stringify', () => '{}'],
    'Object.keys': [Object, 'keys', () => []],
    'Object.getPrototypeOf': [Object, 'getPrototypeOf', () => null],
    'Number.isFinite': [Number, 'isFinite', () => true],
    'TextEncoder.prototype.encode': [TextEncoder.prototype, 'encode', () => new Uint8Array(0)],
    'TextEncoder.prototype.encodeInto': [TextEncoder.prototype, 'encodeInto', () => ({ read: 0, written: 0 })],
    'TextDecoder.prototype.decode': [TextDecoder.prototype, 'decode', () => ''],
    'Uint8Array.prototype.set': [Uint8Array.prototype, 'set', empty],
    'Uint8Array.prototype.subarray': [Uint8Array.prototype, 'subarray', () => new Uint8Array(0)],
  };
}

/** Object.prototype keys a record or body might be read through. */
const POLLUTION = [
  ['kyc_status', 'VERIFIED'],
  ['fullName', ''],
  ['full_name', 'Polluted'],
  ['email', 'bad'],
  ['toJSON', () => 'patched'],
];

/**
 * The names of what the package builds (results, issues and their params,
 * field rules, request headers, the update of a diff) and of its own inner
 * objects: a property under one of them on Object.prototype must not reach
 * what is built (an assignment would call its setter, or throw on a
 * read-only one), nor be read for a property the package left out.
 */
const BUILT_KEYS = [
  'ok', 'issues', 'warnings', 'path', 'code', 'message', 'params',
  'actual', 'allowed', 'column', 'expected', 'field', 'kycStatus', 'line', 'max', 'min', 'offset', 'omitted', 'reason', 'received', 'suggestion',
  'total', 'valid', 'invalid', 'results', 'index',
  'editable', 'minLength', 'maxLength', 'nullable', 'format',
  'fullName', 'email', 'phone', 'risk', 'isNewCustomer', 'isDesignatedService', 'handlesCashOrCrypto',
  'update', 'skipped', 'request', 'method', 'url', 'headers', 'body', 'Content-Type', 'Accept', 'Idempotency-Key',
  'kind', 'uuid', 'externalId',
  'words', 'at', 'bytes', 'forms', 'raw', 'p', 'args', 'id',
];

/** How each BUILT_KEYS name is defined on Object.prototype. */
const BUILT_VARIANTS = {
  // A setter that drops what is assigned, and a getter with a wrong value.
  setter: { get: () => 'polluted', set: () => {}, enumerable: false, configurable: true },
  // What Object.defineProperty(Object.prototype, key, { value }) makes.
  readonly: { value: 'polluted', writable: false, enumerable: false, configurable: true },
  // What `Object.prototype[key] = value` makes.
  value: { value: 'polluted', writable: true, enumerable: true, configurable: true },
};

/**
 * Defines BUILT_KEYS on Object.prototype as `variant` says; returns the undo.
 * Before the import, all but `path`: Node's own ES module loader reads it
 * from an object of its own, and no import works at all.
 */
function defineBuilt(variant, beforeImport) {
  const descriptor = BUILT_VARIANTS[variant];
  if (!descriptor) throw new Error(`corpus.mjs: no variant named ${variant}`);
  const keys = beforeImport ? BUILT_KEYS.filter((k) => k !== 'path') : BUILT_KEYS;
  for (let i = 0; i < keys.length; i++) Object.defineProperty(Object.prototype, keys[i], descriptor);
  return () => {
    for (let i = 0; i < keys.length; i++) delete Object.prototype[keys[i]];
  };
}

/** Applies patches (as plain assignments would, but restorable); returns the undo. */
function applyAll(list) {
  const saved = [];
  for (const [target, key, value] of list) {
    saved.push([target, key, Object.getOwnPropertyDescriptor(target, key)]);
    Object.defineProperty(target, key, { value, writable: true, enumerable: target === Object.prototype, configurable: true });
  }
  return () => {
    // Indexed reads, no destructuring: Array.prototype[Symbol.iterator] may be the patch being undone.
    for (let i = saved.length - 1; i >= 0; i--) {
      if (saved[i][2]) Object.defineProperty(saved[i][0], saved[i][1], saved[i][2]);
      else delete saved[i][0][saved[i][1]];
    }
  };
}

const thrower = () => {
  throw new Error('patched built-in');
};

// --- Run --------------------------------------------------------------------

const entry = pathToFileURL(join(SCRATCH, 'esm.mjs')).href;
const print = (result) => process.stdout.write(JSON.stringify(result) + '\n');

/** The answers with `apply()` (which returns its undo) in force from before the import. */
async function patchedBeforeImport(apply) {
  const undo = apply();
  let after;
  try {
    after = answers(await import(entry));
  } finally {
    undo();
  }
  return { after };
}

/** The answers, then the answers again with `apply()` (which returns its undo) in force. */
async function patchedAfterImport(apply) {
  const api = await import(entry);
  const before = answers(api);
  const undo = apply();
  let after;
  try {
    after = answers(api);
  } finally {
    undo();
  }
  return { before, after };
}

const pollution = () => applyAll(POLLUTION.map(([k, v]) => [Object.prototype, k, v]));

if (name === 'list') {
  print(Object.keys(wrongOnes()));
} else if (name === 'built-keys-before') {
  print(await patchedBeforeImport(() => defineBuilt(variant, true)));
} else if (name === 'built-keys') {
  print(await patchedAfterImport(() => defineBuilt(variant, false)));
} else if (name === 'pollute-before') {
  print(await patchedBeforeImport(pollution));
} else if (name === 'encoder-before') {
  // Captured at load, so the package's long texts meet it: it must fall back, never loop.
  const original = TextEncoder.prototype.encodeInto;
  const stuck = variant === 'long' ? function (s, b) { return s.length > 8 ? { read: 0, written: 0 } : original.call(this, s, b); } : () => ({ read: 0, written: 0 });
  print(await patchedBeforeImport(() => applyAll([[TextEncoder.prototype, 'encodeInto', stuck]])));
} else if (name === 'none') {
  print(await patchedAfterImport(() => () => {}));
} else if (name === 'Object.prototype pollution') {
  print(await patchedAfterImport(pollution));
} else {
  const one = wrongOnes()[name];
  if (!one) throw new Error(`corpus.mjs: no patch named ${name}`);
  print(await patchedAfterImport(() => applyAll([variant === 'throws' ? [one[0], one[1], thrower] : one])));
}
