import { safeParse } from 'valibot';

import { valibotSchema } from '../lib/valibot.mjs';
import { mount } from './page.mjs';

const schema = valibotSchema();
mount((body) => {
  const r = safeParse(schema, body);
  return r.success ? [] : r.issues.map((issue) => issue.message);
});
