// English: the crate's own table (messages.js, generated from src/messages.rs).
import { ENGLISH } from '../messages.js';

export default { tag: 'en', templates: ENGLISH };
