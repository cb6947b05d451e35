package dev.loupe.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.app.debug.DimensionBindingStore;
import dev.loupe.app.edit.RecoveryJournal;
import dev.loupe.app.main.MainViewModel;
import dev.loupe.app.main.ModelDocument;
import dev.loupe.app.main.RecentFiles;
import dev.loupe.model.Model;
import dev.loupe.model.io.ModelWriter;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.prefs.Preferences;
import javafx.application.Platform;

/// A model written to a file and opened in a [MainViewModel] without a window, for view-model tests:
/// runs work on the FX thread and waits for the background runner.
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
        startFx();
        ModelWriter.write(model, file);
        var vm = newViewModel(journal);
        return open(vm, file, () -> vm.open(file));
    }

    /// A view model with throw-away preferences and the given journal (call on any thread).
    public static MainViewModel newViewModel(RecoveryJournal journal) throws Exception {
        startFx();
        var prefs = Preferences.userRoot().node("dev/loupe/test/doc" + System.nanoTime());
        var vm = fx(() -> new MainViewModel(new RecentFiles(prefs), DimensionBindingStore.userDefault(), journal));
        PREFERENCES.put(vm, prefs);
        return vm;
    }

    /// Runs `opening` (which shows a document in `vm`) on the FX thread and waits for the document.
    public static OpenDocument open(MainViewModel vm, Path file, Runnable opening) throws Exception {
        var opened = new CompletableFuture<ModelDocument>();
        fx(() -> {
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
        fx(() -> {
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
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!fx(condition::getAsBoolean)) {
            assertThat(System.nanoTime()).as("waited a minute").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws Exception {
        fx(() -> {
            vm.shutdown();
            return null;
        });
        var prefs = PREFERENCES.remove(vm);
        if (prefs != null) {
            prefs.removeNode();
        }
    }

    /// Runs `work` on the FX thread and returns its result (rethrowing its failure).
    public static <T> T fx(Supplier<T> work) throws Exception {
        var result = new CompletableFuture<T>();
        Platform.runLater(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }

    private static void startFx() throws InterruptedException {
        var started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        }
        started.await();
    }
}
