// Three judges of a PATCH body must agree: validateUpdate(body) (the fast
// path or wasm), validateUpdateJson(JSON.stringify(body)) (always wasm, from
// text) and ajv 8 on the published JSON Schema (updateSchema()). The two
// package paths must give the same full result (issues and warnings); ajv
// must give the same verdict. ajv runs with NO formats: the schema's
// `pattern` carries the email rule. It validates the JSON text parsed back,
// i.e. what a server receives (an `undefined` value is absent there, as it is
// for the package). Bodies holding an unpaired surrogate are left out of the
// ajv comparison only: JSON Schema cannot see them (the package rejects them
// with `invalid_string`).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { esm } from './helpers.mjs';
import { body, hasLoneSurrogate, SEED } from './gen.mjs';

const RUNS = 100_000;

test(`validateUpdate, validateUpdateJson and ajv agree on ${RUNS} generated bodies (fast-check seed ${SEED})`, (t) => {
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
  const schemaValid = ajv.compile(esm.updateSchema());

  const seen = { compared: 0, valid: 0, invalid: 0, lone: 0, ajvCompared: 0, ajvValid: 0 };
  const disagreements = [];

  fc.assert(
    fc.property(body, (b) => {
      const text = JSON.stringify(b);
      const byValue = esm.validateUpdate(b);
      const byText = esm.validateUpdateJson(text);
      seen.compared++;
      seen[byValue.ok ? 'valid' : 'invalid']++;
      // The full results: same issues, same order, same messages and params, same warnings.
      assert.deepEqual(byValue, byText, `validateUpdate and validateUpdateJson differ on ${text}`);
      const sent = JSON.parse(text); // what a server receives: `undefined` members are gone
      if (hasLoneSurrogate(sent)) {
        seen.lone++;
        // Where it sits in a field it is `invalid_string`; in an extra key the key is already rejected.
        assert.equal(byValue.ok, false, `a body with an unpaired surrogate is invalid: ${text}`);
        return;
      }
      const bySchema = schemaValid(sent);
      seen.ajvCompared++;
      if (bySchema) seen.ajvValid++;
      if (bySchema !== byValue.ok) {
        disagreements.push({ text, package: byValue.issues, ajv: schemaValid.errors });
        assert.fail(`ajv says ${bySchema ? 'valid' : 'invalid'}, the package ${byValue.ok ? 'valid' : 'invalid'}: ${text}`);
      }
    }),
    { numRuns: RUNS, seed: SEED, includeErrorInReport: true },
  );

  t.diagnostic(
    `bodies compared (validateUpdate vs validateUpdateJson, full results): ${seen.compared}; ` +
      `valid ${seen.valid}, invalid ${seen.invalid}`,
  );
  t.diagnostic(
    `compared with ajv: ${seen.ajvCompared} (valid ${seen.ajvValid}); ` +
      `left out of the ajv comparison (unpaired surrogate): ${seen.lone}; disagreements: ${disagreements.length}`,
  );
  assert.equal(seen.compared, RUNS);
  assert.equal(seen.ajvCompared + seen.lone, RUNS);
  assert.equal(disagreements.length, 0);
  // The corpus must reach both verdicts in quantity for the comparison to mean anything.
  assert.ok(seen.valid > RUNS * 0.1, `only ${seen.valid} valid bodies`);
  assert.ok(seen.invalid > RUNS * 0.1, `only ${seen.invalid} invalid bodies`);
  assert.ok(seen.lone > 100, `only ${seen.lone} bodies with an unpaired surrogate`);
});
