#!/usr/bin/env node
// The benchmark of ic-customer-contract against ajv, zod and valibot, run by
// `cargo xtask bench` (which builds pkg/dist and installs bench/node_modules
// first). Each case runs in its own fresh Node process (bench/cases/*.mjs),
// the libraries interleaved inside it; this script collects the results,
// checks the targets of issue 5, profiles the package where a target is
// missed, prints the table and writes bench/RESULTS.md.
//
//   node bench/run.mjs [--quick] [--only a,b,...] [--no-profile] [--no-write]
//   node bench/run.mjs --hash      (the build hash that bench/NOTES.md names)
//   node bench/run.mjs --render    (RESULTS.md again from the last full run,
//                                   bench/out/last-run.json, with NOTES.md as it is now)
//
// --quick: fewer rounds and smaller inputs, to try the scripts (its figures
// are not for RESULTS.md: --quick never writes it).

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const onlyAt = argv.indexOf('--only');
const only = onlyAt >= 0 ? new Set(argv[onlyAt + 1].split(',')) : null;
const profileMisses = !argv.includes('--no-profile');
const write = !quick && !only && !argv.includes('--no-write');
const render = argv.includes('--render');
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const started = Date.now();
const PKG = 'ic-customer-contract';

/** sha256 over the files the cases run: the wasm, its glue, api.js and the two ES entries. */
const BUILT = ['ic_customer_contract_bg.wasm', 'wasm-inline.js', 'glue.js', 'api.js', 'node.mjs', 'index.js'];
const hashBuild = () =>
  BUILT.reduce((h, f) => h.update(readFileSync(here(`./node_modules/${PKG}/dist/${f}`))), createHash('sha256')).digest('hex');
if (argv.includes('--hash')) {
  console.log(`build-sha256: ${hashBuild()}`); // the first line of bench/NOTES.md
  process.exit(0);
}
const LAST_RUN = here('./out/last-run.json');
/** --render: everything measured comes from the last full run. */
if (render && !existsSync(LAST_RUN)) {
  console.error('--render: no full run to render yet (bench/out/last-run.json): run `node bench/run.mjs` first');
  process.exit(2);
}
const last = render ? JSON.parse(readFileSync(LAST_RUN, 'utf8')) : null;
const buildHash = last ? last.buildHash : hashBuild();
const wasmBytes = last ? last.wasmBytes : statSync(here(`./node_modules/${PKG}/dist/ic_customer_contract_bg.wasm`)).size;

const CASES = [
  { id: 'a', script: 'micro.mjs', args: ['a'], title: 'one valid body, JS object in' },
  { id: 'b', script: 'micro.mjs', args: ['b'], title: 'one body with three problems' },
  { id: 'c', script: 'micro.mjs', args: ['c'], title: 'form: 1,000 successive bodies against one VERIFIED record' },
  { id: 'c-pending', script: 'micro.mjs', args: ['c-pending'], title: 'form: the same steps against a PENDING record (not a target)' },
  { id: 'd', script: 'bulk.mjs', args: [], title: 'bulk: 100,000 items as one JSON text' },
  { id: 'e', script: 'startup.mjs', args: [], title: 'time to first validation in a fresh Node process' },
  { id: 'f', script: 'memory.mjs', args: [], title: 'wasm memory after 10,000 and 1,000,000 calls' },
  { id: 'g', script: 'payload.mjs', args: [], title: 'browser payload of a minimal page, gzip -9' },
  { id: 'h', script: 'many-keys.mjs', args: [], title: '1,000,000 unknown keys: validateUpdate (object, Proxy) and validateUpdateJson (text), per call (not a target)' },
];

