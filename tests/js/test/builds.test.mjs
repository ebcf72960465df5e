// The package ships the crate's rules twice: built for size
// (ic_customer_contract_bg.wasm, inlined in the default entry: browsers
// download it) and built for speed (ic_customer_contract_node.wasm, which the
// Node entries read from disk). Same sources, so the same answers: every
// fixture and generated inputs go through both, and the Node entries are
// shown to read their own file.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import fc from 'fast-check';
import { currentOf, esm, loadFixture } from './helpers.mjs';
import { INSTALLED } from './paths.mjs';

// The default entry (ESM, the wasm inlined: the size build) beside the Node entry (`esm`).
const sized = await import(pathToFileURL(join(INSTALLED, 'dist', 'index.js')).href);
const DIST = join(INSTALLED, 'dist');

/** `f` gives the same in both builds: an equal answer, or the same error. */
function same(f, what) {
  let want;
  try {
    want = f(sized);
  } catch (e) {
    assert.throws(() => f(esm), { message: e.message }, what);
    return;
  }
  assert.deepEqual(f(esm), want, what);
}

test('the two builds are different modules', () => {
  const size = readFileSync(join(DIST, 'ic_customer_contract_bg.wasm'));
  const speed = readFileSync(join(DIST, 'ic_customer_contract_node.wasm'));
  assert.ok(WebAssembly.validate(size) && WebAssembly.validate(speed));
  assert.ok(!size.equals(speed), 'the Node wasm is the speed build, not a copy');
});

test('every fixture answers the same in both builds', () => {
  const updates = loadFixture('update-cases.json');
  let n = 0;
  for (const c of updates.cases) {
    const current = currentOf(updates, c);
    const text = c.text ?? JSON.stringify(c.body);
    same((api) => api.validateUpdate(c.body, current), c.name);
    same((api) => api.validateUpdateJson(text, current === undefined ? undefined : JSON.stringify(current)), c.name);
    same((api) => api.diffUpdate(current ?? { kyc_status: 'PENDING' }, c.body ?? {}), c.name);
    n += 3;
  }
  const items = updates.cases.map((c) => ({ update: c.body ?? {}, current: currentOf(updates, c) }));
  same((api) => api.validateBatchJson(JSON.stringify(items)), 'the cases as one batch');
  const customers = loadFixture('customer-cases.json');
  for (const c of [{ name: 'valid' }, ...customers.cases]) {
    const record = { ...customers.valid, ...(c.set ?? {}) };
    for (const key of c.remove ?? []) delete record[key];
    same((api) => api.validateCustomer(record), c.name);
    same((api) => api.fieldRules(record), c.name);
    n += 2;
  }
  assert.ok(n > 100, `${n} answers compared`);
});

test('generated bodies, records and requests answer the same in both builds', () => {
  const value = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom('', 'Jane Doe', 'jane@example.com', 'a'.repeat(256), '\u{1F600}'.repeat(128), null, true, 7),
  );
  const body = fc.dictionary(fc.constantFrom('fullName', 'email', 'phone', 'risk', 'id', 'kyc_status', 'x'), value, { maxKeys: 5 });
  const status = fc.constantFrom('PENDING', 'VERIFIED', 'REJECTED', 'nope');
  fc.assert(
    fc.property(body, status, value, (b, kyc, name) => {
      const current = { kyc_status: kyc, full_name: name, email: 'jane@example.com' };
      same((api) => api.validateUpdate(b, current), 'validateUpdate');
      same((api) => api.validateUpdateJson(JSON.stringify(b)), 'validateUpdateJson');
      same((api) => api.diffUpdate(current, b), 'diffUpdate');
      same(
        (api) => api.buildPatchRequest({ id: 'ext-42', update: b, current, idempotencyKey: '5f0c8a8e-2b1e-4c57-9d9e-2f4b2c1d0e3a' }),
        'buildPatchRequest',
      );
    }),
    { numRuns: 400, seed: 11 },
  );
});

// The Node build reads two passes over a whole JSON text 16 bytes at a time
// (src/bytes.rs: does it hold U+FFFD, is it UTF-8), the size build byte by
// byte or through std. Each case is put at every offset of a few 16-byte
// blocks from the start and from the end, in text long enough for the
// engine's encoder (over 64 units).
const PAD = 'a'.repeat(70);
const AT = Array.from({ length: 40 }, (_, i) => i);
const FROM_END = [0, 1, 2, 3, 5, 8, 13, 15, 16, 17, 31, 40];
const EMAIL = `${'j'.repeat(60)}@example.com`;
/** Texts with `x` in fullName at every offset from the start and from the end. */
function placed(x) {
  const out = [];
  for (const at of AT) out.push(`{"email":"${EMAIL}","fullName":"${PAD.slice(0, at)}${x}${PAD}"}`);
  for (const back of FROM_END) out.push(`{"email":"${EMAIL}","fullName":"${PAD}${x}${PAD.slice(0, back)}"}`);
  return out;
}

