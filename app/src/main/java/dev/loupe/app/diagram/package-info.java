/// What the diagram shows, independent of where it is drawn: the visible items of one graph (operators,
/// graph inputs and outputs, collapsed name-scope groups, and the body nodes of function calls drawn
/// expanded, as display-only items inside a [dev.loupe.app.diagram.CallFrame]) and the edges between them,
/// built from the neutral model and a grouping state. Plain Java: no JavaFX.
package dev.loupe.app.diagram;
