// (e) ajv: import ajv and the schema, compile, one valid body (t1), then one invalid body (t2): the figure is t2 - t0.
const t0 = performance.now();
const [{ default: Ajv2020 }, { default: schema }] = await Promise.all([
  import('ajv/dist/2020.js'),
  import('../out/update-schema.mjs'),
]);
const validate = new Ajv2020({ allErrors: true, strict: false, logger: false }).compile(schema);
const ok = validate({ fullName: 'Jane Citizen', email: 'jane@example.com', phone: null });
const t1 = performance.now();
const issues = validate({ fullName: '', email: 'nope', phone: 5 }) ? 0 : validate.errors.length;
const t2 = performance.now();
process.stdout.write(JSON.stringify({ t0, t1, t2, ok, issues }));
