package dev.loupe.app.main;

import dev.loupe.model.Model;
import dev.loupe.model.check.Checker;
import dev.loupe.model.check.Problem;
import dev.loupe.model.infer.ShapeInference;
import java.util.List;

/// The model-layer steps the viewer runs after parsing, kept in one place.
final class ModelPipeline {

    private ModelPipeline() {
    }

    /// Fills in inferred types where the model layer can; problems it finds are returned, never thrown.
    static List<Problem> inferShapes(Model model) {
        try {
            return ShapeInference.infer(model);
        } catch (RuntimeException e) {
            return List.of(Problem.warning("model", "shape inference stopped: " + e.getMessage()));
        }
    }

    /// Checks the model; problems are returned, never thrown.
    static List<Problem> check(Model model) {
        try {
            return Checker.check(model);
        } catch (RuntimeException e) {
            return List.of(Problem.warning("model", "the checker stopped: " + e.getMessage()));
        }
    }
}
