import { validateUpdate } from 'ic-customer-contract';

// A valid body (answered in JavaScript) and an empty fullName (the wasm, compiled now).
const good = validateUpdate({ fullName: 'Jane Doe', email: 'jane@example.com', phone: null });
const bad = validateUpdate({ fullName: '' });
document.querySelector('#out').textContent = JSON.stringify({ ok: good.ok, codes: bad.issues.map((i) => i.code) });
