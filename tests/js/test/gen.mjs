// Generators shared by agreement.test.mjs and email-browser.test.mjs: PATCH
// bodies and email addresses biased to the contract's boundaries (lengths
// 0/1/32/33/255/256 in ASCII, accented and astral characters, near-valid
// emails, wrong types, unknown and immutable keys, risk objects).

import fc from 'fast-check';

/** One replayable seed for every generated corpus (`fc.assert(..., { seed })`). */
export const SEED = 20261125;

const ASTRAL = '\u{1F600}';

/** Fillers for sized strings: ASCII, space, accented, CJK, combining mark, astral (1 character, 2 UTF-16 units). */
const UNITS = ['a', 'Z', '0', ' ', '-', 'é', 'ü', '中', '\u0301', ASTRAL, '\u{10FFFF}'];

/** Strings of exactly n characters (n from `lengths`): the first k of one filler, the rest of another. */
export function sized(lengths) {
  return fc
    .tuple(fc.constantFrom(...lengths), fc.constantFrom(...UNITS), fc.constantFrom(...UNITS), fc.nat())
    .map(([n, a, b, k]) => {
      const cut = k % (n + 1);
      return a.repeat(cut) + b.repeat(n - cut);
    });
}

/** Unpaired surrogates: high and low alone, and a pair in the wrong order. */
const LONE = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uDE00\uD83D'];

/** A sized string with an unpaired surrogate put at some position. */
const withLone = fc
  .tuple(sized([0, 1, 31, 32, 254, 255]), fc.constantFrom(...LONE), fc.nat())
  .map(([s, lone, at]) => {
    const i = at % (s.length + 1);
    return s.slice(0, i) + lone + s.slice(i);
  });

/** Strings of the given lengths in characters, some grapheme soup, rarely one with an unpaired surrogate. */
export function text(lengths) {
  return fc.oneof(
    { weight: 12, arbitrary: sized(lengths) },
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
    { weight: 1, arbitrary: withLone },
  );
}

/** fullName: 1 to 255 characters. phone: at most 32. */
const FULL_NAME_LENGTHS = [0, 1, 2, 32, 33, 254, 255, 256];
const PHONE_LENGTHS = [0, 1, 2, 31, 32, 33, 255];

// --- Email addresses -------------------------------------------------------

/** atext: every character the WHATWG local part allows. */
export const ATEXT = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-";
/** Characters the local part does not allow (RFC 5322 specials, spaces, controls, non-ASCII, case-folding traps). */
const LOCAL_BAD = [' ', '\t', '"', '(', ')', ',', ':', ';', '<', '>', '@', '[', '\\', ']', '\0', '\x7F', '\f', '\v', 'é', '\u00A0', '\u212A', '\u017F', 'ı', '\uFF41', ASTRAL];
/** Characters a domain label allows, and some it does not. */
const LABEL_OK = 'abcxyzABXZ0189';
const LABEL_BAD = ['_', '.', '@', ' ', '\t', '[', ']', '+', '!', 'é', '\u212A', 'ı', '\u00A0', '\uFF0E', '\u3002', ASTRAL];

const localChar = fc.oneof({ weight: 40, arbitrary: fc.constantFrom(...ATEXT) }, { weight: 1, arbitrary: fc.constantFrom(...LOCAL_BAD) });
const labelChar = fc.oneof(
  { weight: 50, arbitrary: fc.constantFrom(...LABEL_OK) },
  { weight: 4, arbitrary: fc.constant('-') },
  { weight: 1, arbitrary: fc.constantFrom(...LABEL_BAD) },
);

const local = fc.oneof(
  { weight: 12, arbitrary: fc.string({ unit: localChar, minLength: 1, maxLength: 10 }) },
  fc.constantFrom('', '.', '..', '.a', 'a.', 'a..b', '"a b"', '"a"', 'a\\@b', 'A', 'Jane.Doe', 'x+tag', "o'neil", '{|}~', '=?^_`'),
  fc.constantFrom(63, 64, 65, 200).map((n) => 'a'.repeat(n)),
);

/** A label of n characters, the inner ones letters or hyphens. */
const longLabel = fc
  .tuple(fc.constantFrom(1, 2, 62, 63, 64), fc.constantFrom('x', '-', '0'))
  .map(([n, inner]) => (n === 1 ? 'x' : 'a' + inner.repeat(n - 2) + 'b'));

const label = fc.oneof(
  { weight: 14, arbitrary: fc.string({ unit: labelChar, minLength: 1, maxLength: 8 }) },
  { weight: 2, arbitrary: longLabel },
  fc.constantFrom('', '-', 'a-', '-a', 'a--b', 'xn--bcher-kva', 'XN--80AK6AA92E', '123', '0', 'localhost', 'münchen', '例え', '[127.0.0.1]', 'com'),
);

const domain = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.'));

