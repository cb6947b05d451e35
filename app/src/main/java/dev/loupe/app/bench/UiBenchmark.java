package dev.loupe.app.bench;

import dev.loupe.app.main.DiagramLevel;
import dev.loupe.app.main.MainView;
import dev.loupe.app.main.MainViewModel;
import dev.loupe.app.main.ModelDocument;
import dev.loupe.app.main.RecentFiles;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.stage.Stage;

/// The viewer's benchmark (`loupe bench-ui MODEL`): opens a model in the real main window, measures the
/// time from the end of parsing to the first picture, then runs scripted pans and zooms and reports frame
/// times, first with the graph as it opens (large graphs grouped), then with every group open.
///
/// A frame is the canvas repaint plus a render of the diagram view into an image (`Node.snapshot`), which
/// includes rasterisation (in software on the headless platform); "paint" is the repaint alone. Without a display, set
/// `-Dglass.platform=Headless -Dprism.order=sw` (done here when neither a display nor a platform is set).
public final class UiBenchmark {

    private static final int WIDTH = 1280;
    private static final int HEIGHT = 800;

    private UiBenchmark() {
    }

    /// Frame times of one scripted run, in milliseconds.
    public record Frames(String view, int boxes, int drawnBoxes, int frames, double meanMillis, double p50Millis, double p95Millis,
                         double maxMillis, double meanPaintMillis) {
        public double fps() {
            return 1000 / meanMillis;
        }
    }

    /// What one benchmark run measured.
    ///
    /// @param firstPictureMillis from the end of parsing to the first painted frame (check, layout, paint)
    public record Result(Path model, int nodes, long parseMillis, long inferMillis, long checkMillis, long layoutMillis,
                         long firstPictureMillis, Frames grouped, Frames groupedWhole, Frames expanded, Frames expandedWhole) {}

    /// Runs the benchmark on `model` with `frames` scripted frames per view and prints a report to `out`.
    /// Starts JavaFX if needed; leaves it running.
    public static Result run(Path model, int frames, PrintStream out) throws Exception {
        startPlatform();
        // As the application does at start-up: load and compile the layout code in the background.
        DiagramLevel.warmUpInBackground();
        var stage = onFx(Stage::new);
        var vm = onFx(() -> new MainViewModel(new RecentFiles(Preferences.userRoot().node("dev/loupe/bench"))));
        var view = onFx(() -> {
            var v = MainView.install(vm, stage, null);
            stage.setWidth(WIDTH);
            stage.setHeight(HEIGHT);
            stage.show();
            return v;
        });

        var loaded = new CompletableFuture<ModelDocument>();
        long start = System.nanoTime();
        onFx(() -> {
            vm.documentProperty().addListener((o, a, doc) -> {
                if (doc != null) {
                    loaded.complete(doc);
                }
            });
            vm.errorProperty().addListener((o, a, err) -> loaded.completeExceptionally(new IllegalStateException(err.message())));
            vm.open(model);
            return null;
        });
        var doc = loaded.get(10, TimeUnit.MINUTES);
        onFx(() -> {
            view.graphView().applyCss();
            view.graphView().layout();
            view.graphView().paint();
            view.graphView().snapshot(null, null);
            return null;
        });
        long firstPicture = (System.nanoTime() - start) / 1_000_000 - doc.timings().parseMillis();
        long checkMillis = doc.timings().checkMillis();
        var grouped = script(view, "as opened", frames, false);
        var groupedWhole = script(view, "as opened, fit", frames, true);
        Frames expanded = null;
        Frames expandedWhole = null;
        if (doc.mainLevel().grouping().collapsed().size() > 0) {
            var relaid = new CountDownLatch(1);
            onFx(() -> {
                vm.diagram().levelProperty().addListener((o, a, b) -> relaid.countDown());
                vm.diagram().setAllGroups(true);
                return null;
            });
            if (!relaid.await(10, TimeUnit.MINUTES)) {
                throw new TimeoutException("layout of the expanded graph took over 10 minutes");
            }
            expanded = script(view, "all open", frames, false);
            expandedWhole = script(view, "all open, fit", frames, true);
        }
        var result = new Result(model, doc.model().graph().nodes().size(), doc.timings().parseMillis(),
                doc.timings().inferMillis(), checkMillis, doc.timings().layoutMillis(), firstPicture, grouped, groupedWhole,
                expanded, expandedWhole);
        print(result, out);
        onFx(() -> {
            stage.close();
            return null;
        });
        return result;
    }

