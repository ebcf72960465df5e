// (e) zod: import, define the schema (bench/lib/zod.mjs), one valid body (t1), then one invalid body (t2): the figure is t2 - t0.
const t0 = performance.now();
const { zodSchema } = await import('../lib/zod.mjs');
const schema = zodSchema();
const ok = schema.safeParse({ fullName: 'Jane Citizen', email: 'jane@example.com', phone: null }).success;
const t1 = performance.now();
const issues = schema.safeParse({ fullName: '', email: 'nope', phone: 5 }).error.issues.length;
const t2 = performance.now();
process.stdout.write(JSON.stringify({ t0, t1, t2, ok, issues }));
