// The standing differential of issue 10 (README "Decisions" and "Limits";
// "Hardening"): hostile JavaScript values through the value path
// (validateUpdate, buildPatchRequest, diffUpdate) against the text path
// (validateUpdateJson, validateBatchJson) on the same values as JSON text.
//
// Every generated value is built by the generators below, which also label
// the objects JSON cannot say the same way (class instances, built-ins,
// objects with toJSON). A reference serializer (`model`) writes each value as
// JSON text the way the spec says the value path reads it: own enumerable
// string keys, `undefined` members absent, inherited / non-enumerable /
// symbol-keyed data unread. Each value JSON cannot carry (spec section 6: a
// labelled object, NaN and the infinities, functions, symbols, BigInt) is
// written as the placeholder `0`, and its path is remembered. Then:
//
// - no such value: validateUpdate(v, c) deep-equals
//   validateUpdateJson(JSON.stringify(v), currentText), and the model's text
//   IS JSON.stringify(v) (a check of the model itself);
// - otherwise: validateUpdate(v, c) deep-equals the text path on the model's
//   text, except that each `invalid_type` issue at a placeholder's path says
//   the documented `received` ('Date', 'non-finite number', 'object with
//   toJSON', ...) with the message the value path gives that value alone.
//
// Fast enough to run on every change (about 10 s); fixed seed; counts printed.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inspect, isDeepStrictEqual } from 'node:util';
import vm from 'node:vm';
import fc from 'fast-check';
import { esm, loadFixture } from './helpers.mjs';
import { compareCodePoints, email, hasSurrogateEscape, IMMUTABLE_KEYS, rawSurrogates, SEED, sized, text, validEmail } from './gen.mjs';

const api = esm;
const { records } = loadFixture('update-cases.json');
const RUNS = 4000;
const DIFF_RUNS = 1500;
const BATCH_RUNS = 300;
const KEY = 'adversarial-key-1';
const FIELDS = ['fullName', 'email', 'phone', 'risk'];
const RISK_KEYS = ['isNewCustomer', 'isDesignatedService', 'handlesCashOrCrypto'];

// ---------------------------------------------------------------------------
// Labels: objects the value path names by kind (spec section 6).

const LABEL = new WeakMap();
const labelled = (o, received) => {
  LABEL.set(o, received);
  return o;
};

class Customer {
  constructor() {
    this.fullName = 'Jane';
  }
}
/** A class instance with its own toJSON: still named by its class (as a Date is). */
class Tagged {
  constructor() {
    this.isNewCustomer = true;
  }
  toJSON() {
    return { isNewCustomer: true };
  }
}

const REALM = vm.createContext();
const realmObject = () => vm.runInContext('({})', REALM);
const REALM_OBJECT_PROTO = Object.getPrototypeOf(realmObject());

/** [received, make]: objects JSON.stringify would send as data (or as its toJSON's answer). */
const SPECIAL_OBJECTS = [
  ['Date', () => new Date(0)],
  ['Map', () => new Map([['isNewCustomer', true]])],
  ['Set', () => new Set(['x'])],
  ['RegExp', () => /x/],
  ['String', () => new String('Jane')], // eslint-disable-line no-new-wrappers
  ['Number', () => new Number(1)], // eslint-disable-line no-new-wrappers
  ['Boolean', () => new Boolean(true)], // eslint-disable-line no-new-wrappers
  ['Uint8Array', () => new Uint8Array(2)],
  ['Customer', () => new Customer()],
  ['Tagged', () => new Tagged()],
  ['object with toJSON', () => ({ isNewCustomer: true, toJSON: () => ({ isNewCustomer: true }) })],
  ['object with toJSON', () => Object.defineProperty({ fullName: 'Jane' }, 'toJSON', { value: () => 'Jane', enumerable: false })],
  ['object with toJSON', () => Object.assign(Object.create({ toJSON: () => 'Jane' }), { isNewCustomer: true })],
  ['object with toJSON', () => Object.create(Object.create({ toJSON: () => ({}) }))],
  ['object with toJSON', () => Object.assign(Object.create(null), { toJSON: () => 'x', fullName: 'x' })],
];

