/// The debugger in the window: the Run panel that provides a model's inputs (files, test-data folders,
/// random data, bound symbolic dimensions), the stepping controls and breakpoints, and the live values and
/// overlays drawn on the diagram while a run is paused or after it ends.
package dev.loupe.app.debug;
