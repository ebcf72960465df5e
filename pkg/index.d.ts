// Types of `ic-customer-contract` (CONTRACT.md section 4). One declaration
// file for every entry, shipped twice: dist/index.d.ts for `import`,
// dist/index.d.cts for `require` (node16 / nodenext CommonJS files).

// ---------------------------------------------------------------------------
// The PATCH body.

/** Optional risk pre-answers; the back office completes the assessment in-app. */
export interface RiskAnswers {
  isNewCustomer?: boolean;
  isDesignatedService?: boolean;
  handlesCashOrCrypto?: boolean;
}

/** The body of `PATCH /api/v1/customers/{id}`. Every field is optional. */
export interface CustomerUpdate {
  /** 1 to 255 characters. Frozen once `kyc_status` is `VERIFIED`. */
  fullName?: string;
  /** A WHATWG valid email address, at most 255 characters. Frozen once `kyc_status` is `VERIFIED`. */
  email?: string;
  /** At most 32 characters; `null` clears it. */
  phone?: string | null;
  risk?: RiskAnswers;
}

// ---------------------------------------------------------------------------
// The customer record (the API's response, snake_case).

export type CustomerType = 'INDIVIDUAL' | 'SOLE_TRADER';

export type KycStatus =
  | 'NOT_STARTED'
  | 'PENDING'
  | 'IN_PROGRESS'
  | 'VERIFIED'
  | 'FAILED'
  | 'NOT_REQUIRED'
  | 'AWAITING_RESUBMISSION';

export type AddedVia =
  | 'ADMIN_MANUAL'
  | 'AI_EXTRACTED'
  | 'CONTACT_PORTAL'
  | 'BULK_IMPORT'
  | 'INTEGRATION'
  | 'SYSTEM';

export interface AmlFlags {
  pep: boolean;
  sanctions: boolean;
  adverse_media: boolean;
  terrorism: boolean;
}

export interface Aml {
  /** Free text, such as `CLEAR`. */
  status: string;
  /** RFC 3339 date-time. */
  screened_at?: string | null;
  /** RFC 3339 date-time. */
  last_reviewed_at?: string | null;
  flags: AmlFlags;
}

/** The document-verified identity: present only when `VERIFIED`. */
export interface Identity {
  verified_legal_name?: string | null;
  /** ISO 3166-1 alpha-3. */
  verified_country?: string | null;
}

export interface Customer {
  /** A UUID. */
  id: string;
  external_id?: string | null;
  type: CustomerType;
  full_name: string;
  email?: string | null;
  kyc_status: KycStatus;
  kyc_started_at?: string | null;
  kyc_completed_at?: string | null;
  identity?: Identity | null;
  aml: Aml;
  added_via: AddedVia;
  /** RFC 3339 date-time. */
  created_at: string;
  /** RFC 3339 date-time. */
  updated_at: string;
}

/**
 * The current record as the freeze rules read it: a `Customer`, or any object
 * with a string `kyc_status` (an unknown status is a warning, treated as not
 * frozen). Anything else makes the call throw.
 */
export type CurrentRecord = Partial<Omit<Customer, 'kyc_status'>> & {
  kyc_status: KycStatus | (string & {});
};

// ---------------------------------------------------------------------------
// Issues and results.

/** The stable codes callers branch on (CONTRACT.md section 2). */
export type IssueCode =
  | 'invalid_type'
  | 'too_short'
  | 'too_long'
  | 'invalid_email'
  | 'invalid_string'
  | 'invalid_json'
  | 'unknown_field'
  | 'immutable_field'
  | 'frozen_field'
  | 'invalid_format'
  | 'invalid_value'
  | 'unchanged_frozen_field'
  | 'unknown_kyc_status';

