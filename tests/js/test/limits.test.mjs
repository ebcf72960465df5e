// The exact cases of issue 10 (README "Limits" and "Decisions"): no silent cut of
// large values, the 100-issue cap with its omitted count, raw lone surrogates
// in JSON text, lone surrogates in the current record, and the refusal of a
// value past the 10,000,000-entry budget. Each check is a result, never a
// duration.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { esm as api } from './helpers.mjs';
import { compareCodePoints, rawSurrogates } from './gen.mjs';

const brief = (r) => r.issues.map((i) => [i.path, i.code]);
const KEY = 'limits-key-1';

describe('no silent cut (undefined members are absent, whatever their number)', () => {
  const manyUndefined = (extra) => Object.assign(Object.fromEntries(Array.from({ length: 1e5 }, (_, i) => ['k' + i, undefined])), extra);

  test('100,000 undefined members and fullName "" give too_short, as the text path does', () => {
    const v = manyUndefined({ fullName: '' });
    const r = api.validateUpdate(v);
    assert.deepEqual(brief(r), [[['fullName'], 'too_short']]);
    assert.equal(JSON.stringify(v), '{"fullName":""}');
    assert.deepEqual(r, api.validateUpdateJson('{"fullName":""}'));
  });

  test('100,000 undefined members and an email: buildPatchRequest sends the email', () => {
    const update = manyUndefined({ email: 'jane@example.com' });
    const b = api.buildPatchRequest({ id: 'x', update, idempotencyKey: KEY });
    assert.equal(b.ok, true, JSON.stringify(b.issues));
    assert.deepEqual(JSON.parse(b.request.body), { email: 'jane@example.com' });
    // A key at the very end of a large undefined prefix is read too.
    const tail = manyUndefined({ fullName: 'Jane', phone: '1'.repeat(33) });
    assert.deepEqual(brief(api.validateUpdate(tail)), [[['phone'], 'too_long']]);
  });

  test('a large current record does not use up the update\'s budget', () => {
    const b = api.buildPatchRequest({ id: 'x', current: { kyc_status: 'PENDING', big: new Array(99995).fill(0) }, update: { fullName: '', email: 'bad' } });
    assert.equal(b.ok, false);
    assert.deepEqual(b.issues.map((i) => i.code), ['too_short', 'invalid_email']);
    assert.deepEqual(b.issues.map((i) => i.path.at(-1)), ['fullName', 'email']);
    // The same through validateUpdate (the record's unread keys are never the update's problem).
    const r = api.validateUpdate({ fullName: '', email: 'bad' }, { kyc_status: 'PENDING', big: new Array(99995).fill(0) });
    assert.deepEqual(brief(r), [[['fullName'], 'too_short'], [['email'], 'invalid_email']]);
  });

  test('a large unknown member does not hide the fields after it', () => {
    const v = { x: new Array(200_000).fill(0), fullName: '', email: 'bad' };
    const r = api.validateUpdate(v);
    assert.deepEqual(brief(r), [[['fullName'], 'too_short'], [['email'], 'invalid_email'], [['x'], 'unknown_field']]);
    assert.deepEqual(r, api.validateUpdateJson(JSON.stringify(v)));
  });
});

