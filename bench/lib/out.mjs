// bench/out/ (gitignored): files the cases generate. The ajv startup script
// and page import the body schema from here, as an app ships its schema: a
// module holding the object that updateSchema() returns.

import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { updateSchema } from 'ic-customer-contract';

export const OUT = fileURLToPath(new URL('../out/', import.meta.url));

/** Writes out/update-schema.mjs from the package's updateSchema(); returns its path. */
export function writeSchemaModule() {
  mkdirSync(OUT, { recursive: true });
  const file = OUT + 'update-schema.mjs';
  writeFileSync(file, `// Written by bench/lib/out.mjs from updateSchema().\nexport default ${JSON.stringify(updateSchema(), null, 2)};\n`);
  return file;
}
