//! The JSON Schemas and the OpenAPI description, generated from the types by schemars.

use schemars::generate::SchemaSettings;
use serde_json::{Value, json};

use crate::record::Customer;
use crate::request::{DEFAULT_BASE_URL, ID_MAX, KEY_MAX};
use crate::update::CustomerUpdate;

/// The files of `schemas/`, by name.
pub const FILES: [&str; 3] = [
    "customer-update.schema.json",
    "customer.schema.json",
    "openapi.json",
];

/// The PATCH body's JSON Schema (draft 2020-12).
pub fn update_schema() -> Value {
    SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<CustomerUpdate>()
        .to_value()
}

/// The customer record's JSON Schema (draft 2020-12).
pub fn customer_schema() -> Value {
    SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<Customer>()
        .to_value()
}

/// The OpenAPI 3.1 description of `PATCH /customers/{id}`, schemas under `components`.
pub fn openapi() -> Value {
    let mut settings = SchemaSettings::draft2020_12();
    settings.definitions_path = "/components/schemas".into();
    let mut generator = settings.into_generator();
    let body = generator.subschema_for::<CustomerUpdate>().to_value();
    let record = generator.subschema_for::<Customer>().to_value();
    let schemas = generator.take_definitions(true);
    let error = |code: &str, what: &str| {
        json!({
            "description": what,
            "content": { "application/json": { "schema": {
                "type": "object",
                "description": "The error body. The API reference names only the error code; other members are not documented.",
                "properties": {
                    "error": { "type": "string", "const": code },
                    "message": { "type": "string" }
                }
            } } }
        })
    };
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Instant Compliance: Update a customer",
            "version": "1.0.0",
            "description": "PATCH /api/v1/customers/{id}, as enforced by ic-customer-contract. Generated from the crate's types; do not edit."
        },
        "servers": [{ "url": DEFAULT_BASE_URL }],
        "security": [{ "bearerAuth": [] }],
        "paths": { "/customers/{id}": { "patch": {
            "operationId": "updateCustomer",
            "summary": "Update a customer",
            "description": "Partial update of a customer record. fullName and email freeze once kyc_status is VERIFIED; type, external_id and every KYC/AML field are never editable here.",
            "parameters": [
                {
                    "name": "id", "in": "path", "required": true,
                    "description": "Instant Compliance's customer UUID, or your own external_id.",
                    "schema": { "type": "string", "minLength": 1, "maxLength": ID_MAX }
                },
                {
                    "name": "Idempotency-Key", "in": "header", "required": false,
                    "description": "Caller-supplied unique key for safe retries. The same key within 24 hours replays the original response; reusing it with a different body returns 409 idempotency_conflict.",
                    "schema": { "type": "string", "minLength": 1, "maxLength": KEY_MAX, "pattern": "^[!-~]+$" }
                }
            ],
            "requestBody": { "required": true, "content": { "application/json": { "schema": body } } },
            "responses": {
                "200": { "description": "Updated customer record.", "content": { "application/json": { "schema": record } } },
                "409": error("idempotency_conflict", "The Idempotency-Key was already used with a different request body."),
                "422": error("validation_failed", "The body breaks a rule: a length, the email format, a frozen field, or a field this endpoint never changes.")
            }
        } } },
        "components": {
            "schemas": schemas,
            "securitySchemes": { "bearerAuth": {
                "type": "http", "scheme": "bearer",
                "description": "API key issued from Settings → Developers in your Instant Compliance organisation. Format: ic_live_…"
            } }
        }
    })
}

/// Each file of `schemas/` with its text (pretty JSON, one trailing newline).
pub fn generated_files() -> Vec<(&'static str, String)> {
    let text = |v: Value| format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default());
    vec![
        (FILES[0], text(update_schema())),
        (FILES[1], text(customer_schema())),
        (FILES[2], text(openapi())),
    ]
}
