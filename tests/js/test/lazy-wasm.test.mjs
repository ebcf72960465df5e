// The default entries carry the wasm inside their JavaScript and compile it
// at the first call that needs it (issue 12): a valid body never compiles it,
// the first invalid one compiles it once, and an engine that refuses
// synchronous compilation gets a message naming the way out, on every call.
// Each case runs in its own Node process, WebAssembly.Module wrapped before
// the package loads (the package captures it at load).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { INSTALLED, SCRATCH } from './paths.mjs';
import './helpers.mjs'; // fails early when the scratch install is missing

const ENTRIES = {
  'import by name (node.mjs)': `await import(${JSON.stringify(pathToFileURL(join(SCRATCH, 'esm.mjs')).href)})`,
  'require by name (node.cjs)': `(await import('node:module')).createRequire(${JSON.stringify(join(SCRATCH, 'cjs.cjs'))})('./cjs.cjs')`,
  'dist/index.js': `await import(${JSON.stringify(pathToFileURL(join(INSTALLED, 'dist', 'index.js')).href)})`,
  'dist/index.cjs': `(await import('node:module')).createRequire(import.meta.url)(${JSON.stringify(join(INSTALLED, 'dist', 'index.cjs'))})`,
};

function child(script) {
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

for (const [name, load] of Object.entries(ENTRIES)) {
  test(`${name}: compiled at the first call that needs it, once`, () => {
    const out = child(`
      const Real = WebAssembly.Module;
      let compiled = 0;
      WebAssembly.Module = function (bytes) { compiled++; return new Real(bytes); };
      WebAssembly.Module.prototype = Real.prototype; // instanceof still holds for the glue
      const m = ${load};
      const counts = [compiled];
      const ok = m.validateUpdate({ fullName: 'Jane Doe', email: 'jane@example.com' }).ok;
      counts.push(compiled);
      const first = m.validateUpdate({ fullName: '' }).issues.map((i) => i.code);
      counts.push(compiled);
      const second = m.validateCustomer({}).ok;
      counts.push(compiled);
      console.log(JSON.stringify({ counts, ok, first, second }));
    `);
    assert.deepEqual(out, { counts: [0, 0, 1, 1], ok: true, first: ['too_short'], second: false });
  });
}

test('an engine that refuses synchronous compilation: the reason and the way out, on every call', () => {
  const out = child(`
    WebAssembly.Module = function () { throw new RangeError('WebAssembly.Module(): limit'); };
    const m = ${ENTRIES['dist/index.js']};
    const ok = m.validateUpdate({ fullName: 'Jane Doe' }).ok; // answered in JavaScript
    const errors = [];
    for (let i = 0; i < 2; i++) {
      try { m.validateUpdate({ fullName: '' }); } catch (e) { errors.push(e.message); }
    }
    console.log(JSON.stringify({ ok, errors }));
  `);
  assert.equal(out.ok, true);
  assert.equal(out.errors.length, 2);
  for (const message of out.errors) {
    assert.match(message, /refused to compile its WebAssembly synchronously \(WebAssembly\.Module\(\): limit\)/);
    assert.match(message, /wasm-unsafe-eval/);
    assert.match(message, /ic-customer-contract\/wasm-url/);
  }
});

test('the opt-in wasm-url entry, imported and required in Node, is the Node entry (server rendering needs no fetch)', async () => {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(SCRATCH, 'wasm-url.mjs'), "export * from 'ic-customer-contract/wasm-url';\n");
  writeFileSync(join(SCRATCH, 'wasm-url.cjs'), "module.exports = require('ic-customer-contract/wasm-url');\n");
  const out = child(`
    const a = await import(${JSON.stringify(pathToFileURL(join(SCRATCH, 'wasm-url.mjs')).href)});
    const b = (await import('node:module')).createRequire(${JSON.stringify(join(SCRATCH, 'x.cjs'))})('./wasm-url.cjs');
    const node = await import(${JSON.stringify(pathToFileURL(join(INSTALLED, 'dist', 'node.mjs')).href)});
    console.log(JSON.stringify({
      same: a.validateUpdate === node.validateUpdate,
      codes: [a, b].map((m) => m.validateUpdate({ fullName: '' }).issues[0].code),
    }));
  `);
  assert.deepEqual(out, { same: true, codes: ['too_short', 'too_short'] });
});

test('built-ins patched after the import but before the first compile do not stop it', () => {
  const out = child(`
    const m = ${ENTRIES['dist/index.js']};
    Object.getPrototypeOf = () => { throw new Error('patched'); };
    String.prototype.charCodeAt = () => 0;
    WebAssembly.Module = function () { throw new Error('patched'); };
    WebAssembly.Instance = function () { throw new Error('patched'); };
    Uint8Array.prototype.subarray = () => { throw new Error('patched'); };
    console.log(JSON.stringify(m.validateUpdate({ fullName: '', email: 'jane@' }).issues.map((i) => i.code)));
  `);
  assert.deepEqual(out, ['too_short', 'invalid_email']);
});
