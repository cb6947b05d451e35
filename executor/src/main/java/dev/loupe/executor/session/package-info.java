/// Sessions: a model compiled once ([dev.loupe.executor.session.Session]) and run with named inputs, with
/// input checks, size guards, per-node statistics, listeners notified before and after every node
/// ([dev.loupe.executor.session.ExecutionListener]) and retention of intermediate values.
///
/// Operators without a kernel that are defined by a function (model-local or in the operator schema) run by
/// expanding the function's body with the caller's attributes bound. Stepping is built on this package by
/// [dev.loupe.executor.debug].
///
/// A session runs in one of two [dev.loupe.executor.session.ExecutionMode]s: `DEBUG` runs the model's nodes
/// one by one, each output in new storage (what stepping and inspection need); `FAST` compiles a private plan
/// (constant folding, `Conv` + `BatchNormalization` folding, in-place epilogues) and recycles the storage
/// of values after their last use, for running to the end (`loupe run`, `loupe bench`).
package dev.loupe.executor.session;
