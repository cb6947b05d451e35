/// Drawing laid-out diagrams: one painter over a small [dev.loupe.app.render.Surface] interface, with
/// surfaces for a JavaFX canvas, Java2D images (PNG) and SVG text; the theme's colours read from the
/// application's style sheet; a spatial index so that only what is on screen is drawn; and
/// [dev.loupe.app.render.GraphRenderer], the headless entry point that renders a whole model to a file.
package dev.loupe.app.render;
