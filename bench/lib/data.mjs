// The inputs of every case, built deterministically (no randomness: two runs
// validate the same values).

/** The seed's example response record (VERIFIED): the form's current record. */
export const VERIFIED_RECORD = Object.freeze({
  id: '550e8400-e29b-41d4-a716-446655440000',
  external_id: 'crm-7741',
  type: 'INDIVIDUAL',
  full_name: 'Jane Doe',
  email: 'jane@example.com',
  kyc_status: 'VERIFIED',
  kyc_started_at: '2026-06-23T01:00:00Z',
  kyc_completed_at: '2026-06-23T01:12:00Z',
  identity: { verified_legal_name: 'JANE DOE', verified_country: 'AUS' },
  aml: {
    status: 'CLEAR',
    screened_at: '2026-06-23T01:12:00Z',
    last_reviewed_at: null,
    flags: { pep: false, sanctions: false, adverse_media: false, terrorism: false },
  },
  added_via: 'INTEGRATION',
  created_at: '2026-06-22T22:14:00Z',
  updated_at: '2026-06-23T01:12:05Z',
});

/** The same record before verification (freeze rules evaluated, nothing frozen). */
export const PENDING_RECORD = Object.freeze({
  ...VERIFIED_RECORD,
  kyc_status: 'PENDING',
  kyc_completed_at: null,
  identity: null,
});

const NAMES = ['Jane Citizen', 'Zoë Ngata-Brown', 'Ali Farouk', 'Mei Lin', 'Oluwaseun Adeyemi', 'Siobhán O’Neill', 'Ravi Kumar', 'Anna Kowalska'];

/** (a) Valid bodies with all four fields (8 of them, cycled, so no call sees the same object twice in a row). */
export const VALID_BODIES = NAMES.map((name, i) => ({
  fullName: name,
  email: `${name.split(' ')[0].toLowerCase().replace(/[^a-z]/g, '')}.${i}@example.com`,
  phone: `+61 2 9${i}99 0${i}00`,
  risk: { isNewCustomer: i % 2 === 0, isDesignatedService: i % 3 === 0, handlesCashOrCrypto: false },
}));

/** (b) One body with three problems: too short, not an email, wrong type. */
export const THREE_PROBLEMS = Object.freeze({ fullName: '', email: 'nope', phone: 5 });

/**
 * (c) A form bound to one record, as issue 11 describes its session: the form
 * sends the fields it edits (phone and risk; the frozen fields are shown
 * read-only, so they are normally not sent), and each of 1,000 steps edits one
 * thing: the phone is typed a character at a time and then cleared, the two
 * numbers of FORM_PHONES in turn, both longer than the 32-character maximum
 * (34 and 33 characters: their last steps are issues); a risk answer is
 * toggled every fifth step; every 25th step either sends the unchanged full
 * name (a warning on a VERIFIED record) or an edited email (an issue on a
 * VERIFIED record), alternately, taken back at the next step.
 * On a VERIFIED record about 8% of the steps carry an issue or a warning (83
 * of 1,000 in this build's answers: cases/micro.mjs reports the count); the rest are valid.
 * Returns 1,000 bodies, each a fresh object as a form library would build.
 */
export const FORM_PHONES = ['+61 2 9999 0000 ext. 1234 5678 901', '+61 2 9999 0000 ext. 1234 5678 90'];

export function formSteps(record, steps = 1000) {
  const state = {
    phone: '',
    risk: { isNewCustomer: false, isDesignatedService: false, handlesCashOrCrypto: false },
  };
  const riskKeys = Object.keys(state.risk);
  const out = [];
  let cycle = 0; // which of FORM_PHONES is being typed
  let frozen = null; // the frozen field sent at this step, if any
  for (let i = 0; i < steps; i++) {
    let extra = null;
    if (frozen) {
      frozen = null; // taken back: the field is not sent any more
    } else if (i % 25 === 24) {
      frozen = (i / 25) % 2 < 1 ? 'fullName' : 'email';
      extra = frozen === 'fullName' ? { fullName: record.full_name } : { email: 'jane.doe@example.org' };
    } else if (i % 5 === 4) {
      const key = riskKeys[i % 3];
      state.risk = { ...state.risk, [key]: !state.risk[key] };
    } else {
      const number = FORM_PHONES[cycle & 1];
      if (state.phone.length >= number.length) {
        state.phone = '';
        cycle++;
      } else {
        state.phone = number.slice(0, state.phone.length + 1);
      }
    }
    const body = { phone: state.phone === '' ? null : state.phone, risk: state.risk };
    out.push(extra ? { ...extra, ...body } : body);
  }
  return out;
}

/**
 * (d) `count` items `{ update, current }` as one JSON text. Mix: 1/3 VERIFIED
 * records, 2/3 not; bodies mostly valid, every 10th with a problem (rotating
 * over: too long name, bad email, wrong type, unknown key, frozen change),
 * and the VERIFIED ones sometimes resending the frozen values (a warning in
 * the package). Each item's record has its own id and name.
 */
