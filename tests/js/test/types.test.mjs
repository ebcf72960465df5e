// The declarations, as a TypeScript user sees them: a consumer file in the
// scratch project importing the installed package by name compiles with
// `tsc --strict --noEmit`; each line marked `@ts-expect-error` really fails
// (the same file without the markers has exactly that many errors).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BIN, INSTALLED, SCRATCH } from './paths.mjs';
import { PUBLIC } from './helpers.mjs';

const DIR = join(SCRATCH, 'types');

const CONSUMER = `
import * as pkg from 'ic-customer-contract';
import {
  buildPatchRequest, customerSchema, customerStandardSchema, diffUpdate, fieldRules, init,
  newIdempotencyKey, parseCustomerId, updateSchema, updateStandardSchema, validateBatchJson,
  validateCustomer, validateUpdate, validateUpdateJson,
  type BatchResult, type BuildResult, type Customer, type CustomerId, type CustomerUpdate,
  type DiffResult, type FieldRules, type Issue, type IssueCode, type JSONSchema, type KycStatus,
  type PatchRequest, type RiskAnswers, type ValidationResult, type CurrentRecord,
} from 'ic-customer-contract';
import type { StandardSchemaV1, StandardJSONSchemaV1 } from '@standard-schema/spec';

// The declarations list exactly the runtime exports.
type Exported = keyof typeof pkg;
type Expected = ${PUBLIC.map((n) => `'${n}'`).join(' | ')};
const sameNames: [Exported] extends [Expected] ? ([Expected] extends [Exported] ? true : false) : false = true;

const record: Customer = {
  id: '550e8400-e29b-41d4-a716-446655440000', type: 'INDIVIDUAL', full_name: 'Jane Doe',
  kyc_status: 'VERIFIED', aml: { status: 'CLEAR', flags: { pep: false, sanctions: false, adverse_media: false, terrorism: false } },
  added_via: 'INTEGRATION', created_at: '2026-06-22T22:14:00Z', updated_at: '2026-06-23T01:12:05Z',
};
const risk: RiskAnswers = { isNewCustomer: true };
const body: CustomerUpdate = { fullName: 'Jane', phone: null, risk };
const minimal: CurrentRecord = { kyc_status: 'SOMETHING_NEW' };

const r: ValidationResult = validateUpdate(body, record);
const r2: ValidationResult = validateUpdate(JSON.parse('{}') as unknown, minimal);
const r3: ValidationResult = validateUpdateJson('{}', JSON.stringify(record));
const codes: IssueCode[] = r.issues.map((i: Issue) => i.code);
const firstPath: string[] | undefined = r2.issues[0]?.path;
const max: number | undefined = r3.issues[0]?.params?.max;
const batch: BatchResult = validateBatchJson('[]');
const index: number | undefined = batch.results[0]?.index;
const customer: ValidationResult = validateCustomer(record as unknown);
const diff: DiffResult = diffUpdate(record, { email: 'a@b' });
const nextEmail: string | undefined = diff.update.email;
const rules: FieldRules = fieldRules(record);
const maxLength: number | undefined = rules.fullName.maxLength;
const built: BuildResult = buildPatchRequest({ id: record.id, update: body, current: record });
if (built.ok) {
  const req: PatchRequest = built.request;
  const key: string = req.headers['Idempotency-Key'];
  const init2: RequestInit = { method: req.method, headers: req.headers, body: req.body };
} else {
  const issues: Issue[] = built.issues;
}
const id: CustomerId = parseCustomerId('crm-7741');
const externalId: string = id.kind === 'external_id' ? id.externalId : id.uuid;
const key: string = newIdempotencyKey();
const s1: JSONSchema = updateSchema();
const s2: JSONSchema = customerSchema();
const title: string | undefined = s1.title;
const ready: Promise<void> = init();
const status: KycStatus = record.kyc_status;

// Standard Schema: assignable to the spec's own types, output inferred, validate synchronous.
const us = updateStandardSchema(record);
const cs = customerStandardSchema();
const asSpec: StandardSchemaV1<unknown, CustomerUpdate> = us;
const asSpec2: StandardSchemaV1<unknown, Customer> = cs;
const asJsonSpec: StandardJSONSchemaV1<unknown, CustomerUpdate> = updateStandardSchema();
const out: StandardSchemaV1.InferOutput<typeof us> = { fullName: 'x' };
// Input is the body's object type (what form libraries infer field values from), not unknown.
const typedIn: StandardSchemaV1<CustomerUpdate, CustomerUpdate> = us;
const input: StandardSchemaV1.InferInput<typeof us> = { fullName: 'x', phone: null };
const recordIn: StandardSchemaV1.InferInput<typeof cs> = record;
const result = us['~standard'].validate({});
if (result.issues) {
  const message: string = result.issues[0].message;
  const path: readonly string[] = result.issues[0].path;
  const issueCode: IssueCode = result.issues[0].code;
} else {
  const value: CustomerUpdate = result.value;
}
const jsonSchema = cs['~standard'].jsonSchema.input({ target: 'draft-2020-12' });

// Each of these lines must fail to compile.
// @ts-expect-error a body field cannot be null (only phone)
const e1: CustomerUpdate = { fullName: null };
// @ts-expect-error phone is a string or null
const e2: CustomerUpdate = { phone: 5 };
// @ts-expect-error risk answers are booleans
const e3: RiskAnswers = { isNewCustomer: 'yes' };
// @ts-expect-error not an issue code
const e4: IssueCode = 'not_a_code';
// @ts-expect-error statuses are upper case
const e5: KycStatus = 'verified';
// @ts-expect-error the JSON-text entry takes a string
validateUpdateJson(123);
// @ts-expect-error an id is a string
parseCustomerId(5);
// @ts-expect-error a request needs an id
buildPatchRequest({ update: {} });
// @ts-expect-error the request exists only when ok is true
buildPatchRequest({ id: 'x', update: {} }).request;
// @ts-expect-error a current record needs kyc_status
diffUpdate({ full_name: 'x' }, {});
// @ts-expect-error a key is a string
const e6: number = newIdempotencyKey();
// @ts-expect-error a result's ok is a boolean
const e7: string = validateUpdate({}).ok;
// @ts-expect-error a successful standard result has no issues list
const e8: readonly unknown[] = (us['~standard'].validate({}) as { value: CustomerUpdate; issues?: undefined }).issues;
// @ts-expect-error not an export
pkg.validate;
// @ts-expect-error the schema's input is the body type: fullName is a string
const e9: StandardSchemaV1.InferInput<typeof us> = { fullName: 5 };

export { sameNames, codes, firstPath, max, index, customer, nextEmail, maxLength, externalId, key, s2, title, ready, status, asSpec, asSpec2, asJsonSpec, out, typedIn, input, recordIn, jsonSchema };
`;

