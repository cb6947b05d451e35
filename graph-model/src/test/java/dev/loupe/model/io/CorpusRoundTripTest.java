package dev.loupe.model.io;

import dev.loupe.model.testing.OnnxTestData;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.io.proto.OnnxProtos.ModelProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Every model of the ONNX test data reads and writes back to a file that parses to the same message.
class CorpusRoundTripTest {

    @TempDir
    Path temp;

    @Test
    void everyCorpusModelSurvivesReadAndWrite() throws Exception {
        var models = OnnxTestData.allModels();
        assertThat(models).hasSizeGreaterThan(1000);
        var failures = new ArrayList<String>();
        int i = 0;
        for (var path : models) {
            var out = temp.resolve("m" + (i++) + ".onnx");
            try (var model = ModelReader.read(path)) {
                ModelWriter.write(model, out);
            } catch (ModelIOException e) {
                failures.add(path + ": " + e.getMessage());
                continue;
            }
            var original = ModelProto.parseFrom(Files.readAllBytes(path));
            var written = ModelProto.parseFrom(Files.readAllBytes(out));
            if (!original.equals(written)) {
                failures.add(path + ": written model differs");
            }
            Files.delete(out);
        }
        assertThat(failures).as("models that do not round-trip").isEmpty();
    }
}