/** The figures behind an issue; which ones are present depends on the code. */
export interface IssueParams {
  min?: number;
  max?: number;
  actual?: number;
  /** The expected JSON type (`invalid_type`). */
  expected?: string;
  /** The received type: a JSON type, or what JSON cannot carry (`function`, `bigint`, `Date`, `unreadable`...). */
  received?: string;
  /** The field that was probably meant (`unknown_field`). */
  suggestion?: string;
  /** The snake_case field (`immutable_field`). */
  field?: string;
  /** Why it is immutable (`immutable_field`). */
  reason?: string;
  kycStatus?: string;
  /** The allowed values (`invalid_value`, `unknown_kyc_status`). */
  allowed?: string[];
  /** The format a record's value must have (`invalid_format`): `uuid`, `date-time`, `iso3166-alpha3`. */
  format?: string;
  /** How many more problems were found and not listed (the issue at `[]` past the cap). */
  omitted?: number;
  /** Where the JSON text broke (`invalid_json`): 1-based line and column, byte offset. */
  line?: number;
  column?: number;
  offset?: number;
}

/** One problem (or warning): where, a stable code, a sentence a form can show, the figures. */
export interface Issue {
  /** Keys from the root of the validated value; `[]` for the value itself. */
  path: string[];
  code: IssueCode;
  message: string;
  params?: IssueParams;
}

/**
 * A language for messages: the default export of `ic-customer-contract/locales/<tag>`
 * (`en`, `de`, `fr`, `es`, `it`, `pt`, `nl`, `ja`, `zh-Hans`, `ko`, `ar`), or one
 * spread with `messages` of the app's own: `{ ...de, messages: { too_long: (issue) => '…' } }`.
 * Only `message` changes with the language, never `code`, `path` or `params`.
 */
export interface Locale {
  /** The BCP 47 tag (plural forms come from `Intl.PluralRules` for it). */
  tag: string;
  /** Every template and phrase by id (the ids of the English table). */
  templates: Readonly<Record<string, string>>;
  /** The app's own message for a code, written instead of the template. */
  messages?: Partial<Record<IssueCode, (issue: Issue) => string>>;
}

/** The last argument of a validator or builder: the language of this one call. */
export interface CallOptions {
  /** null or absent: the language `configure` set. */
  locale?: Locale | null;
}

/** `ok` is true when `issues` is empty; warnings never fail a validation. */
export interface ValidationResult {
  ok: boolean;
  issues: Issue[];
  warnings: Issue[];
}

/** One batch item with issues or warnings; paths are relative to its `update` (or start with `"current"`). */
export interface BatchItemResult extends ValidationResult {
  /** The item's index in the array. */
  index: number;
}

export interface BatchResult {
  total: number;
  valid: number;
  invalid: number;
  /** Only the items with issues or warnings, in array order: at most 1,000,000 issues and warnings in all (the items past them are counted, not listed). */
  results: BatchItemResult[];
  /** Non-empty when the whole text is not a JSON array (then `total` is 0), or when `results` left items out: one issue at `[]` whose `params.omitted` is the number of issues and warnings left out. */
  issues: Issue[];
}

export interface DiffResult {
  /** The minimal PATCH body, keys in schema order. */
  update: CustomerUpdate;
  /** Desired changes left out, as issues (`frozen_field`, `immutable_field`, `unknown_field`, `invalid_string`), and values JSON cannot carry as given (`NaN`, a `Date`, a function, a cycle...) with the issues validation gives them. */
  skipped: Issue[];
}

/** What a form needs to build one input. */
export interface FieldRule {
  /** False when the field is frozen. */
  editable: boolean;
  /** Why it is not editable, when it is not. */
  reason?: string;
  /** In characters (Unicode scalar values). */
  minLength?: number;
  /** In characters (Unicode scalar values). */
  maxLength?: number;
  /** True when `null` is valid (it clears the field). */
  nullable: boolean;
  format?: 'email';
}

export interface FieldRules {
  fullName: FieldRule;
  email: FieldRule;
  phone: FieldRule;
  risk: FieldRule;
}

