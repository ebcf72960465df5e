// Bundles what a browser gets from the package the way a web app's bundler
// does (esbuild, minified, ESM), into OUT_DIR:
//   page.js           a page importing validateUpdate from the default entry
//                     (dist/index.js: the wasm travels inside the JavaScript);
//                     what the size budget counts
//   all.js            every export of the default entry
//   page-wasm-url.js  the same page on the opt-in `wasm-url` entry, which
//                     fetches the .wasm as a separate file (add its size)
// `cargo xtask build` gzips them and prints the figures.
// Usage: node xtask/js/payload.mjs OUT_DIR
import { build } from "esbuild";
import { join, resolve } from "node:path";

const [out] = process.argv.slice(2);
if (!out) {
  console.error("usage: node xtask/js/payload.mjs OUT_DIR");
  process.exit(2);
}
const entry = (file) => JSON.stringify(resolve("pkg/dist", file));
const pages = {
  "page.js": `import { validateUpdate } from ${entry("index.js")};\nglobalThis.validateUpdate = validateUpdate;\n`,
  "all.js": `import * as contract from ${entry("index.js")};\nglobalThis.contract = contract;\n`,
  "page-wasm-url.js": `import { validateUpdate } from ${entry("wasm-url.js")};\nglobalThis.validateUpdate = validateUpdate;\n`,
};
for (const [name, contents] of Object.entries(pages)) {
  await build({
    stdin: { contents, resolveDir: process.cwd(), sourcefile: "page.js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    outfile: join(out, name),
    logLevel: "warning",
  });
}
