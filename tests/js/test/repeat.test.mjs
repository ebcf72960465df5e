// Calls repeated (issue 11): a form sends the same record thousands of times
// and gets the same issues back. The package keeps the last record's words
// (tape.js) and the issues it has read (records.js) and copies them; every
// answer must stay the one a call that keeps nothing gives. The reference
// here: a locale with an (empty) object of the app's own messages, whose
// issues are always read word by word, and a fresh copy of the record, which
// was never written before.

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { cjs, esm } from './helpers.mjs';
import { SEED, body } from './gen.mjs';
import { SCRATCH } from './paths.mjs';

// German, resolved by name from the installed package, as an app imports it.
const de = (await import(pathToFileURL(createRequire(join(SCRATCH, 'cjs.cjs')).resolve('ic-customer-contract/locales/de')).href.replace(/\.cjs$/, '.js'))).default;

const THREE = { fullName: '', email: 'nope', phone: 5 };
/** English, read word by word every time (a locale with messages of its own is never copied). */
const FRESH = { tag: 'en', templates: {}, messages: {} };

/** A new object with `record`'s prototype and own properties (getters, non-enumerable ones) as they are. */
const copyOf = (record) => Object.create(Object.getPrototypeOf(record), Object.getOwnPropertyDescriptors(record));

/** The answer of `call`, or the message of what it threw. */
function answer(call) {
  try {
    return call();
  } catch (e) {
    return { threw: String(e && e.message) };
  }
}