export function batchItems(count) {
  const statuses = ['VERIFIED', 'PENDING', 'NOT_STARTED'];
  const items = new Array(count);
  for (let i = 0; i < count; i++) {
    const status = statuses[i % 3];
    const name = NAMES[i % NAMES.length];
    const email = `customer${i}@example.com`;
    const hex = (0x10000000 + i).toString(16).slice(-8);
    const current = {
      ...(status === 'VERIFIED' ? VERIFIED_RECORD : PENDING_RECORD),
      id: `${hex}-e29b-41d4-a716-446655440000`,
      external_id: `crm-${i}`,
      full_name: name,
      email,
      kyc_status: status,
    };
    let update;
    const bad = i % 10 === 9 ? (i / 10) % 5 | 0 : -1;
    switch (bad) {
      case 0:
        update = { fullName: 'x'.repeat(256) };
        break;
      case 1:
        update = { email: `customer${i}@@example.com`, phone: null };
        break;
      case 2:
        update = { phone: 61299990000 + i };
        break;
      case 3:
        update = { full_name: name, phone: '+61 2 9999 0000' };
        break;
      case 4:
        update = { fullName: name + ' Jr', email: `new${i}@example.com` };
        break;
      default:
        update =
          i % 4 === 0
            ? { fullName: name, email, phone: `+61 2 ${9000 + (i % 1000)} 0000` }
            : { phone: `+61 2 ${9000 + (i % 1000)} 0000`, risk: { isNewCustomer: i % 2 === 0, handlesCashOrCrypto: false } };
    }
    items[i] = { update, current };
  }
  return items;
}

/**
 * Edge bodies for the agreement check only (not timed): every library must
 * give each the same number of issues (0 or 1). Lengths count code points.
 */
export const EDGE_BODIES = [
  {},
  { fullName: '🙂'.repeat(255) }, // 510 UTF-16 units, 255 characters: valid
  { fullName: '🙂'.repeat(256) },
  { fullName: 'x'.repeat(255) },
  { fullName: 'x'.repeat(256) },
  { fullName: '' },
  { fullName: null },
  { fullName: 5 },
  { email: 'a@b' },
  { email: 'a@b.' },
  { email: 'jane doe@example.com' },
  { email: `${'a'.repeat(243)}@example.com` }, // 255 characters
  { email: `${'a'.repeat(244)}@example.com` },
  { email: null },
  { phone: null },
  { phone: '☎'.repeat(32) },
  { phone: '🙂'.repeat(32) }, // 64 units, 32 characters: valid
  { phone: '🙂'.repeat(33) },
  { phone: 61299990000 },
  { risk: {} },
  { risk: { isNewCustomer: true, isDesignatedService: false, handlesCashOrCrypto: true } },
  { risk: { isNewCustomer: 'yes' } },
  { risk: { isNew: true } },
  { risk: null },
  { risk: [] },
  { full_name: 'Jane' },
  { fullName: 'Jane', nickname: 'J' },
  [],
  null,
  'Jane Doe',
];

/**
 * (h) One CRM sync step per item: the record the API holds (`current`), the
 * state the CRM wants (`desired`, all four body fields), and `update`, the
 * minimal PATCH body between them written out by hand (cases/request.mjs
 * checks that diffUpdate finds the same). 8 items, cycled: VERIFIED records
 * (the frozen name and email unchanged, so the update is phone and risk) and
 * PENDING ones (a new name or email goes into the update), addressed by UUID
 * or by external id.
 */
export const SYNC_ITEMS = NAMES.map((name, i) => {
  const verified = i % 2 === 0;
  const hex = (0x20000000 + i).toString(16);
  const email = `${name.split(' ')[0].toLowerCase().replace(/[^a-z]/g, '')}.${i}@example.com`;
  const current = {
    ...(verified ? VERIFIED_RECORD : PENDING_RECORD),
    id: `${hex}-e29b-41d4-a716-446655440000`,
    external_id: `crm-${7700 + i}`,
    full_name: name,
    email,
  };
  const phone = `+61 2 9${i}99 0${i}00`;
  const risk = { isNewCustomer: i % 3 === 0, isDesignatedService: false, handlesCashOrCrypto: i % 4 === 1 };
  const desired = verified
    ? { fullName: name, email, phone, risk }
    : { fullName: `${name} ${i}`, email: i % 4 === 1 ? `new.${email}` : email, phone, risk };
  const update = verified
    ? { phone, risk }
    : i % 4 === 1
      ? { fullName: desired.fullName, email: desired.email, phone, risk }
      : { fullName: desired.fullName, phone, risk };
  return { id: i % 4 < 2 ? current.id : current.external_id, current, desired, update };
});
