// Where a wasm module's bytes are, without tools: section sizes, and each
// function body's size with its name when the module has a name section.
// profile.mjs uses it when twiggy is not installed.

const SECTIONS = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'data count', 'tag'];

function reader(bytes) {
  let at = 0;
  const r = {
    get at() {
      return at;
    },
    set at(v) {
      at = v;
    },
    byte: () => bytes[at++],
    u32() {
      let result = 0;
      let shift = 0;
      for (;;) {
        const b = bytes[at++];
        result |= (b & 0x7f) << shift;
        if (!(b & 0x80)) return result >>> 0;
        shift += 7;
      }
    },
    name() {
      const n = r.u32();
      const s = new TextDecoder().decode(bytes.subarray(at, at + n));
      at += n;
      return s;
    },
    limits() {
      const flags = r.byte();
      r.u32();
      if (flags & 1) r.u32();
    },
  };
  return r;
}

/** { sections: [{ name, bytes }], functions: [{ index, name, bytes }] } */
export function wasmSizes(bytes) {
  const r = reader(bytes);
  r.at = 8; // magic and version
  const sections = [];
  const bodies = [];
  const names = new Map();
  let imported = 0;
  while (r.at < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    const start = r.at;
    const end = start + size;
    let label = SECTIONS[id] ?? `section ${id}`;
    if (id === 0) {
      const custom = r.name();
      label = `custom "${custom}"`;
      if (custom === 'name') {
        while (r.at < end) {
          const sub = r.byte();
          const subSize = r.u32();
          const subEnd = r.at + subSize;
          if (sub === 1) {
            for (let n = r.u32(); n > 0; n--) names.set(r.u32(), r.name());
          }
          r.at = subEnd;
        }
      }
    } else if (id === 2) {
      for (let n = r.u32(); n > 0; n--) {
        r.name();
        r.name();
        const kind = r.byte();
        if (kind === 0) {
          r.u32();
          imported++;
        } else if (kind === 1) {
          r.byte();
          r.limits();
        } else if (kind === 2) r.limits();
        else if (kind === 3) {
          r.byte();
          r.byte();
        } else if (kind === 4) {
          r.byte();
          r.u32();
        }
      }
    } else if (id === 10) {
      const count = r.u32();
      for (let i = 0; i < count; i++) {
        const bodySize = r.u32();
        bodies.push({ index: imported + i, bytes: bodySize + 1 });
        r.at += bodySize;
      }
    }
    sections.push({ name: label, bytes: size });
    r.at = end;
  }
  const functions = bodies.map((f) => ({ ...f, name: names.get(f.index) ?? `function[${f.index}]` }));
  return { sections, functions };
}
