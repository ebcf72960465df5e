// JSON text as UTF-8 bytes (issue 11): validateUpdateJson and
// validateBatchJson take a Uint8Array (a Node Buffer is one) as they take a
// string, with the same answers; bytes that are not UTF-8 are reported at the
// first byte that is not, never replaced.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cjs, currentOf, esm, loadFixture } from './helpers.mjs';

const cases = loadFixture('update-cases.json');
const utf8 = (s) => new TextEncoder().encode(s);

describe('bytes give what the same text gives', () => {
  for (const [name, api] of [['ESM', esm], ['CommonJS', cjs]]) {
    test(`${name}: every update fixture, as a Buffer and as a Uint8Array`, () => {
      let n = 0;
      for (const c of cases.cases) {
        const text = c.text ?? JSON.stringify(c.body);
        // A string with an unpaired surrogate has no UTF-8: only strings cross as those.
        if (!text.isWellFormed()) continue;
        const current = currentOf(cases, c);
        const currentText = current === undefined ? undefined : JSON.stringify(current);
        let want;
        try {
          want = api.validateUpdateJson(text, currentText);
        } catch (e) {
          assert.throws(() => api.validateUpdateJson(Buffer.from(text), currentText && Buffer.from(currentText)), { message: e.message });
          continue;
        }
        assert.deepEqual(api.validateUpdateJson(Buffer.from(text), currentText && Buffer.from(currentText)), want, c.name);
        assert.deepEqual(api.validateUpdateJson(utf8(text), currentText), want, c.name);
        n++;
      }
      assert.ok(n > 50, `${n} cases`);
    });
  }

  test('a view into a larger buffer reads only its own bytes', () => {
    const text = '{"fullName":"Zoë","phone":null}';
    const bytes = utf8(`xx${text}yy`);
    const view = new Uint8Array(bytes.buffer, 2, bytes.length - 4);
    assert.deepEqual(esm.validateUpdateJson(view), esm.validateUpdateJson(text));
    assert.deepEqual(esm.validateUpdateJson(view), { ok: true, issues: [], warnings: [] });
  });

  test('a view of a detached buffer (transferred away) is empty text, as its length says: invalid_json, and the next call works', () => {
    for (const api of [esm, cjs]) {
      const bytes = utf8('{"fullName":"Jane"}');
      structuredClone(bytes.buffer, { transfer: [bytes.buffer] });
      assert.equal(bytes.byteLength, 0);
      assert.deepEqual(api.validateUpdateJson(bytes), api.validateUpdateJson(''));
      assert.equal(api.validateUpdateJson(bytes).issues[0].code, 'invalid_json');
      assert.deepEqual(api.validateBatchJson(bytes), api.validateBatchJson(''));
      assert.throws(() => api.validateUpdateJson('{}', bytes), (e) => e instanceof Error && !(e instanceof TypeError) && /current record/i.test(e.message));
      assert.deepEqual(api.validateUpdateJson(utf8('{"fullName":"Jane"}')), { ok: true, issues: [], warnings: [] });
    }
  });

  test('a batch as a Buffer equals the batch as a string', () => {
    const items = cases.cases
      .filter((c) => c.body !== undefined)
      .map((c) => ({ update: c.body, current: currentOf(cases, c) }))
      .filter((item) => JSON.stringify(item).isWellFormed());
    const text = JSON.stringify(items);
    const byText = esm.validateBatchJson(text);
    assert.ok(byText.invalid > 10);
    assert.deepEqual(esm.validateBatchJson(Buffer.from(text)), byText);
  });
});

describe('bytes that are not UTF-8', () => {
  const bad = [
    // [bytes, line, column of the first byte that is not UTF-8]
    [[...utf8('{"fullName":"'), 0xff, ...utf8('"}')], 1, 14],
    [[...utf8('{\n "email": "a'), 0xc3, 0x28, ...utf8('"}')], 2, 13],
    [[...utf8('{"fullName":"'), 0xed, 0xa0, 0x80, ...utf8('"}')], 1, 14], // an encoded surrogate
    [[...utf8('{"fullName":"'), 0xe2, 0x82], 1, 14], // cut short
    [[0x80], 1, 1],
  ];

  test('are one invalid_json issue at [] with the position of the first bad byte', () => {
    for (const [bytes, line, column] of bad) {
      const r = esm.validateUpdateJson(new Uint8Array(bytes));
      assert.equal(r.ok, false);
      assert.equal(r.issues.length, 1);
      const [issue] = r.issues;
      assert.deepEqual([issue.path, issue.code], [[], 'invalid_json']);
      assert.equal(issue.params.line, line, JSON.stringify(bytes));
      assert.equal(issue.params.column, column, JSON.stringify(bytes));
      assert.match(issue.message, /not UTF-8/);
      assert.deepEqual(r.warnings, []);
    }
  });

  test('in a batch, the whole text is refused the same way', () => {
    const r = esm.validateBatchJson(new Uint8Array([...utf8('[{"update":{"fullName":"'), 0xfe, ...utf8('"}}]')]));
    assert.deepEqual([r.total, r.valid, r.invalid, r.results], [0, 0, 0, []]);
    assert.deepEqual(r.issues.map((i) => [i.path, i.code, i.params.column]), [[[], 'invalid_json', 25]]);
  });

  test('in the current record, it is the thrown error of a malformed record', () => {
    assert.throws(
      () => esm.validateUpdateJson('{}', new Uint8Array([...utf8('{"kyc_status":"'), 0xff, ...utf8('"}')])),
      /current record is not valid JSON: bytes that are not UTF-8 at line 1, column 16/,
    );
  });

  test('other views and values are a TypeError, before anything is read', () => {
    for (const value of [new Uint16Array(2), new DataView(new ArrayBuffer(2)), new ArrayBuffer(2), [123], 5, {}]) {
      assert.throws(() => esm.validateUpdateJson(value), TypeError);
      assert.throws(() => esm.validateBatchJson(value), TypeError);
    }
    assert.throws(() => esm.validateUpdateJson('{}', new Uint16Array(1)), TypeError);
    // The module still answers.
    assert.deepEqual(esm.validateUpdateJson(utf8('{}')), { ok: true, issues: [], warnings: [] });
  });
});
