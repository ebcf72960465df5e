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
