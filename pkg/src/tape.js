// The tape writer: a JavaScript value written straight into the wasm
// module's memory in the form src/tape.rs reads (tags, counts, known names as
// small numbers, string bytes), with no JSON text on either side. Only what
// the rules read is written; a value under a key no rule reads is SKIPPED.
//
// A call: `const m = begin()`, then the call's values (`body`,
// `writeCurrent`, `jsonText`, ...), then `run(op, m)` for the result words,
// and `end(m)` in a finally.
// Calls nest (a getter may call the package while its value is written):
// each writes after the one it interrupts and gives the space back at `end`.

import { initSync, out_words, tape_bytes, tape_call, tape_memory, tape_words } from './glue.js';
import { loaded, setLoad } from './load.js';
import { Reader } from './records.js';
import { RULES } from './rules.js';
import { KNOWN } from './strings.js';

// Built-ins, captured at load (intrinsics.js).
import {
  bufferLength,
  bufferOf,
  byteLengthOf,
  charCodeAt,
  copyWithin,
  encodeInto,
  ENCODER,
  fnToString,
  getProto,
  hasOwn,
  isArray,
  isEnumerable,
  isFinite,
  isBoxed,
  isInteger,
  keysOf,
  mapGet,
  mapSet,
  SafeRangeError,
  OBJECT_PROTO,
  put,
  SafeMap,
  stringSlice,
  subarray,
  typedSet,
  typedTag,
  U32,
  U8,
  wellFormed,
} from './intrinsics.js';

const OBJECT_SOURCE = fnToString(Object);

/** `object[key]` when `key` is an own enumerable property, else undefined: inherited keys are never read. */
export function own(object, key) {
  return isEnumerable(object, key) ? object[key] : undefined;
}

// The tags and calls of src/tape.rs (rule data).
const T = RULES.tape;
const NULL = T.NULL;
const FALSE = T.FALSE;
const TRUE = T.TRUE;
const ABSENT = T.ABSENT;
const SKIPPED = T.SKIPPED;
const NUMBER = T.NUMBER;
const STRING = T.STRING;
const LONE_STRING = T.LONE_STRING;
const FOREIGN = T.FOREIGN;
const ARRAY = T.ARRAY;
const OBJECT = T.OBJECT;
const JSON_TEXT = T.JSON_TEXT;
const TEXT_NAME = T.TEXT_NAME;
export const OPS = RULES.ops;

/** Names that cross as their index in KNOWN (src/records.rs). */
const NAME_ID = new SafeMap();
for (let i = 0; i < KNOWN.length; i++) mapSet(NAME_ID, KNOWN[i], i);

/**
 * A container at this depth (the root is 0) is not walked: it is written as a
 * value `too large`, never cut (a cycle gets there). The rules never read that
 * deep; diffUpdate, which keeps phone and risk as given, skips a value that
 * holds one (src/diff.rs).
 */
const MAX_DEPTH = 6;
/**
 * Object members plus array items one value may hold (rule data:
 * `valueBudget`); past it the value is refused whole (`too large`), never cut.
 */
const VALUE_BUDGET = isInteger(RULES.valueBudget) && RULES.valueBudget > 0 ? RULES.valueBudget : 10000000;
/** Thrown inside the writer when a value passes VALUE_BUDGET, or when the module has no room for it. */
const TOO_LARGE = {};

// ---------------------------------------------------------------------------
// The two areas in the module's memory: words and bytes. Positions are
// relative to each area's start, which moves when an area grows.

let MEMORY = null;
let BUFFER = null;
let W = null;
let B = null;
let wBase = 0;
let wCap = 0;
let wAt = 0;
let bBase = 0;
let bCap = 0;
let bAt = 0;

/** Views of the module's memory, made again when it has grown. */
function views() {
  // Growing the memory detaches its old buffer: until then, views stay good
  // (the buffer getter is a call into the engine's C++, the length one is not).
  if (BUFFER !== null && bufferLength(BUFFER) !== 0) return;
  const buffer = bufferOf(MEMORY);
  if (buffer !== BUFFER) {
    BUFFER = buffer;
    W = new U32(buffer);
    B = new U8(buffer);
  }
}

