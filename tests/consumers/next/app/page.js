import { fieldRules, validateUpdate } from 'ic-customer-contract';
import Check from './check.js';

// A server component: the rules run during the server render (and `next build`'s prerender).
export default function Page() {
  const rules = fieldRules();
  const bad = validateUpdate({ fullName: '' });
  return (
    <main>
      <p id="server">{JSON.stringify({ maxLength: rules.fullName.maxLength, codes: bad.issues.map((i) => i.code) })}</p>
      <Check />
    </main>
  );
}