function node(script, args, flags = []) {
  const r = spawnSync(process.execPath, [...flags, here(`./cases/${script}`), ...args, ...(quick ? ['--quick'] : [])], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(`bench/cases/${script} ${args.join(' ')} failed (exit ${r.status})`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

// ---------------------------------------------------------------------------
// Run the cases.

const results = last ? last.results : {};
for (const c of CASES) {
  if (last || (only && !only.has(c.id))) continue;
  const t = Date.now();
  process.stdout.write(`case ${c.id}: ${c.title} ... `);
  results[c.id] = node(c.script, c.args);
  console.log(`${((Date.now() - t) / 1000).toFixed(0)} s`);
}

const row = (id, name) => results[id]?.rows.find((r) => r.name === name);

// ---------------------------------------------------------------------------
// Targets (issue 5, point 3). Comparisons between two libraries use their
// ratios to ajv, both medians of per-round ratios from the same run.

const x = (v) => `${v.toFixed(2)}×`;
const TARGETS = {
  a: {
    text: 'at most 2× ajv and faster than zod',
    check() {
      const p = row('a', PKG);
      const z = row('a', 'zod');
      return { met: p.ratio <= 2 && p.ratio < z.ratio, got: `${x(p.ratio)} ajv; zod ${x(z.ratio)}` };
    },
  },
  b: {
    text: 'faster than zod and valibot',
    check() {
      const p = row('b', PKG);
      const z = row('b', 'zod');
      const v = row('b', 'valibot');
      return { met: p.ratio < z.ratio && p.ratio < v.ratio, got: `${x(p.ratio)} ajv; zod ${x(z.ratio)}, valibot ${x(v.ratio)}` };
    },
  },
  c: {
    text: 'at most 1.5× ajv',
    check() {
      const p = row('c', PKG);
      return { met: p.ratio <= 1.5, got: `${x(p.ratio)} ajv (Standard Schema entry ${x(row('c', `${PKG} (Standard Schema)`).ratio)})` };
    },
  },
  d: {
    text: 'faster than JSON.parse + ajv',
    check() {
      const p = row('d', PKG);
      return { met: p.ratio < 1, got: `${x(p.ratio)} JSON.parse + ajv` };
    },
  },
  e: {
    text: 'faster than every peer',
    check() {
      const p = row('e', PKG);
      const peers = results.e.rows.filter((r) => r.name !== PKG && r.name !== 'empty script');
      const best = peers.reduce((a, b) => (a.ratio < b.ratio ? a : b));
      return { met: peers.every((r) => p.ratio < r.ratio), got: `${ms(p.ns)}; fastest peer ${best.name} ${ms(best.ns)}` };
    },
  },
  f: {
    text: 'zero growth after warm-up',
    check() {
      const p = results.f.rows[0];
      return { met: p.growth === 0, got: `${fmt(p.growth)} bytes (${fmt(p.after10k)} → ${fmt(p.afterTotal)})` };
    },
  },
  g: {
    text: 'at most 40 KB (40,000 bytes), and less than ajv + ajv-formats',
    check() {
      const p = row('g', PKG);
      const a = row('g', 'ajv + ajv-formats');
      return { met: p.bytes <= 40_000 && p.bytes < a.bytes, got: `${fmt(p.bytes)} bytes; ajv + ajv-formats ${fmt(a.bytes)}` };
    },
  },
};

const verdicts = {};
for (const [id, t] of Object.entries(TARGETS)) if (results[id]) verdicts[id] = t.check();

const profiles = last ? last.profiles : {};
if (profileMisses && !last) {
  for (const [id, v] of Object.entries(verdicts)) {
    if (v.met || id === 'f') continue; // (f): the marks themselves are the profile
    process.stdout.write(`profile ${id} (target missed) ... `);
    const t = Date.now();
    profiles[id] = node('profile.mjs', [id]).profile;
    console.log(`${((Date.now() - t) / 1000).toFixed(0)} s`);
  }
}

// Another build of pkg/dist during the run (cases or profiles) would mix two packages in one table.
const rebuilt = last ? last.rebuilt : hashBuild() !== buildHash;
if (rebuilt) console.log('WARNING: pkg/dist changed during the run (cases or profiles): its figures mix two builds; run again.');

// ---------------------------------------------------------------------------
// Tables.

function fmt(n, digits = 0) {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
function ms(ns) {
  return `${fmt(ns / 1e6, 2)} ms`;
}
const sig = (n) => (n >= 100 ? fmt(n) : n >= 10 ? fmt(n, 1) : fmt(n, 2));

function table(head, rows) {
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`];
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}

function perCallTable(id) {
  return table(
    ['library', 'ns per call', 'calls per second', 'ratio to ajv', 'min–max ns'],
    results[id].rows.map((r) => [r.name, sig(r.ns), fmt(r.opsPerSec), x(r.ratio), `${sig(r.spread[0])}–${sig(r.spread[1])}`]),
  );
}

function bulkTable() {
  const items = results.d.checks.items;
  return table(
    ['library', 'ms per batch', 'ns per item', 'items per second', 'ratio to JSON.parse + ajv'],
    results.d.rows.map((r) => [r.name, fmt(r.ns / 1e6, 1), sig(r.ns / items), fmt((items * 1e9) / r.ns), x(r.ratio)]),
  );
}

function startupTable() {
  return table(
    ['library', 'import → first result', 'per second', 'ratio to ajv', 'then a first invalid body', 'process start → first result', 'spawn → exit (wall)'],
    results.e.rows.map((r) => [
      r.name,
      ms(r.ns),
      r.name === 'empty script' ? '—' : fmt(r.opsPerSec, 1),
      r.name === 'empty script' ? '—' : x(r.ratio),
      `${fmt(r.firstInvalidMs, 2)} ms`,
      `${fmt(r.sinceStartMs, 1)} ms`,
      `${fmt(r.wallMs, 1)} ms`,
    ]),
  );
}

function memoryTable() {
  const r = results.f.rows[0];
  return table(
    ['calls made', 'wasm memory (bytes)', 'process RSS (bytes)'],
    Object.keys(r.marks).map((n) => [fmt(Number(n)), fmt(r.marks[n]), fmt(r.rssMarks[n])]),
  );
}

function manyKeysTable() {
  return table(
    ['entry', 'ms per call', 'ratio to the text', 'min–max ms'],
    results.h.rows.map((r) => [r.name, fmt(r.ns / 1e6, 1), x(r.ratio), `${fmt(r.spread[0] / 1e6, 1)}–${fmt(r.spread[1] / 1e6, 1)}`]),
  );
}

function payloadTable() {
  return table(
    ['library', 'gzip -9 bytes', 'raw bytes', 'ratio to ajv + ajv-formats', 'files (gzip bytes)'],
    results.g.rows.map((r) => [r.name, fmt(r.bytes), fmt(r.raw), x(r.ratio), r.files.map((f) => `${f.name} ${fmt(f.gzip)}`).join(', ')]),
  );
}

function headline() {
  const lines = [];
  const add = (id, what, name, value) => lines.push([`(${id}) ${what}`, name, value]);
  if (results.a) add('a', 'valid body, per call', PKG, `${sig(row('a', PKG).ns)} ns, ${x(row('a', PKG).ratio)} ajv`);
  if (results.b) add('b', 'three problems, per call', PKG, `${sig(row('b', PKG).ns)} ns, ${x(row('b', PKG).ratio)} ajv`);
  if (results.c) add('c', 'form step, VERIFIED record', PKG, `${sig(row('c', PKG).ns)} ns, ${x(row('c', PKG).ratio)} ajv`);
  if (results.d) add('d', '100,000-item JSON batch', PKG, `${fmt(row('d', PKG).ns / 1e6)} ms, ${x(row('d', PKG).ratio)} JSON.parse + ajv`);
  if (results.e) add('e', 'first validation, fresh process', PKG, `${ms(row('e', PKG).ns)}, ${x(row('e', PKG).ratio)} ajv`);
  if (results.f) add('f', 'wasm memory growth', PKG, `${fmt(results.f.rows[0].growth)} bytes`);
  if (results.g) add('g', 'browser payload, gzip', PKG, `${fmt(row('g', PKG).bytes)} bytes, ${x(row('g', PKG).ratio)} ajv + ajv-formats`);
  return table(['case', 'library', 'result'], lines);
}

function targetsTable() {
  return table(
    ['case', 'target', 'result', 'met'],
    Object.entries(verdicts).map(([id, v]) => [`(${id})`, TARGETS[id].text, v.got, v.met ? 'yes' : '**no**']),
  );
}

function profileSection(id) {
  const p = profiles[id];
  if (!p) return '';
  const out = [`#### Profile of (${id})`, ''];
  if (p.kind === 'cpu') {
    out.push(
      `V8's CPU profiler (the one \`node --cpu-prof\` starts, here started after loading and input preparation) over the package's side of the case (\`bench/cases/profile-workload.mjs ${id}\`), ${fmt(p.sampledMs)} ms sampled; wasm: ${p.wasm.replace(/.*\/target\//, 'target/')}. The profile is kept in \`${p.file.replace(/.*\/bench\//, 'bench/')}\` (open it in Chrome DevTools).`,
      '',
      table(['inclusive (time in the function and what it calls)', '%'], p.inclusive.map((f) => [`\`${f.name}\``, fmt(f.pct, 1)])),
      '',
      table(['self (time in the function itself)', '%'], p.self.map((f) => [`\`${f.name}\``, fmt(f.pct, 1)])),
    );
  } else if (p.kind === 'phases') {
    const what = {
      entry: 'the entry as a user meets it (`import` of dist/node.mjs, a first valid call, then a first invalid one)',
      modules: 'loading, piece by piece: node:fs, Web Crypto, glue.js, api.js with schemas.js (no wasm)',
      wasm: 'the wasm alone: compile and instantiate',
    };
    out.push(
      `\`bench/startup/package-phases.mjs\` in three kinds of fresh process, medians of ${p.runs} runs each. The entry ${p.wasmDeferred ? 'defers the wasm: it is compiled and instantiated at the first call that needs it, after the first valid result' : 'compiles and instantiates the wasm before the first result'}.`,
      '',
      table(['process', 'step', 'ms'], p.steps.flatMap((m) => m.steps.map((st, i) => [i === 0 ? what[m.mode] : '', st.name, fmt(st.ms, 2)]))),
    );
  } else if (p.kind === 'size') {
    const shipped = p.shipped.map((x) => `${x.name} ${fmt(x.bytes)}`).join(', ');
    out.push(
      `The shipped wasm's sections (bytes): ${shipped}.`,
      '',
      `${p.tool} of \`${p.wasm.replace(/.*\/target\//, 'target/')}\` (the same build before \`wasm-opt -Oz\`, names kept: ${fmt(p.total)} bytes with the name section; wasm-opt strips the names and shrinks the code).`,
      '',
      table(['by crate', 'raw bytes'], p.byCrate.map((c) => [c.name, fmt(c.bytes)])),
      '',
      table(['largest items', 'raw bytes'], p.top.map((c) => [`\`${c.name}\``, fmt(c.bytes)])),
    );
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------
// Console output.

console.log('');
for (const c of CASES) {
  if (!results[c.id]) continue;
  console.log(`(${c.id}) ${c.title}`);
  for (const r of results[c.id].rows) {
    const value =
      c.id === 'g' ? `${fmt(r.bytes)} bytes gz` : c.id === 'f' ? `growth ${fmt(r.growth)} bytes` : c.id === 'd' || c.id === 'e' || c.id === 'h' ? ms(r.ns) : `${sig(r.ns)} ns`;
    const ratio = r.ratio === undefined || r.ratio === null ? '' : x(r.ratio);
    console.log(`  ${r.name.padEnd(40)} ${value.padStart(18)} ${ratio.padStart(9)}`);
  }
}
console.log('');
for (const [id, v] of Object.entries(verdicts)) console.log(`target (${id}) ${TARGETS[id].text}: ${v.met ? 'met' : 'MISSED'} (${v.got})`);

// ---------------------------------------------------------------------------
// RESULTS.md

const seconds = last ? last.seconds : Math.round((Date.now() - started) / 1000);
if (!write && !render) {
  console.log(`\n${quick ? '--quick' : only ? '--only' : '--no-write'}: bench/RESULTS.md not written (${seconds} s)`);
  process.exit(0);
}

// Read from node_modules directly: not every package exports its package.json.
const readVersion = (name) => JSON.parse(readFileSync(here(`./node_modules/${name}/package.json`), 'utf8')).version;
const cpus = os.cpus();
const run = last ?? {
  date: new Date().toISOString().slice(0, 16).replace('T', ' '),
  machine: `${cpus[0].model}, ${cpus.length} cores, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`,
  loadavg: os.loadavg().map((l) => l.toFixed(2)).join(', '),
  // cargo sets CARGO for what it runs, and xtask passes its environment on.
  via: process.env.CARGO ? 'cargo xtask bench' : 'node bench/run.mjs',
  versions: Object.fromEntries([PKG, 'ajv', 'ajv-formats', 'zod', 'valibot', 'esbuild'].map((n) => [n, readVersion(n)])),
};
const version = (name) => run.versions[name];
if (!last) {
  mkdirSync(here('./out/'), { recursive: true });
  writeFileSync(LAST_RUN, JSON.stringify({ ...run, results, profiles, rebuilt, buildHash, wasmBytes, seconds }));
}

const method = readFileSync(here('./METHOD.md'), 'utf8').trim();

/**
 * bench/NOTES.md: the causes of the misses, read from the profiles by hand.
 * Its first line names the build it was written for (`build-sha256: HEX`,
 * see buildHash); when this run's build differs, the notes are included under a warning.
 */
function notes() {
  let text;
  try {
    text = readFileSync(here('./NOTES.md'), 'utf8');
  } catch {
    return '';
  }
  const m = /^build-sha256: ([0-9a-f]{64})\s*\n/.exec(text);
  const body = (m ? text.slice(m[0].length) : text).trim();
  const stale = !m || m[1] !== buildHash;
  const banner = stale
    ? `> These notes were written for another build of the package (${m ? m[1].slice(0, 12) : 'none named'}; this run's is ${buildHash.slice(0, 12)}): the figures above are current, the reading below may not be. Re-read the profiles and update bench/NOTES.md.\n\n`
    : `(Written for this build of the package, build-sha256 ${buildHash.slice(0, 12)}.)\n\n`;
  return `## Why the missed targets are missed (bench/NOTES.md)\n\n${banner}${body}\n`;
}
const md = `# Benchmark results
${rebuilt ? '\n> **pkg/dist was rebuilt during this run: the figures below mix two builds of the package. Run it again.**\n' : ''}
Made by \`cargo xtask bench\` (it builds pkg/dist, installs bench/node_modules when needed, then runs \`node bench/run.mjs\`). This run: started by \`${run.via ?? 'node bench/run.mjs'}\` on ${run.date} UTC, ${fmt(seconds)} s.

- Machine: ${run.machine} (load average at the end: ${run.loadavg}).
- Versions: ${PKG} ${version(PKG)} (wasm ${fmt(wasmBytes)} bytes; build-sha256 ${buildHash.slice(0, 12)} over ${BUILT.join(', ')}), ajv ${version('ajv')}, ajv-formats ${version('ajv-formats')}, zod ${version('zod')}, valibot ${version('valibot')}, esbuild ${version('esbuild')}.
- Ratios are medians of per-round ratios: each round times every library once, in a rotated order, so both sides of a ratio ran moments apart. Times are medians over the rounds; read the ratios more than the nanoseconds on a shared machine.

## Headline

${headline()}

## Targets (issue 5)

${targetsTable()}

## (a) ${CASES[0].title}

${perCallTable('a')}

## (b) ${CASES[1].title}

${perCallTable('b')}

## (c) ${CASES[2].title}

${perCallTable('c')}

Against a PENDING record (the freeze rules evaluated, nothing frozen; not a target):

${results['c-pending'] ? perCallTable('c-pending') : '(not run)'}

## (d) ${CASES[4].title}

${results.d.checks.items.toLocaleString('en-US')} items, ${fmt(results.d.checks.bytes)} bytes of JSON; ${fmt(results.d.checks.invalid)} invalid items (every validator agreed), ${fmt(results.d.checks.warned)} more with warnings in the package.

${bulkTable()}

## (e) ${CASES[5].title}

${startupTable()}

## (f) ${CASES[6].title}

${memoryTable()}

Growth from 10,000 to ${fmt(results.f.rows[0].total)} calls: **${fmt(results.f.rows[0].growth)} bytes** (memory at instantiation: ${fmt(results.f.rows[0].startBytes)} bytes; ${fmt(results.f.rows[0].total)} calls in ${fmt(results.f.rows[0].ms / 1000, 1)} s).

## (g) ${CASES[7].title}

${payloadTable()}

${results.h ? `## (h) ${CASES[8].title}

${fmt(results.h.checks.keys)} keys, no known field; the JSON text is ${fmt(results.h.checks.bytes)} bytes. Every entry answered ${results.h.checks.issues} issues, the last with \`params.omitted\` = ${fmt(results.h.checks.omitted)} (checked before timing). One call per sample, ${results.h.rows[0].rounds} rounds; a measurement, not a target.

${manyKeysTable()}
` : ''}
${results.g.checks.browser ? `Each page was loaded in headless Chromium (${Object.keys(results.g.checks.browser).length} pages, each with a valid form and with an invalid email): every one showed "valid", then its library's message.` : 'Chromium was not found: the pages were bundled but not loaded.'}

${notes()}
## Profiles of the missed targets

${Object.keys(profiles).length ? Object.keys(profiles).map(profileSection).join('\n\n') : 'Every target was met (or profiling was skipped).'}

${method}
`;
writeFileSync(here('./RESULTS.md'), md);
console.log(render ? `\nwrote bench/RESULTS.md from ${LAST_RUN} (a run of ${run.date} UTC)` : `\nwrote bench/RESULTS.md (${seconds} s)`);