/** True when a function named toJSON is on `o` or on a prototype below Object.prototype (any realm). */
function toJSONInChain(o) {
  for (let at = o; at !== null && at !== Object.prototype && at !== REALM_OBJECT_PROTO; at = Object.getPrototypeOf(at)) {
    const d = Object.getOwnPropertyDescriptor(at, 'toJSON');
    if (d && typeof d.value === 'function') return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// The reference serializer.

/**
 * `{ text, specials }`: the JSON text of `value` as the value path reads it,
 * each value JSON cannot carry written as `0`, with its path and the
 * documented `received` in `specials`. Reads getters as JSON.stringify does.
 */
function model(value) {
  const specials = [];
  const special = (v, path, received) => {
    specials.push({ path, received, value: v });
    return '0';
  };
  const walk = (v, path) => {
    switch (typeof v) {
      case 'string':
        return JSON.stringify(v);
      case 'number':
        return Number.isFinite(v) ? JSON.stringify(v) : special(v, path, 'non-finite number');
      case 'boolean':
        return v ? 'true' : 'false';
      case 'undefined':
        return special(v, path, 'undefined'); // only the root gets here: members and items are handled below
      case 'bigint':
        return special(v, path, 'bigint');
      case 'symbol':
        return special(v, path, 'symbol');
      case 'function':
        return special(v, path, 'function');
      default:
        break;
    }
    if (v === null) return 'null';
    const received = LABEL.get(v);
    if (received !== undefined) return special(v, path, received);
    if (Array.isArray(v)) {
      const items = [];
      for (let i = 0; i < v.length; i++) items.push(v[i] === undefined ? 'null' : walk(v[i], [...path, String(i)]));
      return `[${items.join(',')}]`;
    }
    const members = [];
    for (const key of Object.keys(v)) {
      const item = v[key];
      if (item !== undefined) members.push(`${JSON.stringify(key)}:${walk(item, [...path, key])}`);
    }
    return `{${members.join(',')}}`;
  };
  return { text: walk(value, []), specials };
}

/** A path as the results write it: a key with an unpaired surrogate has U+FFFD in its place. */
const pathKey = (path) => path.map((k) => String(k).toWellFormed()).join('\u0000');

/** `value` at `path` in a fresh body (own enumerable keys, even `__proto__`). */
function nest(path, value) {
  let v = value;
  for (let i = path.length - 1; i >= 0; i--) v = Object.defineProperty({}, path[i], { value: v, enumerable: true, writable: true, configurable: true });
  return v;
}

const aloneCache = new Map();
/** The message validateUpdate gives the special value alone at its path. */
function aloneMessage(s) {
  const cacheKey = `${pathKey(s.path)}\u0001${s.received}`;
  if (!aloneCache.has(cacheKey)) {
    const r = api.validateUpdate(nest(s.path, s.value));
    const issue = r.issues.find((i) => i.code === 'invalid_type' && pathKey(i.path) === pathKey(s.path));
    aloneCache.set(cacheKey, issue ? issue.message : `(no invalid_type at ${JSON.stringify(s.path)} for ${s.received} alone: ${JSON.stringify(r.issues)})`);
  }
  return aloneCache.get(cacheKey);
}

/** The documented answer of the value path: the text path's result with each placeholder named. */
function documented(byText, specials) {
  const at = new Map(specials.map((s) => [pathKey(s.path), s]));
  const name = (issue) => {
    const s = at.get(pathKey(issue.path));
    if (!s || issue.code !== 'invalid_type') return issue;
    return { ...issue, params: { ...issue.params, received: s.received }, message: aloneMessage(s) };
  };
  return { ...byText, issues: byText.issues.map(name) };
}

const attempt = (fn) => {
  try {
    return { value: fn() };
  } catch (error) {
    return { error };
  }
};

// ---------------------------------------------------------------------------
// Generators.

const LONE = ['Jane\uD800', '\uDC00', 'a\uDE00\uD83Db', '\uD83D', 'x\uDBFF y'];
const strings = fc.oneof(
  { weight: 6, arbitrary: text([0, 1, 2, 32, 33, 254, 255, 256]) },
  { weight: 3, arbitrary: email },
  { weight: 2, arbitrary: fc.constantFrom('Jane Doe', 'jane@example.com', 'Jane\uFFFD', 'a@b', ...LONE) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
);
const scalar = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
const specialPrimitive = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity),
  fc.constantFrom(10n, -1n),
  fc.constant(null).map(() => () => 'Jane'),
  fc.constant(null).map(() => Symbol('x')),
);
const specialObject = fc.constantFrom(...SPECIAL_OBJECTS).map(([received, make]) => labelled(make(), received));
const special = fc.oneof(specialPrimitive, specialObject);

/** Keys: the fields, immutable ones, near misses by case and normalisation, prototype names, lone surrogates, numbers. */
const OTHER_KEYS = [
  'full_name', 'fullname', 'FULLNAME', 'FullName', 'fullNam\u00E9', 'fullName\u0301', 'fullNamé'.normalize('NFD'),
  'Email', 'e-mail', 'phoneNumber', 'mobile', 'isNewCustomer', 'name', 'x', '', ' ',
  '__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'toJSON',
  'x\uD800', '\uDC00', '\u{1F600}', '0', '10', '2',
];
const anyKey = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...FIELDS) },
  { weight: 1, arbitrary: fc.constantFrom(...IMMUTABLE_KEYS) },
  { weight: 4, arbitrary: fc.constantFrom(...OTHER_KEYS) },
);

/** Data that the value must NOT read: on a prototype, non-enumerable, or under a symbol (a toJSON function only in hostile bodies). */
const HIDDEN_KEYS = ['fullName', 'email', 'phone', 'risk', 'kyc_status', 'x', 'full_name'];
const hiddenOf = (keys) => fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, fc.array(fc.tuple(fc.constantFrom(...keys), fc.nat()), { minLength: 1, maxLength: 3 }));
const hidden = hiddenOf(HIDDEN_KEYS);

const FLAVORS = ['plain', 'plain', 'plain', 'plain', 'nullProto', 'inherit', 'deepInherit', 'nonEnum', 'symbol', 'getter', 'proxy', 'realm'];
const flavor = fc.constantFrom(...FLAVORS);

const define = (o, key, value, getter = false) =>
  Object.defineProperty(
    o,
    key,
    getter ? { get: () => value, enumerable: true, configurable: true } : { value, enumerable: true, writable: true, configurable: true },
  );

const HIDDEN_VALUES = ['', 'bad', 5, null, 'VERIFIED'];
/**
 * An object of `entries` (own enumerable) in the given flavour. `hiddenSpec`
 * adds data the rules must not see (inherited, non-enumerable, symbol-keyed).
 * Labelled 'object with toJSON' when a toJSON function is own or inherited
 * from a plain prototype.
 */
function build(entries, shape, hiddenSpec) {
  const hiddenEntries = hiddenSpec.map(([k, n]) => [k, k === 'toJSON' ? () => ({ fullName: '' }) : HIDDEN_VALUES[n % HIDDEN_VALUES.length]]);
  const data = (base) => {
    for (const [k, v] of hiddenEntries) define(base, k, v);
    return base;
  };
  let o;
  if (shape === 'nullProto') o = Object.create(null);
  else if (shape === 'inherit') o = Object.create(data({}));
  else if (shape === 'deepInherit') o = Object.create(Object.create(data(Object.create(null))));
  else if (shape === 'realm') o = realmObject();
  else o = {};
  for (const [k, v] of entries) define(o, k, v, shape === 'getter' && k !== 'toJSON');
  if (shape === 'nonEnum') {
    for (const [k, v] of hiddenEntries) if (!Object.hasOwn(o, k)) Object.defineProperty(o, k, { value: v, enumerable: false, configurable: true });
  }
  if (shape === 'symbol') for (const [k, v] of hiddenEntries) o[Symbol(k)] = v;
  if (toJSONInChain(o)) return labelled(o, 'object with toJSON');
  return shape === 'proxy' ? new Proxy(o, {}) : o;
}

