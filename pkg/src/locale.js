// Languages: which table of templates the messages are written from. A
// locale is `{ tag, templates, messages? }`: `templates` by the ids of the
// English table (messages.js, generated from the crate), `messages` the app's
// own functions by issue code (`(issue) => string`), which win over the
// templates. Only `message` ever changes with the language: codes, paths and
// params never do.

import { ENGLISH } from './messages.js';
import { render } from './render.js';

// Built-ins, captured at load (intrinsics.js).
import {
  hasOwn,
  isArray,
  keysOf,
  PluralRules,
  pluralSelect,
  put,
  SafeTypeError,
  SafeWeakMap,
  weakGet,
  weakSet,
} from './intrinsics.js';

/** English, the default: the crate's own table. */
export const en = { tag: 'en', templates: ENGLISH };

/**
 * Where an issue keeps its message as data (template id and arguments), so
 * that formatIssue can write it in another language: a private field, set on
 * the plain issue object by a constructor that returns it (no property key at
 * all: JSON.stringify, Object.keys, Reflect.ownKeys and deep equality do not
 * see it). It costs about 20 ns an issue; a non-enumerable symbol property
 * (`Object.defineProperty`) cost about 450 ns.
 */
class Plain {
  constructor(object) {
    return object;
  }
}
class Stamp extends Plain {
  #data;
  constructor(object, data) {
    super(object);
    this.#data = data;
  }
  /** The data stamped on `object`, or undefined. */
  static read(object) {
    return #data in object ? object.#data : undefined;
  }
}

const englishPlural = (n) => (n === 1 ? 'one' : 'other');

/** A locale made ready: its templates over English, its plural rule, its overrides. */
const READY = new SafeWeakMap();

/** The locale of the last call and its language: most calls use the one before's (a WeakMap read costs more). */
let LAST_LOCALE = null;
let LAST_LANG = null;

function ready(locale) {
  if (locale === LAST_LOCALE) return LAST_LANG;
  let lang = weakGet(READY, locale);
  if (lang === undefined) lang = made(locale);
  LAST_LOCALE = locale;
  LAST_LANG = lang;
  return lang;
}

/** A locale made ready, once (READY keeps it). */
function made(locale) {
  const own = locale.templates;
  const table = {};
  const ids = keysOf(ENGLISH);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    put(table, id, own !== null && typeof own === 'object' && hasOwn(own, id) && typeof own[id] === 'string' ? own[id] : ENGLISH[id]);
  }
  const tag = typeof locale.tag === 'string' ? locale.tag : 'en';
  let plural = englishPlural;
  if (pluralSelect !== null && tag !== 'en') {
    try {
      const rules = new PluralRules(tag);
      plural = (n) => pluralSelect(rules, n);
    } catch {
      plural = englishPlural;
    }
  }
  const messages = hasOwn(locale, 'messages') && locale.messages !== null && typeof locale.messages === 'object' ? locale.messages : null;
  const lang = { table, plural, messages };
  weakSet(READY, locale, lang);
  return lang;
}

let CURRENT = en;

/** `configure({ locale })`: the language of every later call that names none. */
export function setLocale(locale) {
  // null: back to English, the language of an app that configures none.
  CURRENT = locale === null ? en : checked(locale, 'configure({ locale })');
}

/** True for a locale object: one with its templates. */
function isLocale(locale) {
  return locale !== null && typeof locale === 'object' && locale.templates !== null && typeof locale.templates === 'object';
}

function checked(locale, where) {
  // `require('ic-customer-contract/locales/de')` gives the CommonJS module,
  // `{ __esModule: true, default: locale }`: its default export is the locale.
  if (!isLocale(locale) && locale !== null && typeof locale === 'object' && hasOwn(locale, 'default') && isLocale(locale.default)) {
    locale = locale.default;
  }
  if (!isLocale(locale)) {
    throw new SafeTypeError(`${where}: a locale is an object with its templates, such as the default export of ic-customer-contract/locales/de`);
  }
  return locale;
}

/** The language of one call: its options' `locale`, else the configured one. */
export function langOf(options) {
  let given;
  if (options !== null && typeof options === 'object') {
    // A getter or Proxy trap that throws: no locale given (buildPatchRequest's
    // input reports such a value as unreadable, and answers all the same).
    try {
      given = hasOwn(options, 'locale') ? options.locale : undefined;
    } catch {
      given = undefined;
    }
  }
  // null, as undefined: no locale for this call (the configured one).
  return ready(given !== undefined && given !== null ? checked(given, 'options.locale') : CURRENT);
}

/** The language of a locale object given directly (formatIssue). */
export function langOfLocale(locale) {
  return ready(checked(locale, 'formatIssue(issue, locale)'));
}

/** A message in `lang`, without an issue (a thrown error, a field's reason). */
export function sentence(lang, id, args) {
  return render(lang.table, id, args, lang.plural);
}

/**
 * `{ path, code, message, params? }`, written as literals: a property a page
 * defines on Object.prototype (a setter named `params`) never sees it built.
 */
function issueObject(path, code, message, params) {
  return params === undefined ? { path, code, message } : { path, code, message, params };
}

/** An issue's own params, or undefined (an issue without them would read an inherited `params`). */
export function paramsOf(issue) {
  return hasOwn(issue, 'params') ? issue.params : undefined;
}

/**
 * An issue `{ path, code, message, params? }` with its message written in
 * `lang` (the app's function for its code first), and its message as data
 * kept for formatIssue.
 */
export function issueIn(lang, path, code, params, id, args) {
  const issue = issueObject(path, code, '', params);
  new Stamp(issue, { id, args });
  issue.message = words(lang, issue, id, args);
  return issue;
}

/**
 * A fresh copy of an issue made by issueIn, whose params are `params`
 * (undefined: none; given apart, since an issue without params would read
 * an inherited one): its own path and params (and, `lists`, its own copy of
 * each list among them), the same message and message data. The records
 * reader hands out copies of an issue it read before (records.js).
 */
export function copyIssue(issue, params, lists) {
  const from = issue.path;
  const path = [];
  for (let i = 0; i < from.length; i++) path[i] = from[i];
  let own;
  if (params !== undefined) {
    // Spread defines each property, as a literal does.
    own = { ...params };
    if (lists) {
      const keys = keysOf(own);
      for (let i = 0; i < keys.length; i++) {
        const value = own[keys[i]];
        if (isArray(value)) {
          const list = [];
          for (let j = 0; j < value.length; j++) list[j] = value[j];
          own[keys[i]] = list;
        }
      }
    }
  }
  const copy = issueObject(path, issue.code, issue.message, own);
  new Stamp(copy, Stamp.read(issue));
  return copy;
}

function words(lang, issue, id, args) {
  const own = lang.messages;
  if (own !== null && hasOwn(own, issue.code) && typeof own[issue.code] === 'function') {
    const text = own[issue.code](issue);
    if (typeof text === 'string') return text;
  }
  return render(lang.table, id, args, lang.plural);
}

/**
 * `formatIssue(issue, locale)`: the same issue with its message in `locale`.
 * An issue that lost its message data (it went through JSON) keeps its message.
 */
export function reword(issue, lang) {
  if (issue === null || typeof issue !== 'object') {
    throw new SafeTypeError('formatIssue(issue, locale): an issue is an object { path, code, message, params? } the package returned');
  }
  const data = Stamp.read(issue);
  const copy = issueObject(issue.path, issue.code, issue.message, paramsOf(issue));
  if (data === undefined || data === null || typeof data.id !== 'string') return copy;
  new Stamp(copy, data);
  copy.message = words(lang, copy, data.id, data.args);
  return copy;
}
