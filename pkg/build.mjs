#!/usr/bin/env node
// Assembles pkg/dist from the optimized wasm and wasm-bindgen's `--target web`
// glue (no dependencies; run by `cargo xtask build`):
//
//   node pkg/build.mjs --wasm <opt.wasm> --glue <glue.js> --out pkg/dist
//                      [--node-wasm <opt.wasm>] [--schemas <dir>]
//
// dist/ holds: glue.js (the glue hardened and cut to its synchronous part),
// api.js and the modules it imports (pkg/src), schemas.js (the two JSON
// Schemas as text), wasm-inline.js (the wasm bytes as a string, one character
// per byte, compiled at the first call that needs them), openapi.json (for
// the CLI's `schemas --out`), and the entries:
//   index.js / index.cjs   the default, ESM and CommonJS: every bundler, browser,
//                          worker and test runner, with no config (no asset URL,
//                          no top-level await, no global TextEncoder needed)
//   node.mjs / node.cjs    the same for Node (Node 18's crypto without a global),
//                          reading ic_customer_contract_node.wasm (--node-wasm:
//                          the crate built for speed; Node reads it from disk,
//                          so its size costs no download) when it is there
//   wasm-url.js            opt-in (`ic-customer-contract/wasm-url`): fetches the
//                          .wasm file next to it with a top-level await (the
//                          smallest download, for bundlers that copy the asset)
// The CommonJS files are a mechanical transform of the ES modules. index.d.ts
// and index.d.cts hold the same declarations. The glue's shape is checked before
// it is transformed: anything unexpected stops the build.

import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));

/** The wasm exports (src/wasm.rs) that api.js and tape.js import. */
const WASM_EXPORTS = [
  'out_words',
  'tape_bytes',
  'tape_call',
  'tape_memory',
  'tape_words',
];

/** The package's public API (CONTRACT.md section 4, plus `init`). index.d.ts declares the same. */
const PUBLIC = [
  'buildPatchRequest',
  'configure',
  'customerSchema',
  'customerStandardSchema',
  'diffUpdate',
  'fieldRules',
  'formatIssue',
  'init',
  'newIdempotencyKey',
  'parseCustomerId',
  'updateSchema',
  'updateStandardSchema',
  'validateBatchJson',
  'validateCustomer',
  'validateUpdate',
  'validateUpdateJson',
];

const SCHEMA_FILES = ['customer-update.schema.json', 'customer.schema.json', 'openapi.json'];

function fail(message) {
  console.error(`pkg/build.mjs: ${message}`);
  process.exit(1);
}