/**
 * The generators of one family. Hostile: every member may be a value JSON
 * cannot carry (a documented difference), and hidden data may hold a toJSON
 * function. Faithful: none of that (every value is plain JSON data in some
 * JavaScript shape: inherited, non-enumerable and symbol-keyed extras,
 * getters, Proxies, null prototypes, another realm), and the fields lean valid.
 */
function family(hostile) {
  const odd = hostile ? fc.oneof(specialPrimitive, specialObject) : strings;
  const hide = hostile ? hiddenOf([...HIDDEN_KEYS, 'toJSON', 'toJSON']) : hidden;
  const { member } = fc.letrec((tie) => ({
    member: fc.oneof(
      { maxDepth: 3, depthIdentifier: hostile ? 'hostile' : 'faithful' },
      { weight: 8, arbitrary: strings },
      { weight: 3, arbitrary: scalar },
      { weight: hostile ? 3 : 1, arbitrary: odd },
      { weight: 1, arbitrary: fc.constant(undefined) },
      { weight: 2, arbitrary: tie('object') },
      { weight: 1, arbitrary: tie('array') },
    ),
    array: fc.array(tie('member'), { maxLength: 3 }),
    object: fc
      .tuple(fc.array(fc.tuple(anyKey, tie('member')), { maxLength: 3 }), flavor, hide)
      .map(([entries, shape, h]) => build(entries, shape, h)),
  }));
  const lean = hostile ? 1 : 4;
  const riskAnswer = fc.oneof(
    { weight: 8 * lean, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: odd },
    { weight: 2, arbitrary: member },
  );
  const risk = fc.oneof(
    {
      weight: 6 * lean,
      arbitrary: fc
        .tuple(
          fc.record(Object.fromEntries(RISK_KEYS.map((k) => [k, riskAnswer])), { requiredKeys: [] }),
          fc.oneof(
            { weight: lean, arbitrary: fc.constant([]) },
            fc.array(fc.tuple(fc.constantFrom('foo', 'is_new_customer', 'IsNewCustomer', '__proto__', 'toJSON'), member), { maxLength: 1 }),
          ),
          flavor,
          hide,
        )
        .map(([answers, extras, shape, h]) => build([...Object.entries(answers), ...extras], shape, h)),
    },
    { weight: 2, arbitrary: odd },
    { weight: 1, arbitrary: member },
  );
  const fields = {
    fullName: fc.oneof({ weight: 3 * lean, arbitrary: sized([1, 2, 32, 255]) }, { weight: 6, arbitrary: strings }, { weight: 2, arbitrary: odd }, { weight: 2, arbitrary: member }),
    email: fc.oneof({ weight: 4 * lean, arbitrary: validEmail }, { weight: 3, arbitrary: strings }, { weight: 2, arbitrary: odd }, { weight: 1, arbitrary: member }),
    phone: fc.oneof({ weight: 4 * lean, arbitrary: sized([0, 1, 32, 33]) }, { weight: 2 * lean, arbitrary: fc.constant(null) }, { weight: 2, arbitrary: odd }, { weight: 2, arbitrary: member }),
    risk,
  };
  /** PATCH bodies: the four fields (some absent, some undefined), extra keys, any shape. */
  const objectBody = fc
    .tuple(
      fc.record(fields, { requiredKeys: [] }),
      fc.oneof({ weight: 3 * lean, arbitrary: fc.constant([]) }, fc.array(fc.tuple(anyKey, member), { minLength: 1, maxLength: 3 })),
      flavor,
      hide,
    )
    .map(([f, extras, shape, h]) => build([...Object.entries(f), ...extras], shape, h));
  const body = fc.oneof({ weight: 20, arbitrary: objectBody }, { weight: 1, arbitrary: odd }, { weight: 1, arbitrary: member }, { weight: hostile ? 1 : 0, arbitrary: fc.constant(undefined) });
  return { member, body };
}

const hostileFamily = family(true);
const faithfulFamily = family(false);
const { member } = hostileFamily;
/** Rarely, 150 to 5,000 more unknown keys on a generated body: past the 100-issue cap. */
const manyKeys = fc
  .tuple(fc.oneof(hostileFamily.body, faithfulFamily.body), fc.integer({ min: 150, max: 5000 }))
  .map(([v, n]) => {
    if (typeof v !== 'object' || v === null || Object.isFrozen(v)) return v;
    for (let i = 0; i < n; i++) define(v, `zz-${i}`, i % 3 === 0 ? undefined : i);
    return v;
  });
const body = fc.oneof({ weight: 40, arbitrary: hostileFamily.body }, { weight: 40, arbitrary: faithfulFamily.body }, { weight: 1, arbitrary: manyKeys });

