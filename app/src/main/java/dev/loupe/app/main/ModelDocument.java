package dev.loupe.app.main;

import dev.loupe.app.diagram.OpCatalog;
import dev.loupe.model.Model;
import dev.loupe.model.check.Problem;
import java.nio.file.Path;
import java.util.List;

/// An open model: the file, the model read from it, what the checker found, and the first diagram.
///
/// @param problems what the checker and shape inference reported (the model opens anyway)
/// @param mainLevel the main graph's diagram as first laid out
/// @param timings how long each loading step took
public record ModelDocument(Path path, Model model, OpCatalog catalog, List<Problem> problems, DiagramLevel mainLevel,
                            Timings timings) {

    public ModelDocument {
        problems = List.copyOf(problems);
    }

    /// Milliseconds spent in each step of opening. Checking runs during the layout, so `layoutMillis`
    /// (from the start of layout to a finished picture, checks included) overlaps `checkMillis`.
    public record Timings(long parseMillis, long checkMillis, long inferMillis, long layoutMillis) {
        /// From the end of parsing to a laid-out diagram.
        public long afterParseMillis() {
            return inferMillis + layoutMillis;
        }
    }

    public String fileName() {
        return path == null ? "untitled" : path.getFileName().toString();
    }
}