const EXPECTED_ERRORS = (CONSUMER.match(/@ts-expect-error/g) || []).length;

function tsc(file, resolution = ['--module', 'nodenext', '--moduleResolution', 'nodenext']) {
  const r = spawnSync(
    BIN('tsc'),
    ['--strict', '--noEmit', '--target', 'es2022', ...resolution, '--lib', 'es2022,dom', '--types', '', '--skipLibCheck', 'false', file],
    { cwd: DIR, encoding: 'utf8' },
  );
  return { status: r.status, output: (r.stdout || '') + (r.stderr || '') };
}

test('a strict consumer compiles, and every @ts-expect-error line is an error', () => {
  mkdirSync(DIR, { recursive: true });
  writeFileSync(join(DIR, 'consumer.ts'), CONSUMER);
  const ok = tsc('consumer.ts');
  assert.equal(ok.status, 0, ok.output);

  writeFileSync(join(DIR, 'unmarked.ts'), CONSUMER.replace(/\/\/ @ts-expect-error.*\n/g, ''));
  const bad = tsc('unmarked.ts');
  assert.notEqual(bad.status, 0);
  const errors = bad.output.split('\n').filter((line) => /^unmarked\.ts\(\d+,\d+\): error TS/.test(line));
  assert.equal(errors.length, EXPECTED_ERRORS, bad.output);
  assert.equal(new Set(errors.map((line) => line.match(/\((\d+),/)[1])).size, EXPECTED_ERRORS, 'one error per marked line');
});

test('CommonJS (require, node16 and nodenext) and bundler resolution find the same declarations', () => {
  mkdirSync(DIR, { recursive: true });
  writeFileSync(join(DIR, 'required.cts'), "import pkg = require('ic-customer-contract');\nconst r: boolean = pkg.validateUpdate({}).ok;\nexport = r;\n");
  // node16 type-checks a CommonJS file against the .d.cts of the `require` branch (TS1479 with an ESM-only .d.ts).
  for (const mode of ['node16', 'nodenext']) {
    const cts = tsc('required.cts', ['--module', mode, '--moduleResolution', mode]);
    assert.equal(cts.status, 0, `${mode}: ${cts.output}`);
  }
  writeFileSync(join(DIR, 'bundled.ts'), "import { validateUpdate, type FieldRules } from 'ic-customer-contract';\nexport const r: boolean = validateUpdate({}).ok;\nexport type F = FieldRules;\n");
  const bundler = tsc('bundled.ts', ['--module', 'esnext', '--moduleResolution', 'bundler']);
  assert.equal(bundler.status, 0, bundler.output);
});

test('no `any` in the shipped declarations', () => {
  const dts = readFileSync(join(INSTALLED, 'dist', 'index.d.ts'), 'utf8');
  const code = dts.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  assert.doesNotMatch(code, /\bany\b/);
  for (const name of PUBLIC) assert.match(code, new RegExp(`export function ${name}\\(`), name);
});
