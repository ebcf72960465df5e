// Turns a message descriptor ({ id, args }) into a sentence, with a table of
// templates by id: the English one generated from the crate (messages.js) or
// a locale's. The same grammar as `render_into` in src/messages.rs; a test
// holds the two equal on every template and every message the fixture tables
// produce (tests/fixtures/message-samples.json).
//
// A template holds `{name}` for an argument and
// `{name, plural, one {…} other {…}}` for a count (`#` is the count). An
// argument is a number (a count), a string (text shown as it is: a key, a
// field path), `{ p: id }` (another entry of the table: a label, a type) or
// `{ p: id, name }` (an entry with one `{name}` filled in). Each template is
// parsed once, the first time it is used.

// Built-ins, captured at load (intrinsics.js).
import {
  hasOwn,
  indexOf,
  mapGet,
  mapSet,
  put,
  SafeMap,
  SafeWeakMap,
  stringSlice,
  trim,
  weakGet,
  weakSet,
} from './intrinsics.js';

const PLURAL = ', plural,';

/** English plural categories; a locale passes its own (Intl.PluralRules). */
const englishPlural = (n) => (n === 1 ? 'one' : 'other');

/** The length of the balanced `{…}` at `from` in `s`, or -1. */
function placeholderLength(s, from) {
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1 - from;
  }
  return -1;
}

/**
 * A template as parts: a string is text; `{ name }` an argument;
 * `{ name, forms: { one: parts, other: parts } }` a count, where `null` in
 * a form's parts stands for `#`.
 */
function compile(template) {
  const parts = [];
  let at = 0;
  for (;;) {
    const open = indexOf(template, '{', at);
    if (open < 0) break;
    if (open > at) parts[parts.length] = stringSlice(template, at, open);
    const length = placeholderLength(template, open);
    if (length < 0) {
      at = open;
      break;
    }
    const inner = stringSlice(template, open + 1, open + length - 1);
    const comma = indexOf(inner, ',');
    const name = trim(comma < 0 ? inner : stringSlice(inner, 0, comma));
    const pluralAt = indexOf(inner, PLURAL);
    if (pluralAt < 0) {
      // Every key written, so that none is read from Object.prototype.
      parts[parts.length] = { name, forms: undefined, raw: stringSlice(template, open, open + length) };
    } else {
      const forms = {};
      const branches = stringSlice(inner, pluralAt + PLURAL.length);
      let b = 0;
      for (;;) {
        const o = indexOf(branches, '{', b);
        if (o < 0) break;
        const l = placeholderLength(branches, o);
        if (l < 0) break;
        const body = stringSlice(branches, o + 1, o + l - 1);
        const formParts = [];
        let from = 0;
        for (let hash = indexOf(body, '#'); ; hash = indexOf(body, '#', from)) {
          const text = hash < 0 ? stringSlice(body, from) : stringSlice(body, from, hash);
          const sub = compile(text);
          for (let i = 0; i < sub.length; i++) formParts[formParts.length] = sub[i];
          if (hash < 0) break;
          formParts[formParts.length] = null;
          from = hash + 1;
        }
        put(forms, trim(stringSlice(branches, b, o)), formParts);
        b = o + l;
      }
      parts[parts.length] = { name, forms, raw: stringSlice(template, open, open + length) };
    }
    at = open + length;
  }
  if (at < template.length) parts[parts.length] = stringSlice(template, at);
  return parts;
}

/** The text of entry `id` in `table` (the empty string when it has none). */
function entry(table, id) {
  return typeof id === 'string' && hasOwn(table, id) && typeof table[id] === 'string' ? table[id] : '';
}

/**
 * The parts of entry `id` of `table`, compiled once per table and id: a
 * table (a language's, ~200 ids) is a dictionary object, slower to ask than
 * one Map.
 */
const BY_TABLE = new SafeWeakMap();

function partsIn(table, id) {
  let byId = weakGet(BY_TABLE, table);
  if (byId === undefined) {
    byId = new SafeMap();
    weakSet(BY_TABLE, table, byId);
  }
  let parts = mapGet(byId, id);
  if (parts === undefined) {
    parts = compile(entry(table, id));
    mapSet(byId, id, parts);
  }
  return parts;
}

function renderArg(table, value, plural) {
  if (typeof value === 'number') return '' + value;
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') {
    const named = hasOwn(value, 'name') && typeof value.name === 'string' ? { name: value.name } : null;
    return fill(table, partsIn(table, value.p), named, plural);
  }
  return '';
}

function fill(table, parts, args, plural) {
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const value = args !== null && hasOwn(args, part.name) ? args[part.name] : undefined;
    if (part.forms !== undefined && typeof value === 'number') {
      const forms = part.forms;
      const key = plural(value);
      const form = hasOwn(forms, key) ? forms[key] : hasOwn(forms, 'other') ? forms.other : [];
      for (let j = 0; j < form.length; j++) {
        const f = form[j];
        out += f === null ? '' + value : fill(table, [f], args, plural);
      }
    } else if (value !== undefined) {
      out += renderArg(table, value, plural);
    } else {
      out += part.raw;
    }
  }
  return out;
}

/**
 * The sentence of message `id` with `args`, from `table` (templates by id),
 * counts put in plural form by `plural(n)` ('one', 'other', …; English by default).
 */
export function render(table, id, args, plural) {
  return fill(table, partsIn(table, id), args !== null && typeof args === 'object' ? args : null, plural || englishPlural);
}
