import { zodSchema } from '../lib/zod.mjs';
import { mount } from './page.mjs';

const schema = zodSchema();
mount((body) => {
  const r = schema.safeParse(body);
  return r.success ? [] : r.error.issues.map((issue) => issue.message);
});