describe('past 10,000,000 members and items the whole value is refused', () => {
  const TOO_LARGE = { path: [], code: 'invalid_type', params: { expected: 'object', received: 'too large' } };
  const refused = (r) => {
    assert.equal(r.ok, false);
    assert.equal(r.issues.length, 1, JSON.stringify(r.issues.slice(0, 3)));
    const { message, ...issue } = r.issues[0];
    assert.deepEqual(issue, TOO_LARGE);
    assert.match(message, /too large/i);
  };
  // Only what the rules read is read: a value under an unknown key, or the
  // items of an array where a string is expected, are never walked, so they
  // cost nothing and are not refused (the text path reports them the same way).
  test('an array of 10,000,000 items under one key is not read: unknown_field, as the text path says', () => {
    const r = api.validateUpdate({ x: new Array(10_000_000).fill(0) });
    assert.deepEqual(brief(r), [[['x'], 'unknown_field']]);
    assert.deepEqual(brief(api.validateUpdate({ fullName: new Array(2 ** 32 - 1) })), [[['fullName'], 'invalid_type']]);
  });

  // What is read, past the budget, is refused whole: an object whose key count passes it
  // (a Proxy reports 10,000,001 keys without building them: refused before one is read).
  test('an object of 10,000,001 keys is refused before one is read', () => {
    const keys = new Array(10_000_001);
    for (let i = 0; i < keys.length; i++) keys[i] = 'k' + i;
    const proxy = new Proxy({}, { ownKeys: () => keys, getOwnPropertyDescriptor: () => ({ value: 1, enumerable: true, configurable: true }) });
    refused(api.validateUpdate(proxy));
    // diffUpdate reads `desired` whole (phone and risk go into the update as given): a long array there is refused too.
    const d = api.diffUpdate({ kyc_status: 'PENDING' }, { risk: new Array(10_000_001) });
    assert.deepEqual(d.skipped.map((i) => [i.path, i.params?.received]), [[[], 'too large']]);
  });

  test('update and current are counted apart (5,000,001 items each: 10,000,002 together)', () => {
    const half = new Array(5_000_001).fill(0);
    const b = api.buildPatchRequest({ id: 'x', idempotencyKey: KEY, update: { x: half }, current: { kyc_status: 'PENDING', big: half } });
    assert.equal(b.ok, false);
    assert.deepEqual(b.issues.map((i) => [i.path.at(-1), i.code, i.params?.received]), [['x', 'unknown_field', undefined]]);
  });

  test('the next call works', () => {
    assert.deepEqual(api.validateUpdate({ fullName: 'Jane' }), { ok: true, issues: [], warnings: [] });
    assert.deepEqual(brief(api.validateUpdate({ fullName: '' })), [[['fullName'], 'too_short']]);
  });
});

describe('1,000,000 unknown keys give 100 issues and the omitted count', () => {
  const N = 1_000_000;
  const keys = Array.from({ length: N }, (_, i) => 'k' + i);
  const object = {};
  for (const k of keys) object[k] = 1;
  // ASCII keys: UTF-16 order is code point order, and the default sort is fast on 1,000,000 strings.
  const first100 = [...keys].sort().slice(0, 100);
  assert.deepEqual(first100.slice(0, 4).sort(compareCodePoints), first100.slice(0, 4));

  const capped = (r) => {
    assert.equal(r.ok, false);
    assert.equal(r.issues.length, 101);
    assert.deepEqual(r.issues.slice(0, 100).map((i) => [i.path, i.code]), first100.map((k) => [[k], 'unknown_field']));
    const { message, ...last } = r.issues[100];
    assert.deepEqual(last, { path: [], code: 'unknown_field', params: { omitted: 999_900 } });
    assert.ok(message.includes('999900') || message.includes('999,900'), message);
    assert.deepEqual(r.warnings, []);
  };

  let byValue;
  test('validateUpdate (a plain object)', () => {
    byValue = api.validateUpdate(object);
    capped(byValue);
  });

  test('validateUpdateJson (its ~10 MB text): the same answer', () => {
    const text = JSON.stringify(object);
    assert.ok(text.length > 9_000_000);
    const byText = api.validateUpdateJson(text);
    capped(byText);
    assert.deepEqual(byText, byValue);
  });

  test('a Proxy reporting 1,000,000 keys: the same answer', () => {
    const proxy = new Proxy(
      {},
      {
        ownKeys: () => keys,
        getOwnPropertyDescriptor: () => ({ value: 1, enumerable: true, configurable: true, writable: true }),
        get: (t, k) => (typeof k === 'string' ? 1 : undefined),
      },
    );
    const r = api.validateUpdate(proxy);
    capped(r);
    assert.deepEqual(r, byValue);
  });
  // The fields before the keys, and uncapped warnings, with a record: adversarial.test.mjs (150 to 5,000 keys).
});