function growWords(need) {
  ready();
  const cap = need < 512 ? 1024 : need * 2;
  const at = areaAt(tape_words, cap);
  if (at === 0) throw noRoom();
  wBase = at >>> 2;
  wCap = cap;
  views();
}

function growBytes(need) {
  ready();
  // A large text (a batch) gets little more than its own size.
  const cap = need < 2048 ? 4096 : need < 1 << 24 ? need * 2 : need + (need >> 4);
  const at = areaAt(tape_bytes, cap);
  if (at === 0) throw noRoom();
  bBase = at;
  bCap = cap;
  views();
}

/** `area(n)` (tape_words, tape_bytes): an area's address, 0 when there is no memory for it; a trap throws. */
function areaAt(area, n) {
  try {
    return area(n) >>> 0;
  } catch (e) {
    lost();
    throw trapped(e);
  }
}

/** Inside `refusable` (a count: calls nest): a value the module has no memory for is refused as too large. */
let REFUSING = 0;

/** What running out of module memory throws: TOO_LARGE for a value (refusable), else an Error. */
function noRoom() {
  if (REFUSING > 0) return TOO_LARGE;
  return new SafeRangeError('ic-customer-contract: no WebAssembly memory left for this input');
}

// ---------------------------------------------------------------------------
// A trap. A call that runs the module out of memory (a batch or a diff too
// large for its 4 GiB) traps: the module stops where it was, and what its
// memory holds can no longer be trusted. The call throws a RangeError, and
// the next call gets a new instance of the same compiled module, with a memory
// of its own (the glue's initSync(undefined, true): pkg/build.mjs).

/** How many times the module was started anew; a call's mark holds the count it began with. */
let INSTANCE = 0;

const renew = () => {
  initSync(undefined, true);
};

/** Forgets the module's memory and areas; the next call that needs the module starts it anew. */
function lost() {
  INSTANCE++;
  MEMORY = null;
  BUFFER = null;
  wBase = 0;
  wCap = 0;
  wAt = 0;
  bBase = 0;
  bCap = 0;
  bAt = 0;
  setLoad(renew);
}

/** The error of a call the module trapped in, or that a trap interrupted (a nested call's). */
function trapped(cause) {
  return new SafeRangeError(
    'ic-customer-contract: the WebAssembly module trapped during this call (out of memory?); the next call starts it anew',
    { cause },
  );
}

function word(w) {
  if (wAt >= wCap) growWords(wAt + 1);
  W[wBase + wAt++] = w;
}

// ---------------------------------------------------------------------------
// Strings: UTF-8 written here, so an unpaired surrogate is seen where it is:
// it is written as U+FFFD and its (byte offset, unit) kept for the tape.

/** The unpaired surrogates of the last string written: offset, unit, ... */
let LONE = [];

/**
 * Past this many UTF-16 units, a well-formed string is written by the
 * engine's encoder: its call costs what about 64 units through the loop
 * below do, and it then writes ASCII about ten times as fast (a 5,000-unit
 * name: 34 us to about 3 for the whole call).
 */
const ENCODER_FROM = 64;

/** Writes `s` as UTF-8 into the bytes; returns its length in bytes. */
function putText(s) {
  const n = s.length;
  if (bAt + n * 3 > bCap) growBytes(bAt + n * 3);
  if (LONE.length !== 0) LONE = [];
  // Well formed: nothing for the loop to find. Room for 3 bytes a unit is
  // room for the whole string, so the encoder reads all of it in one call.
  if (n > ENCODER_FROM && encodeInto !== null && wellFormed(s)) {
    const done = encodeInto(ENCODER, s, subarray(B, bBase + bAt, bBase + bCap));
    const written = done.written;
    // All of it, or the loop below writes it (an encoder that misbehaves).
    if (done.read === n && written >= n && written <= n * 3) {
      bAt += written;
      return written;
    }
  }
  const b = B;
  const start = bBase + bAt;
  let p = start;
  for (let i = 0; i < n; i++) {
    let c = charCodeAt(s, i);
    if (c < 0x80) {
      b[p++] = c;
      continue;
    }
    if (c < 0x800) {
      b[p++] = 0xc0 | (c >> 6);
      b[p++] = 0x80 | (c & 63);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = c <= 0xdbff && i + 1 < n ? charCodeAt(s, i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        b[p++] = 0xf0 | (cp >> 18);
        b[p++] = 0x80 | ((cp >> 12) & 63);
        b[p++] = 0x80 | ((cp >> 6) & 63);
        b[p++] = 0x80 | (cp & 63);
        i++;
        continue;
      }
      LONE[LONE.length] = p - start;
      LONE[LONE.length] = c;
      c = 0xfffd;
    }
    b[p++] = 0xe0 | (c >> 12);
    b[p++] = 0x80 | ((c >> 6) & 63);
    b[p++] = 0x80 | (c & 63);
  }
  bAt = p - bBase;
  return p - start;
}

