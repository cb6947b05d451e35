/// Measuring the viewer: time to first picture and frame times under scripted pans and zooms, on the real
/// window, and the synthetic large models used to measure it.
package dev.loupe.app.bench;
