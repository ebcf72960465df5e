// Case (d): 100,000 `{ update, current }` items as one JSON text.
// `node cases/bulk.mjs [--quick]` prints { case, rows, checks }.
// One operation is the whole batch: the package's validateBatchJson(text)
// against JSON.parse(text) and then a loop of each peer plus the freeze rules
// (each item has its own current record, so the rule is the plain function an
// ajv user writes; the same function serves the zod and valibot loops).

import { updateSchema, validateBatchJson } from 'ic-customer-contract';

import { ajvValidator } from '../lib/ajv.mjs';
import { batchItems } from '../lib/data.mjs';
import { frozenProblems } from '../lib/rules.mjs';
import { compare } from '../lib/timing.mjs';
import { countValibot, valibotSchema } from '../lib/valibot.mjs';
import { countZod, zodSchema } from '../lib/zod.mjs';

const quick = process.argv.includes('--quick');
const COUNT = quick ? 10_000 : 100_000;
const text = JSON.stringify(batchItems(COUNT));

const ajv = ajvValidator(updateSchema());
const zod = zodSchema();
const vb = valibotSchema();

/** JSON.parse, then one peer per item plus the freeze rules; returns the invalid count. */
const parseAndLoop = (count) => () => {
  const items = JSON.parse(text);
  let invalid = 0;
  for (let i = 0; i < items.length; i++) {
    const { update, current } = items[i];
    if (count(update) + frozenProblems(update, current).length > 0) invalid++;
  }
  return invalid;
};

const ops = {
  'ic-customer-contract': () => validateBatchJson(text).invalid,
  'JSON.parse + ajv': parseAndLoop((u) => (ajv(u) ? 0 : ajv.errors.length)),
  'JSON.parse + zod': parseAndLoop((u) => countZod(zod, u)),
  'JSON.parse + valibot': parseAndLoop((u) => countValibot(vb, u)),
  'JSON.parse alone': () => JSON.parse(text).length & 0,
};

// All four validators must find the same invalid items. This is each one's
// first batch in the process, timed too (one sample: a first call pays for
// memory the engine grows, and for code not yet optimised).
const invalid = {};
const firstMs = {};
for (const [name, op] of Object.entries(ops)) {
  const start = performance.now();
  const found = op();
  firstMs[name] = performance.now() - start;
  if (name !== 'JSON.parse alone') invalid[name] = found;
}
const counts = new Set(Object.values(invalid));
if (counts.size !== 1) throw new Error(`case d: the invalid counts differ: ${JSON.stringify(invalid)}`);
const batch = validateBatchJson(text);
if (batch.total !== COUNT) throw new Error(`case d: validateBatchJson counted ${batch.total} items, not ${COUNT}`);

const contenders = Object.entries(ops).map(([name, op]) => ({
  name,
  fn(n) {
    let s = 0;
    for (let i = 0; i < n; i++) s += op();
    return s;
  },
}));
const rows = compare(contenders, {
  reference: 'JSON.parse + ajv',
  rounds: quick ? 3 : 7,
  sampleMs: 1, // one batch per sample
  warmupMs: 1, // one batch each
});
console.log(
  JSON.stringify({
    case: 'd',
    rows,
    checks: { items: COUNT, bytes: Buffer.byteLength(text), invalid: [...counts][0], warned: batch.results.length - batch.invalid, firstMs },
  }),
);
