// Profiles of the package where a target is missed: a CPU profile of the
// case's workload (V8's CPU profiler, as `node --cpu-prof`, over the calls only); for the startup, its steps timed; for
// the payload, where the wasm's bytes are (twiggy, or bench/lib/wasm-size.mjs
// when twiggy is missing). `node cases/profile.mjs a|b|c|d|e|g|h` prints
// { case, profile }.
//
// Function names: the shipped wasm has its name section stripped (wasm-opt
// --strip-debug), so a profile of it shows wasm-function[N]. When cargo's
// target directory still holds wasm-bindgen's output of the same build (its
// wasm-opt output, ic_customer_contract_opt.wasm beside it, byte for byte the
// shipped wasm), the workload runs on a copy of dist/ with that named wasm
// instead: the same code before `wasm-opt -Oz`, so names are real and
// proportions close to the shipped module's. The copy's .wasm file is
// replaced and, when the entries carry the wasm inline (dist/wasm-inline.js),
// that module is replaced by one compiling the named file. Otherwise the
// shipped wasm is profiled and the report says so.

import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { OUT } from '../lib/out.mjs';
import { median } from '../lib/timing.mjs';
import { wasmSizes } from '../lib/wasm-size.mjs';

const which = process.argv[2];
const pkgRoot = dirname(realpathSync(createRequire(import.meta.url).resolve('ic-customer-contract/package.json')));
const dist = join(pkgRoot, 'dist');
const targetDir = process.env.CARGO_TARGET_DIR || join(pkgRoot, '..', 'target');
// The profiles run the Node entry: its wasm is the speed build (node/).
const named = join(targetDir, 'wasm-bindgen-node', 'ic_customer_contract_bg.wasm');
const namedOpt = join(targetDir, 'wasm-bindgen-node', 'ic_customer_contract_opt.wasm');
const WASM = 'ic_customer_contract_node.wasm';

/** A dist/ copy running the named wasm, when it is from the same build; else dist/ itself. */
function profiledDist() {
  const same = existsSync(named) && existsSync(namedOpt) && readFileSync(namedOpt).equals(readFileSync(join(dist, WASM)));
  if (!same) return { dir: dist, wasm: 'shipped wasm (names stripped: wasm functions appear as numbers)' };
  const dir = join(OUT, 'profile-dist');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(dist, dir, { recursive: true }); // dist/ has directories too (locales/)
  copyFileSync(named, join(dir, WASM));
  if (existsSync(join(dir, 'wasm-inline.js'))) {
    writeFileSync(
      join(dir, 'wasm-inline.js'),
      '// Written by bench/cases/profile.mjs: the named wasm of the same build instead of the inlined one.\n' +
        "import { readFileSync } from 'node:fs';\n" +
        `export function compileWasm() {\n  return new WebAssembly.Module(readFileSync(${JSON.stringify(join(dir, WASM))}));\n}\n`,
    );
  }
  return { dir, wasm: `${named} (wasm-bindgen output of the same build, before wasm-opt; names kept)` };
}

/** Self and inclusive time per function over a set of .cpuprofile files. */
function summarize(files, top = 16) {
  const self = new Map();
  const incl = new Map();
  let total = 0;
  const label = (cf) => {
    const file = cf.url.split('/').pop().replace(/-[0-9a-f]+$/, '');
    const name = clean(cf.functionName || '(anonymous)');
    return file ? `${name} (${file})` : name;
  };
  for (const file of files) {
    const p = JSON.parse(readFileSync(file, 'utf8'));
    const dt = new Map();
    // The first delta runs from Profiler.start to the first sample, not a sample's own time: skip it.
    for (let i = 1; i < p.samples.length; i++) dt.set(p.samples[i], (dt.get(p.samples[i]) || 0) + (p.timeDeltas[i] || 0));
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const walk = (id, onStack) => {
      const n = byId.get(id);
      const k = label(n.callFrame);
      const t = dt.get(id) || 0;
      total += t;
      self.set(k, (self.get(k) || 0) + t);
      const seen = onStack.has(k);
      const next = seen ? onStack : new Set(onStack).add(k);
      let sub = t;
      for (const c of n.children || []) sub += walk(c, next);
      if (!seen) incl.set(k, (incl.get(k) || 0) + sub);
      return sub;
    };
    walk(p.nodes[0].id, new Set());
  }
  const idle = new Set(['(root)', '(program)', '(idle)', '(garbage collector)']);
  // Frames every call passes through, which say nothing in an inclusive list.
  const wrapper = /profile-workload\.mjs|^js-to-wasm|multivalue shim|maybe_catch_unwind/;
  const list = (m, inclusive) =>
    [...m]
      .filter(([k]) => !(inclusive && (idle.has(k) || wrapper.test(k))))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, t]) => ({ name, pct: Math.round((1000 * t) / total) / 10 }));
  return { self: list(self, false), inclusive: list(incl, true), sampledMs: Math.round(total / 1000) };
}

