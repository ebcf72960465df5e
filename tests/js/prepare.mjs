// Packs pkg/ with `npm pack` (pkg/dist must have been built by `cargo xtask
// build`) and installs the tarball in a scratch project, tests/js/.scratch/,
// where the tests use it by name, as a user would. Run by `npm test` first.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { PKG, REQUIRED_DIST, SCRATCH } from './test/paths.mjs';

const missing = REQUIRED_DIST.filter((file) => !existsSync(join(PKG, 'dist', file)));
if (missing.length) {
  console.error(
    `tests/js: pkg/dist is missing ${missing.join(', ')}.\n` +
      'Build the package first: `cargo xtask build` (it runs pkg/build.mjs).',
  );
  process.exit(1);
}

const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

const packDir = mkdtempSync(join(tmpdir(), 'ic-pack-'));
const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', packDir], PKG));
const tarball = join(packDir, packed[0].filename);

rmSync(SCRATCH, { recursive: true, force: true });
mkdirSync(SCRATCH, { recursive: true });
writeFileSync(
  join(SCRATCH, 'package.json'),
  JSON.stringify({ name: 'ic-scratch', private: true, version: '0.0.0', type: 'module' }, null, 2),
);
npm(['install', '--no-audit', '--no-fund', '--no-package-lock', tarball], SCRATCH);

// Entry points that load the package BY NAME through Node's own resolution.
writeFileSync(join(SCRATCH, 'esm.mjs'), "export * from 'ic-customer-contract';\n");
writeFileSync(join(SCRATCH, 'cjs.cjs'), "module.exports = require('ic-customer-contract');\n");
writeFileSync(
  join(SCRATCH, 'pack.json'),
  JSON.stringify({ tarball, files: packed[0].files.map((f) => f.path), size: packed[0].size }, null, 2),
);
console.log(`tests/js: packed ${packed[0].filename} (${packed[0].files.length} files, ${packed[0].size} bytes), installed in ${SCRATCH}`);
