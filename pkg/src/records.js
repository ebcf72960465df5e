// Reads the wasm module's integer records (src/records.rs) back into the
// objects the package returns: issues `{ path, code, message, params? }`, with
// each message written in the call's language (locale.js). A string crosses
// as its hash when both sides know it (KNOWN and the message ids), else as
// its UTF-8 bytes.

import { ENGLISH } from './messages.js';
import { copyIssue, issueIn, paramsOf, sentence } from './locale.js';
import { KNOWN, SLOTS } from './strings.js';

// Built-ins, captured at load (intrinsics.js).
import {
  apply,
  charCodeAt,
  decode,
  DECODER,
  fromCharCode,
  imul,
  isArray,
  keysOf,
  put,
  subarray,
} from './intrinsics.js';

/**
 * The text of UTF-8 `bytes[from, to)` (written by the crate: well formed).
 * Short ASCII is read here; longer text (or any, without TextDecoder) by
 * the engine's decoder, whose call costs what about a dozen bytes read here do.
 */
function utf8(bytes, from, to) {
  if (to - from <= 12 || DECODER === null) {
    let out = '';
    let i = from;
    while (i < to && bytes[i] < 0x80) out += fromCharCode(bytes[i++]);
    if (i === to) return out;
    if (DECODER === null) return out + utf8Slow(bytes, i, to);
  }
  return decode(DECODER, subarray(bytes, from, to));
}

/** UTF-8 to text by hand, for engines without TextDecoder. */
function utf8Slow(bytes, i, to) {
  let out = '';
  const units = [];
  while (i < to) {
    let c = bytes[i++];
    if (c >= 0xf0) {
      c = ((c & 7) << 18) | ((bytes[i++] & 63) << 12) | ((bytes[i++] & 63) << 6) | (bytes[i++] & 63);
      c -= 0x10000;
      units[units.length] = 0xd800 + (c >> 10);
      c = 0xdc00 + (c & 1023);
    } else if (c >= 0xe0) {
      c = ((c & 15) << 12) | ((bytes[i++] & 63) << 6) | (bytes[i++] & 63);
    } else if (c >= 0x80) {
      c = ((c & 31) << 6) | (bytes[i++] & 63);
    }
    units[units.length] = c;
    // A chunk at a time keeps apply's argument list short.
    if (units.length >= 4096) {
      out += apply(fromCharCode, null, units);
      units.length = 0;
    }
  }
  return out + apply(fromCharCode, null, units);
}

/** The stable codes, in the crate's order (`Code::ALL`). */
const CODES = [
  'invalid_type', 'too_short', 'too_long', 'invalid_email', 'invalid_string', 'invalid_json',
  'unknown_field', 'immutable_field', 'frozen_field', 'invalid_format', 'invalid_value',
  'unchanged_frozen_field', 'unknown_kyc_status',
];

/**
 * The known strings by hash, as an open table without collisions: slot
 * `(h ^ (h >>> SHIFT)) & MASK` holds the string whose hash is h (FNV-1a; every
 * string that crosses as a hash is ASCII). Its size and shift come from the
 * crate (SLOTS, the smallest that separate every hash), checked here at load,
 * and searched for only if they do not hold; an array read costs a few ns
 * where a Map of large numbers costs about 20.
 */
let MASK = 0;
let SHIFT = 0;
let SLOT_HASH = null;
let SLOT_TEXT = null;
const LISTS = [keysOf(ENGLISH), KNOWN];

/**
 * Fills the table for `size` and `shift`; false when two hashes land
 * together. One function with the hash written inline: at load, before any
 * compiler has seen it, a call per string cost twice the time (about 1 ms).
 */
function fillSlots(size, shift) {
  const hashes = new Float64Array(size);
  const texts = new Array(size);
  // No slot is a hole, and no hash (a u32) is -1.
  for (let i = 0; i < size; i++) {
    hashes[i] = -1;
    texts[i] = '';
  }
  for (let l = 0; l < LISTS.length; l++) {
    const list = LISTS[l];
    for (let i = 0; i < list.length; i++) {
      const s = list[i];
      let h = 0x811c9dc5;
      for (let j = 0; j < s.length; j++) {
        h ^= charCodeAt(s, j);
        h = imul(h, 0x01000193) >>> 0;
      }
      const slot = (h ^ (h >>> shift)) & (size - 1);
      if (hashes[slot] !== -1) return false;
      hashes[slot] = h;
      texts[slot] = s;
    }
  }
  SLOT_HASH = hashes;
  SLOT_TEXT = texts;
  MASK = size - 1;
  SHIFT = shift;
  return true;
}
if (!fillSlots(SLOTS[0], SLOTS[1])) {
  search: for (let size = 1024; size <= 1 << 16; size *= 2) {
    for (let shift = 8; shift < 32; shift++) if (fillSlots(size, shift)) break search;
  }
}

// ---------------------------------------------------------------------------
// Issues read before. A form validates the same fields again and again, and
// the module writes the same issue again (code, path, figures and message:
// the same words). When the words of an issue are those of one read before
// in the same language, a copy of that issue is handed out (copyIssue: its
// own path and params, the same sentence): no string looked up, no object
// built key by key, no sentence written again. Exact: every word of the
// issue kept is compared (an issue's words say where it ends, so words that
// begin with all of them are that issue). Not used for a language with
// messages of the app's own (functions, which may answer differently each
// time).