    /// Scripted pans and zooms: at a readable zoom, or (`whole`) around the fitted view, where every box is on
    /// screen.
    private static Frames script(MainView view, String name, int frames, boolean whole) throws Exception {
        var g = view.graphView();
        var frameMillis = new double[frames];
        var image = onFx(() -> new javafx.scene.image.WritableImage((int) g.getWidth(), (int) g.getHeight()));
        var paintMillis = new double[frames];
        int drawn = 0;
        int boxes = onFx(() -> {
            g.fit();
            if (!whole) {
                g.setView(1, g.getTranslateXView(), g.getTranslateYView());
            }
            return g.getLayout().nodeCount();
        });
        for (int i = 0; i < frames; i++) {
            int step = i;
            var times = onFx(() -> {
                long t0 = System.nanoTime();
                switch ((step / 20) % 4) {
                    case 0 -> g.panBy(whole ? -3 : -37, whole ? -2 : -23);
                    case 1 -> g.zoomBy(whole ? 1.01 : 1.08);
                    case 2 -> g.panBy(whole ? 3 : 41, whole ? 2 : 29);
                    default -> g.zoomBy(whole ? 1 / 1.01 : 1 / 1.08);
                }
                long paint = g.paint();
                g.snapshot(null, image);
                return new long[] {System.nanoTime() - t0, paint, g.lastVisibleBoxes()};
            });
            frameMillis[i] = times[0] / 1e6;
            paintMillis[i] = times[1] / 1e6;
            drawn = Math.max(drawn, (int) times[2]);
        }
        var sorted = frameMillis.clone();
        Arrays.sort(sorted);
        return new Frames(name, boxes, drawn, frames, Arrays.stream(frameMillis).average().orElse(0),
                sorted[frames / 2], sorted[Math.min(frames - 1, (int) (frames * 0.95))], sorted[frames - 1],
                Arrays.stream(paintMillis).average().orElse(0));
    }

    private static void print(Result r, PrintStream out) {
        out.printf(Locale.ROOT, "model %s: %,d nodes%n", r.model().getFileName(), r.nodes());
        out.printf(Locale.ROOT, "parse %d ms; then shapes %d ms, layout %d ms (checks alongside, %d ms); first picture %d ms after parsing%n",
                r.parseMillis(), r.inferMillis(), r.layoutMillis(), r.checkMillis(), r.firstPictureMillis());
        for (var f : new Frames[] {r.grouped(), r.groupedWhole(), r.expanded(), r.expandedWhole()}) {
            if (f != null) {
                out.printf(Locale.ROOT, "%-18s %,6d boxes (up to %,6d drawn), %d frames: mean %.1f ms (%.0f fps), p50 %.1f, p95 %.1f, max %.1f ms; paint alone %.1f ms%n",
                        f.view(), f.boxes(), f.drawnBoxes(), f.frames(), f.meanMillis(), f.fps(), f.p50Millis(), f.p95Millis(),
                        f.maxMillis(), f.meanPaintMillis());
            }
        }
    }

    private static void startPlatform() throws InterruptedException {
        if (System.getenv("DISPLAY") == null && System.getProperty("glass.platform") == null) {
            System.setProperty("glass.platform", "Headless");
            System.setProperty("prism.order", "sw");
        }
        var started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        }
        Platform.setImplicitExit(false);
        started.await();
    }

    private static <T> T onFx(Supplier<T> work) throws Exception {
        var result = new CompletableFuture<T>();
        Platform.runLater(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(10, TimeUnit.MINUTES);
    }
}
