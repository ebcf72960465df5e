// The demo page: every rule comes from the package; this file only wires the DOM.

/** The seed's example response (patch-customer-api.txt): a verified customer. */
const SEED = {
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
};

/** The same customer at earlier stages, plus a verified one without an email.
 * `identity` is set only when VERIFIED (CONTRACT.md section 3), so each one is a valid record. */
const RECORDS = {
  'not-started': {
    ...SEED,
    kyc_status: 'NOT_STARTED',
    kyc_started_at: null,
    kyc_completed_at: null,
    identity: null,
    aml: { ...SEED.aml, status: 'NOT_SCREENED', screened_at: null },
    updated_at: '2026-06-22T22:14:00Z',
  },
  'in-progress': {
    ...SEED,
    kyc_status: 'IN_PROGRESS',
    kyc_completed_at: null,
    identity: null,
    aml: { ...SEED.aml, status: 'PENDING', screened_at: null },
    updated_at: '2026-06-23T01:00:02Z',
  },
  verified: SEED,
  'verified-no-email': {
    ...SEED,
    id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    external_id: 'crm-7802',
    type: 'SOLE_TRADER',
    full_name: 'Sam Lee',
    email: null,
    identity: { verified_legal_name: 'SAM LEE', verified_country: 'NZL' },
  },
};

const RISK_KEYS = ['isNewCustomer', 'isDesignatedService', 'handlesCashOrCrypto'];
const TEXT_FIELDS = ['fullName', 'email', 'phone'];

const $ = (id) => document.getElementById(id);

/**
 * The package's language packs, each its own chunk: the page downloads only
 * the languages a user picks (English is the package's own).
 */
const LOCALES = {
  en: () => import('ic-customer-contract/locales/en'),
  de: () => import('ic-customer-contract/locales/de'),
  fr: () => import('ic-customer-contract/locales/fr'),
  es: () => import('ic-customer-contract/locales/es'),
  it: () => import('ic-customer-contract/locales/it'),
  pt: () => import('ic-customer-contract/locales/pt'),
  nl: () => import('ic-customer-contract/locales/nl'),
  ja: () => import('ic-customer-contract/locales/ja'),
  'zh-Hans': () => import('ic-customer-contract/locales/zh-Hans'),
  ko: () => import('ic-customer-contract/locales/ko'),
  ar: () => import('ic-customer-contract/locales/ar'),
};

/** The language of the package's messages: each message element carries it, and its direction. */
let LANG = 'en';
const say = (attrs) => ({ ...attrs, lang: LANG, dir: 'auto' });

/** Builds an element: el('span', { class: 'x' }, 'text', child). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

/** `risk.isNewCustomer`, `["odd key"]`, or `(body)` for the value itself. */
function formatPath(path, root = '(body)') {
  if (path.length === 0) return root;
  return path
    .map((key, i) => {
      if (typeof key === 'number') return `[${key}]`;
      if (/^[A-Za-z_$][\w$]*$/.test(key)) return i === 0 ? key : `.${key}`;
      return `[${JSON.stringify(key)}]`;
    })
    .join('');
}

/** A list of issues: path, code, message (the package's words, as they are). */
function issueList(items, kind, root) {
  const list = el('ul', { class: 'issue-list' });
  for (const item of items) {
    list.append(
      el(
        'li',
        { class: `issue issue-${kind}` },
        el('span', { class: 'issue-meta' }, el('code', { class: 'issue-path' }, formatPath(item.path, root)), ' ', el('span', { class: 'issue-code' }, item.code)),
        el('span', say({ class: 'issue-msg' }), item.message),
      ),
    );
  }
  return list;
}

/** The result block of a check: a success line, then errors, then warnings. */
function renderReport(box, report, okText, root) {
  box.replaceChildren();
  if (report.ok) box.append(el('p', { class: 'result result-ok' }, okText));
  else {
    const n = report.issues.length;
    box.append(el('p', { class: 'result result-bad' }, `${n} issue${n === 1 ? '' : 's'}:`));
    box.append(issueList(report.issues, 'error', root));
  }
  if (report.warnings?.length) {
    box.append(el('p', { class: 'result result-warn' }, 'Warnings (the body is still accepted):'));
    box.append(issueList(report.warnings, 'warning', root));
  }
}

