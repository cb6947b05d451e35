/// Classes protoc generates from `op_schema.proto`, the format of the bundled schema catalogue. Internal
/// to `dev.loupe.model.schema`: not exported, and never part of a public signature.
package dev.loupe.model.schema.proto;