/** Structural near-misses: the @ missing or doubled, a trailing dot, whitespace and line breaks around or inside. */
const around = fc.oneof(
  { weight: 12, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', '\r', '\f', '\v', '\u00A0', '\u3000', '.') },
);

/** Near-valid email addresses (about a third valid). */
export const email = fc.oneof(
  {
    weight: 20,
    arbitrary: fc
      .tuple(around, local, fc.oneof({ weight: 20, arbitrary: fc.constant('@') }, fc.constantFrom('', '@@', ' @', '@ ', '\n@')), domain, around)
      .map(([head, l, at, d, tail]) => head + l + at + d + tail),
  },
  // Total lengths around the 255-character limit, the structure valid.
  { weight: 1, arbitrary: fc.constantFrom(253, 254, 255, 256, 257).map((n) => 'a'.repeat(n - 12) + '@example.com') },
  // A line break or tab somewhere inside an otherwise valid address.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('jane.doe@example.com', 'a@b', 'x@xn--bcher-kva.ch'), fc.constantFrom('\n', '\r', '\t', ' ', '\r\n'), fc.nat())
      .map(([s, c, at]) => {
        const i = at % (s.length + 1);
        return s.slice(0, i) + c + s.slice(i);
      }),
  },
);

const alnum = fc.constantFrom(...'abcxyzABXZ0189');
/** A valid label of 1 to 63 characters: letters or digits at both ends, hyphens allowed inside. */
const validLabel = fc.oneof(
  { weight: 6, arbitrary: alnum },
  {
    weight: 6,
    arbitrary: fc
      .tuple(alnum, fc.string({ unit: fc.oneof({ weight: 4, arbitrary: alnum }, fc.constant('-')), maxLength: 8 }), alnum)
      .map((parts) => parts.join('')),
  },
  { weight: 1, arbitrary: fc.constantFrom(62, 63).map((n) => 'a' + '-'.repeat(n - 2) + 'z') },
  { weight: 1, arbitrary: fc.constantFrom('xn--bcher-kva', 'XN--80AK6AA92E', '123', 'localhost') },
);
/** Valid email addresses (WHATWG): any atext in the local part, dots anywhere included; lengths up to 255 and just past. */
export const validEmail = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .tuple(fc.string({ unit: fc.constantFrom(...ATEXT), minLength: 1, maxLength: 12 }), fc.array(validLabel, { minLength: 1, maxLength: 4 }))
      .map(([l, labels]) => `${l}@${labels.join('.')}`),
  },
  { weight: 1, arbitrary: fc.constantFrom(254, 255, 256).map((n) => 'a'.repeat(n - 12) + '@example.com') },
);

// --- PATCH bodies ----------------------------------------------------------

/**
 * Values of the wrong JSON type for a string or boolean field, JSON-representable only: no NaN, no Infinity
 * (validateUpdate reports those as 'non-finite number', where JSON.stringify would send null; the
 * differential of adversarial.test.mjs covers them).
 */
const scalar = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('', 'true', 'yes', '0'),
);
const wrong = fc.oneof(
  { weight: 4, arbitrary: scalar },
  fc.constantFrom([], ['a'], {}, { a: 1 }, [null], [[]]),
);

const RISK_KEYS = ['isNewCustomer', 'isDesignatedService', 'handlesCashOrCrypto'];
/** Risk keys that are not: snake_case, wrong case, typos, prototype names. */
const RISK_WRONG_KEYS = ['is_new_customer', 'isnewcustomer', 'IsNewCustomer', 'isDesignated', 'handlesCash', 'newCustomer', 'x', '', '__proto__', 'constructor'];

const riskAnswer = fc.oneof({ weight: 8, arbitrary: fc.boolean() }, { weight: 2, arbitrary: scalar }, fc.constantFrom([], {}));

/** Adds `extras` as own enumerable keys (even `__proto__`, as JSON.parse makes it). */
function withKeys(object, extras) {
  for (const [key, value] of extras) {
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return object;
}

export const risk = fc.oneof(
  { weight: 6, arbitrary: fc.record(Object.fromEntries(RISK_KEYS.map((k) => [k, riskAnswer])), { requiredKeys: [] }) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.record(Object.fromEntries(RISK_KEYS.map((k) => [k, fc.boolean()])), { requiredKeys: [] }),
        fc.array(fc.tuple(fc.constantFrom(...RISK_WRONG_KEYS), riskAnswer), { minLength: 1, maxLength: 2 }),
      )
      .map(([answers, extras]) => withKeys(answers, extras)),
  },
  { weight: 2, arbitrary: wrong },
);