const ABSENT = Symbol('absent');
/** Current records: fixture records, and small ones of every status and shape (extra keys may hold anything: never read). */
const smallRecord = fc
  .tuple(
    fc.constantFrom('VERIFIED', 'VERIFIED', 'VERIFIED', 'PENDING', 'NOT_STARTED', 'verified', 'DONE', ABSENT, 5, null),
    fc.constantFrom('Jane Doe', 'Jane\uD800', 'Jane\uFFFD', '\uDC00', 'a', '', null, ABSENT, 5),
    fc.constantFrom('jane@example.com', 'a@b', 'jane\uD800@example.com', null, ABSENT),
    fc.array(fc.tuple(fc.constantFrom('id', 'type', 'identity', 'aml', 'x', 'fullName', 'toJSON'), member), { maxLength: 2 }),
    fc.constantFrom('plain', 'plain', 'plain', 'nullProto', 'inherit', 'nonEnum', 'symbol', 'getter', 'proxy', 'realm'),
    fc.constantFrom([], [['kyc_status', 4]], [['kyc_status', 2]], [['full_name', 2]]),
  )
  .map(([status, fullName, mail, extras, shape, h]) => {
    const entries = [];
    if (status !== ABSENT) entries.push(['kyc_status', status]);
    if (fullName !== ABSENT) entries.push(['full_name', fullName]);
    if (mail !== ABSENT) entries.push(['email', mail]);
    // A toJSON function in a record is out of scope here (only the three keys are read): keep the key, not a function.
    return build([...entries, ...extras.map(([k, v]) => [k, k === 'toJSON' && typeof v === 'function' ? 'x' : v])], shape, h);
  });
const current = fc.oneof(
  { weight: 4, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.constantFrom(...Object.values(records)) },
  { weight: 5, arbitrary: smallRecord },
);

/** The text of a current record (undefined for none). Never JSON.stringify: an unread extra key may hold a BigInt. */
const recordText = (c) => (c === undefined || c === null ? undefined : model(c).text);

const show = (v) => inspect(v, { depth: 4, showHidden: true, breakLength: Infinity, maxStringLength: 80, maxArrayLength: 8 });

/** Invariants of every result: ok iff no issue, at most 100 issues plus the cap issue. */
function wellFormedResult(r) {
  assert.equal(r.ok, r.issues.length === 0);
  assert.ok(r.issues.length <= 101, `${r.issues.length} issues`);
  if (r.issues.length === 101) {
    const last = r.issues[100];
    assert.deepEqual(last.path, []);
    assert.ok(Number.isInteger(last.params?.omitted) && last.params.omitted > 0, JSON.stringify(last));
  }
}

/** An own enumerable editable key of `v` with a value other than undefined. */
const definedEditable = (v) => {
  if (typeof v !== 'object' || v === null || LABEL.has(v) || Array.isArray(v)) return false;
  return Object.keys(v).some((k) => FIELDS.includes(k) && v[k] !== undefined);
};

// ---------------------------------------------------------------------------

