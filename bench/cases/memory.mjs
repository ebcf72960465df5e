// Case (f): the wasm instance's linear memory after 10,000 and after
// 1,000,000 calls through the package's API, valid and invalid mixed, over
// every entry that can reach the wasm (batches, requests and diffs included).
// `node cases/memory.mjs [--quick]` prints { case, rows, checks }.
//
// The package does not export its memory. Its default entry (dist/index.js,
// the one bundlers and browsers get: the same modules, the same wasm as the
// Node entry, which is one file with copies of its own) imports dist/glue.js
// and calls its initSync once, at the first call that needs wasm; a second
// initSync on the same glue module returns the exports it already holds
// (`if (wasm !== undefined) return wasm` in wasm-bindgen 0.2.130), memory
// included. Both are imported by their real paths, so they are the module
// instances the entry uses; the check below proves it by watching the memory
// grow under a large call made through the public API.

import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { PENDING_RECORD, SYNC_ITEMS, THREE_PROBLEMS, VALID_BODIES, VERIFIED_RECORD, formSteps } from '../lib/data.mjs';

const quick = process.argv.includes('--quick');
const entry = realpathSync(createRequire(import.meta.url).resolve('ic-customer-contract/package.json'));
const pkg = await import(pathToFileURL(join(dirname(entry), 'dist', 'index.js')).href);
const glue = await import(pathToFileURL(join(dirname(entry), 'dist', 'glue.js')).href);
// An entry may instantiate the wasm lazily, at the first call that needs it:
// make one such call through the public API first, so that initSync() below
// finds the package's instance rather than having none (it then throws).
pkg.validateUpdate(THREE_PROBLEMS);
const exports = glue.initSync();
if (!exports || !(exports.memory instanceof WebAssembly.Memory)) {
  throw new Error('case f: initSync() did not return the instance exports (did the glue change?)');
}
const bytes = () => exports.memory.buffer.byteLength;

// The mix, 16 kinds of call in turn: 2 in 16 a valid body without a record
// (the JS fast path, if the entry has one); every other one goes into wasm:
// invalid bodies, form steps against a VERIFIED record (warnings, frozen
// changes, a phone too long), JSON text in with a record text, broken JSON,
// a small batch and a broken one, a string of emoji with a lone surrogate,
// buildPatchRequest (a sync item, and an invalid id and body), diffUpdate (a
// sync item, and a desired state with a frozen change and an unknown key),
// and validateCustomer (a record, and a broken one). Each kind's verdict is
// checked on every call (null: either verdict is fine).
const steps = formSteps(VERIFIED_RECORD, 64);
const verifiedText = JSON.stringify(VERIFIED_RECORD);
const batchText = JSON.stringify(steps.slice(0, 8).map((update, i) => ({ update, current: i % 2 ? VERIFIED_RECORD : PENDING_RECORD })));
const brokenBatchText = JSON.stringify([{ update: THREE_PROBLEMS, current: VERIFIED_RECORD }, 5, { update: {} }, { current: null }]);
const unicode = { fullName: '🙂'.repeat(200) + '\uD800', email: 'zoë@example.com', phone: '+61'.repeat(20) };
const brokenRecord = { ...VERIFIED_RECORD, kyc_status: 'MAYBE', email: 5, identity: { verified_country: 'AUSTRALIA' } };
const badDesired = { fullName: 'Jane Q. Doe', email: 'jane@example.com', phone: null, nickname: 'J' };
const ok = (r) => r.ok;
const calls = [
  [(i) => pkg.validateUpdate(VALID_BODIES[i & 7]), ok, true],
  [() => pkg.validateUpdate(THREE_PROBLEMS), ok, false],
  [(i) => pkg.validateUpdate(steps[i & 63], VERIFIED_RECORD), ok, null],
  [(i) => pkg.validateUpdate({ ...VALID_BODIES[i & 7], full_name: 'x' }, PENDING_RECORD), ok, false],
  [(i) => pkg.validateUpdateJson(JSON.stringify(steps[i & 63]), verifiedText), ok, null],
  [() => pkg.validateUpdateJson('{"fullName": '), ok, false],
  [() => pkg.validateBatchJson(batchText), (r) => r.total === 8, true],
  [() => pkg.validateUpdate(unicode), ok, false],
  [(i) => pkg.validateUpdate(VALID_BODIES[(i + 3) & 7]), ok, true],
  [(i) => {
    const it = SYNC_ITEMS[i & 7];
    return pkg.buildPatchRequest({ id: it.id, update: it.update, current: it.current });
  }, ok, true],
  [() => pkg.buildPatchRequest({ id: 'not an id/'.repeat(40), update: THREE_PROBLEMS, current: VERIFIED_RECORD }), ok, false],
  [(i) => {
    const it = SYNC_ITEMS[i & 7];
    return pkg.diffUpdate(it.current, it.desired);
  }, (r) => r.skipped.length === 0, true],
  [() => pkg.diffUpdate(VERIFIED_RECORD, badDesired), (r) => r.skipped.length === 0, false],
  [() => pkg.validateBatchJson(brokenBatchText), (r) => r.invalid === 0, false],
  [() => pkg.validateCustomer(VERIFIED_RECORD), ok, true],
  [() => pkg.validateCustomer(brokenRecord), ok, false],
];
const KINDS = calls.length; // 16: the index below is made & 15
const wasmKinds = KINDS - 2;

let made = 0;
function run(until) {
  for (; made < until; made++) {
    const k = made & 15;
    const [call, verdict, expected] = calls[k];
    const r = call(made >> 4);
    const got = verdict(r);
    if (expected !== null && got !== expected) throw new Error(`case f: call kind ${k} answered ${JSON.stringify(r).slice(0, 300)}`);
  }
  return bytes();
}

const TOTAL = quick ? 100_000 : 1_000_000;
const marks = [10_000, 100_000, 250_000, 500_000, 750_000, 1_000_000].filter((n) => n <= TOTAL);
const startBytes = bytes();
const at = {};
const rss = {};
const t0 = process.hrtime.bigint();
for (const n of marks) {
  at[n] = run(n);
  rss[n] = process.memoryUsage().rss;
}
const ms = Number(process.hrtime.bigint() - t0) / 1e6;

// Same instance? A JSON text twice the memory's size, through the public API, must grow the memory we read.
const before = bytes();
pkg.validateUpdateJson(JSON.stringify({ fullName: 'x'.repeat(before * 2) }));
const grewUnderPublicCall = bytes() > before;
if (!grewUnderPublicCall) throw new Error('case f: the memory read is not the instance the package calls');

const growth = at[TOTAL] - at[10_000];
console.log(
  JSON.stringify({
    case: 'f',
    rows: [
      {
        name: 'ic-customer-contract',
        startBytes,
        after10k: at[10_000],
        afterTotal: at[TOTAL],
        total: TOTAL,
        growth,
        marks: at,
        rssMarks: rss,
        ms,
      },
    ],
    checks: { sameInstance: grewUnderPublicCall, calls: TOTAL, kinds: KINDS, wasmKinds, entries: [...new Set(calls.map(([c]) => /pkg\.(\w+)/.exec(c.toString())[1]))] },
  }),
);
