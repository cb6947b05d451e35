package dev.loupe.model.check;

import dev.loupe.model.testing.OnnxTestData;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.io.ModelReader;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/// The ONNX test data consists of valid models: the checker must find no error in any of them.
class CheckerCorpusTest {

    @Test
    void noErrorsInTheOnnxTestData() throws Exception {
        var errors = new ArrayList<String>();
        int warnings = 0;
        var models = OnnxTestData.allModels();
        long start = System.nanoTime();
        for (var path : models) {
            try (var model = ModelReader.read(path)) {
                for (var p : Checker.check(model)) {
                    if (p.isError()) {
                        errors.add(path.getParent().getFileName() + ": " + p);
                    } else {
                        warnings++;
                    }
                }
            }
        }
        System.out.printf("checked %d models in %d ms: %d errors, %d warnings%n", models.size(),
                (System.nanoTime() - start) / 1_000_000, errors.size(), warnings);
        assertThat(errors).isEmpty();
    }
}
