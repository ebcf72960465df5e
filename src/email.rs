//! The WHATWG HTML "valid email address" rule, the one `<input type=email>` applies.
//!
//! ```text
//! /^[a-zA-Z0-9.!#$%&'*+\/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/
//! ```
//!
//! Written as a function rather than a regex: no regex engine ships to the
//! browser. [`EMAIL_PATTERN`] is the same rule as an ECMA-262 pattern, put in
//! the JSON Schema; a test proves the two agree.

/// The WHATWG rule as a JSON Schema `pattern` (ECMA-262, no flags).
pub const EMAIL_PATTERN: &str = r"^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$";

/// Longest domain label the rule allows.
#[cfg_attr(feature = "validator-email", allow(dead_code))]
const MAX_LABEL: usize = 63;

/// True when `s` is a WHATWG valid email address.
///
/// Differences from other email checks, on purpose: a local part may start,
/// end or repeat dots (`.a..b.@x`) and has no 64-character cap; a domain may be
/// a single label (`a@localhost`); no IP literals, no quoted local parts, no
/// Unicode (internationalised domains must be given in punycode, `xn--`).
/// The browser strips surrounding whitespace before it checks; this does not,
/// since the API receives the exact string.
#[cfg(not(feature = "validator-email"))]
pub fn is_valid_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && local.bytes().all(is_local_byte)
        && !domain.is_empty()
        && domain.split('.').all(is_label)
}

/// `validator`'s email rule, built only to measure its weight (feature `validator-email`).
#[cfg(feature = "validator-email")]
pub fn is_valid_email(s: &str) -> bool {
    validator::ValidateEmail::validate_email(&s)
}

#[cfg_attr(feature = "validator-email", allow(dead_code))]
fn is_local_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~.-".contains(&b)
}

#[cfg_attr(feature = "validator-email", allow(dead_code))]
fn is_label(label: &str) -> bool {
    let bytes = label.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) => {
            bytes.len() <= MAX_LABEL
                && first.is_ascii_alphanumeric()
                && last.is_ascii_alphanumeric()
                && bytes
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        }
        _ => false,
    }
}

#[cfg(all(test, not(feature = "validator-email")))]
mod tests {
    use super::is_valid_email;

    #[test]
    fn whatwg_cases() {
        let valid = [
            "jsmith@example.com",
            "a@b",
            "a@localhost",
            ".a..b.@example.com",
            "!#$%&'*+/=?^_`{|}~-@x.y",
            "a@xn--bcher-kva.example",
            "a@1.2.3.4",
            "a@a-b.c",
        ];
        let invalid = [
            "",
            "a",
            "@b.c",
            "a@",
            "a@b@c",
            "a@.b",
            "a@b.",
            "a@b..c",
            "a@-b.c",
            "a@b-.c",
            "a@[1.2.3.4]",
            "\"a\"@b.c",
            "a b@c.d",
            " a@b.c",
            "a@b.c ",
            "é@b.c",
            "a@bücher.de",
            "a@b_c.d",
            "a(b)@c.d",
        ];
        for e in valid {
            assert!(is_valid_email(e), "{e}");
        }
        for e in invalid {
            assert!(!is_valid_email(e), "{e}");
        }
        let label63 = "a".repeat(63);
        assert!(is_valid_email(&format!("x@{label63}.com")));
        assert!(!is_valid_email(&format!("x@a{label63}.com")));
        assert!(is_valid_email(&format!("{}@x.com", "a".repeat(300))));
    }
}
