// The consumer matrix (issue 12). Packs pkg/ (pkg/dist must be built: `cargo
// xtask build`), unpacks the tarball as node_modules/ic-customer-contract here,
// and has every consumer build and run the package by name, each as its own
// docs say, with no config for the package in any of them:
//   browser outputs run in headless Chromium: a valid body is ok, an empty
//   fullName gives too_short, no console error and no page error;
//   Node and test-runner outputs run; `tsc --strict` passes.
// Prints the "Works with" table of the README, and fails when the README's
// table is not this run's output (tool and version tested).
//
//   node run.mjs            every consumer
//   node run.mjs vite next  only those (by package name; worker, plain, node)

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as netServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
// The package folder to pack (another checkout's pkg/ to compare builds: CONSUMERS_PKG=/path/to/pkg).
const PKG = process.env.CONSUMERS_PKG || join(ROOT, 'pkg');
const README = join(ROOT, 'README.md');
const INSTALLED = join(HERE, 'node_modules', 'ic-customer-contract');
const BIN = (name) => join(HERE, 'node_modules', '.bin', name);
const CHROMIUM = '/usr/bin/chromium';
const EXPECTED = { ok: true, codes: ['too_short'] };
const only = process.argv.slice(2);

const version = (name) => JSON.parse(readFileSync(join(HERE, 'node_modules', name, 'package.json'), 'utf8')).version;

/** Runs a command to completion; throws with its output when it fails. */
function sh(cmd, args, { cwd = HERE, env = {}, timeout = 300_000 } = {}) {
  const r = spawnSync(cmd, args, {
    cwd,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0', ...env },
    encoding: 'utf8',
    timeout,
    maxBuffer: 1 << 26,
  });
  const output = `${r.stdout || ''}${r.stderr || ''}`;
  if (r.status !== 0) throw new Error(`${[cmd, ...args].join(' ')} (in ${cwd}) exited ${r.status ?? r.signal}:\n${output.slice(-4000)}`);
  return r.stdout || '';
}

/** Runs a Node script and returns the JSON line it prints last. */
function nodeOutput(file, args = []) {
  const lines = sh(process.execPath, [...args, file]).trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

function freePort() {
  return new Promise((resolve) => {
    const s = netServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** A long-running command (a dev or production server): resolves once `ready` matches its output. */
function serveWith(cmd, args, { cwd, ready, timeout = 180_000 }) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
      detached: true,
    });
    let output = '';
    let exited = false;
    const gone = new Promise((done) => child.on('exit', () => done((exited = true))));
    /** Stops the server and everything it started; resolves when it has exited. */
    const stop = () => {
      try {
        if (!exited) process.kill(-child.pid, 'SIGTERM');
      } catch {}
      return gone;
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`${cmd} ${args.join(' ')}: not ready after ${timeout / 1000}s:\n${output.slice(-3000)}`));
    }, timeout);
    const read = (chunk) => {
      output += chunk;
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve({ stop, output: () => output });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!ready.test(output)) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${output.slice(-3000)}`));
    });
  });
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json' };

/** A static server of `root` (by default this folder: the consumers' outputs and node_modules). */
function staticServer(root = HERE) {
  const server = createServer((req, res) => {
    let file = normalize(join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    if (!file.startsWith(root)) return res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let browser;
async function launch() {
  if (browser) return browser;
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return browser;
}

/** Opens `url` in Chromium: the JSON of #out (and of `extra` selectors), with no console error or page error. */
async function show(url, extra = []) {
  const page = await (await launch()).newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console.error: ${m.text()} (${m.location().url})`));
  try {
    await page.goto(url);
    await page.waitForFunction(() => document.querySelector('#out')?.textContent, null, { timeout: 60_000 }).catch(() => {});
    const text = await page.locator('#out').textContent({ timeout: 5000 }).catch(() => '');
    assert.ok(text, `${url} showed nothing; errors: ${errors.join('\n')}`);
    const shown = [JSON.parse(text)];
    for (const selector of extra) shown.push(JSON.parse(await page.locator(selector).textContent()));
    assert.deepEqual(errors, [], `${url}: errors in the page`);
    return shown;
  } finally {
    await page.close();
  }
}

async function inBrowser(url, extra) {
  const [out, ...rest] = await show(url, extra);
  assert.deepEqual(out, EXPECTED, url);
  return rest;
}

const fresh = (dir) => rmSync(join(HERE, dir), { recursive: true, force: true });

// ---------------------------------------------------------------------------
// The consumers: [tool, package whose version is shown, what was built and run, run].

let origin = '';

