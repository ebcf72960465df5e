//! Customer ids, idempotency keys and the PATCH request (built, never sent).

use crate::check::{Sink, char_len, path, too_long, too_short, wrong_type};
use crate::current::Current;
use crate::diff::write_body;
use crate::issue::{Code, Issue, write_issues, write_str};
use crate::json::Json;
use crate::messages::{Arg, Msg};
use crate::update::{UPDATE_KEYS, check_update};

/// Longest customer id (UUID or `external_id`) accepted in the path, in characters.
pub const ID_MAX: usize = 255;
/// Longest `Idempotency-Key` (the seed's limit).
pub const KEY_MAX: usize = 255;
/// Where the API lives, when no `baseUrl` is given.
pub const DEFAULT_BASE_URL: &str = "https://app.instantcompliance.ai/api/v1";
/// The request's method.
pub const METHOD: &str = "PATCH";
/// What comes between the base URL and the id.
pub const CUSTOMERS_PATH: &str = "/customers/";
/// The headers every request carries, in order, before [`KEY_HEADER`].
pub const FIXED_HEADERS: [(&str, &str); 2] = [
    ("Content-Type", "application/json"),
    ("Accept", "application/json"),
];
/// The header of the idempotency key, the last one.
pub const KEY_HEADER: &str = "Idempotency-Key";

// The package's accept-only check of a request's input (`pkg/src/certain.js`)
// tests strings against these patterns: a string they match is certainly
// valid here and written as it is. The package's differential test of the
// request (`tests/js/test/fast-request.test.mjs`) holds them to the
// functions below.

/// Ids that [`percent_encode`] leaves as they are (RFC 3986 unreserved characters).
pub const PLAIN_ID_PATTERN: &str = "^[A-Za-z0-9._~-]+$";
/// Keys [`check_idempotency_key`] accepts (visible ASCII), length aside.
pub const KEY_PATTERN: &str = "^[!-~]+$";
/// Base URLs the package's JavaScript may answer for without wasm: a part
/// of those `check_base_url` accepts (unpaired surrogates aside): a lower-case
/// scheme, a host of letters, digits, dots and hyphens, a port of at most four
/// digits, path segments of plain characters (no `%`), none `.` or `..`.
/// Anything else is for `check_base_url` to judge.
pub const BASE_URL_PATTERN: &str = "^https?://[A-Za-z0-9.-]+(?::[0-9]{0,4})?(?:/(?!\\.\\.?(?:/|$))[A-Za-z0-9._~!$&'()*+,;=:@-]*)*$";

/// What the `{id}` of the path names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomerId {
    /// An Instant Compliance UUID (lower case, hyphenated).
    Uuid(String),
    /// Your own `external_id`, as given.
    ExternalId(String),
}

impl CustomerId {
    /// `{"kind":"uuid","uuid":...}` or `{"kind":"external_id","externalId":...}`.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        match self {
            CustomerId::Uuid(u) => {
                out.push_str("{\"kind\":\"uuid\",\"uuid\":");
                write_str(u, &mut out);
            }
            CustomerId::ExternalId(e) => {
                out.push_str("{\"kind\":\"external_id\",\"externalId\":");
                write_str(e, &mut out);
            }
        }
        out.push('}');
        out
    }

    /// The id as it goes in the URL path, percent-encoded.
    pub fn path_segment(&self) -> String {
        match self {
            CustomerId::Uuid(u) => u.clone(),
            CustomerId::ExternalId(e) => percent_encode(e),
        }
    }
}

/// Reads a customer id: a hyphenated UUID (any case) is the Instant Compliance
/// id; anything else is your `external_id`. The issue's path is `[]`.
pub fn parse_customer_id(id: &Json) -> Result<CustomerId, Issue> {
    let Json::Str(s) = id else {
        return Err(wrong_type(
            Vec::new(),
            Arg::Phrase("label.id"),
            "expected.string",
            "string",
            id,
        ));
    };
    if s.ill_formed() {
        return Err(crate::check::ill_formed(
            Vec::new(),
            Arg::Phrase("label.id"),
        ));
    }
    let n = char_len(s);
    if n == 0 {
        return Err(too_short(Vec::new(), Arg::Phrase("label.id"), 1, 0));
    }
    if n > ID_MAX {
        return Err(too_long(Vec::new(), Arg::Phrase("label.id"), ID_MAX, n));
    }
    if crate::record::is_uuid(&s.text) {
        Ok(CustomerId::Uuid(s.text.to_ascii_lowercase()))
    } else {
        Ok(CustomerId::ExternalId(s.text.to_string()))
    }
}

