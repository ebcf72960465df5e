// Case (h): one CRM sync step, per call. `node cases/request.mjs [--quick]`
// prints { case, rows, checks }.
//
// The package's `buildPatchRequest({ id, update, current })` against the same
// request written by hand: ajv on the body plus the freeze rules (the plain
// function of cases (c) and (d), since the package checks them too when given
// `current`), then the URL (`encodeURIComponent` of the id), the three headers
// with `crypto.randomUUID()` as the idempotency key, and `JSON.stringify` of
// the body. The package's `diffUpdate(current, desired)` is timed in the same
// rounds and reported against the same hand-written request (issue 11: "in
// the same range"). 8 items (SYNC_ITEMS in bench/lib/data.mjs), cycled.
//
// Checked before timing, for every item: both ways build a request (ok), with
// the same URL, headers (the key a lower-case UUID v4 each time) and body
// text; diffUpdate finds exactly the update written in SYNC_ITEMS and skips nothing.

import { buildPatchRequest, diffUpdate, updateSchema } from 'ic-customer-contract';

import { ajvValidator } from '../lib/ajv.mjs';
import { SYNC_ITEMS } from '../lib/data.mjs';
import { frozenProblems } from '../lib/rules.mjs';
import { compare } from '../lib/timing.mjs';

const quick = process.argv.includes('--quick');
const BASE_URL = 'https://app.instantcompliance.ai/api/v1'; // the package's default (index.d.ts)
const ajv = ajvValidator(updateSchema());

/** The request as an app writes it with ajv: `{ ok, request }` or `{ ok: false, issues }`, as the package answers. */
function byHand(id, update, current) {
  const issues = ajv(update) ? [] : ajv.errors.slice();
  const frozen = frozenProblems(update, current);
  if (issues.length || frozen.length) return { ok: false, issues: issues.concat(frozen) };
  return {
    ok: true,
    request: {
      method: 'PATCH',
      url: `${BASE_URL}/customers/${encodeURIComponent(id)}`,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify(update),
    },
  };
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const shape = (r) => {
  const { 'Idempotency-Key': key, ...rest } = r.request.headers;
  if (!UUID_V4.test(key)) throw new Error(`case h: idempotency key ${key} is not a lower-case UUID v4`);
  return JSON.stringify({ method: r.request.method, url: r.request.url, headers: rest, body: r.request.body });
};
for (const [i, { id, current, desired, update }] of SYNC_ITEMS.entries()) {
  const pkg = buildPatchRequest({ id, update, current });
  const hand = byHand(id, update, current);
  if (!pkg.ok || !hand.ok) throw new Error(`case h: item ${i} not ok: package ${JSON.stringify(pkg)}, by hand ${JSON.stringify(hand)}`);
  if (shape(pkg) !== shape(hand)) throw new Error(`case h: item ${i}: the requests differ:\n${shape(pkg)}\n${shape(hand)}`);
  const diff = diffUpdate(current, desired);
  if (JSON.stringify(diff.update) !== JSON.stringify(update) || diff.skipped.length) {
    throw new Error(`case h: item ${i}: diffUpdate gave ${JSON.stringify(diff)}, not ${JSON.stringify(update)}`);
  }
}

const len = SYNC_ITEMS.length;
const ops = {
  'ic-customer-contract buildPatchRequest': (it) => (buildPatchRequest({ id: it.id, update: it.update, current: it.current }).ok ? 1 : 0),
  'by hand: ajv + JSON.stringify + crypto.randomUUID': (it) => (byHand(it.id, it.update, it.current).ok ? 1 : 0),
  'ic-customer-contract diffUpdate': (it) => diffUpdate(it.current, it.desired).skipped.length + 1,
};
const rows = compare(
  Object.entries(ops).map(([name, op]) => ({
    name,
    fn(n) {
      let s = 0;
      for (let i = 0; i < n; i++) s += op(SYNC_ITEMS[i % len]);
      return s;
    },
  })),
  {
    reference: 'by hand: ajv + JSON.stringify + crypto.randomUUID',
    rounds: quick ? 5 : 31,
    sampleMs: quick ? 5 : 20,
    warmupMs: quick ? 100 : 1000,
  },
);
console.log(JSON.stringify({ case: 'h', rows, checks: { items: len, sameRequests: true, diffsAsWritten: true } }));
