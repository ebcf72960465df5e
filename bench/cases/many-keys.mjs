// Case (i), not a target ("limits"): 1,000,000 unknown keys (issue 10), the package
// alone. `node cases/many-keys.mjs [--quick]` prints { case, rows, checks }.
// One operation is one call: validateUpdate on a plain object, on a Proxy
// reporting the same keys, and validateUpdateJson on the object's JSON text
// (about 10 MB). Every answer must be 100 unknown_field issues and the cap
// issue (params.omitted = keys - 100): checked before timing. A measurement,
// never a pass/fail on time.

import { validateUpdate, validateUpdateJson } from 'ic-customer-contract';

import { compare } from '../lib/timing.mjs';

const quick = process.argv.includes('--quick');
const KEYS = quick ? 100_000 : 1_000_000;

const keys = Array.from({ length: KEYS }, (_, i) => `k${i}`);
const object = {};
for (const k of keys) object[k] = 1;
const proxy = new Proxy(
  {},
  {
    ownKeys: () => keys,
    getOwnPropertyDescriptor: () => ({ value: 1, enumerable: true, configurable: true, writable: true }),
    get: (target, k) => (typeof k === 'string' ? 1 : undefined),
  },
);
const text = JSON.stringify(object);

const ops = {
  'validateUpdateJson (text)': () => validateUpdateJson(text),
  'validateUpdate (plain object)': () => validateUpdate(object),
  'validateUpdate (Proxy)': () => validateUpdate(proxy),
};

// The answer every op must give (also the warm-up: one call each).
const want = JSON.stringify(validateUpdateJson(text));
for (const [name, op] of Object.entries(ops)) {
  const r = op();
  const last = r.issues[100];
  if (r.issues.length !== 101 || last?.params?.omitted !== KEYS - 100 || JSON.stringify(r) !== want) {
    throw new Error(`case i: ${name} did not give 100 issues and the cap (omitted ${KEYS - 100}): ${JSON.stringify(r).slice(0, 300)}`);
  }
}

const rows = compare(
  Object.entries(ops).map(([name, op]) => ({
    name,
    fn(n) {
      let s = 0;
      for (let i = 0; i < n; i++) s += op().issues.length;
      return s;
    },
  })),
  {
    reference: 'validateUpdateJson (text)',
    rounds: quick ? 3 : 7,
    sampleMs: 1, // one call per sample
    warmupMs: 1, // one call each
  },
);
console.log(JSON.stringify({ case: 'i', rows, checks: { keys: KEYS, bytes: Buffer.byteLength(text), issues: 101, omitted: KEYS - 100 } }));