const CONSUMERS = [
  ['esbuild', 'esbuild', 'bundle: ESM and IIFE (page, classic worker) in Chromium; CJS, and `--platform=node` ESM and CJS, run in Node', async () => {
    fresh('esbuild/out');
    const esbuild = (entry, out, ...flags) => sh(BIN('esbuild'), [entry, '--bundle', '--minify', `--outfile=${out}`, ...flags], { cwd: join(HERE, 'esbuild') });
    esbuild('main.js', 'out/esm.js', '--format=esm');
    esbuild('main.js', 'out/iife.js', '--format=iife');
    esbuild('worker.js', 'out/worker.js', '--format=iife');
    esbuild('node.js', 'out/node.mjs', '--platform=node', '--format=esm');
    esbuild('node.js', 'out/node.cjs', '--platform=node', '--format=cjs');
    esbuild('node.js', 'out/browser.cjs', '--format=cjs'); // the browser platform's CJS output, run in Node
    await inBrowser(`${origin}/esbuild/esm.html`);
    await inBrowser(`${origin}/esbuild/iife.html`);
    // The bundles run from elsewhere: nothing is read next to them.
    const away = mkdtempSync(join(tmpdir(), 'ic-esbuild-'));
    for (const f of ['node.mjs', 'node.cjs', 'browser.cjs']) {
      sh('cp', [join(HERE, 'esbuild/out', f), away]);
      assert.deepEqual(nodeOutput(join(away, f)), EXPECTED, f);
    }
    rmSync(away, { recursive: true, force: true });
  }],
  ['Rollup', 'rollup', `+ @rollup/plugin-node-resolve ${version('@rollup/plugin-node-resolve')}, ESM bundle in Chromium`, async () => {
    fresh('rollup/out');
    sh(BIN('rollup'), ['main.js', '-p', '@rollup/plugin-node-resolve', '-f', 'es', '-o', 'out/main.js'], { cwd: join(HERE, 'rollup') });
    await inBrowser(`${origin}/rollup/index.html`);
  }],
  ['Vite', 'vite', '`vite build` and the `vite` dev server (dependency pre-bundling on), in Chromium', async () => {
    fresh('vite/dist');
    fresh('vite/node_modules');
    sh(BIN('vite'), ['build', '--logLevel', 'warn'], { cwd: join(HERE, 'vite') });
    // Vite's default base is '/': the build is served from its own root.
    const built = await staticServer(join(HERE, 'vite/dist'));
    try {
      await inBrowser(`http://127.0.0.1:${built.address().port}/`);
    } finally {
      built.close();
    }
    const port = await freePort();
    const dev = await serveWith(BIN('vite'), ['--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: join(HERE, 'vite'), ready: /Local:/ });
    try {
      await inBrowser(`http://127.0.0.1:${port}/`);
    } finally {
      await dev.stop();
    }
  }],
  ['webpack', 'webpack', `\`webpack --mode production\` (webpack-cli ${version('webpack-cli')}), in Chromium`, async () => {
    fresh('webpack/dist');
    sh(BIN('webpack'), ['--entry', './main.js', '--mode', 'production', '--output-path', 'dist'], { cwd: join(HERE, 'webpack') });
    await inBrowser(`${origin}/webpack/index.html`);
  }],
  ['Parcel', 'parcel', '`parcel build index.html`, in Chromium', async () => {
    fresh('parcel/dist');
    fresh('.parcel-cache');
    sh(BIN('parcel'), ['build', 'index.html', '--no-cache', '--dist-dir', 'dist', '--public-url', './'], { cwd: join(HERE, 'parcel') });
    await inBrowser(`${origin}/parcel/dist/index.html`);
  }],
  ['Next.js', 'next', `\`next build\` + \`next start\`, and \`next dev\` (React ${version('react')}): a server component calling \`fieldRules()\` in render, a client component, in Chromium`, async () => {
    const cwd = join(HERE, 'next');
    fresh('next/.next');
    sh(BIN('next'), ['build'], { cwd });
    const server = { maxLength: 255, codes: ['too_short'] };
    for (const mode of ['start', 'dev']) {
      const port = await freePort();
      const run = await serveWith(BIN('next'), [mode, '-p', String(port), '-H', '127.0.0.1'], { cwd, ready: /Ready in|✓ Ready/ });
      try {
        const [rendered] = await inBrowser(`http://127.0.0.1:${port}/`, ['#server']);
        assert.deepEqual(rendered, server, `next ${mode}: the server render`);
        assert.doesNotMatch(run.output(), /⨯|Error:/, `next ${mode}: server errors`);
      } finally {
        await run.stop();
      }
    }
  }],
  ['Jest', 'jest', `node and jsdom environments (CommonJS; jest-environment-jsdom ${version('jest-environment-jsdom')}), node environment (native ESM)`, async () => {
    sh(BIN('jest'), ['--ci', '--rootDir', 'jest', '\\.cjs$']);
    sh(BIN('jest'), ['--ci', '--rootDir', 'jest', '\\.mjs$'], { env: { NODE_OPTIONS: '--experimental-vm-modules --no-warnings' } });
  }],
  ['Vitest', 'vitest', `node and jsdom environments (jsdom ${version('jsdom')})`, async () => {
    sh(BIN('vitest'), ['run'], { cwd: join(HERE, 'vitest') });
  }],
  ['Web workers', null, 'a module worker (no bundler) and a classic worker (esbuild IIFE), in Chromium', async () => {
    if (!existsSync(join(HERE, 'esbuild/out/worker.js'))) throw new Error('run the esbuild consumer first (it builds the classic worker)');
    await inBrowser(`${origin}/worker/index.html`);
  }],
  ['`<script type="module">`', null, 'a page with an import map, no bundler, in Chromium', async () => {
    await inBrowser(`${origin}/plain/index.html`);
  }],
  ['Node.js', null, '`import` and `require` by name', async () => {
    assert.deepEqual(nodeOutput(join(HERE, 'node/esm.mjs')), EXPECTED);
    assert.deepEqual(nodeOutput(join(HERE, 'node/cjs.cjs')), EXPECTED);
  }],
  ['TypeScript', 'typescript', `\`tsc --strict\`: ESM with bundler, node16, nodenext; CommonJS (.cts) with node16, nodenext; react-hook-form ${version('react-hook-form')} + @hookform/resolvers ${version('@hookform/resolvers')} \`standardSchemaResolver\` and @tanstack/form-core ${version('@tanstack/form-core')} with no cast`, async () => {
    const tsc = (module, files) =>
      sh(BIN('tsc'), ['--strict', '--noEmit', '--target', 'es2022', '--lib', 'es2022,dom', '--module', module, '--moduleResolution', module === 'esnext' ? 'bundler' : module, ...files], { cwd: join(HERE, 'types') });
    tsc('esnext', ['esm.ts', 'forms.ts']);
    for (const mode of ['node16', 'nodenext']) tsc(mode, ['esm.ts', 'cjs.cts', 'forms.ts']);
  }],
];

// ---------------------------------------------------------------------------

function unpack() {
  const missing = ['index.js', 'index.cjs', 'node.mjs', 'node.cjs', 'wasm-inline.js'].filter((f) => !existsSync(join(PKG, 'dist', f)));
  if (missing.length) throw new Error(`pkg/dist lacks ${missing.join(', ')}: run \`cargo xtask build\` first`);
  const dir = mkdtempSync(join(tmpdir(), 'ic-pack-'));
  const [packed] = JSON.parse(sh('npm', ['pack', '--json', '--pack-destination', dir], { cwd: PKG }));
  rmSync(INSTALLED, { recursive: true, force: true });
  mkdirSync(INSTALLED, { recursive: true });
  sh('tar', ['-xzf', join(dir, packed.filename), '--strip-components=1', '-C', INSTALLED]);
  rmSync(dir, { recursive: true, force: true });
  console.log(`consumers: unpacked ${packed.filename} (${packed.size} bytes) into node_modules/ic-customer-contract`);
}

function table(rows) {
  const lines = ['| tool | version tested | built and run | config needed |', '| --- | --- | --- | --- |'];
  for (const r of rows) lines.push(`| ${r.tool} | ${r.version} | ${r.what} | none |`);
  return lines.join('\n');
}

const BEGIN = '<!-- consumers:begin (tests/consumers/run.mjs writes this table) -->';
const END = '<!-- consumers:end -->';

async function main() {
  unpack();
  const server = await staticServer();
  origin = `http://127.0.0.1:${server.address().port}`;
  const rows = [];
  const failures = [];
  const id = ([tool, pkg]) => pkg ?? { 'Web workers': 'worker', '`<script type="module">`': 'plain', 'Node.js': 'node' }[tool];
  const chosen = CONSUMERS.filter((c) => only.length === 0 || only.includes(id(c)));
  for (const [tool, pkg, what, run] of chosen) {
    const started = Date.now();
    // npm tools: the version the lockfile pins. Node and the browser come from the
    // machine: the table names Node's major and Debian's Chromium (the log has the
    // exact versions), so that a system update does not make the README wrong.
    const v = pkg ? version(pkg) : tool === 'Node.js' ? `${process.versions.node.split('.')[0]}` : "Debian's Chromium";
    const exact = pkg ? v : tool === 'Node.js' ? process.versions.node : `Chromium ${chromiumVersion()}`;
    try {
      await run();
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`ok   ${tool} ${exact} (${secs} s): ${what}`);
      rows.push({ tool, version: v, what });
    } catch (e) {
      console.log(`FAIL ${tool} ${exact}: ${e.stack || e}`);
      failures.push(tool);
    }
  }
  await browser?.close();
  server.close();
  const out = table(rows);
  console.log(`\n${out}\n`);
  if (failures.length) {
    console.error(`consumers: ${failures.length} failed: ${failures.join(', ')}`);
    process.exit(1);
  }
  if (only.length === 0) {
    const readme = readFileSync(README, 'utf8');
    const at = readme.indexOf(BEGIN);
    const end = readme.indexOf(END);
    const shown = at >= 0 && end > at ? readme.slice(at + BEGIN.length, end).trim() : null;
    if (shown !== out.trim()) {
      console.error(`consumers: README.md's "Works with" table (between ${BEGIN} and ${END}) is not this run's output; put the table above there.`);
      process.exit(1);
    }
  }
  console.log(`consumers: ${rows.length} passed`);
}

function chromiumVersion() {
  const out = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).stdout || '';
  return (out.match(/(\d+)\.\d+\.\d+\.\d+/) || [])[1] || '?';
}

await main();
