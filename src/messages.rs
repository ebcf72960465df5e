//! Every sentence the crate writes, as data: one table of English templates
//! and phrases by id, and the one renderer that fills them in.
//!
//! An issue keeps its message as a [`Msg`] (a template id and named
//! arguments) beside the rendered English. The package's build writes
//! [`ENGLISH`] into JavaScript (`ic-contract messages`), so JavaScript renders
//! the same sentences, and other languages, from the same ids; a test proves
//! that both renderers write the same English for every template.
//!
//! Templates hold `{name}` for an argument and
//! `{name, plural, one {…} other {…}}` for a count (`#` is the count). An
//! argument is a number, raw text (a key, a field path, a class name) or a
//! phrase: the id of another entry (a field label, a type), rendered in turn.

/// An argument of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// A count or a limit.
    Int(u64),
    /// Text shown as it is (a key, a field path).
    Text(String),
    /// Another entry of the table, by id (a label, a type phrase).
    Phrase(&'static str),
    /// An entry whose template has one `{name}`, filled with this text
    /// (`received.a` with `Date`: "a Date").
    Named(&'static str, String),
}

/// A sentence before it is words: a template id and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    /// The id of the template in [`ENGLISH`].
    pub id: &'static str,
    /// Named arguments, in the order the template uses them.
    pub args: Vec<(&'static str, Arg)>,
}

impl Msg {
    /// A message without arguments (room for the three most take, made at
    /// once: the first `arg` then needs no growing, a call out of line).
    #[inline(never)]
    pub fn new(id: &'static str) -> Self {
        Msg {
            id,
            args: Vec::with_capacity(3),
        }
    }

    /// The same message with one more argument.
    pub fn arg(mut self, name: &'static str, value: Arg) -> Self {
        self.args.push((name, value));
        self
    }

    /// With `{label}` set to a phrase.
    pub fn label(self, label: &'static str) -> Self {
        self.arg("label", Arg::Phrase(label))
    }

    /// The English sentence.
    pub fn render(&self) -> String {
        let mut out = String::new();
        render_into(english(self.id), &self.args, &mut out);
        out
    }
}

impl Msg {
    /// The message as JSON data, `{"id":…,"args":{…}}`: a number is a count,
    /// a string is text, `{"p":id}` a phrase, `{"p":id,"name":…}` a named phrase.
    pub fn to_json(&self) -> String {
        use crate::issue::write_str;
        let mut out = String::from("{\"id\":");
        write_str(self.id, &mut out);
        out.push_str(",\"args\":{");
        for (i, (name, arg)) in self.args.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_str(name, &mut out);
            out.push(':');
            match arg {
                Arg::Int(n) => out.push_str(&n.to_string()),
                Arg::Text(text) => write_str(text, &mut out),
                Arg::Phrase(id) => {
                    out.push_str("{\"p\":");
                    write_str(id, &mut out);
                    out.push('}');
                }
                Arg::Named(id, name) => {
                    out.push_str("{\"p\":");
                    write_str(id, &mut out);
                    out.push_str(",\"name\":");
                    write_str(name, &mut out);
                    out.push('}');
                }
            }
        }
        out.push_str("}}");
        out
    }
}

/// `pkg/src/messages.js`: [`ENGLISH`] as a JavaScript module (the package's
/// renderer and every locale read the same ids).
pub fn english_js() -> String {
    use crate::issue::write_str;
    let mut out = String::from(
        "// Generated from src/messages.rs by `MESSAGES=overwrite cargo test --test messages`: do not edit.\n\
         // Every English template and phrase by id: the package's one source of sentences.\n\
         export const ENGLISH = {\n",
    );
    for (id, text) in ENGLISH {
        out.push_str("  ");
        write_str(id, &mut out);
        out.push_str(": ");
        write_str(text, &mut out);
        out.push_str(",\n");
    }
    out.push_str("};\n");
    out
}

/// The English text of an entry; the id itself when there is none (a test
/// holds every id the crate uses to an entry).
pub fn english(id: &str) -> &'static str {
    ENGLISH
        .iter()
        .find(|(k, _)| *k == id)
        .map_or("", |(_, text)| text)
}

fn render_arg(arg: &Arg, out: &mut String) {
    match arg {
        Arg::Int(n) => out.push_str(&n.to_string()),
        Arg::Text(text) => out.push_str(text),
        Arg::Phrase(id) => render_into(english(id), &[], out),
        Arg::Named(id, name) => render_into(english(id), &[("name", Arg::Text(name.clone()))], out),
    }
}

