#!/usr/bin/env node
// Assembles pkg/dist from the optimized wasm and wasm-bindgen's `--target web`
// glue (no dependencies; run by `cargo xtask build`):
//
//   node pkg/build.mjs --wasm <opt.wasm> --glue <glue.js> --out pkg/dist [--schemas <dir>]
//
// dist/ holds: ic_customer_contract_bg.wasm, glue.js (verbatim), api.js,
// schemas.js (the two JSON Schemas as text), openapi.json (for the CLI's
// `schemas --out`), the entries node.mjs (sync init),
// browser.js (top-level await init) and node.cjs (a mechanical CommonJS
// transform of glue + schemas + api), and index.d.ts. The glue's shape is
// checked before it is transformed: anything unexpected stops the build.

import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The wasm exports (src/wasm.rs) that api.js imports. */
const WASM_EXPORTS = [
  'build_patch_request',
  'diff_update',
  'field_rules',
  'parse_customer_id',
  'validate_batch_json',
  'validate_customer',
  'validate_update',
  'validate_update_json',
];

/** The package's public API (CONTRACT.md section 4, plus `init`). index.d.ts declares the same. */
const PUBLIC = [
  'buildPatchRequest',
  'customerSchema',
  'customerStandardSchema',
  'diffUpdate',
  'fieldRules',
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
    else if (flag === '--glue') opts.glue = resolve(value());
    else if (flag === '--out') opts.out = resolve(value());
    else if (flag === '--schemas') opts.schemas = resolve(value());
    else if (flag === '--no-check') opts.check = false;
    else fail(`unknown argument ${JSON.stringify(flag)}\nusage: node pkg/build.mjs --wasm <opt.wasm> --glue <glue.js> --out <dir> [--schemas <dir>] [--no-check]`);
  }
  for (const name of ['wasm', 'glue', 'out']) if (!opts[name]) fail(`missing --${name}`);
  for (const file of [opts.wasm, opts.glue]) if (!existsSync(file)) fail(`no such file: ${file}`);
  return opts;
}

function count(text, needle) {
  return text.split(needle).length - 1;
}

/**
 * The glue, calling through intrinsics captured when it loads: a page that
 * later patches String.prototype.charCodeAt, a typed array's `set`, or
 * TextEncoder/TextDecoder cannot change what crosses into wasm (the
 * reliability issue: answers must not depend on patched built-ins). Each
 * rewrite names the exact text wasm-bindgen 0.2.130 writes; the build fails
 * when one is not found, so a glue that changed shape is never shipped half-hardened.
 */
const HARDEN = [
  ['cachedUint32ArrayMemory0.byteLength === 0', '__byteLength(cachedUint32ArrayMemory0) === 0'],
  ['cachedUint8ArrayMemory0.byteLength === 0', '__byteLength(cachedUint8ArrayMemory0) === 0'],
  ['getUint32ArrayMemory0().set(arg, ptr / 4);', '__set(getUint32ArrayMemory0(), arg, ptr / 4);'],
  ['const code = arg.charCodeAt(offset);', 'const code = __charCodeAt(arg, offset);'],
  ['arg = arg.slice(offset);', 'arg = __slice(arg, offset);'],
  [
    'const view = getUint8ArrayMemory0().subarray(ptr + offset, ptr + len);',
    'const view = __subarray(getUint8ArrayMemory0(), ptr + offset, ptr + len);',
  ],
  ['const ret = cachedTextEncoder.encodeInto(arg, view);', 'const ret = __encodeInto(cachedTextEncoder, arg, view);'],
  [
    'return decodeText(getUint8ArrayMemory0().subarray(ptr, ptr + len));',
    'return decodeText(__subarray(getUint8ArrayMemory0(), ptr, ptr + len));',
  ],
  ['return cachedTextDecoder.decode(bytes);', 'return __decode(cachedTextDecoder, bytes);'],
];

const INTRINSICS =
  '// Intrinsics captured at load (pkg/build.mjs hardens the glue with them):\n' +
  '// __f(self, ...args) calls the original method, whatever is patched later.\n' +
  'const __uncurry = Function.prototype.bind.bind(Function.prototype.call);\n' +
  'const __TypedArrayProto = Object.getPrototypeOf(Uint8Array.prototype);\n' +
  "const __byteLength = __uncurry(Object.getOwnPropertyDescriptor(__TypedArrayProto, 'byteLength').get);\n" +
  'const __set = __uncurry(__TypedArrayProto.set);\n' +
  'const __subarray = __uncurry(__TypedArrayProto.subarray);\n' +
  'const __charCodeAt = __uncurry(String.prototype.charCodeAt);\n' +
  'const __slice = __uncurry(String.prototype.slice);\n' +
  'const __decode = __uncurry(TextDecoder.prototype.decode);\n';