for (const [name, api] of [['ESM', esm], ['CommonJS', cjs]]) {
  describe(`${name}: the same record and the same issues again`, () => {
    test('generated bodies, twice each against one record object, answer as a call that keeps nothing', () => {
      const records = [
        { kyc_status: 'VERIFIED', full_name: 'Jane Doe', email: 'jane@example.com' },
        { kyc_status: 'PENDING', full_name: 'Zoë Ngata-Brown', email: 'zoe@example.com' },
        { kyc_status: 'VERIFIED', full_name: 'J\uD800', email: 'é@example.com' },
        { kyc_status: 'SOMETHING_NEW', full_name: 'Ravi Kumar' },
      ];
      let n = 0;
      let withIssues = 0;
      fc.assert(
        fc.property(body, fc.nat(records.length - 1), (b, r) => {
          const record = records[r];
          const reference = answer(() => api.validateUpdate(b, copyOf(record), { locale: FRESH }));
          for (let i = 0; i < 2; i++) assert.deepEqual(answer(() => api.validateUpdate(b, record)), reference);
          assert.deepEqual(answer(() => api.validateUpdate(b)), answer(() => api.validateUpdate(b, undefined, { locale: FRESH })));
          n++;
          if (reference.issues && reference.issues.length > 0) withIssues++;
        }),
        { seed: SEED, numRuns: 1500 },
      );
      // The generator must give issues often, or the copies were never used.
      assert.ok(withIssues > n / 3, `${withIssues} of ${n} bodies had issues`);
    });

    test('an issue handed out again is a copy: changing one answer changes no later one', () => {
      const reference = api.validateUpdate(THREE, undefined, { locale: FRESH });
      const first = api.validateUpdate(THREE);
      first.issues[0].path.push('changed');
      first.issues[0].params.min = 99;
      first.issues[0].message = 'changed';
      first.issues[2].params.received = 'changed';
      delete first.issues[1].code;
      const again = api.validateUpdate(THREE);
      assert.deepEqual(again, reference);
      assert.notEqual(again.issues[0], first.issues[0]);
      assert.notEqual(again.issues[0].path, first.issues[0].path);

      // A list among the params (the statuses a warning lists) is a copy too.
      const odd = { kyc_status: 'SOMETHING_NEW' };
      const before = api.validateUpdate({}, odd);
      assert.equal(before.warnings[0].code, 'unknown_kyc_status');
      before.warnings[0].params.allowed.push('changed');
      before.warnings[0].params.allowed[0] = 'changed';
      assert.deepEqual(api.validateUpdate({}, odd), api.validateUpdate({}, copyOf(odd), { locale: FRESH }));
    });

    test('a copied issue keeps its message data: formatIssue and languages', () => {
      const english = api.validateUpdate(THREE);
      const german = api.validateUpdate(THREE, undefined, { locale: de });
      assert.notEqual(german.issues[0].message, english.issues[0].message);
      for (let i = 0; i < 3; i++) {
        const again = api.validateUpdate(THREE);
        assert.deepEqual(again, english);
        assert.deepEqual(api.validateUpdate(THREE, undefined, { locale: de }), german);
        assert.deepEqual(
          again.issues.map((issue) => api.formatIssue(issue, de)),
          german.issues,
        );
      }
    });

    test('one record object changed between calls answers as a fresh copy of it each time', () => {
      const record = { kyc_status: 'VERIFIED', full_name: 'Jane Doe', email: 'jane@example.com' };
      const changes = [
        () => {},
        () => (record.kyc_status = 'PENDING'),
        () => (record.kyc_status = 'VERIFIED'),
        () => (record.full_name = 'Jane Q. Doe'),
        () => (record.email = 'jane\uD800@example.com'),
        () => (record.email = 'ж@example.com'),
        () => delete record.email,
        () => (record.email = 'jane@example.com'),
        () => (record.full_name = 'x'.repeat(300)),
        () => (record.full_name = 'Jane Doe'),
        () => Object.defineProperty(record, 'email', { value: 'jane@example.com', enumerable: false, configurable: true, writable: true }),
        () => Object.defineProperty(record, 'email', { value: 'jane@example.com', enumerable: true, configurable: true, writable: true }),
        () => (record.kyc_status = 7),
        () => (record.kyc_status = 'VERIFIED'),
        () => Object.defineProperty(record, 'full_name', { get: () => { throw new Error('no'); }, enumerable: true, configurable: true }),
        () => Object.defineProperty(record, 'full_name', { value: 'Jane Doe', enumerable: true, configurable: true, writable: true }),
        () => (record.toJSON = () => ({})),
        () => delete record.toJSON,
        () => Object.setPrototypeOf(record, class Customer {}.prototype),
        () => Object.setPrototypeOf(record, Object.prototype),
        () => (record.full_name = 'Jane Doe'),
      ];
      const bodies = [
        { fullName: 'Jane Doe' },
        { email: 'jane@example.com', phone: '+61 2 9999 0000' },
        { fullName: 'Someone Else', email: 'other@example.com' },
        { fullName: 'é'.repeat(40), phone: 'x'.repeat(40) },
        { phone: null },
      ];
      let compared = 0;
      for (const change of changes) {
        change();
        // Bodies of different lengths before the record: its bytes land at another offset each time.
        for (const b of bodies) {
          const reference = answer(() => api.validateUpdate(b, copyOf(record), { locale: FRESH }));
          for (let i = 0; i < 3; i++) assert.deepEqual(answer(() => api.validateUpdate(b, record)), reference);
          compared++;
        }
      }
      assert.equal(compared, changes.length * bodies.length);
    });

    test('the same record object in the other calls that take one', () => {
      const record = { id: '550e8400-e29b-41d4-a716-446655440000', kyc_status: 'VERIFIED', full_name: 'Jane Doe', email: 'jane@example.com' };
      const fresh = () => copyOf(record);
      for (let i = 0; i < 3; i++) {
        for (const update of [{ phone: '+61 2 9999 0000' }, { fullName: 'Jane Doe' }, { email: 'x@example.com' }]) {
          const built = answer(() => api.buildPatchRequest({ id: record.id, update, current: record, idempotencyKey: 'k' }));
          const reference = answer(() => api.buildPatchRequest({ id: record.id, update, current: fresh(), idempotencyKey: 'k' }));
          assert.deepEqual(built, reference);
          assert.deepEqual(answer(() => api.diffUpdate(record, { ...update, phone: 'p' })), answer(() => api.diffUpdate(fresh(), { ...update, phone: 'p' })));
        }
        record.kyc_status = i === 0 ? 'PENDING' : 'VERIFIED';
      }
    });
  });
}
