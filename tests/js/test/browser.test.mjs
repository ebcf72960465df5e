// The package in a real browser (Debian's headless Chromium through
// playwright-core): a Vite 7 production build and dev server of a one-file page
// that imports the package by name, with no config; plain <script type="module">
// pages that import dist/index.js (the default entry, wasm inlined) and
// dist/wasm-url.js (the opt-in entry that fetches the .wasm file) with no
// bundler, served from a non-secure origin. The other bundlers, frameworks and
// test runners are in tests/consumers.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import { build, createServer as createViteServer } from 'vite';
import { INSTALLED, SCRATCH } from './paths.mjs';
import { UUID_V4, launchChromium } from './helpers.mjs';

const HOST = 'ic-contract.test'; // mapped to 127.0.0.1: an http origin that is not a secure context

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };

/** A tiny static server: each URL prefix maps to a directory. */
function serve(routes) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x').pathname;
    for (const [prefix, dir] of Object.entries(routes)) {
      if (!url.startsWith(prefix)) continue;
      let file = normalize(join(dir, decodeURIComponent(url.slice(prefix.length))));
      if (!file.startsWith(dir)) break;
      if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
      if (!existsSync(file)) break;
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
      res.end(readFileSync(file));
      return;
    }
    res.writeHead(404).end('not found');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// The page's script: validate one invalid and one valid body, show the result.
const PAGE_SCRIPT = `
const out = document.querySelector('#out');
const bad = validateUpdate({ fullName: '', email: 'jane@', phone: 5n });
const good = validateUpdate({ fullName: 'Jane Doe', email: 'jane@example.com', risk: { isNewCustomer: true } });
out.textContent = JSON.stringify({
  bad: bad.issues.map((i) => [i.path.join('.'), i.code, i.message]),
  good,
  json: validateUpdateJson('{"fullName": "😀".repeat}').issues.map((i) => i.code),
  frozen: validateUpdate({ email: 'x@y.z' }, { kyc_status: 'VERIFIED', email: 'a@b.c' }).issues.map((i) => i.code),
  key: newIdempotencyKey(),
  secure: window.isSecureContext,
});
`;

let browser;
const servers = [];

before(async () => {
  browser = await launchChromium([`--host-resolver-rules=MAP ${HOST} 127.0.0.1`]);
});

after(async () => {
  await browser?.close();
  for (const server of servers) server.close();
});

async function show(url) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('#out')?.textContent, null, { timeout: 20000 }).catch(() => {});
  const text = await page.locator('#out').textContent();
  await page.close();
  assert.ok(text, `the page showed nothing; errors: ${errors.join('\n')}`);
  assert.deepEqual(errors, []);
  return JSON.parse(text);
}

function check(shown) {
  assert.deepEqual(shown.bad.map(([path, code]) => [path, code]), [
    ['fullName', 'too_short'],
    ['email', 'invalid_email'],
    ['phone', 'invalid_type'],
  ]);
  assert.equal(shown.bad[0][2], 'Full name must not be empty.');
  assert.deepEqual(shown.good, { ok: true, issues: [], warnings: [] });
  assert.deepEqual(shown.json, ['invalid_json']);
  assert.deepEqual(shown.frozen, ['frozen_field']);
  assert.match(shown.key, UUID_V4);
}

test('a Vite 7 production build importing the package by name runs in Chromium', async () => {
  const app = join(SCRATCH, 'vite-app');
  rmSync(app, { recursive: true, force: true });
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, 'index.html'), '<!doctype html><meta charset="utf-8"><title>vite</title><link rel="icon" href="data:,"><pre id="out"></pre><script type="module" src="./main.js"></script>\n');
  writeFileSync(join(app, 'main.js'), `import { validateUpdate, validateUpdateJson, newIdempotencyKey } from 'ic-customer-contract';\n${PAGE_SCRIPT}`);
  await build({ root: app, logLevel: 'warn', build: { outDir: join(app, 'dist'), emptyOutDir: true } });
  const assets = readdirSync(join(app, 'dist', 'assets'));
  // The default entry carries the wasm inside its JavaScript: no asset to copy or to 404.
  assert.ok(!assets.some((f) => f.endsWith('.wasm')), `no .wasm asset: ${assets}`);
  // sideEffects: false lets the bundler drop what the page does not use: the
  // schemas' text and the glue of unused exports.
  const js = assets.filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(app, 'dist', 'assets', f), 'utf8')).join('');
  assert.doesNotMatch(js, /draft\/2020-12|validate_batch_json|build_patch_request/);
  const server = await serve({ '/': join(app, 'dist') });
  servers.push(server);
  const shown = await show(`http://127.0.0.1:${server.address().port}/`);
  check(shown);
});

for (const [entry, what] of [
  ['index.js', 'the default entry, wasm inlined'],
  ['wasm-url.js', 'the opt-in entry that fetches its .wasm'],
]) {
  test(`a plain <script type="module"> page imports dist/${entry} (${what}), in a non-secure context`, async () => {
    const page = join(SCRATCH, `plain-page-${entry}`);
    mkdirSync(page, { recursive: true });
    writeFileSync(
      join(page, 'index.html'),
      '<!doctype html><meta charset="utf-8"><title>plain</title><link rel="icon" href="data:,"><pre id="out"></pre>\n' +
        `<script type="module">\nimport { validateUpdate, validateUpdateJson, newIdempotencyKey } from '/pkg/dist/${entry}';\n${PAGE_SCRIPT}</script>\n`,
    );
    const server = await serve({ '/pkg/': INSTALLED, '/': page });
    servers.push(server);
    const shown = await show(`http://${HOST}:${server.address().port}/`);
    check(shown);
    assert.equal(shown.secure, false, 'keys come from crypto.getRandomValues, which needs no secure context');
  });
}

test('the Vite dev server, with no config: the package is pre-bundled like any other', async () => {
  const app = join(SCRATCH, 'vite-app'); // written by the build test above
  rmSync(join(SCRATCH, 'vite-cache'), { recursive: true, force: true });
  const server = await createViteServer({
    root: app,
    logLevel: 'silent',
    cacheDir: join(SCRATCH, 'vite-cache'),
    server: { host: '127.0.0.1', port: 0 },
  });
  await server.listen();
  try {
    check(await show(server.resolvedUrls.local[0]));
  } finally {
    await server.close();
  }
});
