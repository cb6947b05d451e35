package dev.loupe.app;

import dev.loupe.app.main.DiagramLevel;
import dev.loupe.app.main.MainView;
import dev.loupe.app.main.MainViewModel;
import dev.loupe.app.main.RecentFiles;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.stage.Stage;

/// The desktop application: one main window, optionally opening a model given on the command line.
///
/// Start it with [#launch(Path)], which works from the class path as well as the module path (the
/// program's `main` class must not itself extend [Application]).
public final class LoupeApplication extends Application {

    /// Starts JavaFX, shows the main window and opens `model` when it is not `null`. Returns when the
    /// window has been closed and JavaFX has exited. Call once per process, not on the FX thread.
    public static void launch(Path model) {
        Application.launch(LoupeApplication.class, model == null ? new String[0] : new String[] {model.toString()});
    }

    @Override
    public void start(Stage stage) {
        DiagramLevel.warmUpInBackground();
        var vm = new MainViewModel(RecentFiles.userDefault());
        var view = MainView.install(vm, stage, getHostServices());
        stage.show();
        var args = getParameters().getUnnamed();
        if (!view.offerRecovery() && !args.isEmpty()) {
            vm.open(Path.of(args.getFirst()));
        }
    }
}
