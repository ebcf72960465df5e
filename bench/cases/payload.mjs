// Case (g): the browser payload of a minimal page per library.
// `node cases/payload.mjs` prints { case, rows, checks }.
//
// Each page (bench/pages/<lib>.mjs, sharing pages/page.mjs: a form of the
// body's fields validated on input) is bundled the same way, by esbuild
// (`bundle`, `minify`, `format: esm`, `platform: browser`, so the package
// resolves to its browser entry: its default export condition). What the
// browser downloads is the bundle plus, if the entry loads one, the .wasm
// file the bundle fetches (`new URL('….wasm', import.meta.url)`: esbuild does
// not follow it, so the file is copied beside the bundle, as a bundler's asset
// step would); an entry that carries the wasm inside its JavaScript has it in
// the bundle already. The figure is the sum of the sizes of those files
// gzipped by Node's zlib at level 9 (`gzipSync`: a few dozen bytes off GNU
// `gzip -9 -n`, which `cargo xtask build` and the size budget use);
// the HTML, the same for every page, is not counted. Issue 11's target (g)
// is the default entry's page ("ic-customer-contract"); when the package also
// exports `ic-customer-contract/wasm-url` (the wasm as a file, opt-in), its
// page is a row of its own.
// When /usr/bin/chromium exists, each page is then served from 127.0.0.1
// and loaded headless, twice: it must show "valid" for the prefilled form
// and a message for an invalid email (#invalid), which proves the bundle
// (and the wasm) runs.

import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';

import { build } from 'esbuild';

import { OUT, writeSchemaModule } from '../lib/out.mjs';

const run = promisify(execFile);

const pkgJson = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('ic-customer-contract/package.json'), 'utf8'));
const PAGES = {
  'ic-customer-contract': 'package.mjs',
  ...(pkgJson.exports?.['./wasm-url'] ? { 'ic-customer-contract/wasm-url (opt-in entry)': 'package-wasm-url.mjs' } : {}),
  'ajv + ajv-formats': 'ajv-formats.mjs',
  ajv: 'ajv.mjs',
  zod: 'zod.mjs',
  valibot: 'valibot.mjs',
};
const slug = (lib) => lib.replace(/[^a-z0-9]+/g, '-');
const HTML = `<!doctype html>
<meta charset="utf-8">
<title>payload</title>
<form>
  <input name="fullName" value="Jane Citizen">
  <input name="email" value="jane@example.com">
  <input name="phone" value="">
  <input name="isNewCustomer" type="checkbox">
</form>
<output></output>
<script type="module" src="./page.js"></script>
`;

writeSchemaModule();
const root = join(OUT, 'payload');
rmSync(root, { recursive: true, force: true });
const pkgDist = join(dirname(realpathSync(createRequire(import.meta.url).resolve('ic-customer-contract/package.json'))), 'dist');

const rows = [];
for (const [lib, page] of Object.entries(PAGES)) {
  const dir = join(root, slug(lib));
  mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: [new URL(`../pages/${page}`, import.meta.url).pathname],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outfile: join(dir, 'page.js'),
    logLevel: 'error',
  });
  const js = readFileSync(join(dir, 'page.js'), 'utf8');
  // Only a wasm the bundle loads by URL (a file name in a message is not a download).
  const loaded = [...js.matchAll(/new URL\(\s*["'`](?:\.\/)?([\w.-]+\.wasm)["'`]\s*,\s*import\.meta\.url\s*\)/g)].map((m) => m[1]);
  for (const wasm of new Set(loaded)) {
    if (!existsSync(join(pkgDist, wasm))) throw new Error(`case g: the ${lib} bundle fetches ${wasm}, not in ${pkgDist}`);
    copyFileSync(join(pkgDist, wasm), join(dir, wasm));
  }
  const files = readdirSync(dir).map((name) => {
    const data = readFileSync(join(dir, name));
    return { name, raw: data.length, gzip: gzipSync(data, { level: 9 }).length };
  });
  writeFileSync(join(dir, 'index.html'), HTML);
  const sum = (key) => files.reduce((a, f) => a + f[key], 0);
  rows.push({ name: lib, bytes: sum('gzip'), raw: sum('raw'), files });
}

const ajvFormats = rows.find((r) => r.name === 'ajv + ajv-formats').bytes;
for (const r of rows) r.ratio = r.bytes / ajvFormats;

// Load each page in headless Chromium, if there is one.
const checks = { browser: null };
const CHROMIUM = '/usr/bin/chromium';
if (existsSync(CHROMIUM)) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
  const server = createServer((req, res) => {
    const file = join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!file.startsWith(root) || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${server.address().port}`;
  const flags = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--virtual-time-budget=5000'];
  const shown = async (url) => {
    const { stdout } = await run(CHROMIUM, [...flags, '--dump-dom', url], { timeout: 60_000, maxBuffer: 1 << 24 });
    return /<output>([^<]*)<\/output>/.exec(stdout)?.[1] ?? '(no output)';
  };
  checks.browser = {};
  try {
    for (const { name } of rows) {
      const page = `${base}/${slug(name)}/index.html`;
      const valid = await shown(page);
      const invalid = await shown(page + '#invalid');
      checks.browser[name] = { valid, invalid };
      if (valid !== 'valid' || invalid === 'valid' || invalid === '' || invalid === '(no output)') {
        throw new Error(`case g: the ${name} page showed ${JSON.stringify(valid)} / ${JSON.stringify(invalid)} in Chromium`);
      }
    }
  } finally {
    server.close();
  }
}
console.log(JSON.stringify({ case: 'g', rows, checks }));
