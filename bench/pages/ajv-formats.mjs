import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

import schema from '../out/update-schema.mjs';
import { mount } from './page.mjs';

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);
mount((body) => (validate(body) ? [] : validate.errors.map((e) => `${e.instancePath} ${e.message}`)));
