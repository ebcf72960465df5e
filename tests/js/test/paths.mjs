// Paths shared by prepare.mjs and the tests.

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = resolve(dirname(fileURLToPath(import.meta.url)), '..'); // tests/js
export const ROOT = resolve(HERE, '..', '..'); // the repository
export const PKG = join(ROOT, 'pkg');
export const SCRATCH = join(HERE, '.scratch');
export const INSTALLED = join(SCRATCH, 'node_modules', 'ic-customer-contract');
export const FIXTURES = join(ROOT, 'tests', 'fixtures');
export const SCHEMAS = join(ROOT, 'schemas');
export const BIN = (name) => join(HERE, 'node_modules', '.bin', name);

/** What pkg/build.mjs writes and the package needs. */
export const REQUIRED_DIST = [
  'ic_customer_contract_bg.wasm',
  'ic_customer_contract_node.wasm',
  'glue.js',
  'api.js',
  'certain.js',
  'messages.js',
  'render.js',
  'records.js',
  'strings.js',
  'rules.js',
  'schemas.js',
  'wasm-inline.js',
  'index.js',
  'index.cjs',
  'node.mjs',
  'node.cjs',
  'wasm-url.js',
  'index.d.ts',
  'index.d.cts',
  'openapi.json',
];