/** A string value: STRING, or LONE_STRING with its table. */
export function string(s) {
  const offset = bAt;
  const len = putText(s);
  const lone = LONE;
  if (wAt + 4 + lone.length > wCap) growWords(wAt + 4 + lone.length);
  W[wBase + wAt++] = lone.length === 0 ? STRING : LONE_STRING;
  W[wBase + wAt++] = offset;
  W[wBase + wAt++] = len;
  if (lone.length === 0) return;
  W[wBase + wAt++] = lone.length >> 1;
  for (let i = 0; i < lone.length; i++) W[wBase + wAt++] = lone[i];
}

/** True for what the JSON calls take: a string, or a Uint8Array (a Node Buffer) of UTF-8. */
export function isJsonText(value) {
  return typeof value === 'string' || typedTag(value) === 'Uint8Array';
}

/**
 * JSON text (see isJsonText) as JSON_TEXT: a string as UTF-8 with its
 * unpaired surrogates' table; bytes copied as they are (the module reports
 * bytes that are not UTF-8, never replaces them).
 */
export function jsonText(value) {
  const offset = bAt;
  let len;
  if (LONE.length !== 0) LONE = [];
  if (typeof value !== 'string') {
    len = byteLengthOf(value);
    if (bAt + len > bCap) growBytes(bAt + len);
    // A view of a detached buffer has no bytes (its length reads 0), and
    // copying from it would throw: it is empty text.
    if (len > 0) typedSet(B, value, bBase + bAt);
    bAt += len;
  } else if (encodeInto !== null && value.length > ENCODER_FROM) {
    // A long string: the engine's encoder, into room for the string's
    // length (all it needs when it is ASCII), grown as it goes.
    let rest = value;
    for (;;) {
      if (bAt + rest.length + 4 > bCap) growBytes(bAt + rest.length + 4);
      const done = encodeInto(ENCODER, rest, subarray(B, bBase + bAt, bBase + bCap));
      const read = done.read;
      const written = done.written;
      // An encoder that gives no progress (one a page replaced before the
      // package loaded): the package's own loop writes the text instead.
      if (!(read > 0 && read <= rest.length && written >= read && written <= read * 3)) {
        bAt = offset;
        break;
      }
      bAt += written;
      if (read === rest.length) break;
      rest = stringSlice(rest, read);
      if (bAt + rest.length * 3 > bCap) growBytes(bAt + rest.length * 3);
    }
    len = bAt - offset;
    // The encoder writes an unpaired surrogate as U+FFFD, as it writes U+FFFD
    // itself. Text with neither (all of it when it is ASCII: as many bytes as
    // units) is done; so is well-formed text (its U+FFFD are its own). Else
    // the package's own loop writes it again, telling the two apart. Asking
    // whether the string is well formed only after finding U+FFFD keeps the
    // question (about 1.6 ns a unit) off every other text.
    if (len === 0 || (len !== value.length && holdsReplacement(offset, len) && !wellFormed(value))) {
      bAt = offset;
      len = putText(value);
    }
  } else {
    len = putText(value);
  }
  const lone = LONE;
  if (wAt + 4 + lone.length > wCap) growWords(wAt + 4 + lone.length);
  W[wBase + wAt++] = JSON_TEXT;
  W[wBase + wAt++] = offset;
  W[wBase + wAt++] = len;
  W[wBase + wAt++] = lone.length >> 1;
  for (let i = 0; i < lone.length; i++) W[wBase + wAt++] = lone[i];
}

/**
 * Whether the bytes [offset, offset + len) hold U+FFFD in UTF-8: the module
 * looks (src/bytes.rs: 16 bytes at a time in Node's build). An answer that
 * does not read is taken as yes: the text is then written by the package's
 * own loop, which is always right.
 */
