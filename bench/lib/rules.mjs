// What the peer libraries share: the rule constants, the code-point count,
// and the freeze rules as the plain function an ajv user writes next to the
// schema. No library imports here, so a startup script or a page that
// imports one peer loads only that peer.
//
// Rules (CONTRACT.md section 1, the stateless part):
// - fullName: string, 1..255 characters counted as code points (as JSON
//   Schema counts them). zod and valibot count UTF-16 units, so their max is a
//   check exact in code points: `s.length <= max` (units >= code points, so
//   that alone proves it) or else a count of code points. Their `min(1)` is
//   already exact: a string has a unit iff it has a code point.
// - email: string, at most 255 characters, matching the WHATWG pattern
//   (updateSchema().properties.email.pattern; cases/micro.mjs checks that
//   EMAIL_PATTERN is still that). The pattern is ASCII-only, so units and
//   code points agree on anything it accepts.
// - phone: string (at most 32 code points, same check as fullName) or null.
// - risk: an object of three optional booleans, no other key.
// - no unknown key anywhere (strict objects).
// Not written in the peers (ajv's schema has neither): the package's
// rejection of unpaired surrogates and its near-miss hints for unknown keys.

export const EMAIL_PATTERN =
  "^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$";

/** Code points of a string, without allocating. */
export function codePoints(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** At most `max` code points; the common case costs one comparison. */
export const withinChars = (max) => (s) => s.length <= max || codePoints(s) <= max;

/** Body field -> record field, for the freeze rules (frozen when kyc_status is VERIFIED). */
export const FROZEN = [
  ['fullName', 'full_name'],
  ['email', 'email'],
];

/** Whether `body[field]` changes the record: absent is no change; a null on the record and a value in the body is. */
export const changes = (body, current, field, recordField) =>
  body[field] !== undefined && body[field] !== (current[recordField] ?? null);

/** The frozen-field problems of `body` against `current` (snake_case API record), ajv-error-shaped. */
export function frozenProblems(body, current) {
  const out = [];
  if (current && current.kyc_status === 'VERIFIED' && body && typeof body === 'object') {
    for (const [field, recordField] of FROZEN) {
      if (changes(body, current, field, recordField)) {
        out.push({ instancePath: '/' + field, keyword: 'frozen', message: `${field} cannot change after verification` });
      }
    }
  }
  return out;
}
