// The package's email rule against the browser's own: Debian's headless
// Chromium (playwright-core) sets each address as the value of an
// <input type=email> and reads `validity.typeMismatch`, in ONE page.evaluate
// over the whole corpus. The package side runs here in Node, on the installed
// package: validateUpdate({ email }) has an issue ['email'] `invalid_email`
// or not (too_long is a separate rule the browser does not have).
//
// The browser sanitizes the value first (HTML's value sanitization for
// type=email): it strips CR and LF and trims surrounding ASCII whitespace,
// and an empty value is never a type mismatch. So the verdicts are compared
// where the browser kept the value as given; for the addresses it changed,
// the package's verdict on the browser's sanitized `.value` is compared too.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { esm, launchChromium } from './helpers.mjs';
import { ATEXT, email, SEED } from './gen.mjs';

const GENERATED = 12_000;

/** Addresses chosen by hand, each at an edge of the WHATWG rule or of the browser's sanitizing. */
function handPicked() {
  const a = (n, c = 'a') => c.repeat(n);
  const list = [
    // Common valid and invalid examples (RFC 5322 / Wikipedia lists, judged by the WHATWG rule).
    'simple@example.com', 'very.common@example.com', 'disposable.style.email.with+symbol@example.com',
    'other.email-with-hyphen@example.com', 'fully-qualified-domain@example.com', 'user.name+tag+sorting@example.com',
    'x@example.com', 'example-indeed@strange-example.com', 'test/test@test.com', 'admin@mailserver1',
    'example@s.example', '" "@example.org', '"john..doe"@example.org', 'mailhost!username@example.org',
    'user%example.com@example.org', 'user-@example.org', 'postmaster@[123.123.123.123]',
    'postmaster@[IPv6:2001:0db8:85a3:0000:0000:8a2e:0370:7334]', 'Abc.example.com', 'A@b@c@example.com',
    'a"b(c)d,e:f;g<h>i[j\\k]l@example.com', 'just"not"right@example.com', 'this is"not\\allowed@example.com',
    'this\\ still\\"not\\\\allowed@example.com', 'i.like.underscores@but_they_are_not_allowed_in_this_part',
    'QA[icon]CHOCOLATE[icon]@test.com', 'jane@example.com', 'name@example.com',
    // Empty and bare structure.
    '', ' ', '@', 'a@', '@b', 'a@b', 'a@b.c', '@@', 'a@@b', 'a@b@c',
    // Dots in the local part: WHATWG allows them anywhere, even at the ends and doubled.
    '.a@b', 'a.@b', 'a..b@c', '.@b', '...@b', '.a.@example.com',
    // Domains: empty, trailing, leading and doubled dots.
    'a@b.', 'a@b.c.', 'a@.b', 'a@b..c', 'a@.',
    // Label lengths: 63 is the limit.
    `a@${a(63)}`, `a@${a(64)}`, `a@x.${a(63)}`, `a@x.${a(64)}.y`, `a@a${a(61, '-')}b`, `a@a${a(62, '-')}b`,
    // Hyphens at label ends and inside.
    'a@-b.com', 'a@b-.com', 'a@b--c.com', 'a@b.-com', 'a@b.com-', 'a@-', 'a@b.c-d', 'a@xn--', 'a@xn--a.com',
    // Single-label domains, digits-only labels, IP literals.
    'a@localhost', 'a@com', 'a@1', 'a@123', 'a@123.456', '1@2', '0@0.0', 'a@127.0.0.1', 'a@256.256.256.256',
    'a@[127.0.0.1]', 'a@[IPv6:::1]', 'a@[::1]',
    // Quoted local parts.
    '"a"@b.com', '"a b"@b.com', '"a@b"@c.com', '""@b.com', '"\\""@b.com',
    // Uppercase.
    'JANE.DOE@EXAMPLE.COM', 'a@EXAMPLE.COM', 'A@B', 'a@Xn--Bcher-Kva.CH',
    // Unicode local parts, including letters whose case folding is ASCII (Kelvin sign, long s, dotless i).
    'é@example.com', 'ñandú@example.com', '用户@例子.广告', 'θσερ@εχαμπλε.ψομ', '\u212A@example.com',
    '\u017F@example.com', 'ı@example.com', 'İ@example.com', '\uFF41@example.com', '\u{1F600}@example.com',
    // Unicode domains and their punycode.
    'a@münchen.de', 'a@bücher.ch', 'a@例え.jp', 'a@xn--bcher-kva.ch', 'a@XN--BCHER-KVA.CH', 'a@xn--80ak6aa92e.com',
    'a@exa\u00ADmple.com', 'a@\uFF25\uFF38\uFF21\uFF2D\uFF30\uFF2C\uFF25.com', 'a@example\u3002com', 'a@example\uFF0Ecom',
    'a@\u212A.com', 'a@\u{1F600}.com', 'a@b\u0301.com',
    // Whitespace and line breaks around and inside.
    ' a@b.c', 'a@b.c ', '\ta@b.c', 'a@b.c\t', 'a@b.c\n', '\na@b.c', 'a@b.c\r\n', '\r\na@b.c\r\n', 'a\n@b.c',
    'a@b\r.c', 'a@\nb.c', 'a @b.c', 'a@ b.c', 'a@b .c', 'a\t@b.c', '\fa@b.c', 'a@b.c\f', 'a@b.c\v', '\va@b.c',
    '\u00A0a@b.c', 'a@b.c\u00A0', '\u2003a@b.c', 'a@b.c\u3000', '\uFEFFa@b.c', ' \n a@b.c \r ', '\n', '\r\n', '\t\t', ' \f ',
    // Controls and other separators.
    'a\0@b.c', 'a@b.c\0', 'a\x7F@b.c', 'a@b,c@d', 'a@b;c@d', 'a@b c@d', '<a@b.c>', 'Jane <a@b.c>', 'mailto:a@b.c',
    // Unpaired surrogates (a DOM string can hold one).
    'a\uD800@b.c', 'a@b.c\uDC00', '\uDE00\uD83D@b.c',
    // Lengths: the local part has no limit in WHATWG; 255 in total is the package's separate too_long rule.
    `${a(64)}@b`, `${a(65)}@b`, `${a(300)}@b`, `${a(243)}@example.com`, `${a(244)}@example.com`,
  ];
  // Every atext special alone, inside, and at both ends of the local part; every other ASCII punctuation inside.
  for (const c of ATEXT.replace(/[a-zA-Z0-9]/g, '')) list.push(`${c}@example.com`, `a${c}b@example.com`, `${c}a${c}@example.com`);
  for (const c of ' "(),:;<>@[\\]') list.push(`a${c}b@example.com`, `a@ex${c}ample.com`);
  return list;
}