describe(`adversarial differential (fast-check seed ${SEED})`, () => {
  test(`validateUpdate(v, c) against validateUpdateJson, and buildPatchRequest, on ${RUNS} generated values`, (t) => {
    const seen = { cases: 0, plainJson: 0, documented: 0, threw: 0, rawCompared: 0, capped: 0, buildOk: 0, buildChecked: 0, withCurrent: 0 };
    const received = new Map();
    const disagreements = [];
    const disagree = (what, v, c, detail) => {
      if (disagreements.length < 2000) disagreements.push({ what, value: show(v), current: show(c), detail });
    };

    fc.assert(
      fc.property(body, current, (v, c) => {
        seen.cases++;
        if (c !== undefined && c !== null) seen.withCurrent++;
        const m = model(v);
        const ct = recordText(c);
        const byValue = attempt(() => api.validateUpdate(v, c));
        const byText = attempt(() => api.validateUpdateJson(m.text, ct));

        // A malformed current throws on both paths, with the same message.
        if (byValue.error || byText.error) {
          seen.threw++;
          if (!byValue.error || !byText.error || byValue.error.message !== byText.error.message) {
            disagree('one path threw', v, c, { value: byValue.error?.message ?? byValue.value, text: byText.error?.message ?? byText.value, currentText: ct });
          }
          const built = attempt(() => api.buildPatchRequest({ id: 'x', update: v, current: c, idempotencyKey: KEY }));
          if (!built.error) disagree('buildPatchRequest did not throw for a current validateUpdate throws on', v, c, built.value);
          return;
        }

        // The answer the value path must give.
        let expected = byText.value;
        if (m.specials.length === 0) {
          seen.plainJson++;
          const stringified = JSON.stringify(v);
          if (stringified !== m.text) disagree('the model is not JSON.stringify (test bug)', v, c, { stringified, model: m.text });
        } else {
          seen.documented++;
          for (const s of m.specials) received.set(s.received, (received.get(s.received) ?? 0) + 1);
          expected = documented(byText.value, m.specials);
        }
        try {
          assert.deepEqual(byValue.value, expected);
          wellFormedResult(byValue.value);
        } catch (e) {
          disagree('validateUpdate differs from the text path', v, c, { text: m.text, currentText: ct, value: byValue.value, expected, error: e.message.slice(0, 400) });
        }
        if (byValue.value.issues.length === 101) seen.capped++;

        // Raw lone surrogates read exactly like their escapes.
        if (hasSurrogateEscape(m.text) || hasSurrogateEscape(ct)) {
          seen.rawCompared++;
          const raw = attempt(() => api.validateUpdateJson(rawSurrogates(m.text), ct === undefined ? undefined : rawSurrogates(ct)));
          try {
            assert.deepEqual(raw, byText);
          } catch {
            disagree('raw surrogates read unlike their escapes', v, c, { text: m.text, raw: raw.error?.message ?? raw.value, escaped: byText.value });
          }
        }

        // buildPatchRequest: ok exactly when the body is, and then the body is the update as JSON.
        seen.buildChecked++;
        const built = attempt(() => api.buildPatchRequest({ id: 'x', update: v, current: c, idempotencyKey: KEY }));
        if (built.error) {
          disagree('buildPatchRequest threw', v, c, built.error.message);
          return;
        }
        const b = built.value;
        if (b.ok !== byValue.value.ok) disagree('buildPatchRequest ok differs from validateUpdate ok', v, c, { built: b, value: byValue.value });
        if (b.ok) {
          seen.buildOk++;
          const sent = attempt(() => JSON.parse(b.request.body));
          const wanted = JSON.parse(JSON.stringify(v));
          try {
            assert.equal(typeof b.request.body, 'string');
            assert.deepEqual(sent.value, wanted);
            assert.equal(api.validateUpdateJson(b.request.body, ct).ok, true);
            assert.equal(b.request.headers['Idempotency-Key'], KEY);
          } catch (e) {
            disagree('an accepted request does not send the update', v, c, { body: b.request.body, wanted, error: e.message.slice(0, 300) });
          }
          if (b.request.body === '{}' && definedEditable(v)) disagree('silent cut: body {} for an update with an editable key', v, c, b.request.body);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );

    t.diagnostic(
      `generated ${seen.cases} (body, current) cases, ${seen.withCurrent} with a current record: ${seen.plainJson} compared with ` +
        `validateUpdateJson(JSON.stringify(v)), ${seen.documented} holding a documented difference, ${seen.threw} where current throws; ` +
        `${seen.rawCompared} raw-surrogate texts compared; ${seen.capped} capped; buildPatchRequest checked ${seen.buildChecked} (${seen.buildOk} ok)`,
    );
    t.diagnostic(`documented differences seen: ${[...received].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    t.diagnostic(`disagreements: ${disagreements.length}`);
    assert.deepEqual(disagreements.slice(0, 3), [], `${disagreements.length} disagreements; the first ones above`);
    // The corpus must reach every kind for the comparison to mean anything.
    assert.ok(seen.plainJson > RUNS * 0.2, `only ${seen.plainJson} values without a documented difference`);
    assert.ok(seen.documented > RUNS * 0.2, `only ${seen.documented} values with one`);
    assert.ok(seen.threw > 50 && seen.rawCompared > 100 && seen.buildOk > 50 && seen.capped > 10, JSON.stringify(seen));
    for (const name of ['non-finite number', 'function', 'symbol', 'bigint', 'Date', 'Map', 'String', 'Customer', 'object with toJSON']) {
      assert.ok((received.get(name) ?? 0) > 5, `documented difference ${name} seen ${received.get(name) ?? 0} times`);
    }
  });

  test('hand-picked documented differences (spec section 6)', () => {
    const cases = [
      [{ phone: NaN }, ['phone'], 'non-finite number'],
      [{ risk: { isNewCustomer: Infinity } }, ['risk', 'isNewCustomer'], 'non-finite number'],
      [{ fullName: () => 'x' }, ['fullName'], 'function'],
      [{ email: Symbol('x') }, ['email'], 'symbol'],
      [{ phone: 1n }, ['phone'], 'bigint'],
      [{ fullName: new Date(0) }, ['fullName'], 'Date'],
      [{ risk: new Map() }, ['risk'], 'Map'],
      [{ fullName: new String('Jane') }, ['fullName'], 'String'], // eslint-disable-line no-new-wrappers
      [{ risk: new Customer() }, ['risk'], 'Customer'],
      [{ risk: { isNewCustomer: true, toJSON: () => ({}) } }, ['risk'], 'object with toJSON'],
      [{ risk: Object.defineProperty({}, 'toJSON', { value: () => ({}) }) }, ['risk'], 'object with toJSON'],
      [{ risk: Object.create({ toJSON: () => ({}) }) }, ['risk'], 'object with toJSON'],
      [Object.assign(Object.create({ toJSON: () => ({}) }), { fullName: 'Jane' }), [], 'object with toJSON'],
      [{ fullName: 'Jane', toJSON: () => ({ fullName: 'Jane' }) }, [], 'object with toJSON'],
    ];
    for (const [v, path, want] of cases) {
      const r = api.validateUpdate(v);
      const issue = r.issues.find((i) => pathKey(i.path) === pathKey(path));
      assert.ok(issue, `${show(v)}: an issue at ${JSON.stringify(path)} in ${JSON.stringify(r.issues)}`);
      assert.deepEqual([issue.code, issue.params?.expected !== undefined, issue.params?.received], ['invalid_type', true, want], show(v));
      assert.equal(r.ok, false);
    }
    // Plain chains are plain: own enumerable keys only, as JSON.stringify reads them.
    for (const v of [Object.create({}), Object.create(Object.create(null)), Object.assign(Object.create({ fullName: '' }), { email: 'bad' })]) {
      assert.deepEqual(api.validateUpdate(v), api.validateUpdateJson(JSON.stringify(v)), show(v));
    }
    // A key named toJSON holding no function is just an unknown key, for both.
    const notFn = { toJSON: 'x' };
    assert.deepEqual(api.validateUpdate(notFn), api.validateUpdateJson(JSON.stringify(notFn)));
    assert.deepEqual(api.validateUpdate(notFn).issues.map((i) => [i.path, i.code]), [[['toJSON'], 'unknown_field']]);
    // A key with an unpaired surrogate is reported with U+FFFD on both paths.
    const lone = { 'x\uD800': 1 };
    assert.deepEqual(api.validateUpdate(lone).issues.map((i) => i.path), [['x\uFFFD']]);
    assert.deepEqual(api.validateUpdate(lone), api.validateUpdateJson(JSON.stringify(lone)));
    assert.deepEqual(api.validateUpdate(lone), api.validateUpdateJson(rawSurrogates(JSON.stringify(lone))));
  });

  test('keys apart by case and normalisation are distinct keys, the same on both paths', () => {
    const nfc = 'fullNam\u00E9';
    const nfd = nfc.normalize('NFD');
    assert.notEqual(nfc, nfd);
    const v = { [nfd]: 1, FULLNAME: 1, fullname: 1, full_name: 1, [nfc]: 1, fullName: 'Jane' };
    const r = api.validateUpdate(v);
    assert.deepEqual(r, api.validateUpdateJson(JSON.stringify(v)));
    const keys = r.issues.map((i) => i.path[0]);
    assert.deepEqual(keys, [nfd, nfc, 'FULLNAME', 'full_name', 'fullname'].sort(compareCodePoints));
    assert.ok(r.issues.every((i) => i.code === 'unknown_field'));
  });
});

// ---------------------------------------------------------------------------
// The 100-issue cap on both paths, with 150 to 5,000 unknown keys.

describe('the issue cap: 150 to 5,000 unknown keys', () => {
  const aloneIssue = new Map();
  const unknownIssue = (k) => {
    if (!aloneIssue.has(k)) aloneIssue.set(k, api.validateUpdate({ [k]: 1 }).issues[0]);
    return aloneIssue.get(k);
  };
  /** A Proxy reporting `keys` (value 1) besides the target's own keys. */
  const keyProxy = (target, keys) => {
    const set = new Set(keys);
    return new Proxy(target, {
      ownKeys: (o) => [...Reflect.ownKeys(o), ...keys],
      getOwnPropertyDescriptor: (o, k) => Reflect.getOwnPropertyDescriptor(o, k) ?? (set.has(k) ? { value: 1, enumerable: true, configurable: true, writable: true } : undefined),
      get: (o, k) => (Object.hasOwn(o, k) ? o[k] : set.has(k) ? 1 : undefined),
    });
  };

  const FIELD_SETS = [
    ['no field', {}, undefined],
    ['fullName too short', { fullName: '', email: 'bad' }, undefined],
    ['a frozen change and an unchanged email', { fullName: 'Other', email: 'jane@example.com' }, records.verified],
  ];
  let checked = 0;
  for (const n of [150, 1000, 5000]) {
    for (const [label, fields, c] of FIELD_SETS) {
      test(`${n} unknown keys, ${label}`, () => {
        const keys = Array.from({ length: n }, (_, i) => `zz-unknown-${i}`);
        const v = { ...fields };
        for (const k of keys) v[k] = 1;
        const ct = c === undefined ? undefined : JSON.stringify(c);
        const byValue = api.validateUpdate(v, c);
        const fieldsOnly = api.validateUpdate(fields, c);
        // The issues in the documented order: the fields', then the unknown keys in code point order.
        const sorted = [...keys].sort(compareCodePoints);
        const listed = [...fieldsOnly.issues, ...sorted.slice(0, 101).map(unknownIssue)];
        const total = fieldsOnly.issues.length + n;
        const omitted = total - 100;
        assert.equal(byValue.issues.length, 101);
        const { message, ...capIssue } = byValue.issues[100];
        assert.deepEqual(
          { ...byValue, issues: byValue.issues.slice(0, 100) },
          { ok: false, issues: listed.slice(0, 100), warnings: fieldsOnly.warnings },
        );
        // path [], the code of the first issue left out, the count left out (named in the message).
        assert.deepEqual(capIssue, { path: [], code: listed[100].code, params: { omitted } });
        assert.ok(message.includes(String(omitted)) || message.includes(omitted.toLocaleString('en-US')), message);
        assert.match(message, /100/);
        // The text path and a Proxy reporting the same keys: the same answer.
        assert.deepEqual(api.validateUpdateJson(JSON.stringify(v), ct), byValue);
        assert.deepEqual(api.validateUpdate(keyProxy({ ...fields }, keys), c), byValue);
        // A batch item is capped the same way.
        const batch = api.validateBatchJson(`[{"update":${JSON.stringify(v)}${ct ? `,"current":${ct}` : ''}}]`);
        assert.deepEqual(batch.results, [{ index: 0, ...byValue }]);
        checked++;
      });
    }
  }
  test('cases checked', (t) => {
    t.diagnostic(`capped bodies checked on validateUpdate, validateUpdateJson, a Proxy and validateBatchJson: ${checked}`);
    assert.equal(checked, 9);
  });
});

// ---------------------------------------------------------------------------
// diffUpdate (CONTRACT section 4).

/** Valid-leaning desired bodies, in every shape that stays valid. */
const desiredBody = fc
  .tuple(
    fc.record(
      {
        fullName: fc.oneof(
          { weight: 6, arbitrary: sized([1, 2, 32, 255]) },
          { weight: 3, arbitrary: fc.constantFrom('Jane Doe', 'Jane\uFFFD', 'Jane Dough', 'a') },
          { weight: 1, arbitrary: fc.constant(undefined) },
        ),
        email: fc.oneof({ weight: 4, arbitrary: validEmail }, { weight: 3, arbitrary: fc.constantFrom('jane@example.com', 'a@b', 'new@example.com') }),
        phone: fc.oneof(sized([0, 1, 32]), fc.constant(null)),
        risk: fc
          .tuple(fc.record(Object.fromEntries(RISK_KEYS.map((k) => [k, fc.oneof(fc.boolean(), fc.constant(undefined))])), { requiredKeys: [] }), flavor, hidden)
          .map(([answers, shape, h]) => build(Object.entries(answers), shape, h.filter(([k]) => k !== 'toJSON'))),
      },
      { requiredKeys: [] },
    ),
    flavor,
    hidden,
  )
  .map(([fields, shape, h]) => build(Object.entries(fields), shape, h.filter(([k]) => k !== 'toJSON')));

/** Records diffUpdate accepts: a string kyc_status, full_name / email of any kind (lone surrogates too). */
const diffRecord = fc.oneof(
  fc.constantFrom(...Object.values(records)),
  fc
    .tuple(
      fc.constantFrom('VERIFIED', 'PENDING', 'NOT_STARTED', 'DONE'),
      fc.constantFrom('Jane Doe', 'Jane\uD800', 'Jane\uFFFD', null, ABSENT),
      fc.constantFrom('jane@example.com', 'a@b', null, ABSENT),
      fc.constantFrom('plain', 'nullProto', 'inherit', 'getter', 'proxy', 'realm', 'nonEnum', 'symbol'),
    )
    .map(([status, fullName, mail, shape]) => {
      const entries = [['kyc_status', status]];
      if (fullName !== ABSENT) entries.push(['full_name', fullName]);
      if (mail !== ABSENT) entries.push(['email', mail]);
      return build(entries, shape, [['full_name', 1], ['email', 1]]);
    }),
);

/** An own enumerable property, as the rules read a record. */
const own = (o, k) => (Object.prototype.propertyIsEnumerable.call(o, k) ? o[k] : undefined);

test(`diffUpdate: the update validates and carries every change (${DIFF_RUNS} generated pairs, seed ${SEED})`, (t) => {
  let accepted = 0;
  let frozenSkips = 0;
  let changes = 0;
  const disagreements = [];
  fc.assert(
    fc.property(diffRecord, desiredBody, (c, desired) => {
      if (!api.validateUpdate(desired).ok) return;
      accepted++;
      const d = api.diffUpdate(c, desired);
      const problems = [];
      if (!api.validateUpdate(d.update, c).ok) problems.push('the update does not validate against current');
      const frozen = own(c, 'kyc_status') === 'VERIFIED';
      const wanted = JSON.parse(JSON.stringify(desired));
      for (const k of FIELDS) {
        if (wanted[k] === undefined) {
          if (Object.hasOwn(d.update, k)) problems.push(`${k} is in the update but not in desired`);
          continue;
        }
        const recordKey = k === 'fullName' ? 'full_name' : k;
        const differs = k === 'phone' || k === 'risk' || wanted[k] !== own(c, recordKey);
        if (!differs) {
          if (Object.hasOwn(d.update, k)) problems.push(`unchanged ${k} kept`);
          continue;
        }
        changes++;
        const skipped = d.skipped.some((i) => i.code === 'frozen_field' && pathKey(i.path) === k);
        if (skipped) frozenSkips++;
        const carried = Object.hasOwn(d.update, k) && isDeepStrictEqual(d.update[k], wanted[k]);
        if (!carried && !skipped) problems.push(`${k} neither in the update nor skipped`);
        if (frozen && (k === 'fullName' || k === 'email') && !skipped) problems.push(`frozen change of ${k} not skipped`);
        if (!frozen && skipped) problems.push(`${k} skipped as frozen while the record is not VERIFIED`);
      }
      for (const k of Object.keys(d.update)) if (!FIELDS.includes(k)) problems.push(`update holds ${k}`);
      if (problems.length && disagreements.length < 100) disagreements.push({ problems, current: show(c), desired: show(desired), diff: d });
    }),
    { numRuns: DIFF_RUNS, seed: SEED },
  );
  t.diagnostic(`desired bodies accepted and diffed: ${accepted} of ${DIFF_RUNS}; changes checked ${changes}, frozen skips ${frozenSkips}; disagreements: ${disagreements.length}`);
  assert.deepEqual(disagreements.slice(0, 3), []);
  assert.ok(accepted > DIFF_RUNS * 0.5 && frozenSkips > 20, `${accepted} accepted, ${frozenSkips} frozen skips`);
});

test('diffUpdate: lone surrogates in the record keep their identity', () => {
  assert.deepEqual(api.diffUpdate({ kyc_status: 'PENDING', full_name: 'Jane\uD800' }, { fullName: 'Jane\uFFFD' }).update, { fullName: 'Jane\uFFFD' });
  const frozen = api.diffUpdate({ kyc_status: 'VERIFIED', full_name: 'Jane\uD800' }, { fullName: 'Jane\uFFFD' });
  assert.deepEqual(frozen.update, {});
  assert.deepEqual(frozen.skipped.map((i) => [i.path, i.code]), [[['fullName'], 'frozen_field']]);
  assert.deepEqual(api.diffUpdate({ kyc_status: 'PENDING', email: 'a\uDC00@b' }, { email: 'a\uFFFD@b' }).update, { email: 'a\uFFFD@b' });
});

test('diffUpdate: a value JSON cannot carry as given is skipped with its issues, never sent (NaN would clear the phone)', () => {
  const current = { kyc_status: 'PENDING', full_name: 'Jane', email: 'jane@example.com' };
  const cyclic = {};
  cyclic.self = cyclic;
  const deep = { a: { b: { c: { d: { e: { f: { g: 1 } } } } } } };
  class Phone {}
  const unsendable = [
    NaN, Infinity, -Infinity, 10n, Symbol('s'), () => 1, new Date(0), new String('+61 400'), new Number(1),
    { toJSON: () => '+61 400' }, new Map(), new Phone(), cyclic, deep,
    { get x() { throw new Error('getter'); } }, new Proxy({}, { ownKeys() { throw new Error('trap'); } }),
  ];
  for (const value of unsendable) {
    const places = [
      ['phone', { phone: value }],
      ['fullName', { fullName: value }],
      ['risk', { risk: { isNewCustomer: value } }],
      ['risk', { risk: { isNewCustomer: true, extra: value } }],
      ['risk', { risk: value }],
    ];
    for (const [key, fields] of places) {
      const desired = { ...fields, email: 'new@example.com' };
      const d = api.diffUpdate(current, desired);
      const what = `${key} from ${show(fields)}`;
      assert.ok(!Object.hasOwn(d.update, key), `${what}: sent as ${JSON.stringify(d.update[key])}`);
      assert.deepEqual(d.update, { email: 'new@example.com' }, what);
      assert.ok(d.skipped.length > 0 && d.skipped.every((i) => i.path[0] === key), `${what}: ${JSON.stringify(d.skipped)}`);
      // What the rules say of the same body, at that key (validation reads
      // only the kind of an object there, the diff all of it: a Proxy whose
      // ownKeys throws is an object to one and unreadable to the other).
      const said = api.validateUpdate(desired).issues.filter((i) => i.path[0] === key);
      const where = (issues) => issues.map((i) => [i.path, i.code]);
      if (key === 'phone' || key === 'fullName') assert.deepEqual(where(d.skipped), where(said), what);
    }
  }
  // What JSON carries goes into the update as given, however odd.
  const odd = { phone: 'x'.repeat(40), risk: { isNewCustomer: true, extra: { a: [1, { b: null }] } } };
  assert.deepEqual(api.diffUpdate(current, odd), { update: odd, skipped: [] });
});

test('diffUpdate: null where the record holds null is no change', () => {
  for (const kyc_status of ['PENDING', 'VERIFIED']) {
    const record = { kyc_status, full_name: null, email: null };
    assert.deepEqual(api.diffUpdate(record, { fullName: null, email: null, phone: null }), { update: { phone: null }, skipped: [] }, kyc_status);
    // Absent is not null: exact comparison.
    const absent = api.diffUpdate({ kyc_status }, { email: null });
    if (kyc_status === 'PENDING') assert.deepEqual(absent, { update: { email: null }, skipped: [] });
    else assert.deepEqual(absent.skipped.map((i) => i.code), ['frozen_field']);
    // null against a value is a change (CONTRACT: "null to a value is a change").
    const d = api.diffUpdate({ kyc_status, full_name: 'Jane', email: 'jane@example.com' }, { email: null });
    if (kyc_status === 'PENDING') assert.deepEqual(d, { update: { email: null }, skipped: [] });
    else assert.deepEqual([d.update, d.skipped.map((i) => [i.path, i.code])], [{}, [[['email'], 'frozen_field']]]);
  }
});

// ---------------------------------------------------------------------------
// validateBatchJson against validateUpdateJson, item by item.

/** One batch item: its update and current texts (JSON, from the model), possibly a current that throws. */
const batchItem = fc.oneof(
  { weight: 10, arbitrary: fc.tuple(body, current).map(([v, c]) => ({ update: model(v).text, current: recordText(c) })) },
  { weight: 1, arbitrary: fc.constantFrom('{}', '5', '"VERIFIED"', '[]', '{"kyc_status":5}', '{"full_name":"Jane"}').map((ct) => ({ update: '{"fullName":"Jane"}', current: ct })) },
  { weight: 1, arbitrary: fc.constantFrom(150, 230).map((n) => ({ update: JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]))), current: undefined })) },
);

test(`validateBatchJson agrees item by item with validateUpdateJson (${BATCH_RUNS} generated batches, raw surrogates too)`, (t) => {
  const seen = { batches: 0, items: 0, throwingCurrent: 0, listed: 0, raw: 0 };
  const disagreements = [];
  fc.assert(
    fc.property(fc.array(batchItem, { minLength: 0, maxLength: 8 }), fc.boolean(), (items, withId) => {
      seen.batches++;
      const texts = items.map((it, i) => `{${withId ? `"id":${i},` : ''}"update":${it.update}${it.current === undefined ? '' : `,"current":${it.current}`}}`);
      const batchText = `[${texts.join(',')}]`;
      const batch = api.validateBatchJson(batchText);
      const problems = [];
      let invalid = 0;
      const byIndex = new Map(batch.results.map((r) => [r.index, r]));
      items.forEach((it, index) => {
        seen.items++;
        const alone = attempt(() => api.validateUpdateJson(it.update, it.current));
        const r = byIndex.get(index);
        if (alone.error) {
          seen.throwingCurrent++;
          invalid++;
          if (!r || r.ok || !r.issues.some((i) => i.path.length === 0 || i.path[0] === 'current')) problems.push({ index, why: 'a current that throws alone is not that item\'s issue', r, error: alone.error.message });
          return;
        }
        if (!alone.value.ok) invalid++;
        if (alone.value.issues.length === 0 && alone.value.warnings.length === 0) {
          if (r !== undefined) problems.push({ index, why: 'listed without issues or warnings', r });
          return;
        }
        seen.listed++;
        if (!isDeepStrictEqual(r, { index, ...alone.value })) problems.push({ index, why: 'differs from validateUpdateJson', r, alone: alone.value, update: it.update, current: it.current });
      });
      if (batch.total !== items.length || batch.invalid !== invalid || batch.valid !== items.length - invalid) {
        problems.push({ why: 'counts', total: batch.total, valid: batch.valid, invalid: batch.invalid, wantInvalid: invalid });
      }
      if (batch.issues !== undefined && batch.issues.length !== 0) problems.push({ why: 'batch-level issues', issues: batch.issues });
      if (hasSurrogateEscape(batchText)) {
        seen.raw++;
        const raw = api.validateBatchJson(rawSurrogates(batchText));
        if (!isDeepStrictEqual(raw, batch)) problems.push({ why: 'raw surrogates read unlike their escapes', raw, batch });
      }
      if (problems.length && disagreements.length < 50) disagreements.push({ batchText: batchText.slice(0, 2000), problems });
    }),
    { numRuns: BATCH_RUNS, seed: SEED },
  );
  t.diagnostic(
    `batches ${seen.batches}, items ${seen.items} (${seen.listed} listed with issues or warnings, ${seen.throwingCurrent} with a current that throws alone); ` +
      `raw-surrogate batches compared ${seen.raw}; disagreements: ${disagreements.length}`,
  );
  assert.deepEqual(disagreements.slice(0, 2), []);
  assert.ok(seen.throwingCurrent > 10 && seen.raw > 20 && seen.listed > 200, JSON.stringify(seen));
});

