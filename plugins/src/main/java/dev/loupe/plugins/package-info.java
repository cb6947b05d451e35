/// The plugin SPI (extra kernels, comparison backends, input importers) and the plugins that ship.
package dev.loupe.plugins;
