// Two builds of the package against each other, by hand (the README's and
// NOTES.md's "by hand" figures):
//
//   node bench/ab.mjs <case> <distA> <distB> [rounds]
//
// Each dist is a built `pkg/dist` (`cargo xtask build`); an older commit's
// with `git worktree add ../old <commit> && (cd ../old && cargo xtask build)`.
// Cases: a (the valid bodies of (a)), b (the body of (b)), c (the form
// session of (c)), x (the steps of (c) that cross into wasm), h
// (buildPatchRequest of (h)), d (diffUpdate of (h)), t (the batch of (d):
// validateBatchJson of its 65.8 MB string, one batch a sample), u (the same
// batch as a Node Buffer of its UTF-8), r (the batch's string with one
// name holding U+FFFD: a text the encoder's answer does not settle alone),
// k (bodies with keys that are not fields: unknown, misspelled, immutable;
// each an issue found by comparing the key with every field, alias and
// immutable key).
//
// Both builds are loaded in one process and timed in interleaved rounds, the
// order turned each round; a figure is the median of the per-round ratios
// B/A. Order matters in one process: warmed up always second, an identical
// copy of a build measured 0.93× to 0.95× against it (case b). So the
// warm-up alternates too (the copy then measures 0.99×), and each case runs
// in two processes, A loaded first and then B first: the figure given is the
// geometric mean of the two medians.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = fileURLToPath(import.meta.url);

/** The package of `dir`, loaded as its Node entry loads it (the speed build of the wasm). */
async function load(dir) {
  const url = (file) => pathToFileURL(resolve(dir, file)).href;
  const glue = await import(url('glue.js'));
  glue.initSync({ module: readFileSync(resolve(dir, 'ic_customer_contract_node.wasm')) });
  const api = await import(url('api.js'));
  api.__setup(() => globalThis.crypto, null);
  return api;
}

/** Case name to [one operation on an api, operations per sample]. */
async function cases(reference, which) {
  const { VERIFIED_RECORD, SYNC_ITEMS, THREE_PROBLEMS, VALID_BODIES, batchItems, formSteps } = await import('./lib/data.mjs');
  const steps = formSteps(VERIFIED_RECORD);
  // The batch (65.8 MB) only for the cases that run it.
  const items = which === 't' || which === 'u' || which === 'r' ? batchItems(100_000) : null;
  if (which === 'r') items[5000].update.fullName = 'Jane \uFFFD Citizen';
  const text = items === null ? null : JSON.stringify(items);
  const bytes = which === 'u' ? Buffer.from(text) : null;
  const crossing = steps.filter((b) => reference.__fastPath(b, VERIFIED_RECORD) === null);
  const each = (list, call) => (api) => {
    let k = 0;
    for (let i = 0; i < list.length; i++) k += call(api, list[i]);
    return k;
  };
  return {
    a: [each(VALID_BODIES, (api, b) => api.validateUpdate(b).issues.length), 2000],
    b: [(api) => api.validateUpdate(THREE_PROBLEMS).issues.length, 5000],
    k: [each(KEY_BODIES, (api, b) => api.validateUpdate(b).issues.length), 2000],
    c: [each(steps, (api, b) => api.validateUpdate(b, VERIFIED_RECORD).issues.length), 10],
    x: [each(crossing, (api, b) => api.validateUpdate(b, VERIFIED_RECORD).issues.length), 100],
    h: [each(SYNC_ITEMS, (api, it) => {
      const r = api.buildPatchRequest({ id: it.id, update: it.update, current: it.current });
      return r.ok ? r.request.body.length : 1;
    }), 500],
    d: [each(SYNC_ITEMS, (api, it) => (api.diffUpdate(it.current, it.desired).update ? 1 : 0)), 500],
    t: [(api) => api.validateBatchJson(text).invalid, 1],
    u: [(api) => api.validateBatchJson(bytes).invalid, 1],
    r: [(api) => api.validateBatchJson(text).invalid, 1],
  };
}

/** Case k: a key of each kind the rules name (no field, a near miss, an alias, a risk answer at the top, an immutable key). */
const KEY_BODIES = [{ zz: 1 }, { full_name: 'Jane' }, { emial: 'a@b.co' }, { phone_number: '1' }, { isNewCustomer: true }, { externalId: 'x' }, { customer_status: 'x' }];

const sorted = (xs) => [...xs].sort((p, q) => p - q);
const median = (xs) => sorted(xs)[xs.length >> 1];

/** One process: `first` loaded first; per-round ratios of B to A. */
async function child(which, first, second, rounds, aFirst) {
  const one = await load(first);
  const two = await load(second);
  const [A, B] = aFirst ? [one, two] : [two, one];
  const table = await cases(A, which);
  if (!table[which]) throw new Error(`no case ${which}: one of ${Object.keys(table).join(', ')}`);
  const [op, n] = table[which];
  for (let r = 0; r < 6; r++) {
    for (let i = 0; i < n; i++) {
      if (r % 2) {
        op(A);
        op(B);
      } else {
        op(B);
        op(A);
      }
    }
  }
  const ratios = [];
  for (let r = 0; r < rounds; r++) {
    const t = new Map();
    for (const api of r % 2 ? [A, B] : [B, A]) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < n; i++) op(api);
      t.set(api, Number(process.hrtime.bigint() - start) / n);
    }
    ratios.push(t.get(B) / t.get(A));
  }
  process.stdout.write(JSON.stringify(ratios));
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  const [, which, first, second, rounds, aFirst] = args;
  await child(which, first, second, Number(rounds), aFirst === 'A');
} else {
  const [which, distA, distB, rounds = '31'] = args;
  if (!which || !distA || !distB) {
    console.error('usage: node bench/ab.mjs a|b|c|x|h|d|t|u|r|k <distA> <distB> [rounds]');
    process.exit(2);
  }
  if (resolve(distA) === resolve(distB)) {
    console.error('one directory is one module instance: for a build against itself, copy it (cp -r pkg/dist /tmp/same)');
    process.exit(2);
  }
  const orders = [
    ['A loaded first', distA, distB, 'A'],
    ['B loaded first', distB, distA, 'B'],
  ];
  const medians = [];
  for (const [label, first, second, aFirst] of orders) {
    const r = spawnSync(process.execPath, [HERE, '--child', which, first, second, rounds, aFirst], { encoding: 'utf8' });
    if (r.status !== 0) {
      console.error(r.stderr);
      process.exit(1);
    }
    const ratios = sorted(JSON.parse(r.stdout));
    const m = median(ratios);
    medians.push(m);
    const q = (f) => ratios[Math.floor(f * (ratios.length - 1))].toFixed(3);
    console.log(`${which}: ${label}: B/A ${m.toFixed(3)} (middle half ${q(0.25)} to ${q(0.75)}, ${ratios.length} rounds)`);
  }
  console.log(`${which}: B/A ${Math.sqrt(medians[0] * medians[1]).toFixed(3)} (geometric mean of the two orders)`);
}
