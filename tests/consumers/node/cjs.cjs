const { validateUpdate } = require('ic-customer-contract');

const good = validateUpdate({ fullName: 'Jane Doe', email: 'jane@example.com', phone: null });
const bad = validateUpdate({ fullName: '' });
console.log(JSON.stringify({ ok: good.ok, codes: bad.issues.map((i) => i.code) }));