test('U+FFFD and unpaired surrogates at every offset answer the same in both builds, and rightly', () => {
  let n = 0;
  for (const x of ['\uFFFD', '\uD800', '\uDFFF', '\uD83D\uDE00', 'ë', '中', '\uFFFD\uD800']) {
    for (const text of placed(x)) {
      same((api) => api.validateUpdateJson(text), `${JSON.stringify(x)}: ${text}`);
      same((api) => api.validateBatchJson(`[{"update":${text}}]`), `${JSON.stringify(x)}: ${text}, batch`);
      // Rightly: an unpaired surrogate is seen (the text went through the
      // package's own loop), a U+FFFD alone is a character like any other.
      const codes = esm.validateUpdateJson(text).issues.map((i) => i.code);
      assert.deepEqual(codes, text.isWellFormed() ? [] : ['invalid_string'], `${JSON.stringify(x)}: ${text}`);
      n += 3;
    }
  }
  assert.ok(n > 1000, `${n} answers compared`);
});

test('bytes that are not UTF-8 at every offset answer the same in both builds, at their offset', () => {
  const bad = [[0xff], [0xc0, 0x80], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xc3]];
  const good = [[], [0xc3, 0xab], [0xe4, 0xb8, 0xad], [0xf0, 0x9f, 0x98, 0x80], [0xc3, 0xab, 0x61, 0xe4, 0xb8, 0xad]];
  const utf8 = (s) => [...new TextEncoder().encode(s)];
  const splits = [
    ...AT.map((at) => [utf8(`{"fullName":"${PAD.slice(0, at)}`), utf8(`${PAD}"}`)]),
    ...FROM_END.map((back) => [utf8(`{"fullName":"${PAD}`), utf8(`${PAD.slice(0, back)}"}`)]),
  ];
  let n = 0;
  for (const [head, tail] of splits) {
    for (const before of good) {
      for (const seq of [[], ...bad]) {
        const bytes = new Uint8Array([...head, ...before, ...seq, ...tail]);
        const what = `${before} ${seq} after ${head.length}, ${tail.length} before the end`;
        same((api) => api.validateUpdateJson(bytes), what);
        same((api) => api.validateBatchJson(bytes), `${what}, batch`);
        const issues = esm.validateUpdateJson(bytes).issues;
        if (seq.length === 0) {
          assert.deepEqual(issues, [], what);
        } else {
          // UTF-8 stops being valid where the bad bytes begin.
          assert.equal(issues.length, 1, what);
          assert.equal(issues[0].code, 'invalid_json', what);
          assert.equal(issues[0].params.offset, head.length + before.length, what);
        }
        n += 2;
      }
    }
  }
  // Text that is mostly not ASCII: the Node build hands it to std in runs.
  const wide = '中文'.repeat(200) + 'a' + 'ë'.repeat(100);
  for (const end of [[], [0xff]]) {
    const bytes = new Uint8Array([...utf8(`{"fullName":"${wide}`), ...end, 0x22, 0x7d]);
    same((api) => api.validateUpdateJson(bytes), 'wide text');
  }
  assert.ok(n > 3000, `${n} answers compared`);
});

test('the Node entries read ic_customer_contract_node.wasm, and fall back to the inlined module without it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ic-builds-'));
  try {
    cpSync(DIST, join(dir, 'dist'), { recursive: true });
    const call = (entry) => {
      const script =
        entry === 'node.mjs'
          ? `import(${JSON.stringify(pathToFileURL(join(dir, 'dist', 'node.mjs')).href)}).then((m) => { try { console.log(m.validateUpdate({ fullName: '' }).issues[0].code); } catch (e) { console.log(e.name); } })`
          : `const m = require(${JSON.stringify(join(dir, 'dist', 'node.cjs'))}); try { console.log(m.validateUpdate({ fullName: '' }).issues[0].code); } catch (e) { console.log(e.name); }`;
      const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      return r.stdout.trim();
    };
    for (const entry of ['node.mjs', 'node.cjs']) assert.equal(call(entry), 'too_short', entry);
    // Not a wasm module: the entries must have read this very file.
    writeFileSync(join(dir, 'dist', 'ic_customer_contract_node.wasm'), 'not wasm');
    for (const entry of ['node.mjs', 'node.cjs']) assert.equal(call(entry), 'CompileError', entry);
    // No file: the module the entry carries.
    rmSync(join(dir, 'dist', 'ic_customer_contract_node.wasm'));
    assert.ok(!existsSync(join(dir, 'dist', 'ic_customer_contract_node.wasm')));
    for (const entry of ['node.mjs', 'node.cjs']) assert.equal(call(entry), 'too_short', entry);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
