// The two choices README.md weighs, measured against the shipped build in one
// run (called by `cargo xtask bench` after run.mjs, with the builds it made):
// - the boundary: values written into wasm memory as a tape, results back as
//   integer records (shipped), JSON text through validateUpdateJson, or read
//   field by field with serde-wasm-bindgen and answered as JSON
//   (`--features swb-compare`);
// - the email rule: the WHATWG function (shipped) or validator's
//   (`--features validator-email`): bytes only;
// - the toolchain: the pinned nightly with std rebuilt (shipped) or stable: bytes only.
// Writes bench/BOUNDARY.md.
// Usage: node bench/boundary.mjs GLUE WASM SWB_GLUE SWB_WASM name=raw,gz...
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import os from 'node:os';

// The shipped build is measured through pkg/dist (its GLUE and WASM arguments name it).
const [, , swbGlue, swbWasm, ...sizeArgs] = process.argv.slice(2);
if (!swbWasm) {
  console.error('usage: node bench/boundary.mjs GLUE WASM SWB_GLUE SWB_WASM name=raw,gz...');
  process.exit(2);
}
async function load(g, w) {
  // A query string gives each build its own module instance.
  const mod = await import(pathToFileURL(resolve(g)).href + '?' + encodeURIComponent(w));
  mod.initSync({ module: readFileSync(w) });
  return mod;
}
const swb = await load(swbGlue, swbWasm);
const pkg = await import(pathToFileURL(resolve('pkg/dist/node.mjs')).href);

const bodies = {
  'valid body': { fullName: 'Jane Doe', email: 'jane@example.com', phone: '+61 400 000 000', risk: { isNewCustomer: true } },
  'three problems': { fullName: '', email: 'nope', phone: 5 },
};
// Same verdicts first: a faster wrong answer would mean nothing.
const brief = (r) => JSON.stringify([r.ok, r.issues.map((i) => [i.path, i.code, i.params])]);
for (const [name, body] of Object.entries(bodies)) {
  const a = pkg.validateUpdateJson(JSON.stringify(body));
  const b = JSON.parse(swb.validate_update_swb(body));
  if (brief(a) !== brief(b)) throw new Error(`${name}: the two boundaries disagree`);
}

const ROUNDS = 15;
const N = 20000;
function sample(f) {
  for (let i = 0; i < 2000; i++) f();
  const t = performance.now();
  for (let i = 0; i < N; i++) f();
  return ((performance.now() - t) * 1e6) / N;
}
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const rows = [];
for (const [name, body] of Object.entries(bodies)) {
  const ways = {
    'package validateUpdate (fast path when valid, else the tape)': () => pkg.validateUpdate(body),
    'text: JSON.stringify, validateUpdateJson': () => pkg.validateUpdateJson(JSON.stringify(body)),
    'serde-wasm-bindgen: from_value, wasm, JSON.parse': () => JSON.parse(swb.validate_update_swb(body)),
  };
  const times = Object.fromEntries(Object.keys(ways).map((k) => [k, []]));
  for (let r = 0; r < ROUNDS; r++) {
    // Interleaved, in a rotated order.
    const keys = Object.keys(ways);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[(i + r) % keys.length];
      times[k].push(sample(ways[k]));
    }
  }
  const text_ns = median(times['text: JSON.stringify, validateUpdateJson']);
  for (const [k, ts] of Object.entries(times)) rows.push([name, k, median(ts), median(ts) / text_ns]);
}

const sizes = Object.fromEntries(sizeArgs.map((a) => a.split('=')).map(([k, v]) => [k, v.split(',').map(Number)]));
const fmt = (n) => Math.round(n).toLocaleString('en-US');
let md = '# The boundary and the email rule, measured both ways\n\n';
md += `Made by \`cargo xtask bench\` (\`node bench/boundary.mjs\`, after \`bench/run.mjs\`) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.\n`;
md += `Machine: ${os.cpus()[0].model}, ${os.cpus().length} cores, Node ${process.version}. Medians of ${ROUNDS} interleaved rounds of ${fmt(N)} calls.\n\n`;
md += '## Time per call (Node)\n\n| body | way into the rules | ns per call | ratio to text |\n| --- | --- | ---: | ---: |\n';
for (const [b, k, ns, ratio] of rows) md += `| ${b} | ${k} | ${fmt(ns)} | ${ratio.toFixed(2)}× |\n`;
md += '\n## Size of the wasm after `wasm-opt -Oz` (bytes)\n\n| build | raw | gzip -9 |\n| --- | ---: | ---: |\n';
const label = {
  shipped: 'shipped (pinned nightly, std rebuilt with `-Cpanic=immediate-abort`; values and text on the tape, records out; WHATWG email function)',
  stable: 'the same on stable Rust (std as rustup ships it: panic messages and formatting stay in)',
  'swb-compare': '+ serde-wasm-bindgen export (`--features swb-compare`)',
  'validator-email': "validator's email rule instead (`--features validator-email`)",
};
for (const [k, [raw, gz]] of Object.entries(sizes)) md += `| ${label[k] || k} | ${fmt(raw)} | ${fmt(gz)} |\n`;
writeFileSync('bench/BOUNDARY.md', md);
console.log('\n' + md);
