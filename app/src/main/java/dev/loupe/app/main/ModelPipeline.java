package dev.loupe.app.main;

import dev.loupe.model.Model;
import dev.loupe.model.check.Problem;
import java.util.List;

/// The model-layer steps the viewer runs after parsing, kept in one place.
final class ModelPipeline {

    private ModelPipeline() {
    }

    /// Fills in inferred types where the model layer can; problems it finds are returned, never thrown.
    static List<Problem> inferShapes(Model model) {
        return List.of();
    }
}
