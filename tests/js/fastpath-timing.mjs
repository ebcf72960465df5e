// A rough timing (not a benchmark suite): validateUpdate on one small valid
// body through the fast path, and the same body forced through wasm. Run
// after `npm test` (it uses the installed scratch package):
//
//   node tests/js/fastpath-timing.mjs
//
// The forced path passes a plain object from another realm (node:vm): the
// fast path declines it (its prototype is not this realm's Object.prototype),
// the encoder treats it as a plain object, so wasm sees the identical body
// (reading a cross-realm object is a little slower, so the same-realm wasm
// cost is also shown: JSON.stringify standing in for the encoder).

import { performance } from 'node:perf_hooks';
import vm from 'node:vm';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SCRATCH } from './test/paths.mjs';

const pkg = await import(pathToFileURL(join(SCRATCH, 'esm.mjs')).href);
const glue = await import(pathToFileURL(join(SCRATCH, 'node_modules/ic-customer-contract/dist/glue.js')).href);
const internals = await import(pathToFileURL(join(SCRATCH, 'node_modules/ic-customer-contract/dist/api.js')).href);

const source = '({ fullName: "Jane Doe", email: "jane@example.com", phone: "+61 400 000 000", risk: { isNewCustomer: true } })';
const body = vm.runInThisContext(source);
const foreign = vm.runInNewContext(source);
const text = JSON.stringify(body);
if (internals.__fastPath(body) === null || internals.__fastPath(foreign) !== null) throw new Error('the two bodies do not take the intended paths');
if (JSON.stringify(pkg.validateUpdate(foreign)) !== JSON.stringify(pkg.validateUpdate(body))) throw new Error('different results');

function time(label, fn, n) {
  for (let i = 0; i < n / 10; i++) fn(); // warm up
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    for (let i = 0; i < n; i++) fn();
    best = Math.min(best, ((performance.now() - start) * 1e6) / n);
  }
  console.log(`${label.padEnd(48)} ${best.toFixed(0).padStart(6)} ns/call (best of 5 x ${n})`);
  return best;
}

const fast = time('validateUpdate, fast path', () => pkg.validateUpdate(body), 1_000_000);
const slow = time('validateUpdate, same body forced through wasm', () => pkg.validateUpdate(foreign), 100_000);
time('JSON.stringify + wasm validate_update + JSON.parse', () => JSON.parse(glue.validate_update(JSON.stringify(body))), 100_000);
time('validateUpdateJson(text) (wasm, for reference)', () => pkg.validateUpdateJson(text), 100_000);
console.log(`fast path is ${(slow / fast).toFixed(1)}x faster on this body`);
