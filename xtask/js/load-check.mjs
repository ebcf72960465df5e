// Instantiates the optimized wasm with its wasm-bindgen glue in Node: a broken
// wasm-opt output (e.g. a table export pointing at the wrong table) fails here,
// at build time, instead of in a user's browser.
// Usage: node xtask/js/load-check.mjs OPTIMIZED.wasm GLUE.js
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [wasm, glue] = process.argv.slice(2);
if (!wasm || !glue) {
  console.error("usage: node xtask/js/load-check.mjs OPTIMIZED.wasm GLUE.js");
  process.exit(2);
}
const bindings = await import(pathToFileURL(resolve(glue)).href);
const exports = bindings.initSync({ module: readFileSync(wasm) });
const functions = Object.keys(exports).filter((k) => typeof exports[k] === "function");
console.log(`ok: ${wasm} instantiates with ${glue} (${functions.length} wasm exports)`);
