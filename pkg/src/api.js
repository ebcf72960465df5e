// The public API of `ic-customer-contract` (CONTRACT.md section 4). Every
// rule lives in the wasm module; this file (1) answers the common valid case
// of `validateUpdate` without crossing into wasm, when the body is certainly
// valid, (2) writes each call's values on the tape (tape.js) or passes JSON
// text, and (3) reads the result records back into plain objects
// (records.js). build.mjs copies it to dist/ next to glue.js and schemas.js,
// and turns it into the CommonJS entry mechanically: keep the imports and
// `export function` / `export const` declarations in this plain shape.

import { CUSTOMER_SCHEMA_TEXT, UPDATE_SCHEMA_TEXT } from './schemas.js';
import { issueIn, langOf, langOfLocale, reword, setLocale } from './locale.js';
import { REQUEST_RULES, RULES } from './rules.js';
import { setLoad } from './load.js';
import {
  OPS,
  absent,
  anything,
  begin,
  body,
  end,
  isJsonText,
  jsonText,
  own,
  record,
  record3,
  run,
  scalar,
  snapshot,
  string,
  writeCurrent,
  writeInput,
} from './tape.js';

// Built-ins, captured at load (intrinsics.js).
import {
  getProto,
  hasOwn,
  isArray,
  isInteger,
  OBJECT_PROTO,
  charCodeAt,
  parse,
  regexpExec,
  SafeError,
  SafeRegExp,
  stringify,
  stringSlice,
  wellFormed,
} from './intrinsics.js';

/** True when `list` (an array of ours) holds `value`: no Array.prototype method. */
function among(list, value) {
  for (let i = 0; i < list.length; i++) if (list[i] === value) return true;
  return false;
}

// ---------------------------------------------------------------------------
// Results.

/**
 * A reader of result words (src/records.rs), positioned after the first
 * word. A programming error (a malformed `current`, an unusable id) throws.
 */
function results(lang, r) {
  const tag = r.word();
  if (tag === 1) throw new SafeError(r.message(lang));
  if (tag === 2) throw new SafeError(r.str());
  return r;
}

/**
 * Runs tape call `op` on what was written since `mark` (tape.js): a reader
 * of its result words, valid until `end(mark)`: read them before.
 */
function tapeCall(lang, op, mark) {
  return results(lang, run(op, mark));
}

/** `{ ok, issues, warnings }`, written in `lang`. */
function report(r, lang) {
  const ok = r.word() === 1;
  const issues = r.issues(lang);
  return { ok, issues, warnings: r.issues(lang) };
}



