// Reads the wasm module's integer records (src/records.rs) back into the
// objects the package returns: issues `{ path, code, message, params? }`, with
// each message written in the call's language (locale.js). A string crosses
// as its hash when both sides know it (KNOWN and the message ids), else as
// UTF-16 units.

import { ENGLISH } from './messages.js';
import { issueIn, sentence } from './locale.js';
import { KNOWN } from './strings.js';

// Built-ins, captured at load (intrinsics.js).
import {
  apply,
  charCodeAt,
  fromCharCode,
  imul,
  keysOf,
} from './intrinsics.js';

/** The stable codes, in the crate's order (`Code::ALL`). */
const CODES = [
  'invalid_type', 'too_short', 'too_long', 'invalid_email', 'invalid_string', 'invalid_json',
  'unknown_field', 'immutable_field', 'frozen_field', 'invalid_format', 'invalid_value',
  'unchanged_frozen_field', 'unknown_kyc_status',
];

/** FNV-1a of an ASCII string (every string that crosses as a hash is ASCII). */
function fnv(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= charCodeAt(s, i);
    h = imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The known strings by hash, as an open table without collisions: slot
 * `(h ^ (h >>> SHIFT)) & MASK` holds the string whose hash is h. Found at
 * load (the smallest table and shift that separate every hash); an array
 * read costs a few ns where a Map of large numbers costs about 20.
 */
const ALL = [];
const HASHES = [];
for (const list of [keysOf(ENGLISH), KNOWN]) {
  for (let i = 0; i < list.length; i++) {
    ALL[ALL.length] = list[i];
    HASHES[HASHES.length] = fnv(list[i]);
  }
}
let MASK = 0;
let SHIFT = 0;
let SLOT_HASH = null;
let SLOT_TEXT = null;
/** Slot of each hash for `size` and `shift`, or null when two land together (a mark per slot: no clearing). */
let TAKEN = null;
let attempt = 0;
function slots(size, shift) {
  if (TAKEN === null || TAKEN.length !== size) TAKEN = new Int32Array(size);
  attempt++;
  const at = [];
  for (let i = 0; i < HASHES.length; i++) {
    const h = HASHES[i];
    const slot = (h ^ (h >>> shift)) & (size - 1);
    if (TAKEN[slot] === attempt) return null;
    TAKEN[slot] = attempt;
    at[i] = slot;
  }
  return at;
}
search: for (let size = 1024; size <= 1 << 16; size *= 2) {
  for (let shift = 8; shift < 32; shift++) {
    const at = slots(size, shift);
    if (at === null) continue;
    SLOT_HASH = new Float64Array(size);
    SLOT_TEXT = [];
    for (let i = 0; i < size; i++) SLOT_TEXT[i] = '';
    for (let i = 0; i < at.length; i++) {
      SLOT_HASH[at[i]] = HASHES[i];
      SLOT_TEXT[at[i]] = ALL[i];
    }
    MASK = size - 1;
    SHIFT = shift;
    TAKEN = null;
    break search;
  }
}

/** A cursor over one answer's words. */
export class Reader {
  /** Reads `words` from index `at`. */
  constructor(words, at) {
    this.words = words;
    this.at = at;
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
    if (n <= 64) {
      // A short string: two units at a time, no array.
      let short = '';
      for (let i = 0; i < n; i += 2) {
        const pair = w[this.at++];
        short += i + 1 < n ? fromCharCode(pair & 0xffff, pair >>> 16) : fromCharCode(pair & 0xffff);
      }
      return short;
    }
    let out = '';
    // Two UTF-16 units to a word; a chunk at a time keeps apply's argument list short.
    const units = [];
    for (let i = 0; i < n; i += 2) {
      const pair = w[this.at++];
      units[units.length] = pair & 0xffff;
      if (i + 1 < n) units[units.length] = pair >>> 16;
      if (units.length >= 4096) {
        out += apply(fromCharCode, null, units);
        units.length = 0;
      }
    }
    return out + apply(fromCharCode, null, units);
  }

  /** A message as data: `{ id, args }`. */
  messageData() {
    const id = this.str();
    const n = this.word();
    const args = {};
    for (let i = 0; i < n; i++) {
      const name = this.str();
      const kind = this.word();
      if (kind === 0) args[name] = this.u64();
      else if (kind === 1) args[name] = this.str();
      else if (kind === 2) args[name] = { p: this.str() };
      else {
        const p = this.str();
        args[name] = { p, name: this.str() };
      }
    }
    return { id, args };
  }

  /** A message, written in `lang` (locale.js). */
  message(lang) {
    const m = this.messageData();
    return sentence(lang, m.id, m.args);
  }

  issue(lang) {
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
        if (kind === 0) params[name] = this.u64();
        else if (kind === 1) params[name] = this.str();
        else {
          const items = [];
          const k = this.word();
          for (let j = 0; j < k; j++) items[j] = this.str();
          params[name] = items;
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