describe('raw lone surrogates in JSON text read like their escapes', () => {
  const same = (rawText, escapedText, rawCurrent, escapedCurrent) => {
    assert.notEqual(rawText, escapedText);
    const raw = api.validateUpdateJson(rawText, rawCurrent);
    assert.deepEqual(raw, api.validateUpdateJson(escapedText, escapedCurrent));
    return raw;
  };

  test('validateUpdateJson: {"fullName":"<raw U+D800>"} is invalid_string at fullName', () => {
    const r = same('{"fullName":"\uD800"}', '{"fullName":"\\ud800"}');
    assert.deepEqual(brief(r), [[['fullName'], 'invalid_string']]);
    // And the same as the value path on that string.
    assert.deepEqual(r, api.validateUpdate({ fullName: '\uD800' }));
  });

  test('each raw surrogate counts once for the lengths', () => {
    const r = same(`{"fullName":"${'\uDC00'.repeat(256)}"}`, `{"fullName":"${'\\udc00'.repeat(256)}"}`);
    assert.deepEqual(brief(r), [[['fullName'], 'invalid_string'], [['fullName'], 'too_long']]);
    assert.equal(r.issues[1].params.actual, 256);
    const fits = same(`{"phone":"${'\uD800'.repeat(32)}"}`, `{"phone":"${'\\ud800'.repeat(32)}"}`);
    assert.deepEqual(brief(fits), [[['phone'], 'invalid_string']]);
  });

  test('raw surrogates in keys, risk answers and several fields', () => {
    const value = { 'x\uD800': 1, email: 'a\uDFFF@b', risk: { isNewCustomer: '\uDBFF' }, phone: 'a\uDE00\uD83Db' };
    const escaped = JSON.stringify(value);
    const r = same(rawSurrogates(escaped), escaped);
    assert.deepEqual(r, api.validateUpdate(value));
    const codes = brief(r).map(([path, code]) => `${path.join('.')}:${code}`);
    for (const want of ['email:invalid_string', 'phone:invalid_string', 'risk.isNewCustomer:invalid_type', 'x\uFFFD:unknown_field']) {
      assert.ok(codes.includes(want), `${want} in ${codes}`);
    }
  });

  test('in currentText: a raw ill-formed full_name is the same record as its escape', () => {
    const unchanged = same('{"fullName":"Jane\uD800"}', '{"fullName":"Jane\\ud800"}', '{"kyc_status":"VERIFIED","full_name":"Jane\uD800"}', '{"kyc_status":"VERIFIED","full_name":"Jane\\ud800"}');
    assert.deepEqual(brief(unchanged), [[['fullName'], 'invalid_string']]);
    assert.deepEqual(unchanged.warnings.map((w) => [w.path, w.code]), [[['fullName'], 'unchanged_frozen_field']]);
    const changed = api.validateUpdateJson('{"fullName":"Jane\uFFFD"}', '{"kyc_status":"VERIFIED","full_name":"Jane\uD800"}');
    assert.deepEqual(brief(changed), [[['fullName'], 'frozen_field']]);
  });

  test('validateBatchJson: raw items read like escaped ones', () => {
    const escaped = JSON.stringify([
      { update: { fullName: 'Jane\uD800' } },
      { update: { fullName: 'Jane\uFFFD' }, current: { kyc_status: 'VERIFIED', full_name: 'Jane\uD800' } },
      { update: { email: 'jane@example.com', 'k\uDC00': 1 }, current: { kyc_status: 'VERIFIED', full_name: 'x', email: 'jane@example.com' } },
      { update: { phone: '\uD83D' } },
    ]);
    const raw = rawSurrogates(escaped);
    assert.notEqual(raw, escaped);
    const r = api.validateBatchJson(raw);
    assert.deepEqual(r, api.validateBatchJson(escaped));
    assert.deepEqual(r.results.map((x) => [x.index, x.issues.map((i) => i.code)]), [
      [0, ['invalid_string']],
      [1, ['frozen_field']],
      [2, ['unknown_field']],
      [3, ['invalid_string']],
    ]);
    assert.deepEqual(r.results[2].issues[0].path, ['k\uFFFD']);
    assert.deepEqual([r.total, r.valid, r.invalid], [4, 0, 4]);
  });

  test('a raw lone surrogate outside a string literal is invalid_json where U+FFFD would be', () => {
    const texts = ['{"a":1,\uD800}', '\uDC00', '{\n  "fullName": "x",\n  \uD800\n}', '[\uDBFF]', '{"fullName":"x"}\uD800'];
    for (const t of texts) {
      assert.throws(() => JSON.parse(t), SyntaxError);
      const r = api.validateUpdateJson(t);
      assert.deepEqual(brief(r), [[[], 'invalid_json']], JSON.stringify(t));
      const replaced = api.validateUpdateJson(t.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));
      assert.deepEqual(r, replaced, JSON.stringify(t));
      assert.ok(Number.isInteger(r.issues[0].params?.line), JSON.stringify(r.issues[0]));
    }
    const batch = api.validateBatchJson('[{"update":{}},\uD800]');
    assert.deepEqual(batch, api.validateBatchJson('[{"update":{}},\uFFFD]'));
  });
});

