package dev.loupe.app.cli;

import java.nio.file.Path;

/// Opens the desktop window. Kept apart from the commands so that headless subcommands never load JavaFX.
final class WindowLauncher {

    private WindowLauncher() {
    }

    static void launch(Path model) {
        dev.loupe.app.LoupeApplication.launch(model);
    }
}
