/// Finding where a model's numbers drift: a run compared node by node with a reference — expected outputs,
/// a float64 shadow run, another model or another backend — with per-tensor [dev.loupe.executor.compare.Metrics],
/// each node's local error (the node alone, fed the reference's inputs) told apart from the error it
/// inherits, the first divergent node, and a tree-ensemble report on float versus double thresholds.
///
/// Entry point: [dev.loupe.executor.compare.Comparer#compare]; results: [dev.loupe.executor.compare.ComparisonReport],
/// rendered by [dev.loupe.executor.compare.ReportText] (console) and [dev.loupe.executor.compare.ReportMaps]
/// (plain maps and lists for JSON).
package dev.loupe.executor.compare;