/// Problems with an `Idempotency-Key`: 1 to 255 visible ASCII characters.
pub fn check_idempotency_key(key: &Json) -> Option<Issue> {
    let Json::Str(s) = key else {
        return Some(wrong_type(
            Vec::new(),
            Arg::Phrase("label.key"),
            "expected.string",
            "string",
            key,
        ));
    };
    let n = char_len(s);
    if n == 0 {
        return Some(too_short(Vec::new(), Arg::Phrase("label.key"), 1, 0));
    }
    if n > KEY_MAX {
        return Some(too_long(Vec::new(), Arg::Phrase("label.key"), KEY_MAX, n));
    }
    if s.ill_formed() || !s.text.bytes().all(|b| (0x21..=0x7e).contains(&b)) {
        return Some(Issue::new(
            Vec::new(),
            Code::InvalidFormat,
            Msg::new("key.ascii"),
        ));
    }
    None
}

/// Problems with a base URL: `http://` or `https://` (in either case), a
/// host, a port of at most 65535, and nothing `fetch` would refuse or send
/// elsewhere than `url` says: no credentials, query or fragment, no `.` or
/// `..` segment (resolved away), no control character, space or backslash
/// (stripped or read as `/` by the URL parser).
fn check_base_url(url: &Json) -> Option<Issue> {
    let Json::Str(s) = url else {
        return Some(wrong_type(
            Vec::new(),
            Arg::Phrase("label.url"),
            "expected.string",
            "string",
            url,
        ));
    };
    if !s.ill_formed() && base_url_fits(&s.text) {
        return None;
    }
    Some(Issue::new(
        Vec::new(),
        Code::InvalidFormat,
        Msg::new("url.invalid"),
    ))
}

/// See [`check_base_url`]: one pass over the bytes (the scheme, the host
/// and port up to the first `/`, then the path's segments).
fn base_url_fits(text: &str) -> bool {
    let b = text.as_bytes();
    let lower = |i: usize| b.get(i).map_or(0, |c| c | 0x20);
    if !(lower(0) == b'h' && lower(1) == b't' && lower(2) == b't' && lower(3) == b'p') {
        return false;
    }
    let mut at = if lower(4) == b's' { 5 } else { 4 };
    if b.get(at..at + 3) != Some(b"://") {
        return false;
    }
    at += 3;
    // 0: the host; 1: in an IPv6 host's brackets; 2: after them; 3: the port; 4: the path.
    let mut part = 0;
    let mut host = 0;
    let mut port: u32 = 0;
    let mut digits = 0;
    // The current segment: `.` (or `%2e`) counted, or -1 once anything else is in it.
    let mut dots: i32 = 0;
    while at <= b.len() {
        let c = b.get(at).copied().unwrap_or(b'/');
        if c <= b' ' || matches!(c, 0x7F | b'\\' | b'?' | b'#') || (c == b'@' && part < 4) {
            return false;
        }
        if part < 4 && c == b'/' {
            if host == 0 || part == 1 {
                return false;
            }
            part = 4;
        } else if part == 4 {
            if c == b'/' {
                if dots == 1 || dots == 2 {
                    return false;
                }
                dots = 0;
            } else if dots >= 0 && c == b'.' {
                dots += 1;
            } else if dots >= 0
                && c == b'%'
                && b.get(at + 1) == Some(&b'2')
                && lower(at + 2) == b'e'
            {
                dots += 1;
                at += 2;
            } else {
                dots = -1;
            }
        } else if part == 3 {
            if !c.is_ascii_digit() || digits == 5 {
                return false;
            }
            port = port * 10 + u32::from(c - b'0');
            digits += 1;
            if port > 65_535 {
                return false;
            }
        } else if c == b':' && part != 1 {
            if host == 0 {
                return false;
            }
            part = 3;
        } else if part == 2 {
            return false;
        } else {
            if c == b'[' && host == 0 {
                part = 1;
            } else if c == b']' && part == 1 {
                part = if host > 1 { 2 } else { return false };
            }
            host += 1;
        }
        at += 1;
    }
    true
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
    out
}

