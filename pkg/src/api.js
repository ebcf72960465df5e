// The public API of `ic-customer-contract` (CONTRACT.md section 4), on top of
// the wasm exports of src/wasm.rs. Every rule lives in the wasm module; this
// file only (1) encodes JavaScript values into the text the wasm reads,
// (2) answers the common valid case of `validateUpdate` without crossing into
// wasm, when the body is certainly valid, and (3) parses results into plain
// objects. build.mjs copies it to dist/ next to glue.js and schemas.js, and
// turns it into the CommonJS entry mechanically: keep the imports and
// `export function` / `export const` declarations in this plain shape.

import {
  build_patch_request,
  diff_update,
  field_rules,
  parse_customer_id,
  rule_data,
  validate_batch_json,
  validate_customer,
  validate_update,
  validate_update_json,
} from './glue.js';
import { CUSTOMER_SCHEMA_TEXT, UPDATE_SCHEMA_TEXT } from './schemas.js';

// Intrinsics, captured once: a page that later patches them cannot change what
// the encoder does.
const OBJECT_PROTO = Object.prototype;
const getProto = Object.getPrototypeOf;
const keysOf = Object.keys;
const isArray = Array.isArray;
const stringify = JSON.stringify;
const parse = JSON.parse;
const isFinite = Number.isFinite;
const fnToString = Function.prototype.toString;
const OBJECT_SOURCE = fnToString.call(Object);
const IS_WELL_FORMED = String.prototype.isWellFormed;
const SURROGATE = /[\uD800-\uDFFF]/;

// ---------------------------------------------------------------------------
// The encoder: a JavaScript value as JSON text plus `!"name"` tokens.

/** Containers at this depth (the root is 0) are written empty: the rules never read that deep. */
const MAX_DEPTH = 6;
/** Object members plus array items one encoding visits at most; past it containers are cut. */
const MAX_ENTRIES = 100000;

const UNREADABLE = '!"unreadable"';
const token = (name) => '!' + stringify(name);

/**
 * What an object is for the encoder: 'array', 'object' (a plain object, from
 * this realm or another one) or its constructor's name. May throw (a Proxy
 * trap, a getter): the caller turns that into `!"unreadable"`.
 */
function kindOf(o) {
  if (isArray(o)) return 'array';
  const proto = getProto(o);
  if (proto === OBJECT_PROTO || proto === null) return 'object';
  let ctor;
  try {
    ctor = proto.constructor;
  } catch {
    return 'object instance';
  }
  if (typeof ctor !== 'function') return 'object instance';
  // A plain object from another realm (an iframe, `vm`): its prototype is that
  // realm's Object.prototype.
  if (getProto(proto) === null && fnToString.call(ctor) === OBJECT_SOURCE) return 'object';
  let name;
  try {
    name = ctor.name;
  } catch {
    name = undefined;
  }
  return typeof name === 'string' && name !== '' ? name : 'object instance';
}

function encodeValue(value, depth, budget) {
  switch (typeof value) {
    case 'string':
      // Escapes unpaired surrogates as \udXXX: the wasm parser keeps them as ill-formed.
      return stringify(value);
    case 'number':
      return isFinite(value) ? String(value) : '0';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return '!"undefined"';
    case 'bigint':
      return '!"bigint"';
    case 'symbol':
      return '!"symbol"';
    case 'function':
      return '!"function"';
    default:
      break;
  }
  if (value === null) return 'null';
  let kind;
  try {
    kind = kindOf(value);
  } catch {
    return UNREADABLE;
  }
  if (kind === 'array') return encodeArray(value, depth, budget);
  if (kind === 'object') return encodeObject(value, depth, budget);
  return token(kind);
}

function encodeArray(array, depth, budget) {
  if (depth >= MAX_DEPTH || budget.left <= 0) return '[]';
  let length;
  try {
    length = array.length;
  } catch {
    return UNREADABLE;
  }
  // A Proxy over an array may report any length; the budget bounds the loop.
  if (typeof length !== 'number' || !(length > 0)) length = 0;
  let out = '[';
  for (let i = 0; i < length; i++) {
    if (budget.left <= 0) break;
    budget.left--;
    let item;
    try {
      item = array[i];
    } catch {
      out += (i > 0 ? ',' : '') + UNREADABLE;
      continue;
    }
    // A hole or `undefined` is null, as JSON.stringify writes it.
    out += (i > 0 ? ',' : '') + (item === undefined ? 'null' : encodeValue(item, depth + 1, budget));
  }
  return out + ']';
}

