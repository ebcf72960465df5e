// Languages, through the installed package by name: every pack the issue
// names is a subpath export and covers every message of the English table
// with the same placeholders and the plural forms its language needs; only
// `message` changes with the language; messages never carry the checked
// value; configure, the per-call option, formatIssue and overrides work in
// ESM and CommonJS; and a snapshot of every message in every language is kept
// for review (tests/fixtures/locale-snapshot.md; LOCALES=overwrite rewrites it).

import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { cjs, esm, loadFixture } from './helpers.mjs';
import { FIXTURES, SCRATCH } from './paths.mjs';

const TAGS = ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'ja', 'zh-Hans', 'ko', 'ar'];
const requireHere = createRequire(join(SCRATCH, 'cjs.cjs'));
const packs = {};
for (const tag of TAGS) {
  // Resolved by name, as an app imports it.
  const url = pathToFileURL(requireHere.resolve(`ic-customer-contract/locales/${tag}`)).href.replace(/\.cjs$/, '.js');
  packs[tag] = (await import(url)).default;
}
const samples = JSON.parse(readFileSync(join(FIXTURES, 'message-samples.json'), 'utf8'));
const { render } = await import(pathToFileURL(join(SCRATCH, 'node_modules', 'ic-customer-contract', 'dist', 'render.js')).href);
const ENGLISH = packs.en.templates;

