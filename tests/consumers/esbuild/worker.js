import { validateUpdate } from 'ic-customer-contract';

const good = validateUpdate({ fullName: 'Jane Doe', email: 'jane@example.com', phone: null });
const bad = validateUpdate({ fullName: '' });
postMessage({ ok: good.ok, codes: bad.issues.map((i) => i.code) });