/// A request ready for `fetch`: `body` is the exact text to send, and to
/// resend byte for byte with the same key on a retry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatchRequest {
    /// Always `PATCH`.
    pub method: &'static str,
    /// `{baseUrl}/customers/{id}`, the id percent-encoded.
    pub url: String,
    /// `Content-Type`, `Accept` and `Idempotency-Key`, in that order.
    pub headers: Vec<(&'static str, String)>,
    /// The body: compact JSON, keys in schema order.
    pub body: String,
}

/// The outcome of building a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Built {
    /// The request, and the body's warnings.
    Ok(PatchRequest, Vec<Issue>),
    /// Every problem: paths start with `id`, `update`, `idempotencyKey` or `baseUrl`.
    Invalid(Vec<Issue>),
}

impl Built {
    /// `{"ok":true,"request":{...},"warnings":[...]}` or `{"ok":false,"issues":[...]}`.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        match self {
            Built::Ok(r, warnings) => {
                out.push_str("{\"ok\":true,\"request\":{\"method\":\"PATCH\",\"url\":");
                write_str(&r.url, &mut out);
                out.push_str(",\"headers\":{");
                for (i, (name, value)) in r.headers.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_str(name, &mut out);
                    out.push(':');
                    write_str(value, &mut out);
                }
                out.push_str("},\"body\":");
                write_str(&r.body, &mut out);
                out.push_str("},\"warnings\":");
                write_issues(warnings, &mut out);
            }
            Built::Invalid(issues) => {
                out.push_str("{\"ok\":false,\"issues\":");
                write_issues(issues, &mut out);
            }
        }
        out.push('}');
        out
    }
}

