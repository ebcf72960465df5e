// `npm pack` / `npm publish` of pkg/ run this first: pkg/dist is generated,
// not committed, so a pack from a fresh checkout builds it (`cargo xtask build`
// at the repository root) instead of packing a package without its module.
// Its output goes to stderr: `npm pack --json` keeps a clean stdout.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const dist = ['index.js', 'index.cjs', 'node.mjs', 'node.cjs', 'wasm-inline.js', 'wasm-url.js', 'ic_customer_contract_bg.wasm', 'ic_customer_contract_node.wasm', 'index.d.ts', 'index.d.cts'];
if (dist.every((f) => existsSync(new URL(`./dist/${f}`, import.meta.url)))) process.exit(0);

console.error('pkg/dist is missing or incomplete: building it with `cargo xtask build`');
const root = fileURLToPath(new URL('..', import.meta.url));
const r = spawnSync('cargo', ['xtask', 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
if (r.error) {
  console.error(`could not run cargo (${r.error.message}): install Rust (rustup) and run \`cargo xtask build\` in ${root}`);
  process.exit(1);
}
process.exit(r.status ?? 1);