const placeholders = (t) => [...t.matchAll(/\{(\w+)(?=[,}])/g)].map((m) => m[1]).filter((v, i, a) => a.indexOf(v) === i).sort();
const pluralCategories = (t) => [...t.matchAll(/plural,((?:\s*\w+\s*\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\})+)/g)].map((m) => [...m[1].matchAll(/(\w+)\s*\{/g)].map((x) => x[1]));

describe('every language pack', () => {
  for (const tag of TAGS) {
    test(`${tag}: every id, the same placeholders, its plural forms`, () => {
      const pack = packs[tag];
      assert.equal(pack.tag, tag);
      assert.deepEqual(Object.keys(pack.templates).sort(), Object.keys(ENGLISH).sort());
      const categories = new Intl.PluralRules(tag).resolvedOptions().pluralCategories;
      for (const [id, english] of Object.entries(ENGLISH)) {
        const t = pack.templates[id];
        assert.equal(typeof t, 'string', `${tag} ${id}`);
        assert.ok(t.trim().length > 0, `${tag} ${id} is empty`);
        assert.deepEqual(placeholders(t), placeholders(english), `${tag} ${id}: ${t}`);
        for (const forms of pluralCategories(t)) {
          // A plural wrapper gives `other` and every category the language uses.
          assert.ok(forms.includes('other'), `${tag} ${id}: no "other" form`);
          for (const c of categories) assert.ok(forms.includes(c), `${tag} ${id}: no "${c}" form (${t})`);
        }
        if (tag !== 'en') assert.ok(!/undefined|\{\s*\}/.test(t), `${tag} ${id}: ${t}`);
      }
    });
  }

  test('every sample renders in every language without a placeholder left', () => {
    for (const tag of TAGS) {
      for (const { msg } of samples) {
        const pl = new Intl.PluralRules(tag);
        const text = render(packs[tag].templates, msg.id, msg.args, (n) => pl.select(n));
        assert.ok(text.length > 0, `${tag} ${msg.id}`);
        assert.ok(!/\{[a-z]+(,|\})/.test(text), `${tag} ${msg.id}: ${text}`);
      }
    }
  });
});

describe('one language, only the message changes', () => {
  const bodies = [
    { fullName: '', email: 'not-an-email', phone: '1'.repeat(40), risk: { isNewCustomer: 'yes', extra: 1 }, full_name: 'x', kycStatus: 'VERIFIED' },
    { email: 'someone@example.com' },
    ...loadFixture('update-cases.json').cases.filter((c) => c.body !== undefined).map((c) => c.body).slice(0, 60),
  ];
  const current = { kyc_status: 'VERIFIED', full_name: 'Jane Doe', email: 'jane@example.com' };
  const strip = (r) => JSON.stringify([r.ok, r.issues.map(({ path, code, params }) => [path, code, params]), r.warnings.map(({ path, code, params }) => [path, code, params])]);

  for (const tag of TAGS) {
    test(`${tag}: codes, paths and params as in English, messages from its pack`, () => {
      const locale = packs[tag];
      for (const body of bodies) {
        for (const c of [undefined, current]) {
          const a = esm.validateUpdate(body, c);
          const b = esm.validateUpdate(body, c, { locale });
          assert.equal(strip(b), strip(a));
          if (tag !== 'en' && a.issues.length > 0) assert.notDeepEqual(b.issues.map((i) => i.message), a.issues.map((i) => i.message), tag);
          // formatIssue turns the English issue into the same words, and back.
          for (let i = 0; i < a.issues.length; i++) {
            assert.deepEqual(esm.formatIssue(a.issues[i], locale), b.issues[i]);
            assert.deepEqual(esm.formatIssue(b.issues[i], packs.en), a.issues[i]);
          }
        }
      }
    });
  }

  test('no message in any language carries the checked value', () => {
    const secret = 'Zq7Secret';
    const values = [
      { fullName: secret.repeat(30) },
      { email: `${secret}@@example` },
      { phone: secret.repeat(5) },
      { risk: { isNewCustomer: secret } },
      { fullName: null, email: 5, risk: secret },
    ];
    for (const tag of TAGS) {
      for (const v of values) {
        const r = esm.validateUpdate(v, { kyc_status: 'VERIFIED', full_name: secret }, { locale: packs[tag] });
        for (const issue of [...r.issues, ...r.warnings]) assert.ok(!issue.message.includes(secret), `${tag}: ${issue.message}`);
      }
      const c = esm.validateCustomer({ id: secret, full_name: secret }, { locale: packs[tag] });
      for (const issue of c.issues) assert.ok(!issue.message.includes(secret), `${tag}: ${issue.message}`);
    }
  });
});

describe('configure, the per-call option, overrides, every entry point', () => {
  const de = packs.de;
  for (const [label, api] of [['ESM', esm], ['CommonJS', cjs]]) {
    test(`${label}: configure sets every later call; a call's own locale wins`, () => {
      try {
        api.configure({ locale: de });
        const r = api.validateUpdate({ fullName: '' });
        assert.equal(r.issues[0].message, api.validateUpdate({ fullName: '' }, undefined, { locale: de }).issues[0].message);
        assert.equal(api.validateUpdate({ fullName: '' }, undefined, { locale: packs.en }).issues[0].message, 'Full name must not be empty.');
        const json = api.validateUpdateJson('{"fullName":""}');
        assert.equal(json.issues[0].message, r.issues[0].message);
        const built = api.buildPatchRequest({ id: 'x', update: { fullName: '' } });
        assert.equal(built.issues[0].message, r.issues[0].message);
        const schema = api.updateStandardSchema();
        assert.equal(schema['~standard'].validate({ fullName: '' }).issues[0].message, r.issues[0].message);
        const batch = api.validateBatchJson('[{"update":{"fullName":""}}]');
        assert.equal(batch.results[0].issues[0].message, r.issues[0].message);
        const rules = api.fieldRules({ kyc_status: 'VERIFIED' });
        assert.notEqual(rules.fullName.reason, api.fieldRules({ kyc_status: 'VERIFIED' }, { locale: packs.en }).fullName.reason);
        // A thrown programming error is in the language too.
        let english;
        assert.throws(() => api.validateUpdate({}, { full_name: 'x' }, { locale: packs.en }), (e) => (english = e.message) !== '');
        assert.throws(() => api.validateUpdate({}, { full_name: 'x' }), (e) => e.message !== english && e.message.includes('kyc_status'));
      } finally {
        api.configure({ locale: packs.en });
      }
      assert.equal(api.validateUpdate({ fullName: '' }).issues[0].message, 'Full name must not be empty.');
    });

    test(`${label}: an app overrides one code's message; the rest stays in the pack`, () => {
      const mine = { ...de, messages: { too_long: (issue) => `max ${issue.params.max}` } };
      const r = api.validateUpdate({ fullName: 'a'.repeat(300), email: 'x' }, undefined, { locale: mine });
      assert.deepEqual(r.issues.map((i) => i.message), ['max 255', api.validateUpdate({ email: 'x' }, undefined, { locale: de }).issues[0].message]);
      assert.equal(api.buildPatchRequest({ id: 'x', update: { fullName: 'a'.repeat(300) }, locale: mine }).issues[0].message, 'max 255');
    });
  }

  test('CommonJS require of a pack gives the same templates', () => {
    for (const tag of TAGS) assert.deepEqual(requireHere(`ic-customer-contract/locales/${tag}`).default.templates, packs[tag].templates);
  });

  test('what require() gives for a pack (its module, { __esModule, default }) is taken as the pack itself', () => {
    const deModule = requireHere('ic-customer-contract/locales/de');
    for (const api of [esm, cjs]) {
      const want = api.validateUpdate({ fullName: '' }, undefined, { locale: de });
      assert.notEqual(want.issues[0].message, 'Full name must not be empty.');
      assert.deepEqual(api.validateUpdate({ fullName: '' }, undefined, { locale: deModule }), want);
      assert.equal(api.formatIssue(api.validateUpdate({ fullName: '' }).issues[0], deModule).message, want.issues[0].message);
      try {
        api.configure({ locale: deModule });
        assert.deepEqual(api.validateUpdate({ fullName: '' }), want);
      } finally {
        api.configure({ locale: packs.en });
      }
    }
    // A module whose default is not a pack is still refused.
    assert.throws(() => esm.validateUpdate({}, undefined, { locale: { __esModule: true, default: {} } }), TypeError);
  });

  test('a locale of null is none: a call falls back to the configured language, configure goes back to English', () => {
    for (const api of [esm, cjs]) {
      const english = api.validateUpdate({ fullName: '' });
      assert.equal(english.issues[0].message, 'Full name must not be empty.');
      assert.deepEqual(api.validateUpdate({ fullName: '' }, undefined, { locale: null }), english);
      assert.equal(api.buildPatchRequest({ id: 'x', update: { fullName: '' }, locale: null }).issues[0].message, english.issues[0].message);
      try {
        api.configure({ locale: de });
        const german = api.validateUpdate({ fullName: '' });
        assert.notDeepEqual(german, english);
        assert.deepEqual(api.validateUpdate({ fullName: '' }, undefined, { locale: null }), german);
        api.configure({ locale: null });
        assert.deepEqual(api.validateUpdate({ fullName: '' }), english);
      } finally {
        api.configure({ locale: packs.en });
      }
    }
  });

  test('a malformed locale is a TypeError, and an issue that lost its data keeps its message', () => {
    assert.throws(() => esm.validateUpdate({}, undefined, { locale: {} }), TypeError);
    assert.throws(() => esm.configure({ locale: 'de' }), TypeError);
    const plain = JSON.parse(JSON.stringify(esm.validateUpdate({ fullName: '' }).issues[0]));
    assert.equal(esm.formatIssue(plain, de).message, plain.message);
    for (const notAnIssue of [null, undefined, 'too_short', 5]) {
      assert.throws(() => esm.formatIssue(notAnIssue, de), (e) => e instanceof TypeError && /^formatIssue\(issue, locale\): an issue is an object/.test(e.message));
    }
  });

  test('an issue carries its message data under no key at all', () => {
    const issue = esm.validateUpdate({ fullName: '' }).issues[0];
    assert.deepEqual(Reflect.ownKeys(issue), ['path', 'code', 'message', 'params']);
    assert.equal(Object.getPrototypeOf(issue), Object.prototype);
    assert.deepStrictEqual({ ...issue }, issue);
    assert.notEqual(esm.formatIssue(issue, de).message, issue.message);
    // A copy by spread has no data: it keeps its English.
    assert.equal(esm.formatIssue({ ...issue }, de).message, issue.message);
  });
});

test('a snapshot of every message in every language (tests/fixtures/locale-snapshot.md)', () => {
  let md = '# Every message in every language\n\nGenerated by `tests/js/test/locales.test.mjs` from `tests/fixtures/message-samples.json` (LOCALES=overwrite rewrites it). For review: a changed line is a changed sentence.\n';
  const seen = new Set();
  for (const { msg } of samples) {
    const key = JSON.stringify(msg);
    if (seen.has(key)) continue;
    seen.add(key);
    md += `\n## ${msg.id} ${JSON.stringify(msg.args)}\n\n`;
    for (const tag of TAGS) {
      const pl = new Intl.PluralRules(tag);
      md += `- ${tag}: ${render(packs[tag].templates, msg.id, msg.args, (n) => pl.select(n))}\n`;
    }
  }
  const file = join(FIXTURES, 'locale-snapshot.md');
  if (process.env.LOCALES === 'overwrite') writeFileSync(file, md);
  assert.ok(existsSync(file), 'tests/fixtures/locale-snapshot.md is missing: run with LOCALES=overwrite');
  assert.equal(readFileSync(file, 'utf8'), md, 'the snapshot is stale: review the change, then run with LOCALES=overwrite');
});
