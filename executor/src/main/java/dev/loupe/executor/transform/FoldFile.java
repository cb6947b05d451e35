package dev.loupe.executor.transform;

import dev.loupe.model.Model;
import dev.loupe.model.edit.CommandStack;
import dev.loupe.model.edit.EditException;
import dev.loupe.model.io.ModelIOException;
import dev.loupe.model.io.ModelReader;
import dev.loupe.model.io.ModelWriter;
import dev.loupe.model.transform.Cleanup;
import dev.loupe.model.transform.TransformFiles;
import java.nio.file.Path;
import java.util.Locale;

/// File-to-file backend of `loupe fold MODEL OUT`: constant folding followed by dead-code removal.
public final class FoldFile {

    private FoldFile() {
    }

    /// Folds `in`'s constants and writes the result to `out` (atomically; `out` may equal `in`). A model
    /// with nothing to fold still loses its dead code, and is written unchanged when it has none either.
    ///
    /// @throws ModelIOException when `in` cannot be read or `out` written
    public static TransformFiles.Outcome fold(Path in, Path out) throws ModelIOException {
        try (var model = ModelReader.read(in)) {
            int before = model.graph().nodes().size();
            String summary;
            try {
                var plan = ConstantFolding.plan(model);
                new CommandStack().execute(plan.edit());
                summary = "folded " + plan.folded().size() + " node(s) into " + plan.initializers().size() + " initializer(s)"
                        + (plan.skipped().isEmpty() ? "" : "; " + plan.skipped().size() + " left unfolded");
            } catch (EditException nothingToFold) {
                summary = nothingToFold.getMessage() + cleanUp(model);
            }
            ModelWriter.write(model, out);
            int after = model.graph().nodes().size();
            return new TransformFiles.Outcome(summary + "; " + before + " -> " + after + " nodes, written to " + out, before, after);
        }
    }

    private static String cleanUp(Model model) {
        try {
            var edit = Cleanup.removeDeadCode(model);
            new CommandStack().execute(edit);
            return "; " + edit.description().toLowerCase(Locale.ROOT);
        } catch (EditException nothingDead) {
            return "";
        }
    }
}
