// zod 4 (the classic `zod` import): the same rules (see rules.mjs).
import { z } from 'zod';

import { EMAIL_PATTERN, FROZEN, changes, withinChars } from './rules.mjs';

export function zodSchema() {
  return z.strictObject({
    fullName: z.string().min(1).refine(withinChars(255), { message: 'Too long: at most 255 characters' }).optional(),
    email: z.string().max(255).regex(new RegExp(EMAIL_PATTERN)).optional(),
    phone: z.string().refine(withinChars(32), { message: 'Too long: at most 32 characters' }).nullable().optional(),
    risk: z
      .strictObject({
        isNewCustomer: z.boolean().optional(),
        isDesignatedService: z.boolean().optional(),
        handlesCashOrCrypto: z.boolean().optional(),
      })
      .optional(),
  });
}

/** Issues of one value (0 = valid). */
export const countZod = (schema, value) => {
  const r = schema.safeParse(value);
  return r.success ? 0 : r.error.issues.length;
};

/** The schema bound to one current record (a form builds it once when the record loads). */
export function zodWithFreeze(schema, current) {
  return schema.superRefine((body, ctx) => {
    if (current.kyc_status !== 'VERIFIED') return;
    for (const [field, recordField] of FROZEN) {
      if (changes(body, current, field, recordField)) {
        ctx.addIssue({ code: 'custom', path: [field], message: `${field} cannot change after verification` });
      }
    }
  });
}
