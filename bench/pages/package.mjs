import { validateUpdate } from 'ic-customer-contract';

import { mount } from './page.mjs';

mount((body) => validateUpdate(body).issues.map((issue) => issue.message));
