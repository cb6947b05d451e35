package dev.loupe.app;

import dev.loupe.app.debug.DimensionBindingStore;
import dev.loupe.app.edit.RecoveryJournal;
import dev.loupe.app.main.MainViewModel;
import dev.loupe.app.main.ModelDocument;
import dev.loupe.app.main.RecentFiles;
import dev.loupe.model.Model;
import dev.loupe.model.io.ModelWriter;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.prefs.Preferences;

/// A model written to a file and opened in a [MainViewModel] without a window, for view-model tests:
/// waits for the background runner (work on the FX thread goes through [FxThread]).
public final class OpenDocument implements AutoCloseable {

    private static final java.util.Map<MainViewModel, Preferences> PREFERENCES =
            java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

    private final MainViewModel vm;
    private final Path file;

    private OpenDocument(MainViewModel vm, Path file) {
        this.vm = vm;
        this.file = file;
    }

    /// Writes `model` to `file`, opens it and waits until it is shown.
    public static OpenDocument open(Model model, Path file) throws Exception {
        return open(model, file, RecoveryJournal.userDefault());
    }

    /// Writes `model` to `file` and opens it in a view model that journals unsaved edits in `journal`.
    public static OpenDocument open(Model model, Path file, RecoveryJournal journal) throws Exception {
        FxThread.start();
        ModelWriter.write(model, file);
        var vm = newViewModel(journal);
        return open(vm, file, () -> vm.open(file));
    }

    /// A view model with throw-away preferences and the given journal (call on any thread).
    public static MainViewModel newViewModel(RecoveryJournal journal) throws Exception {
        FxThread.start();
        var prefs = Preferences.userRoot().node("dev/loupe/test/doc" + System.nanoTime());
        var vm = FxThread.call(() -> new MainViewModel(new RecentFiles(prefs), DimensionBindingStore.userDefault(), journal));
        PREFERENCES.put(vm, prefs);
        return vm;
    }

    /// Runs `opening` (which shows a document in `vm`) on the FX thread and waits for the document.
    public static OpenDocument open(MainViewModel vm, Path file, Runnable opening) throws Exception {
        var opened = new CompletableFuture<ModelDocument>();
        FxThread.call(() -> {
            vm.documentProperty().addListener((o, a, d) -> {
                if (d != null) {
                    opened.complete(d);
                }
            });
            vm.errorProperty().addListener((o, a, e) -> opened.completeExceptionally(
                    new AssertionError(e.title() + ": " + e.message())));
            opening.run();
            return null;
        });
        opened.get(60, TimeUnit.SECONDS);
        var doc = new OpenDocument(vm, file);
        doc.waitUntilIdle();
        return doc;
    }

    public MainViewModel vm() {
        return vm;
    }

    public Path file() {
        return file;
    }

    /// Selects the diagram box of the node named `nodeName`.
    public void select(String nodeName) throws Exception {
        FxThread.call(() -> {
            var d = vm.diagram().getLevel().diagram();
            for (int i = 0; i < d.nodes().size(); i++) {
                if (d.node(i).node() != null && nodeName.equals(d.node(i).node().name())) {
                    vm.diagram().select(i);
                    return null;
                }
            }
            throw new AssertionError("no box for node " + nodeName);
        });
    }

    /// Waits until the background runner (re-inference, folding...) is done.
    public void waitUntilIdle() throws Exception {
        waitFor(() -> !vm.tasks().busyProperty().get());
    }

    /// Polls `condition` on the FX thread until it holds (at most a minute).
    public void waitFor(BooleanSupplier condition) throws Exception {
        FxThread.await(condition, 60, "the condition; status: " + vm.statusProperty().get());
    }

    @Override
    public void close() throws Exception {
        FxThread.call(() -> {
            vm.shutdown();
            return null;
        });
        var prefs = PREFERENCES.remove(vm);
        if (prefs != null) {
            prefs.removeNode();
        }
    }
}
