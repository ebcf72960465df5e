// CommonJS consumer: `tsc --strict` with node16 and nodenext resolution reads the .d.cts.
import pkg = require('ic-customer-contract');
import { validateUpdate, type CustomerUpdate } from 'ic-customer-contract';

const body: CustomerUpdate = { fullName: 'Jane Doe' };
const ok: boolean = pkg.validateUpdate(body).ok && validateUpdate(body).ok;

export = ok;
