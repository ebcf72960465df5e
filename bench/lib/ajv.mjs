// ajv 8 (draft 2020-12) on the package's own JSON Schema (updateSchema()).
import Ajv2020 from 'ajv/dist/2020.js';

import { frozenProblems } from './rules.mjs';

/**
 * `new Ajv2020({ allErrors: true, strict: false })`, the issue's settings;
 * `logger: false` only silences the "unknown format ignored" warning when no
 * formats are added (the schema's `pattern` carries the email rule then).
 * `formats`: ajv-formats' default export, to add `format: "email"` too.
 */
export function ajvValidator(schema, formats = null) {
  const ajv = new Ajv2020({ allErrors: true, strict: false, logger: false });
  if (formats) formats(ajv);
  return ajv.compile(schema);
}

/** Issues of one value (0 = valid). */
export const countAjv = (validate, value) => (validate(value) ? 0 : validate.errors.length);

/** ajv plus the freeze rules, as user code: the schema's errors, then the frozen ones. */
export function ajvWithFreeze(validate) {
  return (body, current) => {
    const errors = validate(body) ? [] : validate.errors.slice();
    const frozen = frozenProblems(body, current);
    return frozen.length ? errors.concat(frozen) : errors;
  };
}