function shellQuote(text) {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

function curlCommand(request) {
  const lines = [`curl --request ${request.method}`, `  --url ${shellQuote(request.url)}`];
  const headers = { Authorization: 'Bearer ic_live_…', ...request.headers };
  for (const [name, value] of Object.entries(headers)) lines.push(`  --header ${shellQuote(`${name}: ${value}`)}`);
  lines.push(`  --data ${shellQuote(request.body)}`);
  return lines.join(' \\\n');
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API refused (insecure context, no permission): the old way.
    const area = el('textarea', { readonly: '', 'aria-hidden': 'true', class: 'copy-buffer' });
    area.value = text;
    document.body.append(area);
    area.select();
    let done = false;
    try {
      done = document.execCommand('copy');
    } catch {
      done = false;
    }
    area.remove();
    return done;
  }
}

function start(api) {
  const { validateUpdate, validateUpdateJson, validateCustomer, diffUpdate, fieldRules, buildPatchRequest, newIdempotencyKey, updateSchema } = api;

  /** The last valid record: the freeze rules and the request use it. */
  let current = null;
  /** One Idempotency-Key per logical change: kept while URL and body stay the same. */
  let idem = { signature: null, key: null };

  const inputs = { fullName: $('fullName'), email: $('email'), phone: $('phone') };
  const phoneClear = $('phone-clear');

  // ---- 1. The current record -------------------------------------------------------

  function recordLabel(record) {
    return `${record.full_name} (${record.kyc_status})`;
  }

  function renderRecordStatus(pastedProblem) {
    const status = $('record-status');
    const frozen = !fieldRules(current).fullName.editable;
    status.replaceChildren(
      el('span', { class: `badge ${frozen ? 'badge-frozen' : 'badge-open'}` }, current.kyc_status),
      ' ',
      frozen ? 'Full name and email are frozen; phone and risk stay editable.' : 'Every field of the form is editable.',
    );
    if (pastedProblem) {
      status.append(el('span', { class: 'status-note' }, `The pasted record is not valid, so the form keeps using the last valid record: ${recordLabel(current)}.`));
    }
  }

  /** Makes `record` (already valid) the current record and fills the form from it. */
  function useRecord(record) {
    current = record;
    resetForm();
    $('raw-current').textContent = recordLabel(current);
    renderRecordStatus(false);
    checkRaw();
  }

  function pickRecord() {
    const key = $('record-select').value;
    if (key === 'custom') {
      $('record-details').open = true;
      $('record-json').focus();
      return;
    }
    const record = structuredClone(RECORDS[key]);
    $('record-json').value = JSON.stringify(record, null, 2);
    $('record-issues').replaceChildren();
    useRecord(record);
  }

  function checkPastedRecord() {
    $('record-select').value = 'custom';
    const box = $('record-issues');
    const text = $('record-json').value;
    let value;
    try {
      value = JSON.parse(text);
    } catch (error) {
      box.replaceChildren(el('p', { class: 'result result-bad' }, `Not JSON: ${error.message}`));
      renderRecordStatus(true);
      return;
    }
    const report = validateCustomer(value);
    renderReport(box, report, 'A valid customer record: the form now uses it.', '(record)');
    if (!report.ok) {
      renderRecordStatus(true);
      return;
    }
    if (JSON.stringify(value) === JSON.stringify(current)) renderRecordStatus(false);
    else useRecord(value);
  }

  // ---- 2. The form ---------------------------------------------------------------

  function resetForm() {
    inputs.fullName.value = current.full_name ?? '';
    inputs.email.value = current.email ?? '';
    inputs.phone.value = '';
    phoneClear.checked = false;
    for (const key of RISK_KEYS) $(`${key}-unset`).checked = true;
    update();
  }

  /** The state the form asks for, body-shaped; `diffUpdate` keeps only the changes. */
  function desiredBody() {
    const desired = {};
    desired.fullName = inputs.fullName.value;
    // An empty email box on a record without an email means "no email": nothing to send.
    if (inputs.email.value !== '' || typeof current.email === 'string') desired.email = inputs.email.value;
    if (phoneClear.checked) desired.phone = null;
    else if (inputs.phone.value !== '') desired.phone = inputs.phone.value;
    const risk = {};
    for (const key of RISK_KEYS) {
      const picked = document.querySelector(`input[name="${key}"]:checked`)?.value ?? '';
      if (picked !== '') risk[key] = picked === 'true';
    }
    if (Object.keys(risk).length > 0) desired.risk = risk;
    return desired;
  }

  function applyRules(rules) {
    for (const field of TEXT_FIELDS) {
      const rule = rules[field];
      const input = inputs[field];
      input.disabled = !rule.editable || (field === 'phone' && phoneClear.checked);
      if (field === 'phone') input.placeholder = phoneClear.checked ? 'null: the stored number is removed' : '';
      const count = [...input.value].length;
      const counter = $(`${field}-count`);
      counter.textContent = rule.maxLength ? `${count} / ${rule.maxLength}` : '';
      counter.classList.toggle('over', rule.maxLength !== undefined && count > rule.maxLength);
    }
    for (const key of RISK_KEYS) {
      for (const radio of document.querySelectorAll(`input[name="${key}"]`)) radio.disabled = !rules.risk.editable;
    }
  }

  /** Shows a field's issues (errors red, warnings as info) or, when frozen, the reason. */
  function showFieldMessages(field, found, rule) {
    const msg = $(`${field}-msg`);
    const errors = found.filter((f) => f.kind === 'error');
    msg.replaceChildren(
      ...found.map((f) => {
        const where = f.issue.path.length > 1 ? el('code', { class: 'msg-path' }, formatPath(f.issue.path.slice(1))) : null;
        return el('span', say({ class: `msg-item msg-${f.kind}`, 'data-code': f.issue.code }), where, where ? ' ' : null, el('span', { class: 'msg-text' }, f.issue.message));
      }),
    );
    if (found.length === 0 && !rule.editable && rule.reason) {
      msg.append(el('span', say({ class: 'msg-item msg-locked', 'data-code': 'locked' }), rule.reason));
    }
    if (field === 'risk') {
      for (const key of RISK_KEYS) {
        const bad = errors.some((f) => f.issue.path[1] === key || f.issue.path.length === 1);
        for (const radio of document.querySelectorAll(`input[name="${key}"]`)) {
          if (bad) radio.setAttribute('aria-invalid', 'true');
          else radio.removeAttribute('aria-invalid');
        }
      }
    } else if (errors.length > 0) inputs[field].setAttribute('aria-invalid', 'true');
    else inputs[field].removeAttribute('aria-invalid');
  }

  /** Re-checks everything: field rules, field issues, the request preview. */
  function update() {
    const rules = fieldRules(current);
    applyRules(rules);
    const diff = diffUpdate(current, desiredBody());
    const report = validateUpdate(diff.update, current);
    const found = [
      ...diff.skipped.map((issue) => ({ kind: 'error', issue })),
      ...report.issues.map((issue) => ({ kind: 'error', issue })),
      ...report.warnings.map((issue) => ({ kind: 'warning', issue })),
    ];
    for (const field of [...TEXT_FIELDS, 'risk']) {
      showFieldMessages(field, found.filter((f) => f.issue.path[0] === field), rules[field]);
    }
    renderRequest(diff);
  }

  // ---- 3. The request --------------------------------------------------------------

  /** Builds the request with the key of the current logical change (a new key when URL or body changed). */
  function buildWithKey(diff) {
    const input = { id: current.id, update: diff.update, current };
    const draft = buildPatchRequest({ ...input, idempotencyKey: idem.key ?? newIdempotencyKey() });
    if (!draft.ok) return draft;
    const signature = `${draft.request.url}\n${draft.request.body}`;
    if (signature === idem.signature) return draft;
    idem = { signature, key: newIdempotencyKey() };
    return buildPatchRequest({ ...input, idempotencyKey: idem.key });
  }

  function renderRequest(diff) {
    const built = buildWithKey(diff);
    const status = $('request-status');
    $('request-ok').hidden = !built.ok;
    $('request-bad').hidden = built.ok;
    const warnings = $('request-warnings');
    warnings.replaceChildren();

    if (!built.ok) {
      const n = built.issues.length;
      status.className = 'status status-bad';
      status.textContent = `Would be rejected (422): ${n} issue${n === 1 ? '' : 's'} to fix.`;
      $('req-issues').replaceChildren(...issueList(built.issues, 'error').children);
    } else {
      const { request } = built;
      const changed = Object.keys(diff.update);
      if (changed.length === 0) {
        status.className = 'status status-neutral';
        status.textContent = 'Nothing changed yet: the body is {} (valid, but it changes nothing).';
      } else {
        status.className = 'status status-ok';
        status.textContent = `Ready: the API would accept this change to ${changed.join(', ')}.`;
      }
      $('req-url').textContent = request.url;
      $('req-headers').replaceChildren(
        ...Object.entries(request.headers).flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, el('code', {}, value))]),
      );
      $('req-body').textContent = request.body;
      $('req-curl').textContent = curlCommand(request);
      $('key-note').replaceChildren(
        el('strong', {}, 'One Idempotency-Key per logical change. '),
        'This key was made when the body last changed and is kept while the body stays the same: a retry resends this exact body with this key, and the API replays the first answer. ',
        'A different body gets a new key, even one set back to an earlier value (a reused key with another body gets 409 idempotency_conflict).',
      );
      if (built.warnings?.length) {
        warnings.append(el('p', { class: 'result result-warn' }, 'Warnings:'), issueList(built.warnings, 'warning'));
      }
    }

    const skipped = $('request-skipped');
    skipped.replaceChildren();
    if (diff.skipped.length > 0) {
      skipped.append(el('p', { class: 'result result-bad' }, 'Left out of the body by diffUpdate:'), issueList(diff.skipped, 'error'));
    }
  }

  // ---- 4. Raw mode ---------------------------------------------------------------

  function checkRaw() {
    const report = validateUpdateJson($('raw-json').value, JSON.stringify(current));
    renderReport($('raw-result'), report, 'Valid: the API would accept this body.');
  }

  // ---- Wiring --------------------------------------------------------------------

  $('record-select').addEventListener('change', pickRecord);
  $('record-json').addEventListener('input', checkPastedRecord);
  $('customer-form').addEventListener('input', update);
  $('customer-form').addEventListener('change', update);
  $('customer-form').addEventListener('submit', (event) => event.preventDefault());
  $('reset-form').addEventListener('click', resetForm);
  $('raw-json').addEventListener('input', checkRaw);
  for (const chip of document.querySelectorAll('[data-raw]')) {
    chip.addEventListener('click', () => {
      $('raw-json').value = chip.dataset.raw;
      checkRaw();
    });
  }
  for (const button of document.querySelectorAll('[data-copy]')) {
    const label = button.textContent;
    button.addEventListener('click', async () => {
      const done = await copyText($(button.dataset.copy).textContent);
      button.textContent = done ? 'Copied' : 'Copy failed';
      $('copy-status').textContent = done ? 'Copied to the clipboard.' : 'Could not copy; select the text and copy it.';
      setTimeout(() => {
        button.textContent = label;
      }, 1800);
    });
  }

  // ---- The language of the messages -------------------------------------------------

  $('lang-select').addEventListener('change', async (event) => {
    const tag = event.target.value;
    const { default: locale } = await LOCALES[tag]();
    api.configure({ locale });
    LANG = tag;
    update();
    checkRaw();
  });

  $('schema-code').textContent = JSON.stringify(updateSchema(), null, 2);
  $('raw-json').value = JSON.stringify({ phone: null, risk: { isNewCustomer: true } }, null, 2);
  pickRecord();
}

try {
  const api = await import('ic-customer-contract');
  start(api);
  $('boot').remove();
} catch (error) {
  $('boot').textContent = `The rules could not be loaded: ${error.message}`;
  $('boot').classList.add('boot-failed');
  throw error;
} finally {
  $('app').removeAttribute('aria-busy');
}
