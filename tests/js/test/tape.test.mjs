// The tape (issue 11): values and JSON text are written into the module's
// memory, and result words copied out into one reused array. Calls nest (a
// getter, or an app's message function, may call the package in the middle
// of a call), buffers grow and are reused: every answer must stay the one a
// fresh call gives.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cjs, esm } from './helpers.mjs';

const THREE = { fullName: '', email: 'nope', phone: 5 };
const RECORD = { kyc_status: 'VERIFIED', full_name: 'Jane Doe', email: 'jane@example.com' };

for (const [name, api] of [['ESM', esm], ['CommonJS', cjs]]) {
  describe(`${name}: calls inside calls`, () => {
    const alone = api.validateUpdate(THREE);
    const inner = api.validateUpdate({ email: 'x' }, RECORD);

    test('a getter that calls the package while its value is written', () => {
      const answers = [];
      const body = {
        fullName: '',
        get email() {
          answers.push(api.validateUpdate({ email: 'x' }, RECORD));
          answers.push(api.validateBatchJson(JSON.stringify([{ update: THREE }])).invalid);
          return 'nope';
        },
        phone: 5,
      };
      assert.deepEqual(api.validateUpdate(body), alone);
      assert.deepEqual(answers, [inner, 1]);
    });

    test("an app's message function that calls the package while results are read", () => {
      let calls = 0;
      const locale = {
        tag: 'en',
        templates: {},
        messages: {
          invalid_email: (issue) => {
            calls++;
            // A large call in the middle: the outer call's words must survive it.
            const big = api.validateBatchJson(JSON.stringify(Array.from({ length: 2000 }, () => ({ update: THREE }))));
            return `${issue.code} (${big.invalid})`;
          },
        },
      };
      const r = api.validateUpdate(THREE, undefined, { locale });
      assert.equal(calls, 1);
      assert.deepEqual(
        r.issues.map((i) => [i.path, i.code]),
        alone.issues.map((i) => [i.path, i.code]),
      );
      assert.equal(r.issues[1].message, 'invalid_email (2000)');
      assert.equal(r.issues[2].message, alone.issues[2].message);
    });

    test('buffers grow for a large value and keep answering small ones', () => {
      const long = 'é'.repeat(400_000) + '\uD800';
      const body = { fullName: long, email: long };
      const r = api.validateUpdate(body);
      assert.deepEqual(r, api.validateUpdateJson(JSON.stringify(body)));
      assert.deepEqual(r.issues.filter((i) => i.code === 'invalid_string').map((i) => i.path), [['fullName'], ['email']]);
      assert.deepEqual(api.validateUpdate(THREE), alone);
      const batch = JSON.stringify(Array.from({ length: 20_000 }, (_, i) => ({ update: i % 2 ? THREE : { phone: null } })));
      const b = api.validateBatchJson(batch);
      assert.deepEqual([b.total, b.valid, b.invalid, b.results.length], [20_000, 10_000, 10_000, 10_000]);
      assert.deepEqual(api.validateUpdate(THREE), alone);
      assert.deepEqual(api.validateUpdateJson(JSON.stringify(THREE)), alone);
    });

    test('long JSON text: an unpaired surrogate and a U+FFFD of its own are told apart', () => {
      // Past 64 units the engine's encoder writes the text (it writes both as
      // U+FFFD); the package then looks for U+FFFD and writes such text again itself.
      const pad = 'é'.repeat(40);
      const texts = {
        lone: `{"fullName":"${pad}\uD800","email":"jane@example.com"}`,
        replacement: `{"fullName":"${pad}\uFFFD","email":"jane@example.com"}`,
        both: `{"fullName":"${pad}\uFFFD\uDC00","email":"jane@example.com","phone":"\uFFFD"}`,
        neither: `{"fullName":"${pad}","email":"jane@example.com","phone":"${'x'.repeat(20)}"}`,
      };
      const invalid = {};
      for (const [name, text] of Object.entries(texts)) {
        assert.ok(text.length > 64, name);
        const r = api.validateUpdateJson(text);
        // The object path: the package's own loop, or the encoder for a well-formed string past 64 units.
        assert.deepEqual(r, api.validateUpdate(JSON.parse(text)), name);
        const batch = api.validateBatchJson(`[{"update":${text}}]`);
        assert.deepEqual(batch.results.length === 0 ? [] : batch.results[0].issues, r.issues, name);
        invalid[name] = r.issues.map((i) => [i.path.join('.'), i.code]);
      }
      assert.deepEqual(invalid, {
        lone: [['fullName', 'invalid_string']],
        replacement: [],
        both: [['fullName', 'invalid_string']],
        neither: [],
      });
    });

    test('long values: the encoder (well formed, past 64 units) and the loop give the answers of JSON text', () => {
      // Lengths each side of 64 units and of the name's 255 code points,
      // every width of UTF-8, unpaired surrogates first, inside and last, and
      // a U+FFFD of the string's own. JSON.stringify escapes an unpaired
      // surrogate (\\udXXX), which the text path reads as the same unit.
      const pieces = ['x', 'é', '中', '😀', '\uFFFD', '\uD800', '\uDC00'];
      const seen = new Set();
      for (const n of [63, 64, 65, 66, 128, 254, 255, 256, 1000]) {
        for (const fill of ['x', 'é', '中', '😀']) {
          for (const odd of pieces) {
            for (const at of [0, 0.5, 1]) {
              const base = fill.repeat(n).slice(0, n);
              const i = Math.floor(at * base.length);
              const value = base.slice(0, i) + odd + base.slice(i);
              const body = { fullName: value, email: value, phone: value };
              const r = api.validateUpdate(body);
              assert.deepEqual(r, api.validateUpdateJson(JSON.stringify(body)), JSON.stringify([n, fill, odd, at]));
              assert.deepEqual(api.validateUpdate({ [value]: 1 }), api.validateUpdateJson(JSON.stringify({ [value]: 1 })));
              for (const issue of r.issues) seen.add(issue.code);
            }
          }
        }
      }
      // The values reached the rules: too long, not well formed, not an email.
      assert.deepEqual([...seen].sort(), ['invalid_email', 'invalid_string', 'too_long']);
      const long = 'x'.repeat(5000);
      assert.deepEqual(api.validateUpdate({ fullName: long }).issues[0].params, { max: 255, actual: 5000 });
    });

    test("diffUpdate's desired: a shared value is written once per path, a graph past the budget is refused", () => {
      const arr = [1, 2];
      const desired = { phone: '1', risk: { a: [arr, arr, { x: arr }], b: 's' } };
      assert.deepEqual(api.diffUpdate({ kyc_status: 'PENDING' }, desired).update, JSON.parse(JSON.stringify(desired)));
      // 40 keys on each of 6 levels, all pointing to the same object: 40^6 paths.
      const wide = {};
      let level = wide;
      for (let d = 0; d < 6; d++) {
        const next = {};
        for (let k = 0; k < 40; k++) level['k' + k] = next;
        level = next;
      }
      const r = api.diffUpdate({ kyc_status: 'PENDING' }, { risk: wide });
      assert.deepEqual(r.update, {});
      assert.deepEqual(r.skipped.map((i) => [i.path, i.code, i.params.received]), [[[], 'invalid_type', 'too large']]);
      assert.deepEqual(api.validateUpdate(THREE), alone);
    });
  });
}
