// The demo page in headless Chromium: www/dist (built by `cargo xtask build`) served on a free port.
// Expected texts come from the package itself, so the page must show its words as they are.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '..', 'dist');
const shots = path.resolve(here, '..', '..', 'target', 'screenshots');

const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/** A static server for www/dist on 127.0.0.1 and a free port. */
async function serve(root) {
  const server = http.createServer((req, res) => {
    let name = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    if (name.endsWith('/')) name += 'index.html';
    const file = path.join(root, path.normalize(name));
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (error, data) => {
      if (error) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(data);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

let api;
let server;
let browser;
let page;
let base;
const consoleErrors = [];

before(async () => {
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    throw new Error(`${dist}/index.html is missing: build the page first (\`cargo xtask build\`, or \`npm run build\` in www/).`);
  }
  api = await import('ic-customer-contract');
  fs.mkdirSync(shots, { recursive: true });
  server = await serve(dist);
  base = `http://127.0.0.1:${server.address().port}/`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  await page.goto(base);
  await page.waitForSelector('#boot', { state: 'detached', timeout: 15000 });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

const text = (selector) => page.locator(selector).innerText();
/** A full-page screenshot from the top (so the sticky preview sits in its place). */
async function screenshot(name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(shots, name), fullPage: true });
}
/** The value of a header in the request preview. */
const header = (name) =>
  page.evaluate((wanted) => {
    const dt = [...document.querySelectorAll('#req-headers dt')].find((d) => d.textContent.toLowerCase() === wanted.toLowerCase());
    return dt ? dt.nextElementSibling.textContent : null;
  }, name);

test('an invalid email shows the package message next to the field, and a fix removes it', async () => {
  await page.selectOption('#record-select', 'not-started');
  const expected = api.validateUpdate({ email: 'not-an-email' }).issues[0];
  assert.equal(expected.code, 'invalid_email');

  // In page coordinates: typing may scroll the field into view.
  const top = async (selector) => (await page.locator(selector).boundingBox()).y + (await page.evaluate(() => window.scrollY));
  const phoneTop = await top('#phone');
  await page.locator('#email').fill('');
  await page.locator('#email').pressSequentially('not-an-email');
  assert.equal(await text('#email-msg'), expected.message);
  assert.equal(await page.locator('#email-msg .msg-error').count(), 1);
  assert.equal(await page.getAttribute('#email', 'aria-invalid'), 'true');
  assert.match(await page.getAttribute('#email', 'aria-describedby'), /\bemail-msg\b/);
  assert.equal(await top('#phone'), phoneTop, 'the message line is reserved: nothing below moves');
  assert.match(await text('#request-status'), /rejected/i);
  assert.ok((await text('#req-issues')).includes(expected.message));
  await screenshot('demo-1280-invalid-email.png');

  await page.locator('#email').fill('jane.doe@example.com');
  assert.equal(await text('#email-msg'), '');
  assert.equal(await page.getAttribute('#email', 'aria-invalid'), null);
  assert.equal(await text('#req-body'), '{"email":"jane.doe@example.com"}');
});

test('the keyboard order follows the form, with a visible focus ring', async () => {
  await page.locator('#fullName').focus();
  const order = [];
  for (let i = 0; i < 6; i += 1) {
    await page.keyboard.press('Tab');
    order.push(await page.evaluate(() => document.activeElement.id));
  }
  assert.deepEqual(order, ['email', 'phone', 'phone-clear', 'isNewCustomer-unset', 'isDesignatedService-unset', 'handlesCashOrCrypto-unset']);
  const ring = await page.evaluate(() => {
    const label = document.querySelector('label[for="handlesCashOrCrypto-unset"]');
    return getComputedStyle(label).outlineStyle;
  });
  assert.equal(ring, 'solid', 'the focused answer shows an outline');
});

test('the verified record freezes full name and email, with the reason shown', async () => {
  await page.selectOption('#record-select', 'verified');
  const rules = api.fieldRules({ kyc_status: 'VERIFIED', full_name: 'Jane Doe', email: 'jane@example.com' });
  for (const field of ['fullName', 'email']) {
    assert.equal(await page.locator(`#${field}`).isDisabled(), true, `${field} is disabled`);
    assert.ok(rules[field].reason);
    assert.equal(await text(`#${field}-msg`), rules[field].reason);
  }
  assert.equal(await page.locator('#phone').isDisabled(), false);
  // Unchanged frozen values are not sent: the body starts empty.
  assert.equal(await text('#req-body'), '{}');
});

test('a pasted record is checked with validateCustomer; an invalid one leaves the last valid record in use', async () => {
  const verified = JSON.parse(await page.locator('#record-json').inputValue());
  assert.equal(verified.kyc_status, 'VERIFIED');
  const bad = { ...verified, kyc_status: 'IN_PROGRESS' }; // identity is still set: only VERIFIED may have one
  const expected = api.validateCustomer(bad);
  assert.equal(expected.ok, false);
  await page.click('#record-details summary');
  await page.locator('#record-json').fill(JSON.stringify(bad, null, 2));
  const shown = await text('#record-issues');
  for (const issue of expected.issues) {
    assert.ok(shown.includes(issue.message), `shows ${JSON.stringify(issue.message)}`);
    assert.ok(shown.includes(issue.path.join('.')), `shows the path ${issue.path.join('.')}`);
  }
  assert.match(await text('#record-status'), /last valid record: Jane Doe \(VERIFIED\)/);
  assert.equal(await page.locator('#fullName').isDisabled(), true, 'the freeze rules still use the verified record');

  const fixed = { ...bad, identity: null, kyc_completed_at: null };
  assert.equal(api.validateCustomer(fixed).ok, true);
  await page.locator('#record-json').fill(JSON.stringify(fixed, null, 2));
  assert.equal(await page.locator('#fullName').isDisabled(), false, 'a valid pasted record is used');
  assert.match(await text('#record-issues'), /valid customer record/i);

  await page.selectOption('#record-select', 'verified');
  await page.click('#record-details summary');
  assert.equal(await page.locator('#fullName').isDisabled(), true);
});

test('clearing the phone sends "phone":null, with one Idempotency-Key per body', async () => {
  await page.click('#reset-form');
  const emptyKey = await header('Idempotency-Key');
  assert.match(emptyKey, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  await page.click('#reset-form');
  assert.equal(await header('Idempotency-Key'), emptyKey, 'same body, same key');

  await page.check('#phone-clear');
  assert.equal(await page.locator('#phone').isDisabled(), true);
  assert.ok((await text('#req-body')).includes('"phone":null'));
  assert.ok((await text('#req-curl')).includes('"phone":null'));
  assert.ok((await text('#req-curl')).includes('Authorization: Bearer ic_live_'));
  const phoneKey = await header('Idempotency-Key');
  assert.ok(phoneKey && phoneKey !== emptyKey, 'a new body gets a new key');
  assert.ok((await text('#req-curl')).includes(`Idempotency-Key: ${phoneKey}`));
  assert.match(await text('#request-status'), /^Ready/);
  await page.click('label[for="isNewCustomer-yes"]');
  assert.equal(await page.isChecked('#isNewCustomer-yes'), true);
  assert.equal(await text('#req-body'), '{"phone":null,"risk":{"isNewCustomer":true}}');
});

test('raw mode shows where broken JSON breaks, and warnings look unlike errors', async () => {
  const broken = '{\n  "phone": "+61 400 000 000",\n}';
  const expected = api.validateUpdateJson(broken).issues[0];
  assert.equal(expected.code, 'invalid_json');
  await page.locator('#raw-json').fill(broken);
  const shown = await text('#raw-result');
  assert.ok(shown.includes(expected.message), `raw result shows ${JSON.stringify(expected.message)}`);
  assert.match(shown, /line 3/i);
  assert.match(shown, /column/i);
  assert.ok(shown.includes('invalid_json'));

  await page.locator('#raw-json').fill('{ "fullName": "Jane Doe", "phone": null }');
  assert.equal(await page.locator('#raw-result .issue-warning').count(), 1);
  assert.equal(await page.locator('#raw-result .issue-error').count(), 0);
  assert.ok((await text('#raw-result')).includes('unchanged_frozen_field'));
  const [warnColor, errorColor] = await page.evaluate(() => {
    const probe = document.createElement('span');
    probe.className = 'issue issue-error';
    document.body.append(probe);
    const error = getComputedStyle(probe).borderLeftColor;
    probe.remove();
    return [getComputedStyle(document.querySelector('#raw-result .issue-warning')).borderLeftColor, error];
  });
  assert.notEqual(warnColor, errorColor);

  await page.locator('#raw-json').fill(broken);
});

test('the schema is the package schema; no console error; screenshots at 1280 and 375', async () => {
  assert.deepEqual(JSON.parse(await text('#schema-code')), api.updateSchema());

  // Desktop: two columns, form left, request right.
  const form = await page.locator('#form-title').boundingBox();
  const request = await page.locator('#request-title').boundingBox();
  assert.ok(request.x > form.x + form.width / 2, 'the request preview is right of the form');
  await screenshot('demo-1280.png');

  // Mobile: one column, nothing wider than the screen.
  await page.setViewportSize({ width: 375, height: 812 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 375, `no horizontal scroll at 375 px (scrollWidth ${overflow})`);
  const formBox = await page.locator('#customer-form').boundingBox();
  const requestBox = await page.locator('#request-title').boundingBox();
  assert.ok(requestBox.y > formBox.y + formBox.height - 1, 'one column: the request comes after the form');
  await screenshot('demo-375.png');

  assert.deepEqual(consoleErrors, []);
});

test('the language switch: frozen reasons and inline issues follow it; Arabic reads right to left at 375 px', async () => {
  await page.setViewportSize({ width: 375, height: 812 });
  const de = (await import('ic-customer-contract/locales/de')).default;
  const ar = (await import('ic-customer-contract/locales/ar')).default;
  const record = { kyc_status: 'VERIFIED', full_name: 'Jane Doe', email: 'jane@example.com' };

  await page.selectOption('#record-select', 'verified');
  await page.selectOption('#lang-select', 'de');
  const reasonDe = api.fieldRules(record, { locale: de }).fullName.reason;
  await page.waitForFunction((want) => document.querySelector('#fullName-msg').innerText === want, reasonDe);
  assert.notEqual(reasonDe, api.fieldRules(record).fullName.reason);
  assert.equal(await page.getAttribute('#fullName-msg .msg-item', 'lang'), 'de');

  const phoneDe = api.validateUpdate({ phone: '1'.repeat(33) }, record, { locale: de }).issues[0].message;
  await page.locator('#phone').fill('1'.repeat(33));
  assert.equal(await text('#phone-msg'), phoneDe);

  await page.selectOption('#lang-select', 'ar');
  const phoneAr = api.validateUpdate({ phone: '1'.repeat(33) }, record, { locale: ar }).issues[0].message;
  await page.waitForFunction((want) => document.querySelector('#phone-msg').innerText === want, phoneAr);
  const direction = await page.evaluate(() => getComputedStyle(document.querySelector('#phone-msg .msg-text')).direction);
  const lang = await page.getAttribute('#phone-msg .msg-item', 'lang');
  assert.equal(lang, 'ar');
  assert.equal(await page.getAttribute('#phone-msg .msg-item', 'dir'), 'auto');
  // dir=auto: the first strong character (Arabic) sets the direction of the text.
  assert.ok(direction === 'rtl' || /[\u0600-\u06ff]/.test(phoneAr.trim()[0]), `direction ${direction}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 375, `no horizontal scroll at 375 px in Arabic (scrollWidth ${overflow})`);
  await page.locator('#phone-msg').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(shots, 'demo-375-ar.png') });

  await page.selectOption('#lang-select', 'en');
  await page.locator('#phone').fill('');
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.deepEqual(consoleErrors, []);
});