function cpuProfile() {
  const { dir, wasm } = profiledDist();
  const file = join(OUT, `${which}.cpuprofile`);
  rmSync(file, { force: true });
  const workload = fileURLToPath(new URL('./profile-workload.mjs', import.meta.url));
  const r = spawnSync(process.execPath, [workload, which, join(dir, 'node.mjs'), file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`profile ${which}: the workload failed: ${r.stderr}`);
  return { kind: 'cpu', wasm, file, ...summarize([file]) };
}

/** (e): where the package's startup goes (startup/package-phases.mjs, three kinds of fresh process), medians of 15 runs each. */
function phases() {
  const script = fileURLToPath(new URL('../startup/package-phases.mjs', import.meta.url));
  const modes = ['entry', 'modules', 'wasm'];
  const runs = Object.fromEntries(modes.map((m) => [m, []]));
  for (let i = 0; i < 15; i++) {
    for (const mode of modes) {
      const r = spawnSync(process.execPath, [script, mode, dist], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`profile e (${mode}): ${r.stderr}`);
      runs[mode].push(JSON.parse(r.stdout));
    }
  }
  const steps = modes.map((mode) => ({
    mode,
    steps: Object.keys(runs[mode][0].phases).map((name) => ({ name, ms: median(runs[mode].map((x) => x.phases[name])) })),
  }));
  const lazy = runs.entry.filter((x) => x.instantiatedBeforeFirstResult === false).length;
  return { kind: 'phases', runs: 15, steps, wasmDeferred: lazy > 7 };
}

/** Which crate an item belongs to, from its (demangled) name. */
function crateOf(name) {
  if (/subsection|custom section|producers|^custom "/.test(name)) return '(names and custom sections: stripped by wasm-opt)';
  if (name.startsWith('data segment') || name === 'data') return 'data segments (.rodata: messages, tables)';
  const m = /^[<&]*([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::/.exec(name);
  return m ? m[1] : '(other: exports, wasm-bindgen shims, tables)';
}

const clean = (n) => n.replace(/\[[0-9a-f]{16}\]/g, '').replace(/::h[0-9a-f]{16}$/, '');

/** (g): what the wasm's bytes are, by crate and by item: twiggy when installed, else bench/lib/wasm-size.mjs. */
function sizes() {
  const wasm = existsSync(named) ? named : join(dist, WASM);
  const shipped = wasmSizes(readFileSync(join(dist, WASM))).sections;
  let items;
  let tool;
  try {
    const out = execFileSync('twiggy', ['top', '-n', '100000', '--format', 'json', wasm], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'ignore'] });
    const parsed = JSON.parse(out);
    items = (parsed.items ?? parsed).map((it) => ({ name: it.name, bytes: it.shallow_size }));
    tool = 'twiggy top';
  } catch {
    const s = wasmSizes(readFileSync(wasm));
    items = [...s.functions, ...s.sections.filter((x) => x.name !== 'code').map((x) => ({ name: x.name, bytes: x.bytes }))];
    tool = 'bench/lib/wasm-size.mjs (twiggy is not installed: `cargo install twiggy`)';
  }
  const byCrate = new Map();
  for (const it of items) byCrate.set(crateOf(it.name), (byCrate.get(crateOf(it.name)) || 0) + it.bytes);
  return {
    kind: 'size',
    tool,
    wasm,
    total: items.reduce((a, it) => a + it.bytes, 0),
    shipped,
    byCrate: [...byCrate].sort((a, b) => b[1] - a[1]).map(([name, bytes]) => ({ name, bytes })),
    top: items
      .filter((it) => !/subsection|^custom "/.test(it.name))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 15)
      .map((it) => ({ name: clean(it.name), bytes: it.bytes })),
  };
}

/**
 * (g), the page's side: what the default entry's bundle (pages/package.mjs,
 * bundled as cases/payload.mjs does) holds, per input module (raw bytes in
 * the minified output; esbuild's metafile), and each module's output alone
 * under gzip -9 (not additive: gzip shares a window across modules). The wasm
 * is there as a JavaScript string when the entry carries it inline.
 */
async function bundle() {
  const { build } = await import('esbuild');
  const { gzipSync } = await import('node:zlib');
  const r = await build({
    entryPoints: [fileURLToPath(new URL('../pages/package.mjs', import.meta.url))],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    outfile: join(OUT, 'profile-page.js'),
    logLevel: 'error',
  });
  const code = r.outputFiles[0].contents;
  const inputs = Object.values(r.metafile.outputs)[0].inputs;
  return {
    raw: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    inputs: Object.entries(inputs)
      .map(([name, v]) => ({ name: name.replace(/^.*?(dist|pages)\//, '$1/'), raw: v.bytesInOutput }))
      .sort((a, b) => b.raw - a.raw),
  };
}

const profile = which === 'g' ? { ...sizes(), page: await bundle() } : which === 'e' ? phases() : cpuProfile();
console.log(JSON.stringify({ case: which, profile }));
