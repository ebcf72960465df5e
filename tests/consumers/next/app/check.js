'use client';

import { useEffect, useState } from 'react';
import { validateUpdate } from 'ic-customer-contract';

// A client component: the same rules in the browser, after hydration.
export default function Check() {
  const [out, setOut] = useState('');
  useEffect(() => {
    const good = validateUpdate({ fullName: 'Jane Doe', email: 'jane@example.com', phone: null });
    const bad = validateUpdate({ fullName: '' });
    setOut(JSON.stringify({ ok: good.ok, codes: bad.issues.map((i) => i.code) }));
  }, []);
  return <pre id="out">{out}</pre>;
}