export interface PatchRequestInput {
  /** A UUID, or your `external_id`. */
  id: string;
  update: CustomerUpdate;
  current?: CurrentRecord | null;
  /** 1 to 255 visible ASCII characters; a UUID v4 is generated when absent. Reuse it only to retry the same request. */
  idempotencyKey?: string | null;
  /** Default `https://app.instantcompliance.ai/api/v1`. */
  baseUrl?: string | null;
  /** The language of this call's messages (null or absent: the one `configure` set). */
  locale?: Locale | null;
}

export interface PatchRequest {
  method: 'PATCH';
  /** `{baseUrl}/customers/{id}`, the id percent-encoded. */
  url: string;
  headers: {
    'Content-Type': 'application/json';
    Accept: 'application/json';
    'Idempotency-Key': string;
  };
  /** The exact text to send; a retry resends it byte for byte with the same key. */
  body: string;
}

export type BuildResult =
  | { ok: true; request: PatchRequest; warnings: Issue[] }
  | { ok: false; issues: Issue[] };

export type CustomerId =
  | { kind: 'uuid'; uuid: string }
  | { kind: 'external_id'; externalId: string };

// ---------------------------------------------------------------------------
// JSON Schema.

export type JSONValue = string | number | boolean | null | JSONValue[] | { [key: string]: JSONValue };

/** A JSON Schema (draft 2020-12) document or subschema. */
export interface JSONSchema {
  $schema?: string;
  $id?: string;
  $ref?: string;
  $defs?: { [name: string]: JSONSchema };
  title?: string;
  description?: string;
  type?: string | string[];
  enum?: JSONValue[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  properties?: { [name: string]: JSONSchema };
  required?: string[];
  additionalProperties?: boolean | JSONSchema;
  [keyword: string]: unknown;
}

// ---------------------------------------------------------------------------
// Standard Schema v1 (https://standardschema.dev), declared here so that the
// package has no dependency; compatible with `@standard-schema/spec` 1.1.

export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': StandardSchemaV1.Props<Input, Output>;
}

export declare namespace StandardSchemaV1 {
  interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown, options?: Options | undefined) => Result<Output> | Promise<Result<Output>>;
    readonly types?: Types<Input, Output> | undefined;
  }
  type Result<Output> = SuccessResult<Output> | FailureResult;
  interface SuccessResult<Output> {
    readonly value: Output;
    readonly issues?: undefined;
  }
  interface FailureResult {
    readonly issues: ReadonlyArray<Issue>;
  }
  interface Options {
    readonly libraryOptions?: Record<string, unknown> | undefined;
  }
  interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  interface PathSegment {
    readonly key: PropertyKey;
  }
  interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }
  type InferInput<Schema extends StandardSchemaV1> = NonNullable<Schema['~standard']['types']>['input'];
  type InferOutput<Schema extends StandardSchemaV1> = NonNullable<Schema['~standard']['types']>['output'];
}

/** Standard JSON Schema v1 options: only `"draft-2020-12"` is available (others throw). */
export interface StandardJSONSchemaOptions {
  readonly target: 'draft-2020-12' | 'draft-07' | 'openapi-3.0' | ({} & string);
  readonly libraryOptions?: Record<string, unknown> | undefined;
}

/** Our Standard Schema issue: the message, the path as an array of keys, and the stable code. */
export interface ContractStandardIssue extends StandardSchemaV1.Issue {
  readonly message: string;
  readonly path: ReadonlyArray<string>;
  /** The same code as `validateUpdate` / `validateCustomer` give: branch on it, never on the message. */
  readonly code: IssueCode;
}

export type ContractStandardResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<ContractStandardIssue> };

