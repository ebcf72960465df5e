// The package's side of one case, profiled: `node profile-workload.mjs
// a|b|c|d|h DIST/node.mjs OUT.cpuprofile`. It loads the package from the given
// entry (a dist/ copy that may hold the named wasm), prepares the inputs,
// then runs V8's CPU profiler (the one `node --cpu-prof` starts, here through
// node:inspector so that loading and input preparation stay out of the
// profile) over about 3 seconds of the case's calls, and writes the profile.

import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { pathToFileURL } from 'node:url';

import { SYNC_ITEMS, THREE_PROBLEMS, VALID_BODIES, VERIFIED_RECORD, batchItems, formSteps } from '../lib/data.mjs';

const [which, entry, out] = process.argv.slice(2);
const pkg = await import(pathToFileURL(entry).href);

const session = new Session();
session.connect();
const post = (method, params = {}) =>
  new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
await post('Profiler.enable');
await post('Profiler.setSamplingInterval', { interval: 200 }); // microseconds

const steps = formSteps(VERIFIED_RECORD);
const text = which === 'd' ? JSON.stringify(batchItems(100_000)) : '';

await post('Profiler.start');
const until = performance.now() + 3000;
let sink = 0;
if (which === 'a') {
  for (let i = 0; performance.now() < until; i++) {
    for (let k = 0; k < 1000; k++) sink += pkg.validateUpdate(VALID_BODIES[k & 7]).issues.length;
  }
} else if (which === 'b') {
  while (performance.now() < until) for (let k = 0; k < 100; k++) sink += pkg.validateUpdate(THREE_PROBLEMS).issues.length;
} else if (which === 'c') {
  while (performance.now() < until) for (const body of steps) sink += pkg.validateUpdate(body, VERIFIED_RECORD).issues.length;
} else if (which === 'd') {
  while (performance.now() < until) sink += pkg.validateBatchJson(text).invalid;
} else if (which === 'h') {
  // Both halves of case (h), as its rounds run them: one request built, one diff, per item.
  while (performance.now() < until) {
    for (const it of SYNC_ITEMS) {
      sink += pkg.buildPatchRequest({ id: it.id, update: it.update, current: it.current }).ok ? 1 : 0;
      sink += pkg.diffUpdate(it.current, it.desired).skipped.length;
    }
  }
} else {
  throw new Error(`profile-workload: unknown case ${which}`);
}
const { profile } = await post('Profiler.stop');
writeFileSync(out, JSON.stringify(profile));
if (sink < 0) console.log(sink);
