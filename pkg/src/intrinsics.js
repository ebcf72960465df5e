// The built-ins the package calls, captured once when it loads: a page or a
// plugin that later patches them (RegExp.prototype.exec, Map.prototype.get,
// Function.prototype.call, ...) cannot change an answer. A method is called
// as `method(self, ...args)` through `uncurry` (a bound
// Function.prototype.call, as fast as a plain call), never as `x.method()` on
// a built-in prototype. Every module of the package takes its built-ins from
// here; this module imports nothing.

export const uncurry = Function.prototype.bind.bind(Function.prototype.call);

// Objects and arrays.
export const OBJECT_PROTO = Object.prototype;
export const getProto = Object.getPrototypeOf;
export const keysOf = Object.keys;
export const hasOwn = uncurry(OBJECT_PROTO.hasOwnProperty);
export const isEnumerable = uncurry(OBJECT_PROTO.propertyIsEnumerable);
export const fnToString = uncurry(Function.prototype.toString);
export const isArray = Array.isArray;
export const apply = Reflect.apply;
const defineProperty = Object.defineProperty;
export const parse = JSON.parse;
export const stringify = JSON.stringify;

/** A data property as an object literal makes it: writable, enumerable, configurable. */
const DATA = { __proto__: null, value: undefined, writable: true, enumerable: true, configurable: true };

/**
 * `object[key] = value` for an object the package builds, as a literal would
 * write it: when a page has defined `key` on Object.prototype (a setter, a
 * read-only value), assignment would call that setter or throw, so the
 * property is defined instead. Otherwise a plain assignment (the fast one).
 * `object` is a plain object of the package's own (its prototype is
 * Object.prototype, whose own prototype is always null).
 */
export function put(object, key, value) {
  if (!(key in OBJECT_PROTO)) {
    object[key] = value;
    return;
  }
  DATA.value = value;
  defineProperty(object, key, DATA);
  DATA.value = undefined;
}

/**
 * The `valueOf` of each kind of boxed primitive (`new String('x')`, ...):
 * each answers only for an object of its own kind (the engine's internal
 * slot, which no prototype can fake) and throws for any other.
 */
const UNBOX = [Number, String, Boolean, globalThis.BigInt, globalThis.Symbol];
for (let i = 0; i < UNBOX.length; i++) UNBOX[i] = typeof UNBOX[i] === 'function' ? uncurry(UNBOX[i].prototype.valueOf) : UNBOX[0];

/** True for a boxed primitive, whose JSON is the primitive (JSON.stringify unboxes it). */
export function isBoxed(value) {
  for (let i = 0; i < UNBOX.length; i++) {
    try {
      UNBOX[i](value);
      return true;
    } catch {
      // not this kind
    }
  }
  return false;
}

// Numbers.
export const isFinite = Number.isFinite;
export const isInteger = Number.isInteger;
export const imul = Math.imul;

// Strings.
export const fromCharCode = String.fromCharCode;
export const charCodeAt = uncurry(String.prototype.charCodeAt);
export const indexOf = uncurry(String.prototype.indexOf);
export const stringSlice = uncurry(String.prototype.slice);
export const trim = uncurry(String.prototype.trim);
export const SafeRegExp = RegExp;
export const regexpExec = uncurry(RegExp.prototype.exec);
const SURROGATE = /[\uD800-\uDFFF]/;
/**
 * No unpaired surrogate. Engines without isWellFormed: no surrogate at all,
 * which only sends more strings the slow (exact) way.
 */
export const wellFormed = String.prototype.isWellFormed
  ? uncurry(String.prototype.isWellFormed)
  : (s) => regexpExec(SURROGATE, s) === null;

// Collections.
export const SafeMap = Map;
export const mapGet = uncurry(Map.prototype.get);
export const mapSet = uncurry(Map.prototype.set);
export const SafeWeakMap = WeakMap;
export const weakGet = uncurry(WeakMap.prototype.get);
export const weakSet = uncurry(WeakMap.prototype.set);

// Typed arrays, text encoding and the wasm memory.
export const U32 = Uint32Array;
export const U8 = Uint8Array;
const TYPED_PROTO = getProto(Uint8Array.prototype);
export const typedSet = uncurry(TYPED_PROTO.set);
export const copyWithin = uncurry(TYPED_PROTO.copyWithin);
export const subarray = uncurry(TYPED_PROTO.subarray);
export const typedTag = uncurry(Object.getOwnPropertyDescriptor(TYPED_PROTO, Symbol.toStringTag).get);
export const byteLengthOf = uncurry(Object.getOwnPropertyDescriptor(TYPED_PROTO, 'byteLength').get);
export const ENCODER = typeof TextEncoder === 'function' ? new TextEncoder() : null;
/**
 * `encodeInto(ENCODER, string, bytes)`, or null (the package's own UTF-8
 * loop writes every string) when there is none, or when the one there fails
 * a check at load: a page may have replaced it before the package loaded.
 */
export const encodeInto = (() => {
  if (ENCODER === null || typeof ENCODER.encodeInto !== 'function') return null;
  const encode = uncurry(ENCODER.encodeInto);
  try {
    const bytes = new Uint8Array(4);
    const done = encode(ENCODER, 'a\u00e9', bytes);
    return done.read === 2 && done.written === 3 && bytes[2] === 0xa9 ? encode : null;
  } catch {
    return null;
  }
})();
export const DECODER = typeof TextDecoder === 'function' ? new TextDecoder('utf-8', { ignoreBOM: true }) : null;
export const decode = DECODER !== null && typeof DECODER.decode === 'function' ? uncurry(DECODER.decode) : null;
/** An ArrayBuffer's length: 0 once detached (a wasm memory's buffer, when the memory grew). */
export const bufferLength = uncurry(Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get);
export const bufferOf =
  typeof WebAssembly === 'object' && WebAssembly !== null
    ? uncurry(Object.getOwnPropertyDescriptor(WebAssembly.Memory.prototype, 'buffer').get)
    : null;

// Errors and languages.
export const SafeError = Error;
export const SafeTypeError = TypeError;
export const SafeRangeError = RangeError;
export const PluralRules = typeof Intl === 'object' && Intl !== null ? Intl.PluralRules : undefined;
export const pluralSelect = PluralRules ? uncurry(PluralRules.prototype.select) : null;
