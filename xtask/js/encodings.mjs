// Weighs ways to carry the wasm bytes inside a JavaScript module (issue 12):
// for each encoding, the module `export const W = "...";` as written, and as
// esbuild's minifier rewrites it (default ASCII output, and --charset=utf8),
// raw and gzip -9 bytes (Node's zlib), against the binary's own gzip -9.
// The last row is the literal pkg/build.mjs shipped in pkg/dist/wasm-inline.js.
// Usage: node xtask/js/encodings.mjs [WASM] [DIST]   (default pkg/dist; esbuild from xtask/js)
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { transformSync } from 'esbuild';

const dist = process.argv[3] || 'pkg/dist';
const wasm = readFileSync(process.argv[2] || `${dist}/ic_customer_contract_bg.wasm`);
const gz = (s) => gzipSync(Buffer.from(s), { level: 9 }).length;

function base64(b) {
  return JSON.stringify(Buffer.from(b).toString('base64'));
}

// Base85 with an alphabet that needs no escape in a "..." literal.
const B85 = '!#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~ '.slice(0, 85);
function base85(b) {
  let out = '';
  for (let i = 0; i < b.length; i += 4) {
    let n = ((b[i] << 24) | ((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0)) >>> 0;
    let chunk = '';
    for (let j = 0; j < 5; j++) {
      chunk = B85[n % 85] + chunk;
      n = Math.floor(n / 85);
    }
    out += chunk;
  }
  return '"' + out + '"';
}

/** One char per byte: char = (byte + k) & 255, escaping only what a "..." literal needs. */
function latin1(b, k) {
  let out = '"';
  for (const byte of b) {
    const c = (byte + k) & 255;
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else out += String.fromCharCode(c);
  }
  return out + '"';
}

const rows = [];
function weigh(name, literal) {
  const src = `export const W = ${literal};\n`;
  const ascii = transformSync(src, { minify: true, format: 'esm' }).code;
  const utf8 = transformSync(src, { minify: true, format: 'esm', charset: 'utf8' }).code;
  rows.push([name, Buffer.byteLength(src), gz(src), Buffer.byteLength(ascii), gz(ascii), Buffer.byteLength(utf8), gz(utf8)]);
}

weigh('base64', base64(wasm));
weigh('base85 (no-escape alphabet)', base85(wasm));
let best = null;
for (let k = 0; k < 256; k++) {
  const lit = latin1(wasm, k);
  const size = Buffer.byteLength(lit);
  if (!best || size < best.size) best = { k, size };
}
weigh('one char per byte, raw UTF-8 (k = 0)', latin1(wasm, 0));
weigh(`one char per byte, raw UTF-8, shifted (k = ${best.k}: smallest file)`, latin1(wasm, best.k));
const shipped = readFileSync(`${dist}/wasm-inline.js`, 'utf8');
const literal = shipped.match(/^const WASM_TEXT = (".*");$/m)[1];
const shift = shipped.match(/^const WASM_SHIFT = (\d+);$/m)[1];
weigh(`shipped: one char per byte, ASCII only (\\xNN escapes), k = ${shift}`, literal);

console.log(`wasm: ${wasm.length} bytes, gzip -9 ${gz(wasm)}\n`);
console.log('| encoding | module as written: raw | gz | esbuild --minify (ASCII): raw | gz | esbuild --minify --charset=utf8: raw | gz |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(`| ${r[0]} | ${r.slice(1).map((n) => n.toLocaleString('en-US')).join(' | ')} |`);