function args(argv) {
  const opts = { schemas: resolve(here, '..', 'schemas'), check: true };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${flag} needs a value`);
      return argv[++i];
    };
    if (flag === '--wasm') opts.wasm = resolve(value());
    else if (flag === '--node-wasm') opts.nodeWasm = resolve(value());
    else if (flag === '--glue') opts.glue = resolve(value());
    else if (flag === '--out') opts.out = resolve(value());
    else if (flag === '--schemas') opts.schemas = resolve(value());
    else if (flag === '--no-check') opts.check = false;
    else fail(`unknown argument ${JSON.stringify(flag)}\nusage: node pkg/build.mjs --wasm <opt.wasm> --glue <glue.js> --out <dir> [--node-wasm <opt.wasm>] [--schemas <dir>] [--no-check]`);
  }
  for (const name of ['wasm', 'glue', 'out']) if (!opts[name]) fail(`missing --${name}`);
  for (const file of [opts.wasm, opts.glue, opts.nodeWasm ?? opts.wasm]) if (!existsSync(file)) fail(`no such file: ${file}`);
  return opts;
}

function count(text, needle) {
  return text.split(needle).length - 1;
}

/**
 * The glue, calling through intrinsics captured when it loads: a page that
 * later patches WebAssembly.Table.prototype.set or Object.getPrototypeOf
 * cannot change how the module is set up (the reliability issue: answers
 * must not depend on patched built-ins). Every export passes numbers only
 * (values and text cross on the tape, in the module's memory: tape.js), so
 * the glue has no string or array code left to harden. Each rewrite names
 * the exact text wasm-bindgen 0.2.130 writes; the build fails when one is
 * not found, or when the glue calls any other method before its async
 * loader, so a glue that changed shape is never shipped half-hardened.
 */
const HARDEN = [
  // The externref table's first slots, set at instantiation.
  ['table.set(', '__tableSet(table, '],
  // The instantiation, at the first call that needs the wasm (a page may have patched things by then).
  ['if (Object.getPrototypeOf(module) === Object.prototype) {', 'if (__getPrototypeOf(module) === __ObjectPrototype) {'],
  ['if (!(module instanceof WebAssembly.Module)) {', 'if (!(module instanceof __WasmModule)) {'],
  ['module = new WebAssembly.Module(module);', 'module = new __WasmModule(module);'],
  ['const instance = new WebAssembly.Instance(module, imports);', 'const instance = new __WasmInstance(module, imports);'],
  // initSync(undefined, true), once the module is instantiated: a new
  // instance of it, with a memory of its own. The package's way back after a
  // trap (a call that ran the module out of memory): tape.js. Any other call
  // is as wasm-bindgen wrote it.
  [
    'function initSync(module) {\n    if (wasm !== undefined) return wasm;\n',
    'function initSync(module, renew) {\n    if (renew === true && wasmModule !== undefined) return __wbg_finalize_init(new __WasmInstance(wasmModule, __wbg_get_imports()), wasmModule);\n    if (wasm !== undefined) return wasm;\n',
  ],
];

const INTRINSICS = `// Intrinsics captured at load (pkg/build.mjs hardens the glue with them):
// __f(self, ...args) calls the original method, whatever is patched later.
const __uncurry = Function.prototype.bind.bind(Function.prototype.call);
const __getPrototypeOf = Object.getPrototypeOf;
const __ObjectPrototype = Object.prototype;
const __WasmModule = WebAssembly.Module;
const __WasmInstance = WebAssembly.Instance;
const __tableSet = __uncurry(WebAssembly.Table.prototype.set);
`;

function harden(glue) {
  let out = glue;
  for (const [from, to] of HARDEN) {
    if (count(out, from) < 1) fail(`the glue has no "${from}" to harden (wasm-bindgen is pinned at 0.2.130)`);
    out = out.split(from).join(to);
  }
  // Nothing the glue runs (before its async loader, which is cut) calls a
  // method of a built-in or reads a global class that was not captured above.
  const runs = out.slice(0, out.indexOf('async function __wbg_load('));
  const left = runs.match(
    /\bnew (TextEncoder|TextDecoder|WebAssembly\.\w+)\b|instanceof WebAssembly\.|\.(set|subarray|slice|charCodeAt|encodeInto|decode|byteLength|buffer|apply|call)\b|Object\.\w+\(/,
  );
  if (left) fail(`the glue still calls ${left[0]} through the global scope: harden it in pkg/build.mjs`);
  return INTRINSICS + out;
}

/**
 * The glue without its asynchronous loader: `__wbg_load`, `__wbg_init` and the
 * default wasm URL (`new URL('…_bg.wasm', import.meta.url)`, which webpack,
 * Vite and Parcel would copy as an asset, and esbuild would leave to 404) are
 * cut; `initSync` stays, and every entry instantiates through it. Expects the
 * exact layout of wasm-bindgen 0.2.130 `--target web`: anything else stops the build.
 */
function syncGlue(glue) {
  const load = 'async function __wbg_load(module, imports) {';
  const sync = 'function initSync(module, renew) {'; // as harden() leaves it
  const asyncInit = 'let __wbg_init_promise;';
  const tail = 'export { initSync, __wbg_init as default };';
  for (const mark of [load, sync, asyncInit, tail]) {
    if (count(glue, mark) !== 1) fail(`the glue does not have exactly one "${mark}" (wasm-bindgen is pinned at 0.2.130)`);
  }
  const [a, b, c, d] = [load, sync, asyncInit, tail].map((mark) => glue.indexOf(mark));
  if (!(a < b && b < c && c < d)) fail('the glue\'s loader functions are not in the expected order');
  if (glue.slice(d + tail.length).trim() !== '') fail('the glue has code after its export line');
  const out = glue.slice(0, a) + glue.slice(b, c) + 'export { initSync };\n';
  const leftover = out.match(/\bimport\.meta\b|\bfetch\(|__wbg_init\b|__wbg_load\b|\bawait\b/);
  if (leftover) fail(`the synchronous glue still holds "${leftover[0]}"`);
  return out;
}

/**
 * The (synchronous) glue as the body of a function that returns its exports.
 * Expects `export function NAME(` for each wasm export and one
 * `export { initSync };` line, no other import or export.
 */
function glueToScript(glue) {
  const exported = [...glue.matchAll(/^export function (\w+)\(/gm)].map((m) => m[1]).sort();
  const missing = WASM_EXPORTS.filter((name) => !exported.includes(name));
  if (missing.length) fail(`the glue lacks ${missing.join(', ')} (is it the --target web glue of this crate?)`);
  const unexpected = exported.filter((name) => !WASM_EXPORTS.includes(name));
  if (unexpected.length) fail(`the glue exports unknown functions ${unexpected.join(', ')}: update WASM_EXPORTS and api.js`);
  const tail = 'export { initSync };';
  if (count(glue, tail) !== 1) fail(`the glue does not end its exports with "${tail}"`);
  const body = glue.replace(/^export function (\w+)\(/gm, 'function $1(').replace(tail, '');
  const leftover = body.match(/^\s*(import|export)\b.*$/m) || body.match(/\bimport\s*\(|\bimport\.meta\b/);
  if (leftover) fail(`the glue has a statement the CommonJS transform does not handle: ${leftover[0].trim()}`);
  return { body, names: ['initSync', ...WASM_EXPORTS] };
}

/**
 * The wasm bytes as a JavaScript string literal of ASCII only, one character
 * per byte: character = (byte + shift) & 255, printable ASCII as itself
 * (but `<`), the rest as `\xNN` (`\0`, `\"`, `\\`). Pure ASCII, so it reads the same
 * whatever charset a page declares, and a minifier that reprints it (they
 * escape non-ASCII anyway) changes little. Byte runs of the wasm stay byte
 * runs of the text, so gzip finds the same repeats as in the binary (base64
 * breaks them: README "Size" has the figures, `node xtask/js/encodings.mjs`
 * measures them). The shift is picked for the smallest gzip.
 */
function wasmLiteral(bytes) {
  const escape = (c, next) => {
    if (c === 0x22) return '\\"';
    if (c === 0x5c) return '\\\\';
    // `<` too: a page that inlines the bundle in a <script> element must never meet `</script` or `<!--`.
    if (c >= 0x20 && c < 0x7f && c !== 0x3c) return String.fromCharCode(c);
    if (c === 0 && !(next >= 0x30 && next <= 0x39)) return '\\0';
    return '\\x' + (c < 16 ? '0' : '') + c.toString(16);
  };
  const literal = (shift) => {
    const parts = new Array(bytes.length);
    for (let i = 0; i < bytes.length; i++) {
      parts[i] = escape((bytes[i] + shift) & 255, i + 1 < bytes.length ? (bytes[i + 1] + shift) & 255 : -1);
    }
    return '"' + parts.join('') + '"';
  };
  // The 16 shifts with the shortest text (from the bytes' histogram), then the
  // one of those that gzips smallest.
  const histogram = new Array(256).fill(0);
  for (const b of bytes) histogram[b]++;
  const length = (shift) => histogram.reduce((sum, n, b) => sum + n * escape((b + shift) & 255, -1).length, 0);
  const shortest = Array.from({ length: 256 }, (_, shift) => ({ shift, length: length(shift) }))
    .sort((x, y) => x.length - y.length || x.shift - y.shift)
    .slice(0, 16);
  let best = null;
  for (const { shift } of shortest) {
    const text = literal(shift);
    const gz = gzipSync(text, { level: 9 }).length;
    if (best === null || gz < best.gz) best = { shift, text, gz };
  }
  // The literal, read back as JavaScript reads it, gives the bytes exactly.
  const read = new Function(`return ${best.text};`)();
  const same = read.length === bytes.length && [...bytes].every((b, i) => ((read.charCodeAt(i) - best.shift) & 255) === b && read.charCodeAt(i) < 256);
  if (!same) fail('the wasm literal does not read back as the wasm bytes');
  return best;
}

/**
 * An ES module of ours (api.js, schemas.js) as a function body: its
 * `import { a, b } from './x.js';` lines become `const { a, b } = <binding>;`,
 * `export function` / `export const` lose `export`. Anything else is refused.
 */
function moduleToScript(source, file, bindings) {
  let body = source.replace(/^import \{([^}]*)\} from '(\.\/[\w.-]+)';$/gm, (_, names, from) => {
    if (!bindings[from]) fail(`${file}: unexpected import from ${from}`);
    return `const {${names}} = ${bindings[from]};`;
  });
  const names = [];
  body = body.replace(/^export (function|const|class) (\w+)/gm, (_, kind, name) => {
    names.push(name);
    return `${kind} ${name}`;
  });
  const leftover = body.match(/^\s*(import|export)\b.*$/m) || body.match(/\bimport\s*\(|\bimport\.meta\b/);
  if (leftover) fail(`${file}: a statement the CommonJS transform does not handle: ${leftover[0].trim()}`);
  return { body, names };
}

function exportsOf(source) {
  return [...source.matchAll(/^export (?:function|const) (\w+)/gm)].map((m) => m[1]);
}

const GENERATED = '// Generated by pkg/build.mjs: do not edit.\n';

/**
 * The language packs: `dist/locales/<tag>.js` (ESM, as written in
 * pkg/src/locales) and `<tag>.cjs` (the same object, English's table written
 * in), with their types. Every pack must give every id of the English table,
 * with the same placeholders: the build fails on the first gap.
 */
async function writeLocales(src, out) {
  const { ENGLISH } = await import(pathToFileURL(join(src, 'messages.js')).href);
  const placeholders = (t) => [...t.matchAll(/\{(\w+)(?=[,}])/g)].map((m) => m[1]).filter((v, i, a) => a.indexOf(v) === i).sort().join();
  const dir = join(out, 'locales');
  mkdirSync(dir, { recursive: true });
  const tags = readdirSync(join(src, 'locales')).filter((f) => f.endsWith('.js')).map((f) => f.slice(0, -3)).sort();
  for (const tag of tags) {
    const file = join(src, 'locales', `${tag}.js`);
    const locale = (await import(pathToFileURL(file).href)).default;
    if (!locale || locale.tag !== tag || typeof locale.templates !== 'object') fail(`locales/${tag}.js: its default export must be { tag: '${tag}', templates }`);
    for (const id of Object.keys(ENGLISH)) {
      const t = locale.templates[id];
      if (typeof t !== 'string') fail(`locales/${tag}.js lacks "${id}"`);
      if (placeholders(t) !== placeholders(ENGLISH[id])) fail(`locales/${tag}.js "${id}": placeholders ${placeholders(t)} differ from English ${placeholders(ENGLISH[id])}`);
    }
    for (const id of Object.keys(locale.templates)) if (!(id in ENGLISH)) fail(`locales/${tag}.js has "${id}", which English does not`);
    writeFileSync(join(dir, `${tag}.js`), readFileSync(file, 'utf8'));
    writeFileSync(
      join(dir, `${tag}.cjs`),
      GENERATED + `'use strict';\nconst locale = ${JSON.stringify({ tag: locale.tag, templates: locale.templates }, null, 1)};\nmodule.exports = { __esModule: true, default: locale };\n`,
    );
  }
  const types = "import type { Locale } from '../index.js';\n/** A language pack: pass it to configure({ locale }) or to one call's { locale }. */\ndeclare const locale: Locale;\nexport default locale;\n";
  writeFileSync(join(dir, 'locale.d.ts'), types);
  writeFileSync(join(dir, 'locale.d.cts'), types.replace("'../index.js'", "'../index.cjs'"));
  return tags;
}

async function main() {
  const opts = args(process.argv.slice(2));
  const out = opts.out;
  const glue = syncGlue(harden(readFileSync(opts.glue, 'utf8')));
  const wasm = readFileSync(opts.wasm);
  const api = readFileSync(join(here, 'src', 'api.js'), 'utf8');
  const types = readFileSync(join(here, 'index.d.ts'), 'utf8');

  const apiExports = exportsOf(api);
  const apiPublic = apiExports.filter((name) => !name.startsWith('_')).sort();
  if (apiPublic.join() !== [...PUBLIC].sort().join()) {
    fail(`api.js exports ${apiPublic.join(', ')}; build.mjs expects ${PUBLIC.join(', ')}`);
  }
  for (const name of PUBLIC) {
    if (!new RegExp(`^export (declare )?function ${name}\\b`, 'm').test(types)) fail(`index.d.ts does not declare ${name}`);
  }

  const schemas = {};
  for (const name of SCHEMA_FILES) {
    const file = join(opts.schemas, name);
    if (!existsSync(file)) fail(`no such schema file: ${file}`);
    schemas[name] = readFileSync(file, 'utf8');
    JSON.parse(schemas[name]); // must be JSON
  }

  const schemasJs =
    GENERATED +
    `export const UPDATE_SCHEMA_TEXT = ${JSON.stringify(schemas['customer-update.schema.json'])};\n` +
    `export const CUSTOMER_SCHEMA_TEXT = ${JSON.stringify(schemas['customer.schema.json'])};\n`;

  const inline = wasmLiteral(wasm);
  const inlineJs =
    GENERATED +
    `// The wasm module (${wasm.length} bytes), one character per byte: character =\n` +
    `// (byte + ${inline.shift}) & 255. Compiled synchronously at the first call that needs it\n` +
    '// (Chrome allows 8 MB on the main thread since version 114; Firefox and Safari\n' +
    '// never limited it): no asset URL, no fetch, no top-level await.\n' +
    `const WASM_TEXT = ${inline.text};\n` +
    `const WASM_LENGTH = ${wasm.length};\n` +
    `const WASM_SHIFT = ${inline.shift};\n` +
    'const WasmModule = WebAssembly.Module;\n' +
    'const Bytes = Uint8Array;\n' +
    'const codeAt = Function.prototype.bind.bind(Function.prototype.call)(String.prototype.charCodeAt);\n\n' +
    '/** The compiled wasm module (new each call: the entries call it once). */\n' +
    'export function compileWasm() {\n' +
    '  const n = WASM_TEXT.length;\n' +
    '  const bytes = new Bytes(n);\n' +
    '  let wide = n !== WASM_LENGTH;\n' +
    '  for (let i = 0; i < n; i++) {\n' +
    '    const c = codeAt(WASM_TEXT, i);\n' +
    '    if (c > 255) wide = true;\n' +
    '    bytes[i] = c - WASM_SHIFT;\n' +
    '  }\n' +
    "  if (wide) throw new Error('ic-customer-contract: its wasm text was altered (a build step re-encoded dist/wasm-inline.js?)');\n" +
    '  try {\n' +
    '    return new WasmModule(bytes);\n' +
    '  } catch (e) {\n' +
    '    throw new Error(\n' +
    "      'ic-customer-contract: this engine refused to compile its WebAssembly synchronously (' + (e && e.message) +\n" +
    "        \"): a CSP needs 'wasm-unsafe-eval'; Chrome before 114 needs ic-customer-contract/wasm-url\",\n" +
    '    );\n' +
    '  }\n' +
    '}\n';

  // Every check of the inputs' shape happens before anything is written.
  const g = glueToScript(glue);
  const s = moduleToScript(schemasJs, 'schemas.js', {});
  // The package's own modules besides api.js, in an order where each comes
  // after what it imports; the CommonJS entry wraps each in a function.
  const BINDINGS = {
    './intrinsics.js': '__intrinsics',
    './glue.js': '__glue',
    './schemas.js': '__schemas',
    './strings.js': '__strings',
    './messages.js': '__messages',
    './render.js': '__render',
    './records.js': '__records',
    './rules.js': '__rules',
    './locale.js': '__locale',
    './load.js': '__load',
    './tape.js': '__tape',
    './certain.js': '__certain',
  };
  const MODULES = ['intrinsics.js', 'rules.js', 'strings.js', 'messages.js', 'render.js', 'locale.js', 'records.js', 'load.js', 'tape.js', 'certain.js'];
  const sources = {};
  for (const name of MODULES) sources[name] = readFileSync(join(here, 'src', name), 'utf8');
  const wrapped = MODULES.map((name) => [BINDINGS['./' + name], moduleToScript(sources[name], name, BINDINGS)]);
  const w = moduleToScript(inlineJs, 'wasm-inline.js', {});
  const a = moduleToScript(api, 'api.js', BINDINGS);

  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  copyFileSync(opts.wasm, join(out, 'ic_customer_contract_bg.wasm'));
  // The Node entries' wasm: the speed build when given, else the same bytes.
  const NODE_WASM = 'ic_customer_contract_node.wasm';
  copyFileSync(opts.nodeWasm ?? opts.wasm, join(out, NODE_WASM));
  writeFileSync(join(out, 'glue.js'), glue);
  writeFileSync(join(out, 'api.js'), api);
  for (const name of MODULES) writeFileSync(join(out, name), sources[name]);
  await writeLocales(join(here, 'src'), out);
  // The two schemas ship as text in schemas.js; the CLI's `schemas --out` also needs openapi.json.
  writeFileSync(join(out, 'openapi.json'), schemas['openapi.json']);
  writeFileSync(join(out, 'schemas.js'), schemasJs);
  writeFileSync(join(out, 'wasm-inline.js'), inlineJs);
  // One set of declarations, as ESM (import) and as CommonJS (require: node16
  // and nodenext resolution type-check a CommonJS file against the .d.cts).
  writeFileSync(join(out, 'index.d.ts'), types);
  writeFileSync(join(out, 'index.d.cts'), types);

  // Each entry binds the API to exports of its own instead of re-exporting
  // from api.js: with `sideEffects: false`, a bundler skips a module whose
  // exports are only re-exports, and the setup would never run.
  // Used bindings of its own keep the entry, and so its initialization.
  const imports = `import {\n${PUBLIC.map((n) => `  ${n} as $${n},`).join('\n')}\n  __setup,\n} from './api.js';\n`;
  const bindings = PUBLIC.map((n) => `export const ${n} = $${n};`).join('\n') + '\n';
  const LAZY =
    '// The wasm is compiled and instantiated at the first call that needs it.\n' +
    '__setup(random, () => {\n  initSync({ module: compileWasm() });\n});\n\n';

  writeFileSync(
    join(out, 'index.js'),
    GENERATED +
      "import { initSync } from './glue.js';\n" +
      "import { compileWasm } from './wasm-inline.js';\n" +
      imports +
      '\n' +
      '// crypto.getRandomValues, read at the first key.\n' +
      'const random = () => globalThis.crypto;\n' +
      LAZY +
      bindings,
  );
  const wrap = (name, part) =>
    `const ${name} = (function () {\n${part.body}\nreturn { ${part.names.join(', ')} };\n})();\n`;
  // node.mjs is one file (the modules wrapped as the CommonJS entry wraps
  // them): Node loads each ES module file on its own (resolve, read,
  // compile), about 2 ms apiece, so a single file starts several times faster.
  // Bundlers get index.js and its modules, which they tree-shake.
  const LAZY_BUNDLED =
    '// The wasm is compiled and instantiated at the first call that needs it.\n' +
    '__api.__setup(random, () => {\n  __glue.initSync({ module: wasmBytes() });\n});\n\n';
  const bundled = (random, wasm, setup) =>
    wrap('__glue', g) +
    wrap('__schemas', s) +
    wrapped.map(([binding, part]) => wrap(binding, part)).join('') +
    wrap('__inline', w) +
    wrap('__api', a) +
    '\n' +
    random +
    wasm +
    setup;
  writeFileSync(
    join(out, 'node.mjs'),
    GENERATED +
      "import { createRequire } from 'node:module';\n" +
      bundled(
        '// The random source, read at the first key: the global crypto (Node 19+),\n' +
          "// else node:crypto's (Node 18). 'in' does not run Node's lazy getter.\n" +
          'const random = () =>\n' +
          "  'crypto' in globalThis\n" +
          '    ? globalThis.crypto\n' +
          "    : (typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule('node:crypto') : createRequire(process.execPath)('node:crypto')).webcrypto;\n",
        '// The wasm: read from the file beside this entry when it is there (the\n' +
          '// fastest start; the crate built for speed), else decoded from the text it\n' +
          '// carries (the size build: a bundle that did not copy the file, a server\n' +
          '// renderer that rewrote import.meta.url).\n' +
          'function wasmBytes() {\n' +
          '  try {\n' +
          "    const fs = typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule('node:fs') : createRequire(process.execPath)('node:fs');\n" +
          `    return fs.readFileSync(new URL('./${NODE_WASM}', import.meta.url));\n` +
          '  } catch {\n' +
          '    return __inline.compileWasm();\n' +
          '  }\n' +
          '}\n',
        LAZY_BUNDLED,
      ) +
      PUBLIC.map((n) => `export const ${n} = __api.${n};`).join('\n') +
      '\n',
  );
  writeFileSync(
    join(out, 'wasm-url.js'),
    GENERATED +
      '// The opt-in entry `ic-customer-contract/wasm-url`: the wasm as a file next to\n' +
      '// this one, fetched and compiled with a top-level await. For bundlers that copy\n' +
      "// `new URL('./file.wasm', import.meta.url)` as an asset (webpack 5, Vite, Parcel)\n" +
      '// and pages that load dist/ as it is: the smallest download. Node gets node.mjs.\n' +
      "import { initSync } from './glue.js';\n" +
      imports +
      "\nconst response = await fetch(new URL('./ic_customer_contract_bg.wasm', import.meta.url));\n" +
      "if (!response.ok) throw new Error(`ic-customer-contract: fetching its wasm gave ${response.status} for ${response.url}`);\n" +
      'initSync({ module: await WebAssembly.compile(await response.arrayBuffer()) });\n' +
      '__setup(globalThis.crypto);\n\n' +
      bindings,
  );

  const cjs = (random, wasm) =>
    GENERATED +
    "'use strict';\n" +
    bundled(random, wasm, LAZY_BUNDLED) +
    `module.exports = {\n${PUBLIC.map((n) => `  ${n}: __api.${n},`).join('\n')}\n};\n`;
  writeFileSync(
    join(out, 'index.cjs'),
    cjs('const random = () => globalThis.crypto;\n', 'const wasmBytes = () => __inline.compileWasm();\n'),
  );
  writeFileSync(
    join(out, 'node.cjs'),
    cjs(
      "const random = () => ('crypto' in globalThis ? globalThis.crypto : require('node:crypto').webcrypto);\n",
      '// The wasm beside this file when it is there (the fastest start), else the text it carries.\n' +
        'function wasmBytes() {\n' +
        '  try {\n' +
        `    return require('node:fs').readFileSync(require('node:path').join(__dirname, '${NODE_WASM}'));\n` +
        '  } catch {\n' +
        '    return __inline.compileWasm();\n' +
        '  }\n' +
        '}\n',
    ),
  );

  if (opts.check) return check(out);
  console.log(`pkg/build.mjs: wrote ${out}`);
}

/**
 * Loads the four entries (index.js, index.cjs, node.mjs, node.cjs) and validates
 * two bodies with each: a broken wasm or transform
 * fails the build here, and the broken dist/ is removed so nothing can pack it.
 */
async function check(out) {
  const fail = (message) => {
    rmSync(out, { recursive: true, force: true });
    console.error(`pkg/build.mjs: ${message}\npkg/build.mjs: removed ${out}`);
    process.exit(1);
  };
  const body = { fullName: 'Jane Doe', email: 'jane@example.com' };
  const bad = { fullName: '' };
  let entries;
  try {
    const require = createRequire(import.meta.url);
    entries = [
      ['index.js', await import(pathToFileURL(join(out, 'index.js')).href)],
      ['index.cjs', require(join(out, 'index.cjs'))],
      ['node.mjs', await import(pathToFileURL(join(out, 'node.mjs')).href)],
      ['node.cjs', require(join(out, 'node.cjs'))],
    ];
  } catch (e) {
    const hint = /Table\.set/.test(String(e && e.message))
      ? '\n(the externref table export points at the wrong table: Debian binaryen 108 wasm-opt does this to' +
        ' wasm-bindgen output; run wasm-opt before wasm-bindgen, or use a newer binaryen)'
      : '';
    fail(`the built entries do not load: ${e && e.stack ? e.stack : e}${hint}`);
  }
  for (const [name, mod] of entries) {
    const names = Object.keys(mod).sort().join();
    if (names !== [...PUBLIC].sort().join()) fail(`${name} exports ${names}`);
    let ok;
    let issue;
    try {
      ok = mod.validateUpdateJson(JSON.stringify(body)).ok;
      issue = mod.validateUpdate(bad).issues[0]?.code;
    } catch (e) {
      fail(`${name}: the wasm does not run (${e && e.message})`);
    }
    if (ok !== true || issue !== 'too_short') fail(`${name}: a smoke validation gave a wrong answer`);
  }
  console.log(`pkg/build.mjs: wrote ${out} (index.js, index.cjs, node.mjs and node.cjs load and validate)`);
}

await main();
