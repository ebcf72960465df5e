// Generated from src/records.rs by `MESSAGES=overwrite cargo test --test messages`: do not edit.
// Strings the wasm module sends as their hash (FNV-1a of the UTF-8), besides the message ids.
export const KNOWN = [
  "min", "max", "actual", "expected", "received", "suggestion", "field", "reason",
  "kycStatus", "allowed", "format", "omitted", "line", "column", "offset", "string",
  "string or null", "object", "boolean", "array", "number", "null", "undefined", "bigint",
  "symbol", "function", "unreadable", "object instance", "non-finite number", "object with toJSON", "too large", "uuid",
  "date-time", "iso3166-alpha3", "VERIFIED", "reingest", "immutable_once_set", "verification_flow", "server_owned", "fullName",
  "email", "phone", "risk", "isNewCustomer", "isDesignatedService", "handlesCashOrCrypto", "update", "current",
  "id", "idempotencyKey", "baseUrl", "type", "external_id", "full_name", "kyc_status", "kyc_started_at",
  "kyc_completed_at", "identity", "aml", "added_via", "created_at", "updated_at", "status", "screened_at",
  "last_reviewed_at", "flags", "pep", "sanctions", "adverse_media", "terrorism", "verified_legal_name", "verified_country",
  "externalId", "kycStartedAt", "kycCompletedAt", "addedVia", "createdAt", "updatedAt", "label", "key",
  "of", "name",
];
// The size and shift of the reader's table by hash: every known hash in a slot of its own.
export const SLOTS = [4096, 31];
