// Bundles everything the package gives a browser (every export of
// pkg/dist/browser.js, with the glue and the schemas) the way a web app's
// bundler does (esbuild, minified, ESM), into OUT.js. The wasm it loads is a
// separate file; `cargo xtask build` gzips both and adds them up.
// Usage: node xtask/js/payload.mjs OUT.js
import { build } from "esbuild";
import { resolve } from "node:path";

const [out] = process.argv.slice(2);
if (!out) {
  console.error("usage: node xtask/js/payload.mjs OUT.js");
  process.exit(2);
}
const entry = `import * as contract from ${JSON.stringify(resolve("pkg/dist/browser.js"))};\nglobalThis.contract = contract;\n`;
await build({
  stdin: { contents: entry, resolveDir: process.cwd(), sourcefile: "page.js" },
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  outfile: out,
  logLevel: "warning",
});
