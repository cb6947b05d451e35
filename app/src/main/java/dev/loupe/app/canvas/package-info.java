/// The diagram view: a `Canvas` that draws only what is on screen, with pan, zoom, fit, a minimap and
/// hit testing. It is code, not FXML, and knows nothing of models: it draws a
/// [dev.loupe.app.layout.GraphLayout] and reports clicks by box index.
package dev.loupe.app.canvas;
