/// Sessions: a model compiled once ([dev.loupe.executor.session.Session]) and run with named inputs, with
/// input checks, size guards, per-node statistics, listeners notified before and after every node
/// ([dev.loupe.executor.session.ExecutionListener]) and retention of intermediate values.
///
/// Operators without a kernel that are defined by a function (model-local or in the operator schema) run by
/// expanding the function's body with the caller's attributes bound. Stepping is built on this package by
/// [dev.loupe.executor.debug].
package dev.loupe.executor.session;
