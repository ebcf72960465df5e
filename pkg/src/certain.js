// The accept-only check and the answers it gives without crossing into wasm
// (README "How values cross into wasm"): validateUpdate's for a body that is
// certainly valid, buildPatchRequest's and diffUpdate's for an input that is
// certainly valid, each written from the rule data generated from the crate
// (rules.js) as wasm writes it. Anything else, or any exception, is null:
// wasm answers, and writes every issue and every warning. api.js calls it;
// build.mjs wraps it for the CommonJS entry as it does api.js: keep the
// imports and `export function` declarations in this plain shape.

import { issueIn, langOf } from './locale.js';
import { REQUEST_RULES, RULES } from './rules.js';
import { own } from './tape.js';
import {
  charCodeAt,
  getProto,
  hasOwn,
  isArray,
  isInteger,
  OBJECT_PROTO,
  put,
  regexpExec,
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
// The check of a body. It reads the rule data once (at setup) and says true
// only when the body is certainly valid.

let FAST = false;
let FULL_NAME_MIN = 1;
let FULL_NAME_MAX = 0;
let EMAIL_MAX = 0;
let PHONE_MAX = 0;
let EMAIL_RE = null;
let KYC_STATUSES = [];
let FROZEN_STATUS = '';
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
/** The body's fields the check knows, in schema order (the order of `ownFields`). */
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
 * answer. May throw.
 */
function certain(update, current) {
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
    if (key === 'fullName') {
      if (!fits(value, FULL_NAME_MIN, FULL_NAME_MAX)) return -1;
      // Frozen: only the identical value is valid (with a warning).
      if (frozen && !(sameName = value === own(current, 'full_name'))) return -1;
    } else if (key === 'email') {
      if (!fits(value, 0, EMAIL_MAX) || EMAIL_RE === null || regexpExec(EMAIL_RE, value) === null) return -1;
      if (frozen && !(sameEmail = value === own(current, 'email'))) return -1;
    } else if (key === 'phone') {
      if (value !== null && !fits(value, 0, PHONE_MAX)) return -1;
    } else if (key === 'risk') {
      if (!certainRisk(value)) return -1;
    } else {
      return -1;
    }
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

/** REQUEST, read once: only when the rule data lists the body's and risk's keys in the order the check writes them. */
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
 * A plain body's four fields as its own enumerable properties (what the tape
 * reads), each read once, in schema order (undefined: absent); null when it
 * is not plain or has any other enumerable key (wasm answers).
 */
function ownFields(update) {
  if (!isPlain(update)) return null;
  const values = [undefined, undefined, undefined, undefined];
  for (const key in update) {
    let at;
    if (key === 'fullName') at = 0;
    else if (key === 'email') at = 1;
    else if (key === 'phone') at = 2;
    else if (key === 'risk') at = 3;
    else return null;
    // Own and enumerable (`for...in` yields enumerable keys): what the tape reads.
    if (hasOwn(update, key)) values[at] = update[key];
  }
  return values;
}

/**
 * Whether Object.prototype holds none of the body's and risk's keys: then an
 * assignment of one of them defines it, as a literal would. Otherwise a
 * setter or a read-only value a page put there would meet the objects built
 * below, and wasm answers (its update comes back through JSON.parse). Each
 * key written out: a constant key is asked in a few nanoseconds, where `put`
 * asks a varying one in about twenty (diffUpdate 1.15x by hand).
 */
function bodyKeysFree() {
  return (
    !('fullName' in OBJECT_PROTO) && !('email' in OBJECT_PROTO) && !('phone' in OBJECT_PROTO) && !('risk' in OBJECT_PROTO) &&
    !('isNewCustomer' in OBJECT_PROTO) && !('isDesignatedService' in OBJECT_PROTO) && !('handlesCashOrCrypto' in OBJECT_PROTO)
  );
}

/**
 * The body's fields from their values in schema order (undefined: absent),
 * as `[key, value]` pairs: a risk object as a fresh one of its answers, read
 * again, in schema order. Null when wasm must answer: a risk answer that is
 * no longer one when read again (a getter), or a key held by Object.prototype.
 */
function bodyFields(values) {
  if (!bodyKeysFree()) return null;
  const fields = [];
  for (let i = 0; i < 4; i++) {
    let value = values[i];
    if (value === undefined) continue;
    const key = CERTAIN_KEYS[i];
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
        // Own: an answer not given may be inherited (a non-enumerable one on Object.prototype).
        if (!hasOwn(value, CERTAIN_RISK_KEYS[j])) continue;
        const answer = value[CERTAIN_RISK_KEYS[j]];
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
 * The request's headers: the fixed ones (rule data), then the key. Written
 * as a literal when the rule data has two fixed ones, as it does (computed
 * keys define each property, as `put` does, and cost less than one
 * assignment each).
 */
function headersWith(key) {
  const fixed = REQUEST.fixedHeaders;
  if (fixed.length === 2) {
    return { [fixed[0][0]]: fixed[0][1], [fixed[1][0]]: fixed[1][1], [REQUEST.keyHeader]: key };
  }
  const headers = {};
  for (let i = 0; i < fixed.length; i++) put(headers, fixed[i][0], fixed[i][1]);
  put(headers, REQUEST.keyHeader, key);
  return headers;
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
  // The body's fields read once, then checked and written as read.
  const values = ownFields(own(input, 'update'));
  if (values === null) return null;
  const update = { fullName: values[0], email: values[1], phone: values[2], risk: values[3] };
  const same = certain(update, own(input, 'current'));
  if (same === -1) return null;
  const fields = bodyFields(values);
  if (fields === null) return null;
  const request = { method: REQUEST.method, url: base + REQUEST.customersPath + id, headers: headersWith(key), body: bodyText(fields) };
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
  const values = [undefined, undefined, undefined, undefined];
  for (const key in desired) {
    const value = desired[key];
    // Absent, or inherited (a key `for...in` yields is enumerable: own, it is
    // what the tape reads; an inherited one is not the tape's either).
    if (value === undefined || !hasOwn(desired, key)) continue;
    let at;
    if (key === 'fullName' || key === 'email') {
      if (typeof value !== 'string' || !wellFormed(value)) return null;
      // Unchanged: no field.
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
    values[at] = value;
  }
  const fields = bodyFields(values);
  if (fields === null) return null;
  const update = {};
  // bodyFields saw the keys free on Object.prototype: assignments define them.
  for (let i = 0; i < fields.length; i++) update[fields[i][0]] = fields[i][1];
  return { update, skipped: [] };
}

/**
 * Reads the rule data (rules.js, generated from the crate) once, at setup:
 * unless it lists what the check knows, the check answers nothing.
 */
export function readRules() {
  const rules = RULES;
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
 * validateUpdate's fast answer, `{ ok: true, issues: [], warnings }`, or
 * null when wasm must answer.
 */
export function fastPath(update, current, lang) {
  if (!FAST) return null;
  let same = -1;
  try {
    same = certain(update, current);
  } catch {
    same = -1;
  }
  if (same === -1) return null;
  return { ok: true, issues: [], warnings: unchangedWarnings(same, lang === undefined ? langOf(undefined) : lang, null) };
}

/**
 * buildPatchRequest's fast answer (`given`: the input's idempotency key as
 * read, `key`: the one to send), or null when wasm must answer.
 */
export function fastRequest(input, given, key, lang) {
  try {
    return certainRequest(input, given, key, lang === undefined ? langOf(undefined) : lang);
  } catch {
    return null;
  }
}

/** diffUpdate's fast answer, or null when wasm must answer. */
export function fastDiff(current, desired) {
  try {
    return certainDiff(current, desired);
  } catch {
    return null;
  }
}
