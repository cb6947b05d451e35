/// Editing from the window: the actions behind the Edit and Graph menus (node, wiring, function and
/// whole-graph edits), the operator palette, the edit history panel and the recovery journal. Every change
/// is an [dev.loupe.model.edit.Edit] built by the model layer and run through the open document's history;
/// these classes only pick the arguments, run long work off the FX thread and report refusals.
package dev.loupe.app.edit;