function holdsReplacement(offset, len) {
  const from = wAt;
  word(JSON_TEXT);
  word(offset);
  word(len);
  word(0);
  const n = call(OPS.holdsReplacement, from);
  wAt = from;
  const at = out_words() >>> 2;
  return !(n === 2 && W[at] === 0 && W[at + 1] === 0);
}

/** A name (a key, a foreign kind): its index in KNOWN, or its text. */
function name(s) {
  const id = mapGet(NAME_ID, s);
  if (id !== undefined) return word(id);
  word(TEXT_NAME);
  const offset = bAt;
  const len = putText(s);
  word(offset);
  word(len);
}

function foreign(kind) {
  word(FOREIGN);
  name(kind);
}

function number(n) {
  word(NUMBER);
  const offset = bAt;
  const len = putText('' + n);
  word(offset);
  word(len);
}

// ---------------------------------------------------------------------------
// What a value is.

/** A function-valued `toJSON` that JSON.stringify would call instead of reading `o`'s data. */
function hasToJSON(o) {
  if (!hasOwn(o, 'toJSON')) return false;
  return typeof o.toJSON === 'function';
}

/**
 * What an object is: 'array', 'object' (plain data: every prototype on its
 * chain is a plain object, of this realm or another one), 'object with
 * toJSON', or its constructor's name (a class instance, a Date, a Map, a
 * boxed primitive...). May throw (a Proxy trap, a getter): the caller turns
 * that into `unreadable`.
 */
export function kindOf(o) {
  if (isArray(o)) return 'array';
  if (hasToJSON(o)) return 'object with toJSON';
  let proto = getProto(o);
  // A Proxy may invent prototypes forever: 64 links is far past any real chain.
  for (let links = 0; proto !== null && links < 64; links++) {
    if (proto === OBJECT_PROTO) return 'object';
    if (hasOwn(proto, 'constructor')) {
      const ctor = proto.constructor;
      if (typeof ctor !== 'function') return 'object instance';
      const next = getProto(proto);
      // Another realm's Object.prototype (an iframe, `vm`) ends a plain chain.
      if (next === null && fnToString(ctor) === OBJECT_SOURCE) return 'object';
      // An object made by Object.create(plainObject) inherits `constructor`
      // from there; a class's prototype holds its own.
      if (fnToString(ctor) !== OBJECT_SOURCE) {
        const ctorName = ctor.name;
        return typeof ctorName === 'string' && ctorName !== '' ? ctorName : 'object instance';
      }
    }
    // A plain object on the chain: JSON.stringify would call a toJSON it holds.
    if (hasToJSON(proto)) return 'object with toJSON';
    proto = getProto(proto);
  }
  return proto === null ? 'object' : 'object instance';
}

/** A plain object (see kindOf), false when it cannot be read. */
export function isPlainData(value) {
  if (typeof value !== 'object' || value === null) return false;
  try {
    return kindOf(value) === 'object';
  } catch {
    return false;
  }
}

/**
 * A customer record to read the freeze rules' keys from: any object whose
 * JSON is an object (CONTRACT.md section 3 throws only for a `current` that
 * is not an object or lacks a string `kyc_status`). A plain object, or an
 * instance of a class (an ORM's model, an Error, a Map), whose own
 * enumerable keys are what JSON.stringify sends; not an array, not a boxed
 * primitive and not an object with toJSON (their JSON is not that object).
 * False when it cannot be read.
 */
