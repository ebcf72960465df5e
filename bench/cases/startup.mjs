// Case (e): time to the first answers in a fresh Node process, per library.
// `node cases/startup.mjs [--quick]` prints { case, rows, checks }.
//
// Each run spawns `node startup/<lib>.mjs`. The script takes
// performance.now() (milliseconds since the process's time origin) on its
// first line (t0), then dynamically imports the library (and, for ajv, the
// schema module), builds the validator (ajv compile / zod and valibot schema
// definition / whatever the package's import does) and validates one valid
// body (t1), then the three-problem body of case (b) (t2). The figure (issue
// 11's target (e): "first valid then first invalid answer") is t2 - t0:
// import + build + both calls, Node's own boot excluded (the same for every
// library). Its two parts are recorded apart (t1 - t0, t2 - t1), and so are
// the last stamp alone (from process start) and the spawn-to-exit wall time
// seen from here. Runs are interleaved: round r runs every library once, in a
// rotated order.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { writeSchemaModule } from '../lib/out.mjs';
import { median } from '../lib/timing.mjs';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 3 : 15;
const LIBS = ['ic-customer-contract', 'ajv', 'ajv + ajv-formats', 'zod', 'valibot', 'empty script'];
const SCRIPT = {
  'ic-customer-contract': 'package.mjs',
  ajv: 'ajv.mjs',
  'ajv + ajv-formats': 'ajv-formats.mjs',
  zod: 'zod.mjs',
  valibot: 'valibot.mjs',
  'empty script': 'empty.mjs',
};

writeSchemaModule();

function once(lib) {
  const script = fileURLToPath(new URL(`../startup/${SCRIPT[lib]}`, import.meta.url));
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [script], { encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`case e: ${lib} exited ${r.status}: ${r.stderr}`);
  const { t0, t1, t2, ok, issues } = JSON.parse(r.stdout);
  if (ok !== true) throw new Error(`case e: ${lib} did not find the body valid`);
  if (!(issues >= 3)) throw new Error(`case e: ${lib} found ${issues} issues in the three-problem body`);
  return { both: t2 - t0, firstValid: t1 - t0, thenInvalid: t2 - t1, sinceStart: t2, wall };
}

const runs = new Map(LIBS.map((lib) => [lib, []]));
for (let r = 0; r < ROUNDS; r++) {
  for (let k = 0; k < LIBS.length; k++) {
    const lib = LIBS[(k + r) % LIBS.length];
    runs.get(lib).push(once(lib));
  }
}

const ajv = runs.get('ajv');
const rows = LIBS.map((lib) => {
  const xs = runs.get(lib);
  const both = xs.map((x) => x.both);
  const ms = median(both);
  return {
    name: lib,
    ns: ms * 1e6,
    opsPerSec: 1000 / ms,
    ratio: median(both.map((x, i) => x / ajv[i].both)),
    spread: [Math.min(...both) * 1e6, Math.max(...both) * 1e6],
    firstValidMs: median(xs.map((x) => x.firstValid)),
    thenInvalidMs: median(xs.map((x) => x.thenInvalid)),
    sinceStartMs: median(xs.map((x) => x.sinceStart)),
    wallMs: median(xs.map((x) => x.wall)),
    rounds: ROUNDS,
  };
});
console.log(JSON.stringify({ case: 'e', rows, checks: { rounds: ROUNDS } }));