/// Builds the PATCH request from `{ id, update, current?, idempotencyKey?, baseUrl? }`.
/// `fresh_key` makes a key when none is given (a UUID v4). A malformed
/// `current` is an error (a programming error), everything else an issue.
pub fn build_patch_request(
    input: &Json,
    fresh_key: impl FnOnce() -> String,
) -> Result<Built, crate::current::CurrentError> {
    let mut sink = Sink::default();
    if !matches!(input, Json::Object(_)) {
        sink.issue(wrong_type(
            Vec::new(),
            Arg::Phrase("label.input"),
            "expected.object",
            "object",
            input,
        ));
        return Ok(Built::Invalid(sink.issues));
    }
    let current = match input.get("current") {
        None | Some(Json::Null) => None,
        Some(record) => Some(Current::from_json(record)?),
    };
    let id = match input.get("id") {
        None => {
            sink.issue(crate::check::missing(
                path(&["id"]),
                Arg::Phrase("label.id"),
                "string",
            ));
            None
        }
        Some(id) => match parse_customer_id(id) {
            // URL parsers resolve `.` and `..` (even as %2E) as dot segments: such an id cannot be addressed.
            Ok(CustomerId::ExternalId(dots)) if dots == "." || dots == ".." => {
                sink.issue(Issue::new(
                    path(&["id"]),
                    Code::InvalidFormat,
                    Msg::new("id.dots"),
                ));
                None
            }
            Ok(id) => Some(id),
            Err(issue) => {
                sink.issue(issue.under(&["id"]));
                None
            }
        },
    };
    let update = input.get("update");
    match update {
        None => sink.issue(crate::check::missing(
            path(&["update"]),
            Arg::Phrase("label.update"),
            "object",
        )),
        Some(update) => {
            // The body's own report: capped, with its count of issues left out.
            let mut body_sink = Sink::default();
            check_update(update, current.as_ref(), &mut body_sink);
            let body = body_sink.finish();
            sink.issues
                .extend(body.issues.into_iter().map(|i| prefixed(i, "update")));
            sink.warnings
                .extend(body.warnings.into_iter().map(|i| prefixed(i, "update")));
        }
    }
    let key = match input.get("idempotencyKey") {
        None | Some(Json::Null) => None,
        Some(key) => {
            if let Some(issue) = check_idempotency_key(key) {
                sink.issue(issue.under(&["idempotencyKey"]));
            }
            key.as_str().map(|s| s.text.to_string())
        }
    };
    let base = match input.get("baseUrl") {
        None | Some(Json::Null) => DEFAULT_BASE_URL.to_owned(),
        Some(url) => {
            if let Some(issue) = check_base_url(url) {
                sink.issue(issue.under(&["baseUrl"]));
            }
            url.as_str()
                .map(|s| s.text.trim_end_matches('/').to_owned())
                .unwrap_or_default()
        }
    };
    if !sink.issues.is_empty() {
        return Ok(Built::Invalid(sink.finish().issues));
    }
    let (Some(id), Some(update)) = (id, update) else {
        return Ok(Built::Invalid(sink.finish().issues));
    };
    let members: Vec<(&str, Json)> = UPDATE_KEYS
        .iter()
        .filter_map(|k| update.get(k).map(|v| (*k, v.clone())))
        .collect();
    let mut body = String::new();
    write_body(&members, &mut body);
    let [(type_name, type_value), (accept_name, accept_value)] = FIXED_HEADERS;
    let request = PatchRequest {
        method: METHOD,
        url: crate::join(&[base.as_str(), CUSTOMERS_PATH, &id.path_segment()], ""),
        headers: vec![
            (type_name, type_value.to_owned()),
            (accept_name, accept_value.to_owned()),
            (KEY_HEADER, key.unwrap_or_else(fresh_key)),
        ],
        body,
    };
    Ok(Built::Ok(request, sink.warnings))
}

/// Puts `update` before a body issue's path, except a warning about `current`.
fn prefixed(issue: Issue, prefix: &'static str) -> Issue {
    if issue.path.first().is_some_and(|k| k == "current") {
        issue
    } else {
        issue.under(&[prefix])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_that_fetch_would_send_as_written() {
        for ok in [
            "https://app.instantcompliance.ai/api/v1",
            "https://app.instantcompliance.ai/api/v1/",
            "http://localhost:8080",
            "http://localhost:/x",
            "https://x.example:65535/api",
            "HTTPS://X.example/api",
            "Http://x",
            "https://[::1]:8443/api",
            "https://é.example/v1",
            "https://x.example/a..b/.c/...",
            "https://x.example//v1",
            "https://x.example/@team/api",
        ] {
            assert!(base_url_fits(ok), "{ok}");
        }
        for bad in [
            "https://",
            "https:///x",
            "ftp://x",
            "//x",
            "x.example/api",
            "https://x.example:65536",
            "https://x.example:99999/api",
            "https://x.example:123456",
            "https://x.example:80a",
            "https://x:1:2",
            "https://user:pw@x.example/api",
            "https://@x.example",
            "https://x.example/api/..",
            "https://x.example/api/../v1",
            "https://x.example/./v1",
            "https://x.example/api/%2e%2E",
            "https://x.example/api/.%2e/",
            "https://x.example/%2E",
            "https://x.example/a?b",
            "https://x.example/a#b",
            "https://x.example/a b",
            "https://x.example/a\tb",
            "https://x.example/a\nb",
            "https://x.example\\api",
            "https://x.example/a\u{7F}",
            "https://[::1",
            "https://[]",
            "https://:80",
        ] {
            assert!(!base_url_fits(bad), "{bad}");
        }
    }

    #[test]
    fn percent_encoding() {
        assert_eq!(percent_encode("crm-7741"), "crm-7741");
        assert_eq!(percent_encode("a/b c?d#é"), "a%2Fb%20c%3Fd%23%C3%A9");
        assert_eq!(percent_encode("../x"), "..%2Fx");
    }
}