/// Fills `template`'s placeholders from `args` into `out`.
fn render_into(template: &str, args: &[(&str, Arg)], out: &mut String) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(len) = placeholder_len(&rest[open..]) else {
            out.push_str(&rest[open..]);
            return;
        };
        let inner = &rest[open + 1..open + len - 1];
        let name = inner.split(',').next().unwrap_or("").trim();
        let value = args.iter().find(|(k, _)| *k == name).map(|(_, v)| v);
        match (inner.find(", plural,"), value) {
            (Some(at), Some(Arg::Int(n))) => {
                let branches = &inner[at + ", plural,".len()..];
                let form = plural_branch(branches, if *n == 1 { "one" } else { "other" });
                for (i, part) in form.split('#').enumerate() {
                    if i > 0 {
                        out.push_str(&n.to_string());
                    }
                    render_into(part, args, out);
                }
            }
            (_, Some(value)) => render_arg(value, out),
            (_, None) => out.push_str(&rest[open..open + len]),
        }
        rest = &rest[open + len..];
    }
    out.push_str(rest);
}

/// The length of the balanced `{...}` at the start of `s`.
fn placeholder_len(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// The text of branch `form` (`one`, `other`) in `one {…} other {…}`, else `other`'s.
fn plural_branch<'t>(branches: &'t str, form: &str) -> &'t str {
    let mut found_other = "";
    let mut rest = branches.trim_start();
    while let Some(open) = rest.find('{') {
        let key = rest[..open].trim();
        let Some(len) = placeholder_len(&rest[open..]) else {
            break;
        };
        let body = &rest[open + 1..open + len - 1];
        if key == form {
            return body;
        }
        if key == "other" {
            found_other = body;
        }
        rest = rest[open + len..].trim_start();
    }
    found_other
}

/// The `received` phrase of a type name (`invalid_type`'s `params.received`):
/// a known one by its own entry, a class name with "a" or "an".
pub fn received(name: &str) -> Arg {
    let id = match name {
        "null" => "received.null",
        "undefined" => "received.undefined",
        "string" => "received.string",
        "number" => "received.number",
        "boolean" => "received.boolean",
        "array" => "received.array",
        "object" => "received.object",
        "bigint" => "received.bigint",
        "symbol" => "received.symbol",
        "function" => "received.function",
        "unreadable" => "received.unreadable",
        "object instance" => "received.object instance",
        "non-finite number" => "received.non-finite number",
        "object with toJSON" => "received.object with toJSON",
        "too large" => "received.too large",
        _ if name.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']) => {
            return Arg::Named("received.an", name.to_owned());
        }
        _ => return Arg::Named("received.a", name.to_owned()),
    };
    Arg::Phrase(id)
}

/// The phrase of a JSON parser's reason (`scan::ParseError::reason` is its id).
pub fn json_reason(reason: &'static str) -> Arg {
    Arg::Phrase(reason)
}

