// The public API of `ic-customer-contract` (CONTRACT.md section 4). Every
// rule lives in the wasm module; this file (1) takes the answer of the
// accept-only check (certain.js) when the input is certainly valid, else
// (2) writes each call's values on the tape (tape.js) or passes JSON text,
// and (3) reads the result records back into plain objects (records.js).
// build.mjs copies it to dist/ next to glue.js and schemas.js, and turns it
// into the CommonJS entry mechanically: keep the imports and
// `export function` / `export const` declarations in this plain shape.

import { CUSTOMER_SCHEMA_TEXT, UPDATE_SCHEMA_TEXT } from './schemas.js';
import { fastDiff, fastPath, fastRequest, readRules } from './certain.js';
import { langOf, langOfLocale, reword, setLocale } from './locale.js';
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
import { parse, put, SafeError, uncurry } from './intrinsics.js';

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

let RANDOM = null;
/** Gives the random source at the first key (reading Node's webcrypto costs startup time). */
let RANDOM_SOURCE = null;

/**
 * Called once by each entry: keeps the random source (an object with
 * getRandomValues, or a function giving it at the first key) and reads the
 * rule data (certain.js). `load`, when given, instantiates the wasm at the
 * first call that needs it.
 */
export function __setup(random, load) {
  if (typeof random === 'function') RANDOM_SOURCE = random;
  else useRandom(random);
  setLoad(load);
  readRules();
}

/**
 * White-box hooks of the package tests (to see which path answered): the
 * fast answers of certain.js. The package's entries do not export them.
 */
export const __fastPath = fastPath;
export const __fastRequest = fastRequest;
export const __fastDiff = fastDiff;

// ---------------------------------------------------------------------------
// The public API.

/** `{ ok, issues, warnings }` for a PATCH body, with the freeze rules when `current` is given. */
export function validateUpdate(update, current, options) {
  const lang = langOf(options);
  const fast = fastPath(update, current, lang);
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
  const fast = fastDiff(current, desired);
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
      if (r.word() === 1) put(rule, 'reason', r.message(lang));
      if (r.word() === 1) put(rule, 'minLength', r.word());
      if (r.word() === 1) put(rule, 'maxLength', r.word());
      put(rule, 'nullable', r.word() === 1);
      if (r.word() === 1) put(rule, 'format', r.str());
      put(rules, key, rule);
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
  let readable = true;
  try {
    given = input !== null && typeof input === 'object' ? own(input, 'idempotencyKey') : undefined;
  } catch {
    readable = false; // the tape says what cannot be read (wasm answers)
  }
  const fresh = readable && (given === undefined || given === null) ? newIdempotencyKey() : '';
  const fast = readable ? fastRequest(input, given, fresh === '' ? given : fresh, lang) : null;
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
      put(headers, name, r.str());
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

/**
 * A fresh UUID v4: the random source's own `randomUUID` where it has one
 * (Node, a secure context; a quarter of the time of a key built here), else
 * built from crypto.getRandomValues, which works outside secure contexts too.
 */
export function newIdempotencyKey() {
  if (RANDOM === null && RANDOM_SOURCE !== null) {
    const give = RANDOM_SOURCE;
    RANDOM_SOURCE = null;
    useRandom(give());
  }
  if (RANDOM_UUID !== null) return RANDOM_UUID(RANDOM);
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

/** Keeps `random` as the source of keys when it has getRandomValues, and its randomUUID, uncurried, when it has one. */
function useRandom(random) {
  if (!random || typeof random.getRandomValues !== 'function') return;
  RANDOM = random;
  const randomUUID = random.randomUUID;
  if (typeof randomUUID === 'function') RANDOM_UUID = uncurry(randomUUID);
}

/** The random source's randomUUID, called as `RANDOM_UUID(RANDOM)`; null when it has none. */
let RANDOM_UUID = null;

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
