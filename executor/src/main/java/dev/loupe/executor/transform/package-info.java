/// Transformations that need the executor: constant folding ([dev.loupe.executor.transform.ConstantFolding],
/// an undoable edit like those of `dev.loupe.model.transform`), before/after equivalence runs
/// ([dev.loupe.executor.transform.Equivalence]) and the `loupe fold` backend
/// ([dev.loupe.executor.transform.FoldFile]).
package dev.loupe.executor.transform;
