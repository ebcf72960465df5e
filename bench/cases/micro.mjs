// Cases (a), (b), (c): one JS object in, per call, all libraries interleaved
// in one process. `node cases/micro.mjs a|b|c|c-pending [--quick]`
// prints one JSON object: { case, rows, checks }.

import { updateSchema, updateStandardSchema, validateUpdate } from 'ic-customer-contract';

import { ajvValidator, ajvWithFreeze, countAjv } from '../lib/ajv.mjs';
import { EDGE_BODIES, PENDING_RECORD, THREE_PROBLEMS, VALID_BODIES, VERIFIED_RECORD, formSteps } from '../lib/data.mjs';
import { EMAIL_PATTERN } from '../lib/rules.mjs';
import { compare } from '../lib/timing.mjs';
import { countValibot, valibotSchema, valibotWithFreeze } from '../lib/valibot.mjs';
import { countZod, zodSchema, zodWithFreeze } from '../lib/zod.mjs';

const which = process.argv[2];
const quick = process.argv.includes('--quick');
const schema = updateSchema();
if (schema.properties.email.pattern !== EMAIL_PATTERN) {
  throw new Error('bench/lib/rules.mjs EMAIL_PATTERN differs from updateSchema().properties.email.pattern: copy it again');
}
const ajv = ajvValidator(schema);
const zod = zodSchema();
const vb = valibotSchema();

/** Cycles through `inputs`; each contender is `count(value) -> issues`; fn(n) returns the number of valid ones. */
function loops(inputs, counters) {
  const len = inputs.length;
  return Object.entries(counters).map(([name, count]) => ({
    name,
    count,
    fn(n) {
      let valid = 0;
      for (let i = 0; i < n; i++) if (count(inputs[i % len]) === 0) valid++;
      return valid;
    },
  }));
}

/** Every contender must give every input the same number of issues (the package's warnings aside). */
function agree(inputs, contenders) {
  const [base, ...others] = contenders;
  const first = inputs.map((x) => base.count(x));
  for (const c of others) {
    const got = inputs.map((x) => c.count(x));
    const i = got.findIndex((n, k) => n !== first[k]);
    if (i >= 0) {
      throw new Error(`case ${which}: ${c.name} gives input ${i} ${got[i]} issue(s), ${base.name} gives ${first[i]}: ${JSON.stringify(inputs[i])}`);
    }
  }
  const total = first.reduce((a, b) => a + b, 0);
  return { inputs: inputs.length, issues: total, invalid: first.filter((n) => n > 0).length };
}

let inputs;
let counters;
let step = 1;
if (which === 'a') {
  inputs = VALID_BODIES;
  counters = {
    'ic-customer-contract': (b) => validateUpdate(b).issues.length,
    ajv: (b) => countAjv(ajv, b),
    zod: (b) => countZod(zod, b),
    valibot: (b) => countValibot(vb, b),
  };
} else if (which === 'b') {
  inputs = [THREE_PROBLEMS];
  counters = {
    'ic-customer-contract': (b) => validateUpdate(b).issues.length,
    ajv: (b) => countAjv(ajv, b),
    zod: (b) => countZod(zod, b),
    valibot: (b) => countValibot(vb, b),
  };
} else if (which === 'c' || which === 'c-pending') {
  const record = which === 'c' ? VERIFIED_RECORD : PENDING_RECORD;
  inputs = formSteps(record);
  step = inputs.length;
  const ajvFreeze = ajvWithFreeze(ajv);
  const zodFreeze = zodWithFreeze(zod, record);
  const vbFreeze = valibotWithFreeze(vb, record);
  const standard = updateStandardSchema(record)['~standard'];
  counters = {
    'ic-customer-contract': (b) => validateUpdate(b, record).issues.length,
    'ic-customer-contract (Standard Schema)': (b) => {
      const r = standard.validate(b);
      return r.issues ? r.issues.length : 0;
    },
    ajv: (b) => ajvFreeze(b, record).length,
    zod: (b) => countZod(zodFreeze, b),
    valibot: (b) => countValibot(vbFreeze, b),
  };
} else {
  console.error('usage: node cases/micro.mjs a|b|c|c-pending [--quick]');
  process.exit(2);
}

const contenders = loops(inputs, counters);
const checks = agree(inputs, contenders);
// The stateless rules must agree on the edge bodies too (lengths in code points, strictness, null).
if (which === 'a') checks.edges = agree(EDGE_BODIES, contenders);
// (c): how many steps the package answers with an issue or a warning (issue 11: about 8%).
if (which === 'c' || which === 'c-pending') {
  const record = which === 'c' ? VERIFIED_RECORD : PENDING_RECORD;
  const answers = inputs.map((b) => validateUpdate(b, record));
  checks.withIssues = answers.filter((r) => r.issues.length > 0).length;
  checks.withWarnings = answers.filter((r) => r.warnings.length > 0).length;
  checks.withEither = answers.filter((r) => r.issues.length > 0 || r.warnings.length > 0).length;
}
if (which === 'b' && checks.issues !== 3) throw new Error(`case b: expected 3 issues, got ${checks.issues}`);
const rows = compare(contenders, {
  reference: 'ajv',
  step,
  rounds: quick ? 5 : 31,
  sampleMs: quick ? 5 : 20,
  warmupMs: quick ? 100 : 1000,
});
console.log(JSON.stringify({ case: which, rows, checks }));
