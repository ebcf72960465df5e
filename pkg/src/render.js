// Turns a message descriptor ({ id, args }) into a sentence, with a table of
// templates by id: the English one generated from the crate (messages.js) or
// a locale's. The same algorithm as `render_into` in src/messages.rs; a test
// holds the two equal on every template and every message the fixture tables
// produce (tests/fixtures/message-samples.json).
//
// A template holds `{name}` for an argument and
// `{name, plural, one {…} other {…}}` for a count (`#` is the count). An
// argument is a number (a count), a string (text shown as it is: a key, a
// field path), `{ p: id }` (another entry of the table: a label, a type) or
// `{ p: id, name }` (an entry with one `{name}` filled in).

const uncurry = Function.prototype.bind.bind(Function.prototype.call);
const indexOf = uncurry(String.prototype.indexOf);
const slice = uncurry(String.prototype.slice);
const trim = uncurry(String.prototype.trim);
const hasOwn = uncurry(Object.prototype.hasOwnProperty);

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

/** The text of the branch for `form` in `one {…} other {…}`, else `other`'s. */
function pluralBranch(branches, form) {
  let other = '';
  let at = 0;
  for (;;) {
    const open = indexOf(branches, '{', at);
    if (open < 0) return other;
    const key = trim(slice(branches, at, open));
    const length = placeholderLength(branches, open);
    if (length < 0) return other;
    const body = slice(branches, open + 1, open + length - 1);
    if (key === form) return body;
    if (key === 'other') other = body;
    at = open + length;
  }
}

/** The text of entry `id` in `table` (the empty string when it has none). */
function entry(table, id) {
  return typeof id === 'string' && hasOwn(table, id) && typeof table[id] === 'string' ? table[id] : '';
}

function renderArg(table, value, plural) {
  if (typeof value === 'number') return '' + value;
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') {
    const named = typeof value.name === 'string' ? { name: value.name } : null;
    return fill(table, entry(table, value.p), named, plural);
  }
  return '';
}

/** Fills `template`'s placeholders from `args`. */
function fill(table, template, args, plural) {
  let out = '';
  let at = 0;
  for (;;) {
    const open = indexOf(template, '{', at);
    if (open < 0) return out + slice(template, at);
    out += slice(template, at, open);
    const length = placeholderLength(template, open);
    if (length < 0) return out + slice(template, open);
    const inner = slice(template, open + 1, open + length - 1);
    const comma = indexOf(inner, ',');
    const name = trim(comma < 0 ? inner : slice(inner, 0, comma));
    const value = args !== null && hasOwn(args, name) ? args[name] : undefined;
    const pluralAt = indexOf(inner, PLURAL);
    if (pluralAt >= 0 && typeof value === 'number') {
      const form = pluralBranch(slice(inner, pluralAt + PLURAL.length), plural(value));
      let part = 0;
      for (let hash = indexOf(form, '#'); ; hash = indexOf(form, '#', part)) {
        out += fill(table, hash < 0 ? slice(form, part) : slice(form, part, hash), args, plural);
        if (hash < 0) break;
        out += '' + value;
        part = hash + 1;
      }
    } else if (value !== undefined) {
      out += renderArg(table, value, plural);
    } else {
      out += slice(template, open, open + length);
    }
    at = open + length;
  }
}

/**
 * The sentence of message `id` with `args`, from `table` (templates by id),
 * counts put in plural form by `plural(n)` ('one', 'other', …; English by default).
 */
export function render(table, id, args, plural) {
  return fill(table, entry(table, id), args && typeof args === 'object' ? args : null, plural || englishPlural);
}