function harden(glue) {
  let out = glue;
  for (const [from, to] of HARDEN) {
    if (count(out, from) < 1) fail(`the glue has no "${from}" to harden (wasm-bindgen is pinned at 0.2.130)`);
    out = out.split(from).join(to);
  }
  // encodeInto is read after the glue's own fallback for engines without it.
  const encoder = 'const cachedTextEncoder = new TextEncoder();\n';
  if (count(out, encoder) !== 1) fail('the glue does not create its TextEncoder as expected');
  out = out.replace(
    /(if \(!\('encodeInto' in cachedTextEncoder\)\) \{[\s\S]*?\n\}\n)/,
    '$1const __encodeInto = __uncurry(cachedTextEncoder.encodeInto);\n',
  );
  if (count(out, 'const __encodeInto') !== 1) fail('the glue lacks its encodeInto fallback block');
  return INTRINSICS + out;
}

/**
 * The glue as the body of a function that returns its exports. Expects exactly
 * what wasm-bindgen 0.2.130 `--target web` writes: `export function NAME(` for
 * each wasm export, one `export { initSync, __wbg_init as default };` line, one
 * `import.meta.url` (the default wasm URL, unused by the CommonJS entry), no
 * other import or export.
 */
function glueToScript(glue) {
  const exported = [...glue.matchAll(/^export function (\w+)\(/gm)].map((m) => m[1]).sort();
  const missing = WASM_EXPORTS.filter((name) => !exported.includes(name));
  if (missing.length) fail(`the glue lacks ${missing.join(', ')} (is it the --target web glue of this crate?)`);
  const unexpected = exported.filter((name) => !WASM_EXPORTS.includes(name));
  if (unexpected.length) fail(`the glue exports unknown functions ${unexpected.join(', ')}: update WASM_EXPORTS and api.js`);
  const tail = 'export { initSync, __wbg_init as default };';
  if (count(glue, tail) !== 1) fail(`the glue does not end its exports with "${tail}" (wasm-bindgen is pinned at 0.2.130)`);
  if (count(glue, 'import.meta.url') !== 1) fail('expected exactly one import.meta.url in the glue');
  let body = glue.replace(/^export function (\w+)\(/gm, 'function $1(').replace(tail, '');
  body = body.replace('import.meta.url', '__import_meta_url');
  const leftover = body.match(/^\s*(import|export)\b.*$/m) || body.match(/\bimport\s*\(|\bimport\.meta\b/);
  if (leftover) fail(`the glue has a statement the CommonJS transform does not handle: ${leftover[0].trim()}`);
  return { body, names: ['initSync', ...WASM_EXPORTS] };
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

async function main() {
  const opts = args(process.argv.slice(2));
  const out = opts.out;
  const glue = harden(readFileSync(opts.glue, 'utf8'));
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
  // Every check of the inputs' shape happens before anything is written.
  const g = glueToScript(glue);
  const s = moduleToScript(schemasJs, 'schemas.js', {});
  // The package's own modules besides api.js, in an order where each comes
  // after what it imports; the CommonJS entry wraps each in a function.
  const BINDINGS = {
    './glue.js': '__glue',
    './schemas.js': '__schemas',
    './strings.js': '__strings',
    './messages.js': '__messages',
    './render.js': '__render',
    './records.js': '__records',
    './rules.js': '__rules',
  };
  const MODULES = ['rules.js', 'strings.js', 'messages.js', 'render.js', 'records.js'];
  const sources = {};
  for (const name of MODULES) sources[name] = readFileSync(join(here, 'src', name), 'utf8');
  const wrapped = MODULES.map((name) => [BINDINGS['./' + name], moduleToScript(sources[name], name, BINDINGS)]);
  const a = moduleToScript(api, 'api.js', BINDINGS);

  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  copyFileSync(opts.wasm, join(out, 'ic_customer_contract_bg.wasm'));
  writeFileSync(join(out, 'glue.js'), glue);
  writeFileSync(join(out, 'api.js'), api);
  for (const name of MODULES) writeFileSync(join(out, name), sources[name]);
  // The two schemas ship as text in schemas.js; the CLI's `schemas --out` also needs openapi.json.
  writeFileSync(join(out, 'openapi.json'), schemas['openapi.json']);
  writeFileSync(join(out, 'schemas.js'), schemasJs);
  writeFileSync(join(out, 'index.d.ts'), types);

  // Each entry binds the API to exports of its own instead of re-exporting
  // from api.js: with `sideEffects: false`, a bundler skips a module whose
  // exports are only re-exports, and the wasm would never be instantiated.
  // Used bindings of its own keep the entry, and so its initialization.
  const imports = `import {\n${PUBLIC.map((n) => `  ${n} as $${n},`).join('\n')}\n  __setup,\n} from './api.js';\n`;
  const bindings = PUBLIC.map((n) => `export const ${n} = $${n};`).join('\n') + '\n';
  writeFileSync(
    join(out, 'node.mjs'),
    GENERATED +

      "import { initSync } from './glue.js';\n" +
      imports +
      '\n// Startup: nothing is read that the first call may not need. node:fs waits\n' +
      '// for the wasm (process.getBuiltinModule, Node 20.16+), crypto for the first\n' +
      "// key ('in' does not run globalThis.crypto's lazy getter); older Node imports them now.\n" +
      "const legacyCrypto = 'crypto' in globalThis ? null : (await import('node:crypto')).webcrypto;\n" +
      "const legacyFs = typeof process.getBuiltinModule === 'function' ? null : await import('node:fs');\n" +
      '__setup(() => legacyCrypto ?? globalThis.crypto, () => {\n' +
      "  const { readFileSync } = legacyFs ?? process.getBuiltinModule('node:fs');\n" +
      "  initSync({ module: readFileSync(new URL('./ic_customer_contract_bg.wasm', import.meta.url)) });\n" +
      '});\n\n' +
      bindings,
  );
  writeFileSync(
    join(out, 'browser.js'),
    GENERATED +
      "import __wbg_init from './glue.js';\n" +
      imports +
      "\nawait __wbg_init({ module_or_path: new URL('./ic_customer_contract_bg.wasm', import.meta.url) });\n" +
      '__setup(globalThis.crypto);\n\n' +
      bindings,
  );

  const wrap = (name, part) =>
    `const ${name} = (function () {\n${part.body}\nreturn { ${part.names.join(', ')} };\n})();\n`;
  const cjs =
    GENERATED +
    "'use strict';\n" +
    '// Only the unused default wasm URL of the glue reads this.\n' +
    "const __import_meta_url = 'file://' + __filename;\n\n" +
    wrap('__glue', g) +
    wrap('__schemas', s) +
    wrapped.map(([binding, part]) => wrap(binding, part)).join('') +
    wrap('__api', a) +
    '\n' +
    "__api.__setup(() => ('crypto' in globalThis ? globalThis.crypto : require('node:crypto').webcrypto), () => {\n" +
    "  const wasm = require('node:path').join(__dirname, 'ic_customer_contract_bg.wasm');\n" +
    "  __glue.initSync({ module: require('node:fs').readFileSync(wasm) });\n" +
    '});\n\n' +
    `module.exports = {\n${PUBLIC.map((n) => `  ${n}: __api.${n},`).join('\n')}\n};\n`;
  writeFileSync(join(out, 'node.cjs'), cjs);

  if (opts.check) return check(out);
  console.log(`pkg/build.mjs: wrote ${out}`);
}

/**
 * Loads both Node entries and validates one body: a broken wasm or transform
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
  let esm;
  let cjs;
  try {
    esm = await import(pathToFileURL(join(out, 'node.mjs')).href);
    cjs = createRequire(import.meta.url)(join(out, 'node.cjs'));
  } catch (e) {
    const hint = /Table\.set/.test(String(e && e.message))
      ? '\n(the externref table export points at the wrong table: Debian binaryen 108 wasm-opt does this to' +
        ' wasm-bindgen output; run wasm-opt before wasm-bindgen, or use a newer binaryen)'
      : '';
    fail(`the built entries do not load: ${e && e.stack ? e.stack : e}${hint}`);
  }
  for (const [name, mod] of [['node.mjs', esm], ['node.cjs', cjs]]) {
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
  console.log(`pkg/build.mjs: wrote ${out} (node.mjs and node.cjs load and validate)`);
}

await main();
