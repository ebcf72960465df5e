// When the wasm module is instantiated: an entry may defer that to the first
// call that needs it (the Node and default entries do: a valid body never
// needs it). api.js and tape.js ask for it before any call into the module.

let LOAD = null;

/** Sets what instantiates the module (a function), or null when it is ready. */
export function setLoad(load) {
  LOAD = typeof load === 'function' ? load : null;
}

/** Makes sure the module is instantiated. */
export function loaded() {
  if (LOAD !== null) {
    // Cleared only once it worked: an engine that refuses the wasm gives its
    // own error on every call, never an undefined export.
    LOAD();
    LOAD = null;
  }
}
