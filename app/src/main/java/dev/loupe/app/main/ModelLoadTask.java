package dev.loupe.app.main;

import dev.loupe.app.diagram.DiagramBuilder;
import dev.loupe.app.diagram.GroupingState;
import dev.loupe.app.diagram.OpCatalog;
import dev.loupe.model.Model;
import dev.loupe.model.check.Problem;
import dev.loupe.model.io.ModelIOException;
import dev.loupe.model.io.ModelReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import javafx.concurrent.Task;

/// Opens a model off the FX thread: parse, infer shapes, then lay out the main graph while checking it. Reports each step as the task's
/// message and progress; cancellation is checked between steps and inside the layout. On failure or
/// cancellation the partly read model is closed.
///
/// A failure's exception message is the one-line reason to show the user.
final class ModelLoadTask extends Task<ModelDocument> {

    private final Path path;
    private final Model edited;

    ModelLoadTask(Path path) {
        this(path, null);
    }

    /// Re-infers, re-checks and lays out `edited` (already open, read from `path`) after an edit; the model is
    /// not read again and not closed on failure.
    ModelLoadTask(Path path, Model edited) {
        this.path = path;
        this.edited = edited;
    }

    @Override
    protected ModelDocument call() throws Exception {
        updateMessage(edited == null ? "Reading " + path.getFileName() + "…" : "Updating the diagram…");
        updateProgress(0.05, 1);
        long t0 = System.nanoTime();
        Model model = edited == null ? ModelReader.read(path) : edited;
        try {
            if (model.graph() == null) {
                throw new ModelIOException("'" + path.getFileName() + "' has no graph to show");
            }
            long t1 = System.nanoTime();
            checkCancelled();
            updateMessage("Inferring shapes…");
            updateProgress(0.3, 1);
            var problems = new ArrayList<Problem>(ModelPipeline.inferShapes(model));
            long t2 = System.nanoTime();
            checkCancelled();
            // Layout and checks run side by side: the first picture needs only the layout.
            updateMessage("Laying out " + model.graph().nodes().size() + " nodes and checking…");
            updateProgress(0.5, 1);
            var catalog = OpCatalog.forModel(model);
            var builder = new DiagramBuilder(model.graph(), catalog);
            var layout = DiagramLevel.start(graphTitle(model), builder, GroupingState.initial(builder.scopes()), this::isCancelled);
            long c0 = System.nanoTime();
            problems.addAll(ModelPipeline.check(model));
            long checkNanos = System.nanoTime() - c0;
            var level = layout.join();
            long t3 = System.nanoTime();
            checkCancelled();
            updateProgress(1, 1);
            return new ModelDocument(path, model, catalog, problems, level,
                    new ModelDocument.Timings(ms(t1 - t0), ms(checkNanos), ms(t2 - t1), ms(t3 - t2)));
        } catch (Exception | Error e) {
            if (edited == null) {
                model.close();
            }
            if (e instanceof ExecutionException ee && ee.getCause() instanceof StackOverflowError) {
                throw new ModelIOException("the graph is too deep to lay out");
            }
            throw e;
        }
    }

    static String graphTitle(Model model) {
        var name = model.graph().name();
        return name == null || name.isBlank() ? "main graph" : name;
    }

    private void checkCancelled() {
        if (isCancelled()) {
            throw new CancellationException();
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
