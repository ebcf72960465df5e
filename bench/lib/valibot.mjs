// valibot 1: the same rules (see rules.mjs).
import * as v from 'valibot';

import { EMAIL_PATTERN, FROZEN, changes, withinChars } from './rules.mjs';

/**
 * valibot's object schemas accept arrays (an array is an object with no
 * unknown keys); the contract, ajv and zod reject them. This guard first
 * keeps the rule the same.
 */
const object = (entries) =>
  v.pipe(v.custom((x) => !Array.isArray(x), 'Invalid type: Expected Object but received Array'), v.strictObject(entries));

export function valibotSchema() {
  return object({
    fullName: v.optional(v.pipe(v.string(), v.minLength(1), v.check(withinChars(255), 'Too long: at most 255 characters'))),
    email: v.optional(v.pipe(v.string(), v.maxLength(255), v.regex(new RegExp(EMAIL_PATTERN)))),
    phone: v.optional(v.nullable(v.pipe(v.string(), v.check(withinChars(32), 'Too long: at most 32 characters')))),
    risk: v.optional(
      object({
        isNewCustomer: v.optional(v.boolean()),
        isDesignatedService: v.optional(v.boolean()),
        handlesCashOrCrypto: v.optional(v.boolean()),
      }),
    ),
  });
}

/** Issues of one value (0 = valid). */
export const countValibot = (schema, value) => {
  const r = v.safeParse(schema, value);
  return r.success ? 0 : r.issues.length;
};

/** The schema bound to one current record: `forward(check)` puts each issue on its field. */
export function valibotWithFreeze(schema, current) {
  const unchanged = ([field, recordField]) =>
    v.forward(
      v.check(
        (body) => current.kyc_status !== 'VERIFIED' || !changes(body, current, field, recordField),
        `${field} cannot change after verification`,
      ),
      [field],
    );
  return v.pipe(schema, ...FROZEN.map(unchanged));
}
