import { ajvValidator } from '../lib/ajv.mjs';
import schema from '../out/update-schema.mjs';
import { mount } from './page.mjs';

const validate = ajvValidator(schema);
mount((body) => (validate(body) ? [] : validate.errors.map((e) => `${e.instancePath} ${e.message}`)));
