// (e) profile: where the package's time to first validation goes, in three
// kinds of fresh process (profile.mjs runs each 15 times):
//   node startup/package-phases.mjs entry   DIST   the entry as a user meets it:
//        import dist/node.mjs, first valid call, then a first invalid call,
//        and whether the wasm was instantiated before the first result;
//   node startup/package-phases.mjs modules DIST   what loading costs, piece by
//        piece: node:fs, globalThis.crypto, glue.js, wasm-inline.js (when the
//        build carries the wasm inline), api.js (with what it imports);
//   node startup/package-phases.mjs wasm    DIST   compiling the wasm as the
//        Node entry does (new WebAssembly.Module of the .wasm file it reads:
//        ic_customer_contract_node.wasm when the build has it; else the inline
//        text with the build's own compileWasm()) and instantiating it (the
//        glue's initSync).
// Prints { phases: { step: ms }, instantiatedBeforeFirstResult? }.
const t0 = performance.now();
const { join } = await import('node:path');
const { existsSync } = await import('node:fs');
const { pathToFileURL } = await import('node:url');
const [mode, dist] = process.argv.slice(2);
const url = (file) => pathToFileURL(join(dist, file)).href;
const phases = {};
let last = performance.now();
const mark = (name) => {
  const t = performance.now();
  phases[name] = t - last;
  last = t;
};
phases["the script's own imports (node:path, node:fs, node:url)"] = last - t0;
const inline = existsSync(join(dist, 'wasm-inline.js'));

const out = { phases };
if (mode === 'entry') {
  const pkg = await import(url('node.mjs'));
  mark('import dist/node.mjs (everything it does at load)');
  const ok = pkg.validateUpdate({ fullName: 'Jane Citizen', email: 'jane@example.com', phone: null }).ok;
  mark('first validateUpdate, valid body');
  const glue = await import(url('glue.js')); // the instance node.mjs imported
  try {
    glue.initSync(); // returns the exports if the entry instantiated the wasm; throws if not
    out.instantiatedBeforeFirstResult = true;
  } catch {
    out.instantiatedBeforeFirstResult = false;
  }
  last = performance.now();
  const issues = pkg.validateUpdate({ fullName: '', email: 'nope', phone: 5 }).issues.length;
  mark('then a first invalid body (in (e) since issue 11; a lazy wasm is compiled here)');
  if (ok !== true || issues !== 3) throw new Error('package-phases: wrong verdicts');
} else if (mode === 'modules') {
  await import('node:fs');
  mark('import node:fs');
  void globalThis.crypto;
  mark('first read of globalThis.crypto (Node sets up Web Crypto lazily)');
  await import(url('glue.js'));
  mark('load glue.js');
  if (inline) {
    await import(url('wasm-inline.js'));
    mark('load wasm-inline.js (the wasm as a string literal)');
  }
  await import(url('api.js'));
  mark('load api.js and what it imports');
} else if (mode === 'wasm') {
  const { readFileSync } = await import('node:fs');
  const glue = await import(url('glue.js'));
  const file = ['ic_customer_contract_node.wasm', 'ic_customer_contract_bg.wasm'].find((f) => existsSync(join(dist, f)));
  let module;
  if (file === 'ic_customer_contract_node.wasm' || !inline) {
    last = performance.now();
    const bytes = readFileSync(join(dist, file));
    mark(`read ${file} (what the Node entry reads)`);
    module = new WebAssembly.Module(bytes);
    mark('compile the .wasm: new WebAssembly.Module');
  } else {
    const { compileWasm } = await import(url('wasm-inline.js'));
    last = performance.now();
    module = compileWasm();
    mark('decode the inline text and compile: compileWasm()');
  }
  glue.initSync({ module });
  mark('instantiate: the glue\'s initSync');
} else {
  throw new Error('usage: node startup/package-phases.mjs entry|modules|wasm DIST');
}
process.stdout.write(JSON.stringify(out));