/** Issues kept per code (the last ones read), and the most words one may have. */
const SEEN_PER_CODE = 4;
const SEEN_MAX_WORDS = 96;
/** The language the issues kept are in (another one empties SEEN), and per code a ring of them. */
let SEEN_LANG = null;
let SEEN = null;
let SEEN_NEXT = null;

function emptySeen() {
  SEEN = [];
  SEEN_NEXT = [];
  for (let i = 0; i < CODES.length; i++) {
    const ring = [];
    for (let j = 0; j < SEEN_PER_CODE; j++) ring[j] = null;
    SEEN[i] = ring;
    SEEN_NEXT[i] = 0;
  }
}

/** Whether `w` holds `words` (a copy) from `start` on. */
function holds(w, start, words) {
  if (start + words.length > w.length) return false;
  for (let i = 0; i < words.length; i++) if (words[i] !== w[start + i]) return false;
  return true;
}

/** Whether an issue's params (or undefined) hold a list, which a copy must copy too. */
function holdsList(params) {
  if (params === undefined) return false;
  const keys = keysOf(params);
  for (let i = 0; i < keys.length; i++) if (isArray(params[keys[i]])) return true;
  return false;
}

/** A copy of `w[start, end)`, as a plain array: a typed array costs about a microsecond to make. */
function slice(w, start, end) {
  const out = [];
  for (let i = start; i < end; i++) out[i - start] = w[i];
  return out;
}

/** A cursor over one answer's words. */
export class Reader {
  // Declared, so that they are defined on the instance as a literal's are
  // (an assignment would meet a setter a page put on Object.prototype).
  words;
  at;
  bytes;

  /** Reads `words` from index `at`; `bytes` are the same memory as bytes. */
  constructor(words, at, bytes) {
    this.words = words;
    this.at = at;
    this.bytes = bytes;
  }

  word() {
    return this.words[this.at++];
  }

  u64() {
    const low = this.words[this.at++];
    return low + this.words[this.at++] * 4294967296;
  }

  str() {
    const w = this.words;
    if (w[this.at++] === 0) {
      const h = w[this.at++];
      const at = (h ^ (h >>> SHIFT)) & MASK;
      return SLOT_HASH[at] === h ? SLOT_TEXT[at] : '';
    }
    const n = w[this.at++];
    const from = this.at * 4;
    this.at += (n + 3) >>> 2;
    return utf8(this.bytes, from, from + n);
  }

  /** A message as data: `{ id, args }`. */
  messageData() {
    const id = this.str();
    const n = this.word();
    const args = {};
    for (let i = 0; i < n; i++) {
      const name = this.str();
      const kind = this.word();
      if (kind === 0) put(args, name, this.u64());
      else if (kind === 1) put(args, name, this.str());
      else if (kind === 2) put(args, name, { p: this.str() });
      else {
        const p = this.str();
        put(args, name, { p, name: this.str() });
      }
    }
    return { id, args };
  }

  /** A message, written in `lang` (locale.js). */
  message(lang) {
    const m = this.messageData();
    return sentence(lang, m.id, m.args);
  }

  /** The next issue: a copy of one read before when its words are the same (see SEEN), else read. */
  issue(lang) {
    const w = this.words;
    const start = this.at;
    const code = w[start];
    if (lang.messages !== null || !(code < CODES.length)) return this.fresh(lang);
    if (SEEN_LANG !== lang) {
      SEEN_LANG = lang;
      emptySeen();
    }
    const ring = SEEN[code];
    for (let i = 0; i < ring.length; i++) {
      const seen = ring[i];
      if (seen !== null && holds(w, start, seen.words)) {
        this.at = start + seen.words.length;
        return copyIssue(seen.issue, seen.params, seen.lists);
      }
    }
    const issue = this.fresh(lang);
    if (this.at - start <= SEEN_MAX_WORDS) {
      const next = SEEN_NEXT[code];
      const params = paramsOf(issue);
      const lists = holdsList(params);
      const kept = copyIssue(issue, params, lists);
      ring[next] = { words: slice(w, start, this.at), issue: kept, params: paramsOf(kept), lists };
      SEEN_NEXT[code] = (next + 1) % SEEN_PER_CODE;
    }
    return issue;
  }

  /** The next issue, read word by word. */
  fresh(lang) {
    const code = CODES[this.word()];
    const n = this.word();
    const path = [];
    for (let i = 0; i < n; i++) path[i] = this.str();
    const count = this.word();
    let params;
    if (count > 0) {
      params = {};
      for (let i = 0; i < count; i++) {
        const name = this.str();
        const kind = this.word();
        if (kind === 0) put(params, name, this.u64());
        else if (kind === 1) put(params, name, this.str());
        else {
          const items = [];
          const k = this.word();
          for (let j = 0; j < k; j++) items[j] = this.str();
          put(params, name, items);
        }
      }
    }
    const m = this.messageData();
    return issueIn(lang, path, code, params, m.id, m.args);
  }

  issues(lang) {
    const n = this.word();
    const out = [];
    for (let i = 0; i < n; i++) out[i] = this.issue(lang);
    return out;
  }
}
