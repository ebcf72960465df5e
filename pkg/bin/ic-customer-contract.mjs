#!/usr/bin/env node
// `ic-customer-contract`: the Rust CLI `ic-contract`'s commands, from the npm package.
//
//   ic-customer-contract validate BODY.json [--current RECORD.json] [--json]
//   ic-customer-contract schemas [--out DIR] [--check]
//
// Exit codes: 0 valid (or schemas fresh), 1 invalid (or schemas stale), 2 usage or file error.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateUpdateJson } from '../dist/node.mjs';
import { CUSTOMER_SCHEMA_TEXT, UPDATE_SCHEMA_TEXT } from '../dist/schemas.js';

const USAGE = `usage:
  ic-customer-contract validate BODY.json [--current RECORD.json] [--json]
  ic-customer-contract schemas [--out DIR] [--check]`;

class UsageError extends Error {}

function read(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${e.message}`);
  }
}

function validate(args) {
  let bodyFile;
  let currentFile;
  let asJson = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--current') {
      currentFile = args[++i];
      if (currentFile === undefined) throw new UsageError('--current needs a file');
    } else if (arg === '--json') {
      asJson = true;
    } else if (arg.startsWith('--')) {
      throw new UsageError(`unknown argument ${JSON.stringify(arg)}\n${USAGE}`);
    } else if (bodyFile === undefined) {
      bodyFile = arg;
    } else {
      throw new UsageError(`unexpected argument ${JSON.stringify(arg)}\n${USAGE}`);
    }
  }
  if (bodyFile === undefined) throw new UsageError(`missing BODY.json\n${USAGE}`);
  const body = read(bodyFile);
  const currentText = currentFile === undefined ? undefined : read(currentFile);
  let report;
  try {
    report = validateUpdateJson(body, currentText);
  } catch (e) {
    // Only an unusable current record throws.
    throw new UsageError(`${currentFile}: ${e.message}`);
  }
  if (asJson) {
    console.log(JSON.stringify(report));
  } else {
    const line = (kind, issue) =>
      `${kind}: ${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.code}: ${issue.message}`;
    for (const issue of report.issues) console.log(line('error', issue));
    for (const issue of report.warnings) console.log(line('warning', issue));
    if (report.ok) console.log(`valid: ${bodyFile}`);
  }
  return report.ok ? 0 : 1;
}

function schemas(args) {
  let out = 'schemas';
  let check = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--out') {
      out = args[++i];
      if (out === undefined) throw new UsageError('--out needs a directory');
    } else if (args[i] === '--check') {
      check = true;
    } else {
      throw new UsageError(`unknown argument ${JSON.stringify(args[i])}\n${USAGE}`);
    }
  }
  const files = [
    ['customer-update.schema.json', UPDATE_SCHEMA_TEXT],
    ['customer.schema.json', CUSTOMER_SCHEMA_TEXT],
    ['openapi.json', readFileSync(new URL('../dist/openapi.json', import.meta.url), 'utf8')],
  ];
  const stale = [];
  for (const [name, text] of files) {
    const file = join(out, name);
    if (check) {
      let now;
      try {
        now = readFileSync(file, 'utf8');
      } catch {
        now = undefined;
      }
      if (now !== text) stale.push(file);
    } else {
      try {
        mkdirSync(out, { recursive: true });
        writeFileSync(file, text);
      } catch (e) {
        throw new UsageError(`cannot write ${file}: ${e.message}`);
      }
      console.log(`wrote ${file}`);
    }
  }
  for (const file of stale) console.error(`stale: ${file} differs from the schemas of this package`);
  if (check && stale.length === 0) console.log(`schemas are up to date in ${out}`);
  return stale.length ? 1 : 0;
}

function run(args) {
  switch (args[0]) {
    case 'validate':
      return validate(args.slice(1));
    case 'schemas':
      return schemas(args.slice(1));
    case '--help':
    case '-h':
    case 'help':
      console.log(USAGE);
      return 0;
    case undefined:
      throw new UsageError(`missing command\n${USAGE}`);
    default:
      throw new UsageError(`unknown command ${JSON.stringify(args[0])}\n${USAGE}`);
  }
}

try {
  process.exitCode = run(process.argv.slice(2));
} catch (e) {
  // Exit 1 means "invalid": anything else that goes wrong is 2, like a usage error.
  console.error(`ic-customer-contract: ${e instanceof UsageError ? e.message : (e && e.stack) || e}`);
  process.exitCode = 2;
}
