package dev.loupe.app;

import dev.loupe.app.cli.LoupeCommand;

/// Entry point of the `loupe` program: no subcommand opens the window, a subcommand runs headless.
/// (Not a JavaFX `Application` subclass, so that it starts from the class path.)
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int code = LoupeCommand.execute(args);
        if (code != LoupeCommand.WINDOW_OPENED) {
            System.exit(code);
        }
    }
}
