// Issue 10 (README "Limits" and "Decisions"): a page or a plugin that
// patches built-ins after the package loaded does not change one answer.
// Each patch runs in its own Node process (test/fixtures-patched/corpus.mjs):
// the process loads the installed package by name, computes a fixed corpus of
// answers (valid and invalid bodies, frozen cases, JSON text, batches,
// requests with a fixed key, diffs, the seed record, field rules, ids,
// schemas), applies the patch, computes them again and prints both. Every
// patch is tried twice: replaced by a function giving a wrong answer, and by
// one that throws. Object.prototype pollution (kyc_status, fullName,
// full_name, email, toJSON) is tried after the import and, in its own
// process, before it.
//
// No patch of the spec's list is dropped: none breaks Node itself while the
// corpus runs (the script undoes the patch before it writes its output).

import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { promisify } from 'node:util';
import './helpers.mjs'; // fails early when the scratch install is missing

const SCRIPT = fileURLToPath(new URL('./fixtures-patched/corpus.mjs', import.meta.url));
const run = promisify(execFile);

async function child(...args) {
  const { stdout } = await run(process.execPath, [SCRIPT, ...args], { maxBuffer: 1 << 26, timeout: 60_000 });
  return JSON.parse(stdout);
}

/** Runs `jobs` (async functions) two at a time: the machine has two cores. */
async function pool(jobs, width = 2) {
  const results = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}

/** Labels of the corpus entries whose answers differ, with the two answers. */
function differences(want, got) {
  const out = [];
  for (let i = 0; i < Math.max(want.length, got.length); i++) {
    try {
      assert.deepEqual(got[i], want[i]);
    } catch {
      out.push({ index: i, want: want[i], got: got[i] });
    }
  }
  return out;
}

const PATCHES = JSON.parse(spawnSync(process.execPath, [SCRIPT, 'list'], { encoding: 'utf8' }).stdout);

test(`patched built-ins do not change any answer (${PATCHES.length} patches × wrong and throwing, each in its own process)`, async (t) => {
  const baseline = await child('none');
  // The corpus must mean something: both verdicts, warnings, throws.
  assert.deepEqual(baseline.after, baseline.before, 'two unpatched runs in one process agree');
  const values = baseline.before.filter((a) => a.value !== undefined).map((a) => a.value);
  assert.ok(values.some((v) => v.ok === true) && values.some((v) => v.ok === false));
  assert.ok(values.some((v) => Array.isArray(v.warnings) && v.warnings.length > 0));
  assert.ok(baseline.before.filter((a) => a.threw !== undefined).length >= 4);

  const runs = [
    ...PATCHES.flatMap((name) => [
      [name, 'wrong'],
      [name, 'throws'],
    ]),
    ['Object.prototype pollution', 'wrong'],
  ];
  const outputs = await pool(runs.map(([name, variant]) => () => child(name, variant).catch((error) => ({ error: String(error.stderr || error.message) }))));

  const failures = [];
  runs.forEach(([name, variant], i) => {
    const out = outputs[i];
    if (out.error) {
      failures.push({ patch: `${name} (${variant})`, crashed: out.error.slice(0, 2000) });
      return;
    }
    const before = differences(baseline.before, out.before);
    const after = differences(out.before, out.after);
    if (before.length || after.length) failures.push({ patch: `${name} (${variant})`, unpatchedDiffers: before.slice(0, 2), patchedDiffers: after.slice(0, 3), count: after.length });
  });
  t.diagnostic(`${runs.length} patched processes, ${baseline.before.length} answers each; patches that changed an answer: ${failures.length}`);
  if (failures.length) t.diagnostic(`changed by: ${failures.map((f) => f.patch).join(', ')}`);
  assert.deepEqual(failures, []);
});

test('Object.prototype polluted before the import (kyc_status, fullName, full_name, email, toJSON): the same answers', async () => {
  const [baseline, polluted] = await Promise.all([child('none'), child('pollute-before')]);
  assert.deepEqual(differences(baseline.before, polluted.after), []);
  // The corpus holds the cases the spec names: a record without its own kyc_status still throws, a PENDING one is not frozen.
  assert.ok(polluted.after.filter((a) => a.threw && /current record/i.test(a.threw)).length >= 2, JSON.stringify(polluted.after.filter((a) => a.threw)));
});

test('an encoder replaced before the import by one that makes no progress: the same answers, and no call loops', async () => {
  // On every string (the package's check at load refuses it), or on long strings only (it passes that check).
  const [baseline, all, long] = await Promise.all([child('none'), child('encoder-before', 'all'), child('encoder-before', 'long')]);
  assert.deepEqual(differences(baseline.before, all.after), []);
  assert.deepEqual(differences(baseline.before, long.after), []);
});

test('names of what the package builds, defined on Object.prototype (a setter, read-only, an enumerable value), after and before the import: the same answers', async () => {
  const variants = ['setter', 'readonly', 'value'];
  const runs = variants.flatMap((v) => [['built-keys', v], ['built-keys-before', v]]);
  const [baseline, ...outputs] = await pool([() => child('none'), ...runs.map(([mode, v]) => () => child(mode, v).catch((error) => ({ error: String(error.stderr || error.message) })))]);
  const failures = [];
  runs.forEach(([mode, v], i) => {
    const out = outputs[i];
    if (out.error) return failures.push({ run: `${mode} ${v}`, crashed: out.error.slice(0, 2000) });
    const changed = differences(baseline.before, out.after);
    if (changed.length) failures.push({ run: `${mode} ${v}`, changed: changed.slice(0, 3), count: changed.length });
  });
  assert.deepEqual(failures, []);
});