export function isRecordObject(value) {
  if (typeof value !== 'object' || value === null) return false;
  try {
    const kind = kindOf(value);
    return kind === 'object' || (kind !== 'array' && kind !== 'object with toJSON' && !isBoxed(value));
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------
// Values.

/** One more member or item read from the value; past the budget the whole value is refused. */
function spend(budget) {
  if (--budget.left < 0) throw TOO_LARGE;
}

/** A primitive; false when `value` is an object (not null). */
function primitive(value) {
  switch (typeof value) {
    case 'string':
      string(value);
      return true;
    case 'number':
      // NaN and Infinity are not JSON: JSON.stringify would send null (which
      // clears a phone); the rules report them instead.
      if (isFinite(value)) number(value);
      else foreign('non-finite number');
      return true;
    case 'boolean':
      word(value ? TRUE : FALSE);
      return true;
    case 'undefined':
    case 'bigint':
    case 'symbol':
    case 'function':
      foreign(typeof value);
      return true;
    default:
      if (value === null) word(NULL);
      return value === null;
  }
}

/** What object `value` is (kindOf), or null when reading it throws: then `unreadable` is written. */
function kindOrUnreadable(value) {
  try {
    return kindOf(value);
  } catch {
    foreign('unreadable');
    return null;
  }
}

/** Any value, whole (a container at MAX_DEPTH `too large`). */
function whole(value, depth, budget) {
  if (primitive(value)) return;
  const kind = kindOrUnreadable(value);
  if (kind === null) return;
  if (kind !== 'array' && kind !== 'object') return foreign(kind);
  // A container met again (one object reachable by many paths) is not walked
  // again: its words are copied from where it was first written, and what it
  // cost is taken from the budget at once. JSON holds a copy per path, and so
  // does the tape, but a small shared graph cannot stall the writer: past the
  // budget it is refused before it is copied.
  if (budget.seen === null) budget.seen = new SafeMap();
  let seen = mapGet(budget.seen, value);
  if (seen === undefined) {
    seen = [];
    mapSet(budget.seen, value, seen);
  }
  const known = seen[depth];
  if (known !== undefined) {
    budget.left -= known.cost;
    if (budget.left < 0) throw TOO_LARGE;
    const n = known.end - known.start;
    if (wAt + n > wCap) growWords(wAt + n);
    copyWithin(W, wBase + wAt, wBase + known.start, wBase + known.end);
    wAt += n;
    return;
  }
  const before = budget.left;
  const start = wAt;
  if (kind === 'array') wholeArray(value, depth, budget);
  else if (depth >= MAX_DEPTH) foreign('too large');
  else members(value, budget, (item) => whole(item, depth + 1, budget), null);
  seen[depth] = { start, end: wAt, cost: before - budget.left };
}

function empty(tag) {
  word(tag);
  word(0);
}

function wholeArray(array, depth, budget) {
  if (depth >= MAX_DEPTH) return foreign('too large');
  let length;
  try {
    length = array.length;
  } catch {
    return foreign('unreadable');
  }
  // A Proxy over an array may report any length: the budget bounds the loop,
  // and a length past what is left of it is refused before any item is read.
  if (typeof length !== 'number' || !(length > 0)) length = 0;
  if (length > budget.left) throw TOO_LARGE;
  word(ARRAY);
  word(length);
  for (let i = 0; i < length; i++) {
    spend(budget);
    let item;
    try {
      item = array[i];
    } catch {
      foreign('unreadable');
      continue;
    }
    // A hole or `undefined` is null, as JSON.stringify writes it.
    if (item === undefined) word(NULL);
    else whole(item, depth + 1, budget);
  }
}

/**
 * An object of `object`'s own enumerable string keys, each present value
 * written by `write(item, key)`; a getter that throws gives that key
 * `unreadable`. A key count past what is left of the budget is refused
 * before any is read.
 */
function members(object, budget, write, shape) {
  let keys;
  try {
    keys = keysOf(object); // own enumerable string keys only
  } catch {
    return foreign('unreadable');
  }
  if (keys.length > budget.left) throw TOO_LARGE;
  writeMembers(object, keys, budget, write, shape);
}

/**
 * OBJECT with a member for each of `keys` that `object` holds: its value read
 * as `object[key]`, absent when undefined (as JSON.stringify does),
 * `unreadable` when reading throws, else written by `write(item, key)` or,
 * when `shape` is not null, as the shape says of `key` (see read; SKIPPED when it
 * names no shape). Each key read is one more member against `budget` (none:
 * null). `__proto__` and `constructor` are written as keys like any other:
 * the rules report them as unknown fields. Nothing is ever assigned here.
 */
function writeMembers(object, keys, budget, write, shape) {
  word(OBJECT);
  const count = wAt;
  word(0);
  let n = 0;
  for (let i = 0; i < keys.length; i++) {
    if (budget !== null) spend(budget);
    const key = keys[i];
    let item;
    let readable = true;
    try {
      item = object[key];
    } catch {
      readable = false;
    }
    if (readable && item === undefined) continue;
    n++;
    // A key the shape lists: its name's id and its own shape, in one lookup.
    const member = shape !== null ? mapGet(shape, key) : undefined;
    if (member !== undefined && member.id !== -1) word(member.id);
    else name(key);
    if (!readable) {
      foreign('unreadable');
    } else if (shape !== null) {
      if (member === undefined) word(SKIPPED);
      else read(item, member.shape, budget);
    } else {
      write(item, key);
    }
  }
  W[wBase + count] = n;
}

/**
 * A shape as maps: a member's key to `{ id, shape }`, its name's index in
 * KNOWN (-1: written as text) and its own shape (`1`, or a map).
 */
function shapeOf(value) {
  if (value === 1) return 1;
  const out = new SafeMap();
  const keys = keysOf(value);
  for (let i = 0; i < keys.length; i++) {
    const id = mapGet(NAME_ID, keys[i]);
    mapSet(out, keys[i], { id: id === undefined ? -1 : id, shape: shapeOf(value[keys[i]]) });
  }
  return out;
}

/**
 * What the rules read of a value (rule data): `1` for a value read whole (a
 * string, a boolean; of an object or array only its kind), an object of such
 * shapes for one whose own keys are read in turn. The value of a key a shape
 * does not list is never read by any rule (an unknown key is reported by its
 * name), so it is SKIPPED: a huge or widely shared value under an unknown key
 * costs one word.
 */
const RISK = {};
for (let i = 0; i < RULES.riskKeys.length; i++) put(RISK, RULES.riskKeys[i], 1);
const BODY_SHAPE = shapeOf({ fullName: 1, email: 1, phone: 1, risk: RISK });
const RECORD_SHAPE = shapeOf(RULES.recordShape);

function read(value, shape, budget) {
  if (primitive(value)) return;
  const kind = kindOrUnreadable(value);
  if (kind === null) return;
  // Of a container read as `1`, or of an array, only the kind is read.
  if (kind === 'array') return empty(ARRAY);
  if (kind !== 'object') return foreign(kind);
  if (shape === 1) return empty(OBJECT);
  members(value, budget, null, shape);
}

/**
 * `value` as `write(value, budget)` writes it, or, when it passes the budget
 * (or cannot be read at all), refused whole: nothing of it stays on the tape
 * but `too large` (or `unreadable`).
 */
function refusable(value, write, arg) {
  const w = wAt;
  const b = bAt;
  REFUSING++;
  try {
    write(value, arg, { left: VALUE_BUDGET, seen: null });
    REFUSING--;
  } catch (e) {
    REFUSING--;
    wAt = w;
    bAt = b;
    foreign(e === TOO_LARGE ? 'too large' : 'unreadable');
  }
}

const readWhole = (value, _, budget) => whole(value, 0, budget);

/** The body as the rules read it. */
export function body(value) {
  refusable(value, read, BODY_SHAPE);
}

/** A customer record as the rules read it. */
export function record(value) {
  refusable(value, read, RECORD_SHAPE);
}

/** A value of which only the kind of a container is read (an id, a key, a URL). */
export function scalar(value) {
  refusable(value, read, 1);
}

/** Any value, whole: diffUpdate's `desired` (phone and risk go into the update as given). */
export function anything(value) {
  refusable(value, readWhole, 0);
}

/** The fields of a current record the rules read (rule data): a record crosses as just these. */
const CURRENT_KEYS = RULES.currentKeys;

/** A value that stands for a key of `current` whose getter threw (see snapshot). */
const UNREADABLE_VALUE = {};

/**
 * `record`'s own enumerable `key` (a polluted Object.prototype.kyc_status is
 * not the record's), UNREADABLE_VALUE when reading it throws.
 */
function recordField(record, key) {
  try {
    return own(record, key);
  } catch {
    return UNREADABLE_VALUE;
  }
}

/**
 * `current`: ABSENT when null or undefined. Of a record object
 * (isRecordObject) only the three keys the freeze rules read are written, so
 * a 17-key record costs what a 3-key one does; of anything else only its
 * kind, for wasm to name the problem in the Error it throws.
 */
export function writeCurrent(value) {
  if (value === undefined || value === null) return word(ABSENT);
  record3(value);
}

/** `current` for diffUpdate, where it is required: null is written as null. */
export function record3(value) {
  if (!isRecordObject(value)) return scalar(value);
  const values = [];
  for (let i = 0; i < CURRENT_KEYS.length; i++) values[i] = recordField(value, CURRENT_KEYS[i]);
  if (KEPT !== null && KEPT.record === value && sameValues(KEPT.values, values) && replayed(KEPT)) return;
  const w = wAt;
  const b = bAt;
  word(OBJECT);
  word(0);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] === undefined) continue;
    name(CURRENT_KEYS[i]);
    n++;
    writeRecordField(values[i]);
  }
  W[wBase + w + 1] = n;
  if (value !== LAST_RECORD) {
    LAST_RECORD = value;
    LAST_CALLS = 1;
  } else if (++LAST_CALLS === 3) {
    KEPT = kept(value, values, w, b);
  }
}