/// Every template and phrase, by id, in English: the one source of the
/// package's sentences (a locale gives the same ids in its language).
pub const ENGLISH: &[(&str, &str)] = &[
    // Types.
    (
        "type.null",
        "{label} cannot be null; it must be {expected}.",
    ),
    (
        "type.wrong",
        "{label} must be {expected}; received {received}.",
    ),
    ("required", "{label} is required."),
    // Strings and lengths.
    (
        "string.ill_formed",
        "{label} contains a broken character (an unpaired UTF-16 surrogate) and cannot be sent as valid Unicode.",
    ),
    ("length.empty", "{label} must not be empty."),
    ("length.min", "{label} must be at least {min} characters."),
    (
        "length.max",
        "{label} must be at most {max} characters; it has {actual}.",
    ),
    (
        "email.invalid",
        "{label} must be a valid email address, such as name@example.com.",
    ),
    // Keys.
    ("field.unknown", "\"{key}\" is not a field of {of}."),
    (
        "field.unknown_suggestion",
        "\"{key}\" is not a field of {of}; did you mean \"{suggestion}\"?",
    ),
    (
        "immutable.type",
        "The customer type cannot be changed here; re-ingest the customer with the correct type.",
    ),
    (
        "immutable.external_id",
        "The external ID cannot be changed: it is immutable once set.",
    ),
    (
        "immutable.kyc_status",
        "The KYC status cannot be set here: it moves through the verification flow.",
    ),
    (
        "immutable.kyc_started_at",
        "The KYC start time cannot be set here: it moves through the verification flow.",
    ),
    (
        "immutable.kyc_completed_at",
        "The KYC completion time cannot be set here: it moves through the verification flow.",
    ),
    (
        "immutable.identity",
        "The verified identity cannot be set here: it comes from the verification flow.",
    ),
    (
        "immutable.aml",
        "AML screening results cannot be set here: they move through the verification flow.",
    ),
    (
        "immutable.id",
        "The customer ID is assigned by the server and cannot be changed.",
    ),
    (
        "immutable.added_via",
        "How the record was added is set by the server and cannot be changed.",
    ),
    (
        "immutable.created_at",
        "The creation time is set by the server and cannot be changed.",
    ),
    (
        "immutable.updated_at",
        "The update time is set by the server and cannot be changed.",
    ),
    // The freeze.
    (
        "frozen",
        "{label} cannot be changed after KYC verification.",
    ),
    (
        "frozen.unchanged",
        "{label} is frozen after KYC verification; the same value is sent, so nothing changes.",
    ),
    (
        "frozen.reason",
        "{label} cannot be changed after KYC verification (kyc_status is {status}).",
    ),
    (
        "status.unknown",
        "The current record's KYC status is not one this module knows, so fullName and email are treated as editable.",
    ),
    // The record.
    (
        "record.identity",
        "identity is populated only when kyc_status is VERIFIED.",
    ),
    ("record.enum", "{label} must be one of {allowed}."),
    (
        "format.uuid",
        "{label} must be a UUID such as 550e8400-e29b-41d4-a716-446655440000.",
    ),
    ("format.email", "{label} must be a valid email address."),
    (
        "format.date_time",
        "{label} must be an RFC 3339 date-time such as 2026-06-23T01:00:00Z.",
    ),
    (
        "format.country",
        "{label} must be an ISO 3166-1 alpha-3 country code such as AUS.",
    ),
    // The request.
    (
        "key.ascii",
        "The Idempotency-Key must hold only visible ASCII characters (no spaces).",
    ),
    (
        "url.invalid",
        "The base URL must be an http:// or https:// URL without a query or fragment, such as https://app.instantcompliance.ai/api/v1.",
    ),
    (
        "id.dots",
        "An id of \".\" or \"..\" cannot be addressed in a URL path.",
    ),
    // Batches.
    ("batch.no_update", "A batch item must have an \"update\"."),
    // JSON text.
    (
        "json.invalid",
        "The text is not valid JSON: {reason} at line {line}, column {column}.",
    ),
    (
        "json.current",
        "The current record is not valid JSON: {reason} at line {line}, column {column}.",
    ),
    ("json.control", "control character in a string"),
    (
        "json.array_separator",
        "expected ',' or ']' after an array item",
    ),
    (
        "json.object_separator",
        "expected ',' or '}' after an object member",
    ),
    ("json.colon", "expected ':' after an object key"),
    ("json.key", "expected a string key"),
    ("json.hex", "invalid \\u escape: expected four hex digits"),
    ("json.escape", "invalid escape in a string"),
    ("json.number", "invalid number"),
    (
        "json.fraction",
        "invalid number: expected a digit after '.'",
    ),
    (
        "json.exponent",
        "invalid number: expected a digit in the exponent",
    ),
    ("json.character", "unexpected character"),
    (
        "json.character_value",
        "unexpected character, expected a value",
    ),
    ("json.end", "unexpected end of input"),
    (
        "json.end_value",
        "unexpected end of input, expected a value",
    ),
    ("json.trailing", "unexpected text after the JSON value"),
    ("json.unterminated", "unterminated string"),
    ("json.utf8", "bytes that are not UTF-8"),
    (
        "json.lone_table",
        "internal: a bad table of unpaired surrogates",
    ),
    // The cap.
    (
        "issues.omitted",
        "{omitted, plural, one {There is # more problem} other {There are # more problems}}; only the first {max} are listed.",
    ),
    // Labels: what a form calls each field, and the subjects of messages.
    ("label.fullName", "Full name"),
    ("label.email", "Email"),
    ("label.phone", "Phone"),
    ("label.risk", "Risk answers"),
    (
        "label.isNewCustomer",
        "The answer to \"is this a new customer\"",
    ),
    (
        "label.isDesignatedService",
        "The answer to \"is a designated service provided\"",
    ),
    (
        "label.handlesCashOrCrypto",
        "The answer to \"does the customer handle cash or crypto\"",
    ),
    ("label.field", "This field"),
    ("label.update", "The update"),
    ("label.record", "The customer record"),
    ("label.current", "The current record"),
    ("label.current_status", "The current record's kyc_status"),
    ("label.id", "The customer id"),
    ("label.key", "The Idempotency-Key"),
    ("label.input", "The request input"),
    ("label.url", "The base URL"),
    ("label.batch", "The batch"),
    ("label.item", "A batch item"),
    ("of.update", "the update"),
    ("of.risk", "the risk answers"),
    // What a value must be (`invalid_type`'s `params.expected`, in words).
    ("expected.string", "a string"),
    ("expected.string_or_null", "a string or null"),
    ("expected.boolean", "a boolean"),
    ("expected.boolean_or_null", "a boolean or null"),
    ("expected.true_or_false", "true or false"),
    ("expected.object", "an object"),
    ("expected.object_or_null", "an object or null"),
    ("expected.json_object", "a JSON object"),
    ("expected.items", "a JSON array of items"),
    ("expected.item", "an object with an \"update\""),
    // What a value was (`invalid_type`'s `params.received`, in words).
    ("received.null", "null"),
    ("received.undefined", "undefined"),
    ("received.string", "a string"),
    ("received.number", "a number"),
    ("received.boolean", "a boolean"),
    ("received.array", "an array"),
    ("received.object", "an object"),
    ("received.bigint", "a bigint"),
    ("received.symbol", "a symbol"),
    ("received.function", "a function"),
    (
        "received.unreadable",
        "a value that could not be read (a getter or a Proxy trap threw)",
    ),
    ("received.object instance", "an instance of a class"),
    (
        "received.non-finite number",
        "a number that is not finite (NaN or Infinity), which JSON would send as null",
    ),
    (
        "received.object with toJSON",
        "an object with a toJSON method (give the plain data it stands for)",
    ),
    (
        "received.too large",
        "a value too large to check (more than 10,000,000 keys and items)",
    ),
    ("received.a", "a {name}"),
    ("received.an", "an {name}"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_every_phrase_exists() {
        let mut ids: Vec<&str> = ENGLISH.iter().map(|(id, _)| *id).collect();
        ids.sort_unstable();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before, ids.len(), "a repeated id");
        // Every reason the parser writes (read from its source) is a phrase id.
        let source = include_str!("scan.rs");
        let mut reasons = 0;
        for piece in source.split("((\"").skip(1) {
            let id = piece.split('"').next().unwrap_or("");
            assert!(id.starts_with("json.") && !english(id).is_empty(), "{id:?}");
            reasons += 1;
        }
        assert!(reasons >= 15, "{reasons} reasons found in scan.rs");
    }

    #[test]
    fn renders_arguments_phrases_and_plurals() {
        let m = Msg::new("length.max")
            .label("label.phone")
            .arg("max", Arg::Int(32))
            .arg("actual", Arg::Int(34));
        assert_eq!(
            m.render(),
            "Phone must be at most 32 characters; it has 34."
        );
        let one = Msg::new("issues.omitted")
            .arg("omitted", Arg::Int(1))
            .arg("max", Arg::Int(100));
        assert_eq!(
            one.render(),
            "There is 1 more problem; only the first 100 are listed."
        );
        let many = Msg::new("issues.omitted")
            .arg("omitted", Arg::Int(999_900))
            .arg("max", Arg::Int(100));
        assert_eq!(
            many.render(),
            "There are 999900 more problems; only the first 100 are listed."
        );
        let class = Msg::new("type.wrong")
            .label("label.risk")
            .arg("expected", Arg::Phrase("expected.object"))
            .arg("received", received("Error"));
        assert_eq!(
            class.render(),
            "Risk answers must be an object; received an Error."
        );
        assert_eq!(
            Msg::new("field.unknown")
                .arg("key", Arg::Text("a{b}".into()))
                .arg("of", Arg::Phrase("of.update"))
                .render(),
            "\"a{b}\" is not a field of the update."
        );
    }
}
