// Scopes without TextEncoder / TextDecoder (Jest's jsdom environment, some
// embedded engines): the glue falls back to its own UTF-8 (pkg/build.mjs
// INTRINSICS). Here the CommonJS default entry runs in a fresh V8 context
// that has WebAssembly but neither global, and must give the same answers as
// the installed package in Node for text of every width: ASCII, Latin, CJK,
// emoji, unpaired surrogates, in values and in JSON text.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import vm from 'node:vm';
import fc from 'fast-check';
import { INSTALLED } from './paths.mjs';
import { esm } from './helpers.mjs';

function bare() {
  const context = vm.createContext({ crypto: globalThis.crypto });
  assert.equal(vm.runInContext('typeof TextEncoder + typeof TextDecoder', context), 'undefinedundefined');
  const module = { exports: {} };
  const source = readFileSync(join(INSTALLED, 'dist', 'index.cjs'), 'utf8');
  vm.runInContext(`(function (module, exports) {\n${source}\n})`, context)(module, module.exports);
  return module.exports;
}

const api = bare();
// Results cross from the other context: compare them as JSON.
const same = (a, b, what) => assert.deepEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)), what);

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }), // includes unpaired surrogates
  fc.constantFrom('', 'Jane Doe', 'Zoë Ångström', '王小明', '😀'.repeat(255), '😀'.repeat(256), 'a\uD800b', '\uDC00', 'jane@例え.jp'),
);

test('the UTF-8 fallbacks give the answers of TextEncoder / TextDecoder', () => {
  fc.assert(
    fc.property(text, text, text, (fullName, email, phone) => {
      // An unknown key comes back in its issue's message: text both ways through the fallbacks.
      const body = { fullName, email, phone, [`${phone}!`]: 1 };
      same(api.validateUpdate(body), esm.validateUpdate(body), 'validateUpdate');
      const json = `{"fullName": ${JSON.stringify(fullName)}, ${JSON.stringify(email)}: 1}`;
      same(api.validateUpdateJson(json), esm.validateUpdateJson(json), 'validateUpdateJson');
      same(api.fieldRules({ kyc_status: 'VERIFIED', full_name: fullName }), esm.fieldRules({ kyc_status: 'VERIFIED', full_name: fullName }), 'fieldRules');
    }),
    { numRuns: 300, seed: 12 },
  );
  // An invalid body really went through wasm (and back through the decoder).
  same(api.validateUpdate({ fullName: '' }).issues.map((i) => i.code), ['too_short'], 'too_short');
  assert.match(api.validateUpdate({ fullName: '😀'.repeat(256) }).issues[0].message, /255/);
});