function encodeObject(object, depth, budget) {
  if (depth >= MAX_DEPTH || budget.left <= 0) return '{}';
  let keys;
  try {
    keys = keysOf(object); // own enumerable string keys only
  } catch {
    return UNREADABLE;
  }
  let out = '{';
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    if (budget.left <= 0) break;
    budget.left--;
    const key = keys[i];
    let item;
    let text;
    try {
      item = object[key];
    } catch {
      text = UNREADABLE;
    }
    if (text === undefined) {
      if (item === undefined) continue; // absent, as JSON.stringify does
      text = encodeValue(item, depth + 1, budget);
    }
    // `__proto__` and `constructor` are written as keys like any other: the
    // rules report them as unknown fields. Nothing is ever assigned here.
    out += (first ? '' : ',') + stringify(key) + ':' + text;
    first = false;
  }
  return out + '}';
}

/**
 * The package's encoding of any JavaScript value. Never throws, never
 * recurses deeper than MAX_DEPTH, never reads more than MAX_ENTRIES members.
 */
function encode(value) {
  try {
    return encodeValue(value, 0, { left: MAX_ENTRIES });
  } catch {
    // Only a string too long to escape (a RangeError) can get here.
    return UNREADABLE;
  }
}

// ---------------------------------------------------------------------------
// Results.

/**
 * Compiles and instantiates the wasm, when an entry defers that to the first
 * call that needs it (the Node entries do: a valid body never needs it).
 */
let LOAD = null;

/** Calls a wasm export (after loading the module if needed) and parses its answer. */
function run(fn, a, b) {
  if (LOAD !== null) {
    const load = LOAD;
    LOAD = null;
    load();
  }
  return answer(fn(a, b));
}

/** Parses the wasm's JSON answer; `{"error": msg}` (a programming error) throws. */
function answer(text) {
  const result = parse(text);
  if (text.startsWith('{"error":')) throw new Error(result.error);
  return result;
}


function text(value, what) {
  if (typeof value !== 'string') throw new TypeError(`${what} must be a string of JSON text`);
  return value;
}

// ---------------------------------------------------------------------------
// The fast path of validateUpdate. It reads the rule data once (at setup) and
// says true only when the body is certainly valid; anything else, or any
// exception, goes to wasm, which writes every issue and every warning.

let FAST = false;
let FULL_NAME_MIN = 1;
let FULL_NAME_MAX = 0;
let EMAIL_MAX = 0;
let PHONE_MAX = 0;
let EMAIL_RE = null;
let RISK_KEYS = new Set();
let KYC_STATUSES = new Set();
let FROZEN_STATUS = '';
let RANDOM = null;
/** Gives the random source at the first key (reading Node's webcrypto costs startup time). */
let RANDOM_SOURCE = null;
/** The two `unchanged_frozen_field` warnings, as wasm words them, by field. */
let UNCHANGED = null;

const wellFormed = IS_WELL_FORMED
  ? (s) => IS_WELL_FORMED.call(s)
  : (s) => !SURROGATE.test(s); // older engines: any surrogate goes to wasm

/** A string whose length in characters is certainly within [min, max]. */
function fits(value, min, max) {
  if (typeof value !== 'string') return false;
  const units = value.length;
  // Units >= characters >= ceil(units / 2) for a well-formed string; above max
  // in units may still fit in characters (emoji): wasm decides.
  return units <= max && (units + 1) >> 1 >= min && wellFormed(value);
}

function isPlain(value) {
  if (typeof value !== 'object' || value === null) return false;
  const proto = getProto(value);
  return proto === OBJECT_PROTO || proto === null;
}

function certainRisk(risk) {
  if (!isPlain(risk)) return false;
  const keys = keysOf(risk);
  for (let i = 0; i < keys.length; i++) {
    const answerValue = risk[keys[i]];
    if (answerValue === undefined) continue;
    if (typeof answerValue !== 'boolean' || !RISK_KEYS.has(keys[i])) return false;
  }
  return true;
}

/**
 * The warnings of a body that is certainly valid (with `current`), or null
 * when wasm must answer. The only warning it writes itself is the identical
 * value of a frozen field, copied from wasm's own wording (rule data), in
 * wasm's order (fullName, then email). May throw.
 */
function certainWarnings(update, current) {
  if (!isPlain(update)) return null;
  let frozen = false;
  if (current !== undefined && current !== null) {
    if (!isPlain(current)) return null;
    const status = current.kyc_status;
    if (typeof status !== 'string' || !KYC_STATUSES.has(status)) return null;
    frozen = status === FROZEN_STATUS;
  }
  let sameName = false;
  let sameEmail = false;
  const keys = keysOf(update);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const value = update[key];
    if (value === undefined) continue; // absent, for the encoder too
    if (key === 'fullName') {
      if (!fits(value, FULL_NAME_MIN, FULL_NAME_MAX)) return null;
      // Frozen: only the identical value is valid (with a warning).
      if (frozen && !(sameName = value === current.full_name)) return null;
    } else if (key === 'email') {
      if (!fits(value, 0, EMAIL_MAX) || EMAIL_RE === null || !EMAIL_RE.test(value)) return null;
      if (frozen && !(sameEmail = value === current.email)) return null;
    } else if (key === 'phone') {
      if (value !== null && !fits(value, 0, PHONE_MAX)) return null;
    } else if (key === 'risk') {
      if (!certainRisk(value)) return null;
    } else {
      return null;
    }
  }
  const warnings = [];
  if (sameName) warnings.push(unchangedWarning('fullName'));
  if (sameEmail) warnings.push(unchangedWarning('email'));
  return warnings;
}