describe('lone surrogates in the record keep their identity', () => {
  const verified = (fullName, mail) => ({ kyc_status: 'VERIFIED', full_name: fullName, email: mail });

  test('record "Jane\\ud800" against body "Jane\\ufffd" is a change: frozen_field', () => {
    const r = api.validateUpdate({ fullName: 'Jane\uFFFD' }, verified('Jane\uD800', 'a@b'));
    assert.deepEqual(brief(r), [[['fullName'], 'frozen_field']]);
    assert.deepEqual(r.warnings, []);
    assert.deepEqual(r, api.validateUpdateJson('{"fullName":"Jane\uFFFD"}', JSON.stringify(verified('Jane\uD800', 'a@b'))));
    const mail = api.validateUpdate({ email: 'a\uFFFD@b' }, verified('x', 'a\uDC00@b'));
    assert.deepEqual(brief(mail), [[['email'], 'frozen_field'], [['email'], 'invalid_email']]);
  });

  test('identical ill-formed values are unchanged (warning), and the body still gets invalid_string', () => {
    const r = api.validateUpdate({ fullName: 'Jane\uD800', email: 'a\uDC00@b' }, verified('Jane\uD800', 'a\uDC00@b'));
    assert.deepEqual(brief(r), [[['fullName'], 'invalid_string'], [['email'], 'invalid_string'], [['email'], 'invalid_email']]);
    assert.deepEqual(r.warnings.map((w) => [w.path, w.code]), [[['fullName'], 'unchanged_frozen_field'], [['email'], 'unchanged_frozen_field']]);
    assert.deepEqual(r, api.validateUpdateJson(JSON.stringify({ fullName: 'Jane\uD800', email: 'a\uDC00@b' }), JSON.stringify(verified('Jane\uD800', 'a\uDC00@b'))));
    // Different ill-formed values are a change.
    assert.deepEqual(brief(api.validateUpdate({ fullName: 'Jane\uDBFF' }, verified('Jane\uD800', null)))[0], [['fullName'], 'frozen_field']);
  });

  test('diffUpdate: PENDING gives the update, VERIFIED skips it', () => {
    assert.deepEqual(api.diffUpdate({ kyc_status: 'PENDING', full_name: 'Jane\uD800' }, { fullName: 'Jane\uFFFD' }).update, { fullName: 'Jane\uFFFD' });
    const frozen = api.diffUpdate({ kyc_status: 'VERIFIED', full_name: 'Jane\uD800' }, { fullName: 'Jane\uFFFD' });
    assert.deepEqual(frozen.update, {});
    assert.deepEqual(frozen.skipped.map((i) => [i.path, i.code]), [[['fullName'], 'frozen_field']]);
  });

  test('buildPatchRequest against such a record', () => {
    const b = api.buildPatchRequest({ id: 'x', idempotencyKey: KEY, update: { fullName: 'Jane\uFFFD' }, current: { kyc_status: 'PENDING', full_name: 'Jane\uD800' } });
    assert.equal(b.ok, true);
    assert.equal(b.request.body, '{"fullName":"Jane\uFFFD"}');
    const frozen = api.buildPatchRequest({ id: 'x', idempotencyKey: KEY, update: { fullName: 'Jane\uFFFD' }, current: verified('Jane\uD800', null) });
    assert.equal(frozen.ok, false);
    assert.deepEqual(frozen.issues.map((i) => i.code), ['frozen_field']);
  });
});

test('a batch lists at most 1,000,000 issues and warnings; the items past them are counted, and one issue says how many problems were left out', () => {
  // 1,000,050 items that are not objects: one issue each.
  const n = 1_000_050;
  const r = api.validateBatchJson('[' + '0,'.repeat(n - 1) + '0]');
  assert.deepEqual([r.total, r.valid, r.invalid, r.results.length], [n, 0, n, 1_000_000]);
  assert.deepEqual([r.results[0].index, r.results[999_999].index], [0, 999_999]);
  assert.deepEqual(r.issues, [
    {
      path: [],
      code: 'invalid_type',
      message: 'There are 50 more problems; only the first 1000000 are listed.',
      params: { omitted: 50 },
    },
  ]);
  // The module answers on (memory for one such batch is not lost).
  assert.equal(api.validateBatchJson('[{"update":{"fullName":""}}]').results[0].issues[0].code, 'too_short');
});
