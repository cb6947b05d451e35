/// Placing a [dev.loupe.app.diagram.Diagram] on a plane: ELK's layered algorithm (top to bottom) for whole
/// diagrams, and local splicing when one group is opened or closed so the rest of the picture stays put.
/// The result, [dev.loupe.app.layout.GraphLayout], is plain immutable data that every painter draws.
package dev.loupe.app.layout;
