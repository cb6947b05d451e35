/// Inspecting what the diagram shows: the properties of the selected box, the model's summary, and the
/// tensor viewer for initializers and constants.
package dev.loupe.app.inspect;