/** What the HTML standard's value sanitization for type=email makes of a value. */
const sanitize = (s) => s.replace(/[\r\n]/g, '').replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '');

/** The package's verdict on the email field: true when it reports invalid_email. */
function packageMismatch(address) {
  const { issues } = esm.validateUpdate({ email: address });
  return issues.some((i) => i.path.length === 1 && i.path[0] === 'email' && i.code === 'invalid_email');
}

let browser;

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

/** [sanitized value, typeMismatch] per address, from one page.evaluate (JSON text both ways keeps unpaired surrogates). */
async function browserVerdicts(addresses) {
  const page = await browser.newPage();
  try {
    await page.setContent('<!doctype html><meta charset="utf-8"><input type="email" id="e">');
    const out = await page.evaluate((json) => {
      const input = document.getElementById('e');
      return JSON.stringify(
        JSON.parse(json).map((address) => {
          input.value = address;
          return [input.value, input.validity.typeMismatch];
        }),
      );
    }, JSON.stringify(addresses));
    return JSON.parse(out);
  } finally {
    await page.close();
  }
}

test(`Chromium's <input type=email> and the package agree (hand-picked corpus + ${GENERATED} generated, fast-check seed ${SEED})`, async (t) => {
  const picked = handPicked();
  const generated = fc.sample(email, { numRuns: GENERATED, seed: SEED });
  const addresses = [...picked, ...generated];
  assert.ok(picked.length >= 80, `${picked.length} hand-picked addresses`);
  assert.ok(generated.length >= 10_000);

  const verdicts = await browserVerdicts(addresses);
  assert.equal(verdicts.length, addresses.length);

  const excluded = { 'line break stripped': 0, 'surrounding whitespace trimmed': 0, 'changed otherwise (e.g. punycode)': 0, 'empty value (never a type mismatch)': 0 };
  const seen = { compared: 0, valid: 0, invalid: 0, sanitizedCompared: 0 };
  const disagreements = [];
  const unexpectedSanitizing = [];

  addresses.forEach((address, i) => {
    const [value, browserMismatch] = verdicts[i];
    if (value === '') {
      excluded['empty value (never a type mismatch)']++;
      assert.equal(browserMismatch, false, 'an empty value is not a type mismatch');
      return;
    }
    if (value !== address) {
      if (value !== sanitize(address)) {
        excluded['changed otherwise (e.g. punycode)']++;
        unexpectedSanitizing.push({ address, value });
      } else if (/[\r\n]/.test(address)) {
        excluded['line break stripped']++;
      } else {
        excluded['surrounding whitespace trimmed']++;
      }
      // Not the address given: compare the package's verdict on what the browser judged.
      seen.sanitizedCompared++;
      const ours = packageMismatch(value);
      if (ours !== browserMismatch) disagreements.push({ address, value, browser: browserMismatch, package: ours });
      return;
    }
    seen.compared++;
    seen[browserMismatch ? 'invalid' : 'valid']++;
    const ours = packageMismatch(address);
    if (ours !== browserMismatch) disagreements.push({ address, value, browser: browserMismatch, package: ours });
  });

  const totalExcluded = Object.values(excluded).reduce((x, y) => x + y, 0);
  t.diagnostic(`addresses: ${addresses.length} (hand-picked ${picked.length}, generated ${generated.length})`);
  t.diagnostic(`compared as given: ${seen.compared} (browser valid ${seen.valid}, type mismatch ${seen.invalid})`);
  t.diagnostic(
    `excluded (the browser changed the value): ${totalExcluded}: ` +
      Object.entries(excluded).map(([reason, n]) => `${reason} ${n}`).join(', '),
  );
  t.diagnostic(`of those, compared on the browser's sanitized .value: ${seen.sanitizedCompared}`);
  t.diagnostic(`disagreements: ${disagreements.length}`);
  for (const d of disagreements) {
    t.diagnostic(
      `DISAGREE ${JSON.stringify(d.address)} (browser value ${JSON.stringify(d.value)}): ` +
        `browser ${d.browser ? 'type mismatch' : 'valid'}, package ${d.package ? 'invalid_email' : 'valid'}`,
    );
  }
  for (const u of unexpectedSanitizing) t.diagnostic(`changed beyond CR/LF stripping and trimming: ${JSON.stringify(u.address)} -> ${JSON.stringify(u.value)}`);

  assert.equal(seen.compared + totalExcluded, addresses.length);
  assert.deepEqual(disagreements, []);
  // The corpus must reach both verdicts in quantity, and the browser's sanitizing must be exercised.
  assert.ok(seen.valid > 2000 && seen.invalid > 2000, `valid ${seen.valid}, invalid ${seen.invalid}`);
  assert.ok(excluded['line break stripped'] > 0 && excluded['surrounding whitespace trimmed'] > 0);
});