/** Throws unless `value` is JSON text the calls take. */
function text(value, what) {
  if (!isJsonText(value)) throw new TypeError(`${what} must be JSON text: a string, or a Uint8Array of its UTF-8`);
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
let KYC_STATUSES = [];
let FROZEN_STATUS = '';
let RANDOM = null;
/** Gives the random source at the first key (reading Node's webcrypto costs startup time). */
let RANDOM_SOURCE = null;
/** The two `unchanged_frozen_field` warnings, as wasm words them, by field. */
let UNCHANGED = null;

/** A string whose length in characters is certainly within [min, max]. */
function fits(value, min, max) {
  if (typeof value !== 'string') return false;
  const units = value.length;
  // Units >= characters >= ceil(units / 2) for a well-formed string; above max
  // in units may still fit in characters (emoji): wasm decides.
  return units <= max && (units + 1) >> 1 >= min && wellFormed(value);
}

/** A plain object of this realm without a toJSON of its own; anything else goes to wasm. */
function isPlain(value) {
  if (typeof value !== 'object' || value === null) return false;
  const proto = getProto(value);
  return (proto === OBJECT_PROTO || proto === null) && !hasOwn(value, 'toJSON');
}

/**
 * The risk keys the check knows, as written below: setup turns the check off
 * unless the rule data lists exactly these (as it does the body's four fields).
 */
const CERTAIN_RISK_KEYS = ['isNewCustomer', 'isDesignatedService', 'handlesCashOrCrypto'];
/** The body's fields the check knows, in the order `certain` keeps their values. */
const CERTAIN_KEYS = ['fullName', 'email', 'phone', 'risk'];

/** A risk object of known answers only (keys walked as in `certain`). */
function certainRisk(risk) {
  if (!isPlain(risk)) return false;
  for (const key in risk) {
    const answerValue = risk[key];
    if (answerValue === undefined) continue;
    if (typeof answerValue !== 'boolean') return false;
    // Compared with the names as written, which V8 settles by identity:
    // quicker than a search of the rule data's list (a form session 0.96× by hand).
    if (key !== 'isNewCustomer' && key !== 'isDesignatedService' && key !== 'handlesCashOrCrypto') return false;
  }
  return true;
}

/** What `certain` says of the unchanged frozen fields: the body sends fullName's, email's. */
const SAME_NAME = 1;
const SAME_EMAIL = 2;

/**
 * Of a body that is certainly valid (with `current`), which frozen fields it
 * sends unchanged (SAME_NAME, SAME_EMAIL: a warning each); -1 when wasm must
 * answer. `keep`, when not null, gets the values read of the four fields, in
 * schema order (for the request's body: each read once). May throw.
 */
function certain(update, current, keep) {
  if (!isPlain(update)) return -1;
  let frozen = false;
  if (current !== undefined && current !== null) {
    if (!isPlain(current)) return -1;
    const status = own(current, 'kyc_status');
    if (typeof status !== 'string' || !among(KYC_STATUSES, status)) return -1;
    frozen = status === FROZEN_STATUS;
  }
  let sameName = false;
  let sameEmail = false;
  // `for...in`: the enumerable keys, inherited ones too, with no array made
  // (Object.keys makes one) and V8's fast loads by the object's own key
  // cache: a quarter of a valid call. The tape reads own keys only. An
  // inherited key can only make this check refuse more (an unknown key, a
  // value not valid), never accept what wasm refuses: a field that is valid
  // here is valid absent too. A warning names the body's own field: checked below.
  for (const key in update) {
    const value = update[key];
    if (value === undefined) continue; // absent, for the tape too
    let at;
    if (key === 'fullName') {
      if (!fits(value, FULL_NAME_MIN, FULL_NAME_MAX)) return -1;
      // Frozen: only the identical value is valid (with a warning).
      if (frozen && !(sameName = value === own(current, 'full_name'))) return -1;
      at = 0;
    } else if (key === 'email') {
      if (!fits(value, 0, EMAIL_MAX) || EMAIL_RE === null || regexpExec(EMAIL_RE, value) === null) return -1;
      if (frozen && !(sameEmail = value === own(current, 'email'))) return -1;
      at = 1;
    } else if (key === 'phone') {
      if (value !== null && !fits(value, 0, PHONE_MAX)) return -1;
      at = 2;
    } else if (key === 'risk') {
      if (!certainRisk(value)) return -1;
      at = 3;
    } else {
      return -1;
    }
    if (keep !== null) keep[at] = value;
  }
  // An inherited value equal to the frozen one: wasm sees no field, so no warning.
  if ((sameName && !hasOwn(update, 'fullName')) || (sameEmail && !hasOwn(update, 'email'))) return -1;
  return (sameName ? SAME_NAME : 0) | (sameEmail ? SAME_EMAIL : 0);
}

/**
 * The `unchanged_frozen_field` warnings `certain` found (`same`), as wasm
 * words and orders them (fullName, then email), in `lang`; their paths under
 * `prefix` when it is not null. Fresh objects each time.
 */
function unchangedWarnings(same, lang, prefix) {
  const warnings = [];
  for (let i = 0; i < 2; i++) {
    if ((same & (i === 0 ? SAME_NAME : SAME_EMAIL)) === 0) continue;
    const w = UNCHANGED[i];
    const path = prefix === null ? [w.path[0]] : [prefix, w.path[0]];
    warnings[warnings.length] = issueIn(lang, path, w.code, undefined, w.msg.id, w.msg.args);
  }
  return warnings;
}

// ---------------------------------------------------------------------------
// The fast paths of buildPatchRequest and diffUpdate: the same check, then
// the answer written from rule data (src/request.rs, src/diff.rs) as wasm
// writes it; null, and wasm answers, for anything that is not certain.

/**
 * The request's fixed parts and patterns (rule data: REQUEST_RULES, read at
 * the first request or diff, so that a page without them does not carry
 * them), or null: then wasm answers every request and diff.
 */
let REQUEST;
let PLAIN_ID_RE = null;
let KEY_RE = null;
let BASE_URL_RE = null;
const UPPER_RE = /[A-Z]/;

/** REQUEST, read once: only when the body's and risk's keys are in the order `certain` keeps them. */
function requestRules() {
  if (REQUEST !== undefined) return REQUEST;
  const r = REQUEST_RULES;
  const ok =
    FAST && sameList(RULES.updateKeys, CERTAIN_KEYS) && sameList(RULES.riskKeys, CERTAIN_RISK_KEYS) &&
    r !== null && typeof r === 'object' && isArray(r.fixedHeaders) &&
    isInteger(r.idMax) && isInteger(r.keyMax) && isInteger(r.uuidLength);
  REQUEST = ok ? r : null;
  if (ok) {
    PLAIN_ID_RE = new SafeRegExp(r.plainIdPattern);
    KEY_RE = new SafeRegExp(r.keyPattern);
    BASE_URL_RE = new SafeRegExp(r.baseUrlPattern);
  }
  return REQUEST;
}

/**
 * The body's fields read again from the values `certain` kept (the four
 * fields in schema order), as `[key, value]` pairs: a risk object as a fresh
 * one of its answers in schema order. Null when wasm must answer: a field
 * inherited (the tape reads own keys only), or a risk answer that is no
 * longer one when read again (a getter).
 */
function bodyFields(update, keep) {
  const fields = [];
  for (let i = 0; i < 4; i++) {
    let value = keep[i];
    if (value === undefined) continue;
    const key = CERTAIN_KEYS[i];
    if (!hasOwn(update, key)) return null;
    if (i === 3) {
      const risk = value;
      value = {};
      for (let j = 0; j < 3; j++) {
        const answer = own(risk, CERTAIN_RISK_KEYS[j]);
        if (answer === undefined) continue;
        if (typeof answer !== 'boolean') return null;
        value[CERTAIN_RISK_KEYS[j]] = answer;
      }
    }
    fields[fields.length] = [key, value];
  }
  return fields;
}

/**
 * The body as wasm writes it (src/diff.rs write_body): compact JSON, keys in
 * schema order. Strings through the JSON.stringify captured at load, which
 * writes a well-formed string as write_str does; nothing else goes through
 * it (a patched Object.prototype.toJSON is never asked).
 */
function bodyText(fields) {
  let out = '{';
  for (let i = 0; i < fields.length; i++) {
    const key = fields[i][0];
    const value = fields[i][1];
    if (i > 0) out += ',';
    out += '"' + key + '":';
    if (typeof value === 'string') {
      out += stringify(value);
    } else if (value === null) {
      out += 'null';
    } else {
      let answers = '';
      for (let j = 0; j < 3; j++) {
        const answer = value[CERTAIN_RISK_KEYS[j]];
        if (answer === undefined) continue;
        answers += (answers === '' ? '"' : ',"') + CERTAIN_RISK_KEYS[j] + '":' + (answer ? 'true' : 'false');
      }
      out += '{' + answers + '}';
    }
  }
  return out + '}';
}

/** A string of at most `max` UTF-16 units that `re` matches (the patterns match ASCII only: units are characters). */
function matches(value, re, max) {
  return typeof value === 'string' && value.length <= max && regexpExec(re, value) !== null;
}

/**
 * buildPatchRequest's answer for an input that is certainly valid, or null
 * when wasm must answer. `key` is the idempotency key to send (the input's,
 * read by the caller, or a fresh one). May throw.
 */
function certainRequest(input, given, key, lang) {
  if (requestRules() === null || !isPlain(input)) return null;
  const id = own(input, 'id');
  if (!matches(id, PLAIN_ID_RE, REQUEST.idMax) || id === '.' || id === '..') return null;
  // A 36-character id may be a UUID, which goes lower-cased: wasm decides.
  if (id.length === REQUEST.uuidLength && regexpExec(UPPER_RE, id) !== null) return null;
  if (given !== undefined && given !== null && !matches(given, KEY_RE, REQUEST.keyMax)) return null;
  let base = own(input, 'baseUrl');
  if (base === undefined || base === null) {
    base = REQUEST.defaultBaseUrl;
  } else {
    if (typeof base !== 'string' || !wellFormed(base) || regexpExec(BASE_URL_RE, base) === null) return null;
    let end = base.length;
    while (charCodeAt(base, end - 1) === 0x2f) end--; // trailing '/' (the pattern keeps the host)
    base = stringSlice(base, 0, end);
  }
  const update = own(input, 'update');
  if (update === undefined) return null;
  const keep = [undefined, undefined, undefined, undefined];
  const same = certain(update, own(input, 'current'), keep);
  if (same === -1) return null;
  const fields = bodyFields(update, keep);
  if (fields === null) return null;
  const headers = {};
  const fixed = REQUEST.fixedHeaders;
  for (let i = 0; i < fixed.length; i++) headers[fixed[i][0]] = fixed[i][1];
  headers[REQUEST.keyHeader] = key;
  const request = { method: REQUEST.method, url: base + REQUEST.customersPath + id, headers, body: bodyText(fields) };
  return { ok: true, request, warnings: unchangedWarnings(same, lang, 'update') };
}

/**
 * diffUpdate's answer when both values are certain and every change goes
 * into the update (nothing skipped), or null when wasm must answer: the
 * record's `fullName` and `email` dropped where equal, the rest as given.
 * May throw.
 */
function certainDiff(current, desired) {
  if (requestRules() === null || !isPlain(current) || !isPlain(desired)) return null;
  const status = own(current, 'kyc_status');
  if (typeof status !== 'string') return null;
  const frozen = status === FROZEN_STATUS;
  const keep = [undefined, undefined, undefined, undefined];
  for (const key in desired) {
    const value = desired[key];
    if (value === undefined) continue;
    let at;
    if (key === 'fullName' || key === 'email') {
      if (typeof value !== 'string' || !wellFormed(value)) return null;
      // Unchanged: no field (inherited too: the tape reads own keys only).
      if (value === own(current, key === 'fullName' ? 'full_name' : 'email')) continue;
      if (frozen) return null; // skipped, as frozen_field: wasm words it
      at = key === 'fullName' ? 0 : 1;
    } else if (key === 'phone') {
      if (value !== null && (typeof value !== 'string' || !wellFormed(value))) return null;
      at = 2;
    } else if (key === 'risk') {
      if (!certainRisk(value)) return null;
      at = 3;
    } else {
      return null;
    }
    keep[at] = value;
  }
  const fields = bodyFields(desired, keep);
  if (fields === null) return null;
  const update = {};
  for (let i = 0; i < fields.length; i++) update[fields[i][0]] = fields[i][1];
  return { update, skipped: [] };
}

/**
 * Called once by each entry: keeps the random source (an object with
 * getRandomValues, or a function giving it at the first key) and reads the
 * rule data (rules.js, generated from the crate). `load`, when given,
 * instantiates the wasm at the first call that needs it.
 */
export function __setup(random, load) {
  if (typeof random === 'function') RANDOM_SOURCE = random;
  else if (random && typeof random.getRandomValues === 'function') RANDOM = random;
  const rules = RULES;
  setLoad(load);
  FULL_NAME_MIN = rules.fullNameMin;
  FULL_NAME_MAX = rules.fullNameMax;
  EMAIL_MAX = rules.emailMax;
  PHONE_MAX = rules.phoneMax;
  // Only an anchored pattern can say "certainly valid"; otherwise emails go to wasm.
  const pattern = rules.emailPattern;
  EMAIL_RE =
    typeof pattern === 'string' && pattern[0] === '^' && pattern[pattern.length - 1] === '$'
      ? new SafeRegExp(pattern)
      : null;
  KYC_STATUSES = rules.kycStatuses;
  FROZEN_STATUS = rules.frozenStatus;
  const unchanged = rules.unchangedFrozen;
  UNCHANGED = isArray(unchanged) && unchanged.length === 2 ? unchanged : null;
  // The fast path knows these four fields and these three risk keys: unless
  // the rule data lists them (the risk keys exactly), it answers nothing. A
  // key the rules dropped must never be accepted.
  const keys = rules.updateKeys;
  const riskKeys = rules.riskKeys;
  FAST =
    isArray(keys) && among(keys, 'fullName') && among(keys, 'email') && among(keys, 'phone') && among(keys, 'risk') &&
    isArray(riskKeys) && riskKeys.length === CERTAIN_RISK_KEYS.length &&
    among(riskKeys, CERTAIN_RISK_KEYS[0]) && among(riskKeys, CERTAIN_RISK_KEYS[1]) && among(riskKeys, CERTAIN_RISK_KEYS[2]) &&
    isArray(KYC_STATUSES) &&
    isInteger(FULL_NAME_MIN) && isInteger(FULL_NAME_MAX) && isInteger(EMAIL_MAX) && isInteger(PHONE_MAX) &&
    UNCHANGED !== null && UNCHANGED[0].path[0] === 'fullName' && UNCHANGED[1].path[0] === 'email';
}

/** True when `a` is an array holding the items of `b` (an array of ours) in the same order. */
function sameList(a, b) {
  if (!isArray(a) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The fast path's answer, `{ ok: true, issues: [], warnings }`, or null when
 * wasm must answer. Also the package tests' white-box hook (to see which path
 * answered); not exported by the package's entries.
 */
export function __fastPath(update, current, lang) {
  if (!FAST) return null;
  let same = -1;
  try {
    same = certain(update, current, null);
  } catch {
    same = -1;
  }
  if (same === -1) return null;
  return { ok: true, issues: [], warnings: unchangedWarnings(same, lang === undefined ? langOf(undefined) : lang, null) };
}

/**
 * buildPatchRequest's fast answer (`given`: the input's idempotency key as
 * read, `key`: the one to send), or null when wasm must answer. A white-box
 * hook of the package tests too, like __fastPath.
 */
export function __fastRequest(input, given, key, lang) {
  try {
    return certainRequest(input, given, key, lang === undefined ? langOf(undefined) : lang);
  } catch {
    return null;
  }
}

/** diffUpdate's fast answer, or null when wasm must answer (a white-box hook too). */
export function __fastDiff(current, desired) {
  try {
    return certainDiff(current, desired);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------
// The public API.

/** `{ ok, issues, warnings }` for a PATCH body, with the freeze rules when `current` is given. */
export function validateUpdate(update, current, options) {
  const lang = langOf(options);
  const fast = __fastPath(update, current, lang);
  if (fast !== null) return fast;
  const m = begin();
  try {
    body(update);
    writeCurrent(current);
    return report(tapeCall(lang, OPS.validateUpdate, m), lang);
  } finally {
    end(m);
  }
}

/** The same from JSON text; text that is not JSON is one `invalid_json` issue. */
export function validateUpdateJson(json, currentJson, options) {
  const lang = langOf(options);
  const noCurrent = currentJson === undefined || currentJson === null;
  text(json, 'text');
  if (!noCurrent) text(currentJson, 'currentText');
  const m = begin();
  try {
    jsonText(json);
    if (noCurrent) absent();
    else jsonText(currentJson);
    return report(tapeCall(lang, OPS.validateUpdateJson, m), lang);
  } finally {
    end(m);
  }
}

/** A JSON array of `{ update, current? }` items: `{ total, valid, invalid, results, issues }`. */
export function validateBatchJson(json, options) {
  const lang = langOf(options);
  text(json, 'text');
  const m = begin();
  try {
    jsonText(json);
    const r = tapeCall(lang, OPS.validateBatchJson, m);
    const total = r.word();
    const valid = r.word();
    const invalid = r.word();
    const n = r.word();
    const results = [];
    for (let i = 0; i < n; i++) {
      const index = r.word();
      const issues = r.issues(lang);
      results[i] = { index, ok: issues.length === 0, issues, warnings: r.issues(lang) };
    }
    return { total, valid, invalid, results, issues: r.issues(lang) };
  } finally {
    end(m);
  }
}

/** `{ ok, issues, warnings }` for a customer record (the API's response). */
export function validateCustomer(value, options) {
  const lang = langOf(options);
  const m = begin();
  try {
    record(value);
    return report(tapeCall(lang, OPS.validateCustomer, m), lang);
  } finally {
    end(m);
  }
}

/** `{ update, skipped }`: the minimal PATCH body that takes `current` to `desired`. */
export function diffUpdate(current, desired, options) {
  const lang = langOf(options);
  const fast = __fastDiff(current, desired);
  if (fast !== null) return fast;
  const m = begin();
  try {
    record3(current);
    // `desired` crosses whole: phone and risk go into the update as given.
    anything(desired);
    const r = tapeCall(lang, OPS.diffUpdate, m);
    const update = parse(r.str());
    return { update, skipped: r.issues(lang) };
  } finally {
    end(m);
  }
}

/** Per body field: `{ editable, reason?, minLength?, maxLength?, nullable, format? }`. */
export function fieldRules(current, options) {
  const lang = langOf(options);
  const m = begin();
  try {
    writeCurrent(current);
    const r = tapeCall(lang, OPS.fieldRules, m);
    const rules = {};
    const n = r.word();
    for (let i = 0; i < n; i++) {
      const key = r.str();
      const rule = { editable: r.word() === 1 };
      if (r.word() === 1) rule.reason = r.message(lang);
      if (r.word() === 1) rule.minLength = r.word();
      if (r.word() === 1) rule.maxLength = r.word();
      rule.nullable = r.word() === 1;
      if (r.word() === 1) rule.format = r.str();
      rules[key] = rule;
    }
    return rules;
  } finally {
    end(m);
  }
}

/** `{ ok: true, request, warnings }` ready for fetch, or `{ ok: false, issues }`. */
export function buildPatchRequest(input) {
  // The language: the input's own `locale`, else the configured one.
  const lang = langOf(input);
  // The key is used only when the input has none (absent, undefined or null).
  let given;
  try {
    given = input !== null && typeof input === 'object' ? own(input, 'idempotencyKey') : undefined;
  } catch {
    given = undefined; // the tape says what cannot be read
  }
  const fresh = given === undefined || given === null ? newIdempotencyKey() : '';
  const fast = __fastRequest(input, given, fresh === '' ? given : fresh, lang);
  if (fast !== null) return fast;
  const m = begin();
  try {
    writeInput(input);
    string(fresh);
    const r = tapeCall(lang, OPS.buildPatchRequest, m);
    if (r.word() === 0) return { ok: false, issues: r.issues(lang) };
    const method = r.str();
    const url = r.str();
    const headers = {};
    const n = r.word();
    for (let i = 0; i < n; i++) {
      const name = r.str();
      headers[name] = r.str();
    }
    const body = r.str();
    return { ok: true, request: { method, url, headers, body }, warnings: r.issues(lang) };
  } finally {
    end(m);
  }
}

/** `configure({ locale })`: the language of every later call that names none. */
export function configure(settings) {
  if (settings !== null && typeof settings === 'object' && own(settings, 'locale') !== undefined) setLocale(settings.locale);
}

/** `issue` with its message written in `locale`: codes, paths and params stay as they are. */
export function formatIssue(issue, locale) {
  return reword(issue, langOfLocale(locale));
}

/** `{ kind: "uuid", uuid }` or `{ kind: "external_id", externalId }`; throws on an unusable id. */
export function parseCustomerId(id, options) {
  const lang = langOf(options);
  const m = begin();
  try {
    scalar(id);
    const r = tapeCall(lang, OPS.parseCustomerId, m);
    return r.word() === 0 ? { kind: 'uuid', uuid: r.str() } : { kind: 'external_id', externalId: r.str() };
  } finally {
    end(m);
  }
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
  // Random bytes are drawn 16 keys at a time: one getRandomValues call costs
  // more than building the key.
  if (POOL_AT >= POOL.length) {
    const source = RANDOM || globalThis.crypto;
    if (!source || typeof source.getRandomValues !== 'function') {
      throw new Error('newIdempotencyKey: no crypto.getRandomValues in this environment');
    }
    source.getRandomValues(POOL);
    POOL_AT = 0;
  }
  const b = POOL;
  const i = POOL_AT;
  POOL_AT += 16;
  const v = (b[i + 6] & 0x0f) | 0x40; // version 4
  const w = (b[i + 8] & 0x3f) | 0x80; // variant 10
  const key =
    HEX[b[i]] + HEX[b[i + 1]] + HEX[b[i + 2]] + HEX[b[i + 3]] + '-' +
    HEX[b[i + 4]] + HEX[b[i + 5]] + '-' + HEX[v] + HEX[b[i + 7]] + '-' +
    HEX[w] + HEX[b[i + 9]] + '-' +
    HEX[b[i + 10]] + HEX[b[i + 11]] + HEX[b[i + 12]] + HEX[b[i + 13]] + HEX[b[i + 14]] + HEX[b[i + 15]];
  // Used bytes are not kept.
  for (let j = i; j < i + 16; j++) b[j] = 0;
  return key;
}

/** Random bytes for the next keys (16 each), and where the unused ones start. */
const POOL = new Uint8Array(256);
let POOL_AT = POOL.length;

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
  const issues = [];
  for (let i = 0; i < result.issues.length; i++) {
    const issue = result.issues[i];
    // The stable code too (the spec's issue has message and path): forms branch on codes.
    issues[i] = { message: issue.message, path: issue.path, code: issue.code };
  }
  return { issues };
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
export function updateStandardSchema(current, options) {
  // The language is read at each validation: a later configure() applies.
  const explicit = options !== null && typeof options === 'object' && own(options, 'locale') !== undefined;
  if (explicit) langOf(options); // a malformed locale throws now
  let validate;
  if (current === undefined || current === null) {
    validate = (value) => standardResult(value, validateUpdate(value, undefined, explicit ? options : undefined));
  } else {
    // The three keys the rules read, read once, now; a record that is not
    // plain data is kept as it is (it throws now, and would at each call).
    const kept = snapshot(current) ?? current;
    validateUpdate({}, kept, explicit ? options : undefined); // throws for a malformed current
    validate = (value) => standardResult(value, validateUpdate(value, kept, explicit ? options : undefined));
  }
  return { '~standard': { version: 1, vendor: VENDOR, validate, jsonSchema: converter(updateSchema) } };
}

/** A Standard Schema v1 for the customer record. */
export function customerStandardSchema(options) {
  return {
    '~standard': {
      version: 1,
      vendor: VENDOR,
      validate: (value) => standardResult(value, validateCustomer(value, options)),
      jsonSchema: converter(customerSchema),
    },
  };
}

/** Resolves at once: the module is ready when its import resolves (kept for symmetry with wasm-bindgen). */
export function init() {
  return Promise.resolve();
}