function unchangedWarning(field) {
  const w = UNCHANGED.get(field);
  return { path: [field], code: w.code, message: w.message };
}

/**
 * Called once by each entry: keeps the random source (an object with
 * getRandomValues, or a function giving it at the first key) and reads the rule data, either as text written into the entry
 * at build time (from this wasm's `rule_data()`) or from the wasm itself.
 * `load`, when given, instantiates the wasm at the first call that needs it.
 */
export function __setup(random, rulesText, load) {
  if (typeof random === 'function') RANDOM_SOURCE = random;
  else if (random && typeof random.getRandomValues === 'function') RANDOM = random;
  const rules = parse(typeof rulesText === 'string' ? rulesText : rule_data());
  LOAD = typeof load === 'function' ? load : null;
  FULL_NAME_MIN = rules.fullNameMin;
  FULL_NAME_MAX = rules.fullNameMax;
  EMAIL_MAX = rules.emailMax;
  PHONE_MAX = rules.phoneMax;
  // Only an anchored pattern can say "certainly valid"; otherwise emails go to wasm.
  const pattern = rules.emailPattern;
  EMAIL_RE =
    typeof pattern === 'string' && pattern.startsWith('^') && pattern.endsWith('$')
      ? new RegExp(pattern)
      : null;
  RISK_KEYS = new Set(rules.riskKeys);
  KYC_STATUSES = new Set(rules.kycStatuses);
  FROZEN_STATUS = rules.frozenStatus;
  UNCHANGED = new Map((rules.unchangedFrozen || []).map((w) => [w.path[0], w]));
  // The fast path knows these four fields; if the body lost one, it must not accept it.
  FAST =
    ['fullName', 'email', 'phone', 'risk'].every((k) => rules.updateKeys.includes(k)) &&
    [FULL_NAME_MIN, FULL_NAME_MAX, EMAIL_MAX, PHONE_MAX].every(Number.isInteger) &&
    UNCHANGED.has('fullName') &&
    UNCHANGED.has('email');
}

/**
 * The fast path's answer, `{ ok: true, issues: [], warnings }`, or null when
 * wasm must answer. Also the package tests' white-box hook (to see which path
 * answered); not exported by the package's entries.
 */
export function __fastPath(update, current) {
  if (!FAST) return null;
  let warnings = null;
  try {
    warnings = certainWarnings(update, current);
  } catch {
    warnings = null;
  }
  return warnings === null ? null : { ok: true, issues: [], warnings };
}

/** The fields of a current record the rules read: a record crosses into wasm as just these. */
const CURRENT_KEYS = ['kyc_status', 'full_name', 'email'];

/**
 * `current` encoded for wasm (undefined when absent). Of a plain object only
 * the three keys the freeze rules read are written, so a 17-key record costs
 * what a 3-key one does; anything else is encoded whole, for wasm to name
 * the problem in the Error it throws.
 */
function encodeCurrent(current) {
  if (current === undefined || current === null) return undefined;
  let plain = false;
  try {
    plain = isPlain(current);
  } catch {
    plain = false;
  }
  if (!plain) return encode(current);
  let out = '{';
  for (let i = 0; i < CURRENT_KEYS.length; i++) {
    const key = CURRENT_KEYS[i];
    let text;
    try {
      const value = current[key];
      if (value === undefined) continue;
      text = encodeValue(value, 1, { left: MAX_ENTRIES });
    } catch {
      text = UNREADABLE;
    }
    out += (out.length > 1 ? ',"' : '"') + key + '":' + text;
  }
  return out + '}';
}

// ---------------------------------------------------------------------------
// The public API.

/** `{ ok, issues, warnings }` for a PATCH body, with the freeze rules when `current` is given. */
export function validateUpdate(update, current) {
  return __fastPath(update, current) || run(validate_update, encode(update), encodeCurrent(current));
}

/** The same from JSON text; text that is not JSON is one `invalid_json` issue. */
export function validateUpdateJson(json, currentJson) {
  const current = currentJson === undefined || currentJson === null ? undefined : text(currentJson, 'currentText');
  return run(validate_update_json, text(json, 'text'), current);
}

/** A JSON array of `{ update, current? }` items: `{ total, valid, invalid, results, issues }`. */
export function validateBatchJson(json) {
  return run(validate_batch_json, text(json, 'text'));
}

