/// The plugin SPI and the plugins that ship with Loupe.
module dev.loupe.plugins {
    requires transitive dev.loupe.executor;

    exports dev.loupe.plugins;

    uses dev.loupe.plugins.ComparisonBackend;
}