// A form keeps one record for thousands of calls. When `current` is the
// object of the call before, holding the same three values, its words and
// bytes are copied from the last time it was written instead of being
// written again (kept at its third call in a row: a sync that passes each
// record to buildPatchRequest and diffUpdate keeps nothing). The three
// values are still read and compared at every call, and the record still
// asked whether it is plain data: a record may change between calls.

/** The record of the last call, and how many calls in a row it has been given to. */
let LAST_RECORD = null;
let LAST_CALLS = 0;
/**
 * The record kept: `{ record, values, words, offsets, bytes, from }`: the
 * words it was written as, the indices among them of byte offsets, its
 * bytes, and the byte offset they were written at. Null when none.
 */
let KEPT = null;

function sameValues(a, b) {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * What a record whose values were just written at words `w` and bytes `b`
 * is kept as, or null when one of them is not a string (only strings and
 * absent keys are copied: their words are known).
 */
function kept(record, values, w, b) {
  for (let i = 0; i < values.length; i++) {
    if (values[i] !== undefined && typeof values[i] !== 'string') return null;
  }
  // Typed arrays: made once (about a microsecond each), copied in at every
  // call by one `set` each.
  const n = wAt - w;
  const words = new U32(n);
  typedSet(words, subarray(W, wBase + w, wBase + wAt), 0);
  // OBJECT, count, then per member: its name (a KNOWN index, or TEXT_NAME,
  // offset, length) and a STRING (offset, length) or LONE_STRING (offset,
  // length, count, the surrogates).
  const offsets = [];
  let i = 2;
  while (i < n) {
    if (words[i] === TEXT_NAME) {
      offsets[offsets.length] = i + 1;
      i += 3;
    } else {
      i += 1;
    }
    if (words[i] === STRING) {
      offsets[offsets.length] = i + 1;
      i += 3;
    } else if (words[i] === LONE_STRING) {
      offsets[offsets.length] = i + 1;
      i += 4 + 2 * words[i + 3];
    } else {
      return null;
    }
  }
  const bytes = new U8(bAt - b);
  typedSet(bytes, subarray(B, bBase + b, bBase + bAt), 0);
  return { record, values, words, offsets, bytes, from: b };
}

/** Writes the kept record again; false when there is no room for it (then it is written as usual). */
function replayed(k) {
  const words = k.words;
  const bytes = k.bytes;
  try {
    if (wAt + words.length > wCap) growWords(wAt + words.length);
    if (bAt + bytes.length > bCap) growBytes(bAt + bytes.length);
  } catch {
    return false;
  }
  typedSet(B, bytes, bBase + bAt);
  const at = wBase + wAt;
  typedSet(W, words, at);
  const delta = bAt - k.from;
  const offsets = k.offsets;
  for (let i = 0; i < offsets.length; i++) W[at + offsets[i]] += delta;
  wAt += words.length;
  bAt += bytes.length;
  return true;
}

/** A field of a current record (UNREADABLE_VALUE: a getter of the snapshot's source threw). */
function writeRecordField(item) {
  if (item === UNREADABLE_VALUE) foreign('unreadable');
  else scalar(item);
}

/**
 * The three keys of a `current` record (isRecordObject), read once, as a
 * plain object (a key whose getter throws holds UNREADABLE_VALUE): what
 * updateStandardSchema keeps. Null when `current` is not a record object.
 */
export function snapshot(value) {
  if (!isRecordObject(value)) return null;
  const copy = {};
  for (let i = 0; i < CURRENT_KEYS.length; i++) {
    const key = CURRENT_KEYS[i];
    const item = recordField(value, key);
    if (item !== undefined) put(copy, key, item);
  }
  return copy;
}

/**
 * buildPatchRequest's input: each member with a budget of its own, and
 * `current` as the keys the rules read (as validateUpdate sends it), so a big
 * record neither costs time nor counts against the update.
 */
export function writeInput(value) {
  let keys = null;
  try {
    if (isPlainData(value)) keys = keysOf(value);
  } catch {
    keys = null;
  }
  if (keys === null) return scalar(value);
  writeMembers(value, keys, null, writeInputField, null);
}

/** A member of buildPatchRequest's input: the request reads these keys only; any other is not read at all. */
function writeInputField(item, key) {
  if (key === 'current') {
    if (item === null) word(NULL);
    else record3(item);
  } else if (key === 'update') body(item);
  else if (key === 'id' || key === 'idempotencyKey' || key === 'baseUrl') scalar(item);
  else word(SKIPPED);
}

// ---------------------------------------------------------------------------
// Calls.

/**
 * The result words of the calls being read, copied out of the module's
 * memory (a message function of the app may call the package again while
 * they are read): a stack, each call's words above those of the call it
 * interrupted. One array, grown when needed: a typed array allocated per
 * call costs about 1 us in V8, more than the rest of a valid call.
 */
let COPY = null;
/** COPY's bytes (strings cross as UTF-8 in the words). */
let COPY8 = null;
let copyTop = 0;

/** A new COPY of `n` words holding the first `keep` words of the old one. */
function copyArea(n, keep) {
  const grown = new U32(n);
  for (let i = 0; i < keep; i++) grown[i] = COPY[i];
  COPY = grown;
  COPY8 = new U8(grown.buffer);
}
copyArea(1024, 0);

/** Makes sure the module is instantiated (the first call, or after a trap) and the views are good. */
function ready() {
  loaded();
  if (MEMORY === null) MEMORY = tape_memory();
  views();
}

/** Starts a call (loading the module at the first): its mark, for `run` and `end`. */
export function begin() {
  ready();
  const mark = { w: wAt, b: bAt, c: copyTop, i: INSTANCE, r: REFUSING };
  REFUSING = 0;
  return mark;
}

/**
 * Runs tape call `op` on the words from `from` (and all the bytes): the
 * number of result words, at out_words(). The views are good after it.
 */
function call(op, from) {
  let n;
  try {
    n = tape_call(op, from, wAt, bAt) >>> 0;
  } catch (e) {
    lost();
    throw trapped(e);
  }
  views();
  return n;
}

/**
 * Runs call `op` (OPS) on what was written since `mark`: a reader of its
 * result words, good until `end(mark)`.
 */
export function run(op, mark) {
  // A trap in a nested call (a getter's) while this call was written: what it wrote is gone.
  if (mark.i !== INSTANCE) throw trapped(undefined);
  const n = call(op, mark.w);
  const at = out_words() >>> 2;
  const start = copyTop;
  if (start + n > COPY.length) copyArea((start + n) * 2, start);
  if (n > 48) {
    typedSet(COPY, subarray(W, at, at + n), start);
  } else {
    const copy = COPY;
    const w = W;
    for (let i = 0; i < n; i++) copy[start + i] = w[at + i];
  }
  copyTop = start + n;
  return new Reader(COPY, start, COPY8);
}

/** Gives back what the call wrote, and its result words. */
export function end(mark) {
  // After a trap, positions of the module that stopped mean nothing: the areas start again empty.
  wAt = mark.i === INSTANCE ? mark.w : 0;
  bAt = mark.i === INSTANCE ? mark.b : 0;
  REFUSING = mark.r;
  copyTop = mark.c;
  // A large answer (a batch's) is not held once nothing reads it.
  if (copyTop === 0 && COPY.length > 1 << 16) copyArea(1024, 0);
}

/** ABSENT: an optional value not given. */
export function absent() {
  word(ABSENT);
}