/**
 * A Standard Schema v1 (and Standard JSON Schema v1) whose `validate` is
 * synchronous. `Input` is the object type a form holds (`CustomerUpdate`,
 * `Customer`), so that form libraries infer their field values from it
 * (react-hook-form's `standardSchemaResolver`, TanStack Form); `validate`
 * still takes any value and reports what is wrong with it.
 */
export interface ContractStandardSchema<Input, Output = Input> extends StandardSchemaV1<Input, Output> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: 'ic-customer-contract';
    readonly validate: (value: unknown, options?: StandardSchemaV1.Options | undefined) => ContractStandardResult<Output>;
    readonly types?: StandardSchemaV1.Types<Input, Output> | undefined;
    readonly jsonSchema: {
      readonly input: (options: StandardJSONSchemaOptions) => JSONSchema;
      readonly output: (options: StandardJSONSchemaOptions) => JSONSchema;
    };
  };
}

// ---------------------------------------------------------------------------
// The functions. All synchronous once the module is loaded; inputs are never
// mutated; results are plain JSON-compatible objects.

/** `{ ok, issues, warnings }` for a PATCH body, with the freeze rules when `current` is given. Throws only for a malformed `current` (and, like every call, a `RangeError` when the module runs out of memory; the next call starts it anew). */
export function validateUpdate(update: unknown, current?: CurrentRecord | null, options?: CallOptions): ValidationResult;

/**
 * The same from JSON text, as a string or as its UTF-8 bytes (a `Uint8Array`,
 * such as a Node `Buffer`); text that is not JSON, or bytes that are not
 * UTF-8, are one `invalid_json` issue at `[]`.
 */
export function validateUpdateJson(text: string | Uint8Array, currentText?: string | Uint8Array | null, options?: CallOptions): ValidationResult;

/** A JSON array of `{ "update": ..., "current"?: ... }` (a string or its UTF-8 bytes): counts, and results for the items with issues or warnings. */
export function validateBatchJson(text: string | Uint8Array, options?: CallOptions): BatchResult;

/** `{ ok, issues, warnings }` for a customer record (the API's response). */
export function validateCustomer(record: unknown, options?: CallOptions): ValidationResult;

/** The minimal PATCH body that takes `current` to `desired`, and what could not go in it. */
export function diffUpdate(current: CurrentRecord, desired: CustomerUpdate, options?: CallOptions): DiffResult;

/** Per body field, what a form input needs; frozen fields are not editable. */
export function fieldRules(current?: CurrentRecord | null, options?: CallOptions): FieldRules;

/** The PATCH request ready for `fetch`, or every problem with the input. Throws only for a malformed `current`. */
export function buildPatchRequest(input: PatchRequestInput): BuildResult;

/** A UUID (lower-cased) or your `external_id`; throws on an empty, over-long or ill-formed id. */
export function parseCustomerId(id: string, options?: CallOptions): CustomerId;

/** A fresh UUID v4 (from `crypto.randomUUID` where there is one, else `crypto.getRandomValues`). */
export function newIdempotencyKey(): string;

/** The PATCH body's JSON Schema (draft 2020-12), a fresh copy each call. */
export function updateSchema(): JSONSchema;

/** The customer record's JSON Schema (draft 2020-12), a fresh copy each call. */
export function customerSchema(): JSONSchema;

/** A Standard Schema for the PATCH body; `current` is read once, now (throws now if malformed). */
export function updateStandardSchema(current?: CurrentRecord | null, options?: CallOptions): ContractStandardSchema<CustomerUpdate>;

/** A Standard Schema for the customer record. */
export function customerStandardSchema(options?: CallOptions): ContractStandardSchema<Customer>;

/** Resolves at once: the module is ready as soon as its import resolves. */
export function init(): Promise<void>;

/** The language of every later call that names none (English until then; `null`: English again). */
export function configure(settings: { locale?: Locale | null }): void;

/** The same issue with its message in `locale`, without validating again (an issue that went through JSON keeps its message). */
export function formatIssue(issue: Issue, locale: Locale): Issue;
