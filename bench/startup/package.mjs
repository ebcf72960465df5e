// (e) ic-customer-contract: import, one valid body (t1), then one invalid body (t2): the figure is t2 - t0.
const t0 = performance.now();
const { validateUpdate } = await import('ic-customer-contract');
const ok = validateUpdate({ fullName: 'Jane Citizen', email: 'jane@example.com', phone: null }).ok;
const t1 = performance.now();
const issues = validateUpdate({ fullName: '', email: 'nope', phone: 5 }).issues.length;
const t2 = performance.now();
process.stdout.write(JSON.stringify({ t0, t1, t2, ok, issues }));
