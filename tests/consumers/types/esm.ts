// ESM consumer: `tsc --strict` with bundler, node16 and nodenext resolution.
import { validateUpdate, updateStandardSchema, type CustomerUpdate, type IssueCode } from 'ic-customer-contract';

const body: CustomerUpdate = { fullName: 'Jane Doe', phone: null };
const codes: IssueCode[] = validateUpdate(body).issues.map((i) => i.code);
const result = updateStandardSchema()['~standard'].validate(body);
const first: IssueCode | undefined = result.issues?.[0]?.code;

export { codes, first };