/** `{ ok, issues, warnings }` for a customer record (the API's response). */
export function validateCustomer(record) {
  return run(validate_customer, encode(record));
}

/** `{ update, skipped }`: the minimal PATCH body that takes `current` to `desired`. */
export function diffUpdate(current, desired) {
  return run(diff_update, encodeCurrent(current) ?? encode(current), encode(desired));
}

/** Per body field: `{ editable, reason?, minLength?, maxLength?, nullable, format? }`. */
export function fieldRules(current) {
  return run(field_rules, encodeCurrent(current));
}

/** `{ ok: true, request, warnings }` ready for fetch, or `{ ok: false, issues }`. */
export function buildPatchRequest(input) {
  // The key is used only when the input has none (absent, undefined or null).
  return run(build_patch_request, encode(input), newIdempotencyKey());
}

/** `{ kind: "uuid", uuid }` or `{ kind: "external_id", externalId }`; throws on an unusable id. */
export function parseCustomerId(id) {
  return run(parse_customer_id, encode(id));
}

const HEX = Array.from({ length: 256 }, (_, i) => (i + 0x100).toString(16).slice(1));

/** A fresh UUID v4 (crypto.getRandomValues: works outside secure contexts too). */
export function newIdempotencyKey() {
  if (RANDOM === null && RANDOM_SOURCE !== null) {
    const give = RANDOM_SOURCE;
    RANDOM_SOURCE = null;
    const random = give();
    if (random && typeof random.getRandomValues === 'function') RANDOM = random;
  }
  const source = RANDOM || globalThis.crypto;
  if (!source || typeof source.getRandomValues !== 'function') {
    throw new Error('newIdempotencyKey: no crypto.getRandomValues in this environment');
  }
  const b = source.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; // version 4
  b[8] = (b[8] & 0x3f) | 0x80; // variant 10
  return (
    HEX[b[0]] + HEX[b[1]] + HEX[b[2]] + HEX[b[3]] + '-' +
    HEX[b[4]] + HEX[b[5]] + '-' + HEX[b[6]] + HEX[b[7]] + '-' +
    HEX[b[8]] + HEX[b[9]] + '-' +
    HEX[b[10]] + HEX[b[11]] + HEX[b[12]] + HEX[b[13]] + HEX[b[14]] + HEX[b[15]]
  );
}

/** The PATCH body's JSON Schema (draft 2020-12), a fresh copy each call. */
export function updateSchema() {
  return parse(UPDATE_SCHEMA_TEXT);
}

/** The customer record's JSON Schema (draft 2020-12), a fresh copy each call. */
export function customerSchema() {
  return parse(CUSTOMER_SCHEMA_TEXT);
}

const VENDOR = 'ic-customer-contract';

function standardResult(value, result) {
  if (result.ok) return { value };
  return { issues: result.issues.map((issue) => ({ message: issue.message, path: issue.path })) };
}

/** Standard JSON Schema v1 (`~standard.jsonSchema`): our schemas are draft 2020-12 only. */
function converter(schema) {
  const convert = (options) => {
    const target = options ? options.target : undefined;
    if (target !== 'draft-2020-12') {
      throw new Error(`ic-customer-contract: only the "draft-2020-12" JSON Schema target is available, not ${String(target)}`);
    }
    return schema();
  };
  return { input: convert, output: convert };
}

/**
 * A Standard Schema v1 for the PATCH body. `current` is read once, now (a
 * later change to it does not change the schema); a malformed one throws now.
 */
export function updateStandardSchema(current) {
  let validate;
  if (current === undefined || current === null) {
    validate = (value) => standardResult(value, validateUpdate(value));
  } else {
    const encoded = encodeCurrent(current);
    run(validate_update, '{}', encoded); // throws for a malformed current
    // The fast path reads a plain copy of the same snapshot (none when the
    // snapshot holds a value JSON cannot carry: then every call goes to wasm).
    let snapshot = null;
    try {
      snapshot = parse(encoded);
    } catch {
      snapshot = null;
    }
    validate = (value) => {
      const fast = snapshot === null ? null : __fastPath(value, snapshot);
      return standardResult(value, fast || run(validate_update, encode(value), encoded));
    };
  }
  return { '~standard': { version: 1, vendor: VENDOR, validate, jsonSchema: converter(updateSchema) } };
}

/** A Standard Schema v1 for the customer record. */
export function customerStandardSchema() {
  return {
    '~standard': {
      version: 1,
      vendor: VENDOR,
      validate: (value) => standardResult(value, validateCustomer(value)),
      jsonSchema: converter(customerSchema),
    },
  };
}

/** Resolves at once: the module is ready when its import resolves (kept for symmetry with wasm-bindgen). */
export function init() {
  return Promise.resolve();
}