/** Keys this endpoint never changes, in both spellings. */
export const IMMUTABLE_KEYS = [
  'type', 'external_id', 'externalId', 'kyc_status', 'kycStatus', 'kyc_started_at', 'kycStartedAt',
  'kyc_completed_at', 'kycCompletedAt', 'identity', 'aml', 'id', 'added_via', 'addedVia',
  'created_at', 'createdAt', 'updated_at', 'updatedAt',
];
/** Unknown keys: near misses of the editable fields, prototype names, odd strings (one with an unpaired surrogate). */
const UNKNOWN_KEYS = [
  'full_name', 'fullname', 'FullName', 'FULLNAME', 'name', 'Email', 'e-mail', 'mail', 'phoneNumber', 'phone_number',
  'Phone', 'risks', 'Risk', 'kyc', 'status', '', ' ', 'fullName ', '__proto__', 'constructor', 'toString',
  'hasOwnProperty', ASTRAL, 'x\uD800',
  // Keys apart only by Unicode normalisation (NFC and NFD of the same text), and a key named like toJSON
  // (with a non-function value it is just an unknown key, for JSON.stringify too).
  'fullNam\u00E9', 'fullName\u0301', 'toJSON',
];

const extraValue = fc.oneof(scalar, text([0, 1, 33]), fc.constant(undefined), fc.constantFrom({}, [], { fullName: 'x' }));
const extraKeys = fc.array(fc.tuple(fc.constantFrom(...IMMUTABLE_KEYS, ...UNKNOWN_KEYS), extraValue), { minLength: 1, maxLength: 3 });

/** Hostile bodies: the four fields at their boundaries, often of the wrong type, sometimes with extra keys. */
const hostileBody = fc
  .tuple(
    fc.record(
      {
        fullName: fc.oneof({ weight: 5, arbitrary: text(FULL_NAME_LENGTHS) }, wrong, fc.constant(undefined)),
        email: fc.oneof({ weight: 5, arbitrary: email }, wrong, fc.constant(undefined)),
        phone: fc.oneof({ weight: 5, arbitrary: text(PHONE_LENGTHS) }, { weight: 2, arbitrary: fc.constant(null) }, wrong),
        risk: fc.oneof({ weight: 4, arbitrary: risk }, fc.constant(undefined)),
      },
      { requiredKeys: [] },
    ),
    fc.oneof({ weight: 6, arbitrary: fc.constant([]) }, extraKeys),
  )
  .map(([fields, extras]) => withKeys(fields, extras));

/** Bodies that lean valid, each field near its limits, so that both verdicts come often. */
const leaningBody = fc
  .tuple(
    fc.record(
      {
        fullName: fc.oneof({ weight: 9, arbitrary: sized([1, 2, 32, 33, 254, 255]) }, sized([0, 256])),
        email: fc.oneof({ weight: 6, arbitrary: validEmail }, email),
        phone: fc.oneof({ weight: 6, arbitrary: sized([0, 1, 31, 32]) }, { weight: 2, arbitrary: fc.constant(null) }, sized([33])),
        risk: fc.oneof(
          { weight: 9, arbitrary: fc.record(Object.fromEntries(RISK_KEYS.map((k) => [k, fc.boolean()])), { requiredKeys: [] }) },
          risk,
        ),
      },
      { requiredKeys: [] },
    ),
    // An extra key whose value is undefined is absent: still valid.
    fc.oneof(
      { weight: 12, arbitrary: fc.constant([]) },
      fc.constantFrom(...IMMUTABLE_KEYS, ...UNKNOWN_KEYS).map((k) => [[k, undefined]]),
      extraKeys,
    ),
  )
  .map(([fields, extras]) => withKeys(fields, extras));

/** PATCH bodies: hostile, valid-leaning, and rarely not an object at all. */
export const body = fc.oneof(
  { weight: 12, arbitrary: hostileBody },
  { weight: 12, arbitrary: leaningBody },
  { weight: 1, arbitrary: fc.oneof(wrong, fc.constantFrom('{}', [{}], [{ fullName: 'x' }])) },
);

/** True when a string or key anywhere in `value` holds an unpaired surrogate (JSON Schema cannot see those). */
export function hasLoneSurrogate(value) {
  if (typeof value === 'string') return !value.isWellFormed();
  if (typeof value !== 'object' || value === null) return false;
  for (const key of Object.keys(value)) {
    if (hasLoneSurrogate(key) || hasLoneSurrogate(value[key])) return true;
  }
  return false;
}

// --- Helpers shared by adversarial.test.mjs and limits.test.mjs -------------

/**
 * `text` with every JSON escape of an unpaired surrogate (`\\ud800`, as JSON.stringify writes it) replaced
 * by the RAW code unit: a JavaScript string that is still JSON text for JSON.parse, holding raw lone
 * surrogates inside its string literals. An escaped backslash before `u` (`\\\\ud800`) is left alone.
 */
export function rawSurrogates(text) {
  return text.replace(/(?<!\\)((?:\\\\)*)\\u(d[89a-f][0-9a-f]{2})/gi, (_, slashes, hex) => slashes + String.fromCharCode(parseInt(hex, 16)));
}

/** Whether JSON text holds an escaped surrogate (a pair is written raw by JSON.stringify, so: a lone one). */
export const hasSurrogateEscape = (text) => typeof text === 'string' && /(?<!\\)(?:\\\\)*\\ud[89a-f]/i.test(text);

/** Code point order (the order the rules list unknown keys in), not UTF-16 unit order. */
export function compareCodePoints(a, b) {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
