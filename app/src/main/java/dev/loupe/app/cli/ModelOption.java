package dev.loupe.app.cli;

import dev.loupe.model.Model;
import dev.loupe.model.io.ModelIOException;
import dev.loupe.model.io.ModelReader;
import java.nio.file.Path;

/// Opening a model for a subcommand, with the one-line error the contract asks for.
final class ModelOption {

    private ModelOption() {
    }

    static Model open(Path path) throws ModelIOException {
        return ModelReader.read(path);
    }
}
