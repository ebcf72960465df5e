// The installed package (ESM and CommonJS, both loaded by name from the
// scratch project) and the shared fixture tables.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FIXTURES, INSTALLED, SCRATCH } from './paths.mjs';

if (!existsSync(join(SCRATCH, 'esm.mjs'))) {
  throw new Error('tests/js/.scratch is missing: run `npm test` (it runs prepare.mjs first)');
}

/** The package as `import ... from 'ic-customer-contract'`. */
export const esm = await import(pathToFileURL(join(SCRATCH, 'esm.mjs')).href);
/** The package as `require('ic-customer-contract')`. */
export const cjs = createRequire(join(SCRATCH, 'cjs.cjs'))('./cjs.cjs');

/**
 * White-box: the installed dist/api.js, the module instance the default entry
 * dist/index.js sets up (same URL; node.mjs is one file with a copy of its
 * own). Only its `__fastPath` is used, to see which path answered.
 */
await import(pathToFileURL(join(INSTALLED, 'dist', 'index.js')).href);
export const internals = await import(pathToFileURL(join(INSTALLED, 'dist', 'api.js')).href);

/** The public names, as CONTRACT.md section 4 fixes them (plus `init`). */
export const PUBLIC = [
  'buildPatchRequest',
  'configure',
  'customerSchema',
  'customerStandardSchema',
  'diffUpdate',
  'fieldRules',
  'formatIssue',
  'init',
  'newIdempotencyKey',
  'parseCustomerId',
  'updateSchema',
  'updateStandardSchema',
  'validateBatchJson',
  'validateCustomer',
  'validateUpdate',
  'validateUpdateJson',
];

export function loadFixture(name) {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
}

/** `{path, code}` of each issue, in order: what the fixture tables compare. */
export const brief = (issues) => issues.map(({ path, code }) => ({ path, code }));

/** The current record of an update case: a name in `records`, an inline record, or none. */
export function currentOf(table, c) {
  if (c.current === undefined) return undefined;
  if (typeof c.current === 'string') {
    const record = table.records[c.current];
    if (!record) throw new Error(`case ${c.name}: no record named ${c.current}`);
    return record;
  }
  return c.current;
}

/** A copy of `record` with one fixture mutation applied (`set` or `remove`). */
export function mutate(record, c) {
  const copy = structuredClone(record);
  const path = c.set ? c.set.path : c.remove;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key];
  const last = path[path.length - 1];
  if (c.set) at[last] = structuredClone(c.set.value);
  else delete at[last];
  return copy;
}

export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Debian's Chromium, which playwright-core drives (its own browser download fails here). */
const CHROMIUM = '/usr/bin/chromium';

/** Headless Chromium with the flags TOOLCHAIN.md lists, plus `extraArgs`. */
export async function launchChromium(extraArgs = []) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
      ...extraArgs,
    ],
  });
}
