// Case (f): the wasm instance's linear memory after 10,000 and after
// 1,000,000 calls through the package's API, valid and invalid mixed.
// `node cases/memory.mjs [--quick]` prints { case, rows, checks }.
//
// The package does not export its memory. Its Node entry (dist/node.mjs)
// calls the glue's initSync once (at import, or at the first call that needs
// wasm); a second initSync on the same glue module returns the exports it
// already holds (`if (wasm !== undefined) return wasm`
// in wasm-bindgen 0.2.130), memory included. The glue is imported by its real
// path, which is the module instance node.mjs imported (the package is a
// symlink to ../pkg and Node resolves modules by real path); the check below
// proves it is the same instance by watching the memory grow under a large
// call made through the public API.

import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

import * as pkg from 'ic-customer-contract';

import { PENDING_RECORD, THREE_PROBLEMS, VALID_BODIES, VERIFIED_RECORD, formSteps } from '../lib/data.mjs';

const quick = process.argv.includes('--quick');
const entry = realpathSync(createRequire(import.meta.url).resolve('ic-customer-contract/package.json'));
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

// The mix: 1 in 8 calls is a valid body without a record (the JS fast path);
// every other one crosses into wasm: invalid bodies, bodies against a
// VERIFIED record (warnings, some frozen changes), JSON text in, a small
// batch, a customer record.
const steps = formSteps(VERIFIED_RECORD, 64);
const verifiedText = JSON.stringify(VERIFIED_RECORD);
const batchText = JSON.stringify(steps.slice(0, 8).map((update, i) => ({ update, current: i % 2 ? VERIFIED_RECORD : PENDING_RECORD })));
const unicode = { fullName: '🙂'.repeat(200) + '\uD800', email: 'zoë@example.com', phone: '+61'.repeat(20) };
const calls = [
  (i) => pkg.validateUpdate(VALID_BODIES[i & 7]),
  () => pkg.validateUpdate(THREE_PROBLEMS),
  (i) => pkg.validateUpdate(steps[i & 63], VERIFIED_RECORD),
  (i) => pkg.validateUpdate({ ...VALID_BODIES[i & 7], full_name: 'x' }, PENDING_RECORD),
  (i) => pkg.validateUpdateJson(JSON.stringify(steps[i & 63]), verifiedText),
  () => pkg.validateUpdateJson('{"fullName": '),
  () => pkg.validateBatchJson(batchText),
  () => pkg.validateUpdate(unicode),
];
const expectedOk = [true, false, null, false, null, false, null, false];

let made = 0;
function run(until) {
  for (; made < until; made++) {
    const k = made & 7;
    const r = calls[k](made >> 3);
    const ok = 'ok' in r ? r.ok : r.total > 0;
    if (expectedOk[k] !== null && ok !== expectedOk[k]) throw new Error(`case f: call kind ${k} answered ok=${ok}`);
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
    checks: { sameInstance: grewUnderPublicCall, calls: TOTAL, wasmCallsPerEight: 7 },
  }),
);
