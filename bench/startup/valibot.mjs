// (e) valibot: import, define the schema (bench/lib/valibot.mjs), one valid body (t1), then one invalid body (t2): the figure is t2 - t0.
const t0 = performance.now();
const [{ safeParse }, { valibotSchema }] = await Promise.all([import('valibot'), import('../lib/valibot.mjs')]);
const schema = valibotSchema();
const ok = safeParse(schema, { fullName: 'Jane Citizen', email: 'jane@example.com', phone: null }).success;
const t1 = performance.now();
const issues = safeParse(schema, { fullName: '', email: 'nope', phone: 5 }).issues.length;
const t2 = performance.now();
process.stdout.write(JSON.stringify({ t0, t1, t2, ok, issues }));
