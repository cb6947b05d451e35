package dev.loupe.app.cli;

import dev.loupe.executor.simd.WarmUp;
import java.nio.file.Path;

/// Opens the desktop window. Kept apart from the commands so that headless subcommands never load JavaFX.
final class WindowLauncher {

    private WindowLauncher() {
    }

    /// Opens the window on `model`, the vector kernels warming up meanwhile ([WarmUp]) for the first run.
    static void launch(Path model) {
        WarmUp.startInBackground();
        dev.loupe.app.LoupeApplication.launch(model);
    }
}
