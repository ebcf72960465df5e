// The message table is one source: pkg/src/messages.js is generated from
// src/messages.rs (a Rust test keeps it fresh), and pkg/src/render.js writes,
// for every sample the crate generated (every template, both plural forms,
// every message the fixture tables and the request and batch paths produce),
// exactly the English sentence the crate wrote for it.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FIXTURES, ROOT } from './paths.mjs';

const { ENGLISH } = await import(join(ROOT, 'pkg', 'src', 'messages.js'));
const { render } = await import(join(ROOT, 'pkg', 'src', 'render.js'));
const samples = JSON.parse(readFileSync(join(FIXTURES, 'message-samples.json'), 'utf8'));

test('the JavaScript renderer writes the crate\'s English for every sample', () => {
  assert.ok(samples.length > 150, `${samples.length} samples`);
  const ids = new Set();
  for (const { msg, english } of samples) {
    assert.equal(render(ENGLISH, msg.id, msg.args), english, JSON.stringify(msg));
    ids.add(msg.id);
  }
  // Every template (not the phrases it names) is among the samples.
  const templates = Object.keys(ENGLISH).filter((id) => !/^(label|of|expected|received|json)\./.test(id) || id === 'json.invalid' || id === 'json.current');
  for (const id of templates) assert.ok(ids.has(id), `no sample of ${id}`);
  console.log(`# ${samples.length} message samples, ${ids.size} templates: 0 differences`);
});

test('plural forms follow the plural function given (a locale\'s Intl.PluralRules)', () => {
  const table = { n: '{n, plural, one {# item} few {# items (few)} other {# items}}', x: 'x' };
  const pl = new Intl.PluralRules('pl');
  assert.equal(render(table, 'n', { n: 1 }), '1 item');
  assert.equal(render(table, 'n', { n: 3 }), '3 items');
  assert.equal(render(table, 'n', { n: 3 }, (n) => pl.select(n)), '3 items (few)');
  // A category the template lacks falls back to `other`.
  assert.equal(render(table, 'n', { n: 5 }, (n) => pl.select(n)), '5 items');
});

test('text arguments are shown as they are, never read as templates', () => {
  assert.equal(render(ENGLISH, 'field.unknown', { key: '{label}', of: { p: 'of.update' } }), '"{label}" is not a field of the update.');
  assert.equal(render(ENGLISH, 'no such id', {}), '');
});
