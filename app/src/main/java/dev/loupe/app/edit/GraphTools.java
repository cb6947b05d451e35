package dev.loupe.app.edit;

import dev.loupe.app.main.MainViewModel;
import dev.loupe.executor.testdata.Tolerance;
import dev.loupe.executor.transform.ConstantFolding;
import dev.loupe.executor.transform.Equivalence;
import dev.loupe.model.io.ModelReader;
import dev.loupe.model.io.ModelWriter;
import dev.loupe.model.transform.Extraction;
import dev.loupe.model.transform.ModelMerge;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.concurrent.Task;

/// The whole-graph tools that run the executor or write files, each on the window's background runner
/// (progress in the status bar, Cancel stops it, edits wait meanwhile): constant folding, extraction of a
/// subgraph to a new file, and the check that the edited model still computes what the saved file computes.
/// FX thread only; results and refusals arrive in the status line (and as error reports for failures).
public final class GraphTools {

    private final MainViewModel main;

    public GraphTools(MainViewModel main) {
        this.main = main;
    }

    /// Evaluates every node whose inputs are all constant, in the background, then replaces those nodes by
    /// initializers as one undoable edit.
    public void foldConstants() {
        var doc = main.getDocument();
        if (doc == null || main.modelInUse()) {
            return;
        }
        var model = doc.model();
        start("Folding constants…", () -> ConstantFolding.plan(model), plan -> {
            if (plan.folded().isEmpty()) {
                main.statusProperty().set("No constant nodes to fold" + skippedNote(plan.skipped()));
            } else if (main.execute(plan.edit())) {
                main.statusProperty().set("Folded " + plan.folded().size() + " nodes into " + plan.initializers().size()
                        + " initializers" + skippedNote(plan.skipped()));
            }
        });
    }

    /// Writes the part of the main graph that computes `outputs` from `inputs` (value names) as a new model at
    /// `target` (atomically); the open model is not changed.
    public void extract(List<String> inputs, List<String> outputs, Path target) {
        var doc = main.getDocument();
        if (doc == null || main.modelInUse()) {
            return;
        }
        var model = doc.model();
        start("Extracting…", () -> {
            var part = Extraction.extract(model, inputs, outputs);
            ModelWriter.write(part, target);
            return part.graph().nodes().size();
        }, count -> main.statusProperty().set("Extracted " + count + " nodes to " + target.getFileName()));
    }

    /// Merges the open model with the model in `other`, feeding outputs into inputs as `connections`
    /// (`OUT=IN` texts, names before prefixing) say, with `prefix1`/`prefix2` on the two graphs' names, and
    /// writes the result to `target` (atomically); `whenWritten` then receives `target`. The open model is
    /// not changed.
    public void merge(Path other, List<String> connections, String prefix1, String prefix2, Path target, Consumer<Path> whenWritten) {
        var doc = main.getDocument();
        if (doc == null || main.modelInUse()) {
            return;
        }
        var model = doc.model();
        start("Merging…", () -> {
            var pairs = new java.util.ArrayList<ModelMerge.Connection>();
            for (var c : connections) {
                pairs.add(ModelMerge.Connection.parse(c));
            }
            try (var second = ModelReader.read(other)) {
                var merged = ModelMerge.merge(model, second, pairs, prefix1, prefix2);
                ModelWriter.write(merged, target);
                return merged.graph().nodes().size();
            }
        }, count -> {
            main.statusProperty().set("Merged into " + target.getFileName() + " (" + count + " nodes)");
            whenWritten.accept(target);
        });
    }

    /// Runs the model as last saved and the edited model on the Run panel's inputs and says whether every
    /// output still matches (within the conformance tolerance), naming the first that does not.
    public void verifyAgainstSaved() {
        var doc = main.getDocument();
        if (doc == null || main.modelInUse()) {
            return;
        }
        if (doc.path() == null) {
            main.statusProperty().set("The model has no file to compare with");
            return;
        }
        if (!main.runInputs().isReady()) {
            main.statusProperty().set("Set the inputs in the Run panel first (Random fills them all)");
            return;
        }
        var inputs = main.runInputs().inputs();
        var model = doc.model();
        var file = doc.path();
        start("Running the saved and the edited model…", () -> {
            try (var saved = ModelReader.read(file)) {
                return Equivalence.compare(saved, model, inputs, Tolerance.DEFAULT);
            }
        }, report -> {
            if (report.equivalent()) {
                main.statusProperty().set("Edited model matches " + file.getFileName() + " on all "
                        + report.outputs().size() + " outputs");
            } else {
                var first = report.mismatches().getFirst();
                main.statusProperty().set("Edited model differs from " + file.getFileName() + ": " + first.where() + " " + first.detail());
                main.report("The edit changed the results", report.mismatches().stream()
                        .map(m -> m.where() + ": " + m.detail()).reduce((a, b) -> a + "\n" + b).orElse(""));
            }
        });
    }

    private <T> void start(String message, Work<T> work, Consumer<T> onSuccess) {
        var task = new Task<T>() {
            @Override
            protected T call() throws Exception {
                updateMessage(message);
                return work.call();
            }
        };
        main.tasks().run(task, onSuccess,
                failure -> main.report(message.replace("…", " failed"), String.valueOf(failure.getMessage())),
                () -> main.statusProperty().set("Cancelled"));
    }

    private static String skippedNote(List<String> skipped) {
        return skipped.isEmpty() ? "" : " (" + skipped.size() + " left: " + skipped.getFirst() + (skipped.size() > 1 ? "…" : "") + ")";
    }

    /// Background work that may fail.
    @FunctionalInterface
    private interface Work<T> {
        T call() throws Exception;
    }
}
