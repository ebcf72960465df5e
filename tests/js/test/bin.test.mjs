// The package's command, as `npx ic-customer-contract` in the scratch project:
// output lines and exit codes of the Rust CLI (0 valid, 1 invalid, 2 usage or file error).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SCHEMAS, SCRATCH } from './paths.mjs';
import { loadFixture } from './helpers.mjs';

const dir = mkdtempSync(join(tmpdir(), 'ic-bin-'));
const file = (name, value) => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};

function cli(...args) {
  const r = spawnSync('npx', ['--no', 'ic-customer-contract', ...args], { cwd: SCRATCH, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The same command through the link npm made in node_modules/.bin (what npx runs; faster). */
function linked(...args) {
  const r = spawnSync(join(SCRATCH, 'node_modules', '.bin', 'ic-customer-contract'), args, { cwd: SCRATCH, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const { records } = loadFixture('update-cases.json');
const valid = file('valid.json', { fullName: 'Jane Doe', phone: null });
const invalid = file('invalid.json', { fullName: '', risk: { isNewCustomer: 'yes' }, full_name: 'x' });
const record = file('record.json', records.verified);

test('validate: a valid body prints "valid: FILE" and exits 0', () => {
  const r = cli('validate', valid);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, `valid: ${valid}\n`);
});

test('validate: one line per issue, exit 1', () => {
  const r = cli('validate', invalid);
  assert.equal(r.code, 1, r.err);
  assert.deepEqual(r.out.trimEnd().split('\n'), [
    'error: fullName: too_short: Full name must not be empty.',
    'error: risk.isNewCustomer: invalid_type: The answer to "is this a new customer" must be true or false; received a string.',
    'error: full_name: unknown_field: "full_name" is not a field of the update; did you mean "fullName"?',
  ]);
});

test('validate --current: freeze rules, warnings, and (root) for the body itself', () => {
  const frozen = cli('validate', file('rename.json', { fullName: 'Jane Smith' }), '--current', record);
  assert.equal(frozen.code, 1);
  assert.match(frozen.out, /^error: fullName: frozen_field: /);
  const same = file('same.json', { fullName: 'Jane Doe' });
  const warned = cli('validate', same, '--current', record);
  assert.equal(warned.code, 0);
  assert.deepEqual(warned.out.trimEnd().split('\n').map((l) => l.split(': ').slice(0, 3).join(': ')), [
    'warning: fullName: unchanged_frozen_field',
    `valid: ${same}`,
  ]);
  const root = cli('validate', file('array.json', '[]'));
  assert.equal(root.code, 1);
  assert.match(root.out, /^error: \(root\): invalid_type: /);
  const broken = cli('validate', file('broken.json', '{"fullName": }'));
  assert.equal(broken.code, 1);
  assert.match(broken.out, /^error: \(root\): invalid_json: .*line 1, column 14/);
});

test('validate --json prints the result object', () => {
  const r = cli('validate', invalid, '--json');
  assert.equal(r.code, 1);
  const result = JSON.parse(r.out);
  assert.equal(result.ok, false);
  assert.deepEqual(result.issues.map((i) => i.code), ['too_short', 'invalid_type', 'unknown_field']);
  const ok = cli('validate', valid, '--json');
  assert.equal(ok.code, 0);
  assert.deepEqual(JSON.parse(ok.out), { ok: true, issues: [], warnings: [] });
});

test('usage and file errors exit 2 with a message on stderr', () => {
  for (const args of [[], ['nope'], ['validate'], ['validate', valid, '--bogus'], ['validate', valid, 'extra'], ['validate', valid, '--current'], ['schemas', '--out']]) {
    const r = linked(...args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, /^ic-customer-contract: /, args.join(' '));
    assert.equal(r.out, '');
  }
  const missing = linked('validate', join(dir, 'missing.json'));
  assert.equal(missing.code, 2);
  assert.match(missing.err, /cannot read .*missing\.json/);
  const badCurrent = cli('validate', valid, '--current', file('bad-current.json', { kyc_status: 5 }));
  assert.equal(badCurrent.code, 2);
  assert.match(badCurrent.err, /bad-current\.json: .*kyc_status/);
  assert.equal(linked('--help').code, 0);
});

test('schemas --out DIR writes the three files, equal to schemas/; --check', () => {
  const out = join(dir, 'out');
  mkdirSync(out);
  const r = cli('schemas', '--out', out);
  assert.equal(r.code, 0, r.err);
  for (const name of ['customer-update.schema.json', 'customer.schema.json', 'openapi.json']) {
    assert.equal(readFileSync(join(out, name), 'utf8'), readFileSync(join(SCHEMAS, name), 'utf8'), name);
  }
  assert.equal(cli('schemas', '--out', out, '--check').code, 0);
  writeFileSync(join(out, 'openapi.json'), '{}');
  const stale = cli('schemas', '--out', out, '--check');
  assert.equal(stale.code, 1);
  assert.match(stale.err, /stale: .*openapi\.json/);
});
