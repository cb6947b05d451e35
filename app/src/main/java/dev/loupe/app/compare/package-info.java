/// Comparing a run in the window: against the expected outputs loaded with the inputs, a float64 shadow
/// run or another model; a sortable table of nodes by error, a heat overlay on the diagram, the jump to the
/// first divergent node, and the tree-ensemble findings.
package dev.loupe.app.compare;
