// The package's opt-in entry `ic-customer-contract/wasm-url` (when the package
// has it): the wasm as a file fetched next to the bundle. Not the target's
// page (issue 11 (g) counts the default entry); shown for the smallest download.
import { validateUpdate } from 'ic-customer-contract/wasm-url';

import { mount } from './page.mjs';

mount((body) => validateUpdate(body).issues.map((issue) => issue.message));
