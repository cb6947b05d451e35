package dev.loupe.executor.io;

import dev.loupe.executor.tensor.RuntimeValue;
import dev.loupe.executor.tensor.Tensor;
import dev.loupe.model.io.ModelIOException;
import dev.loupe.model.io.ProtoCodec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/// Writes a run's outputs to a folder, one file per output named after it (characters unsafe in file
/// names replaced by `_`).
public final class OutputWriter {

    /// The preferred file format. With [#NPY], values `.npy` cannot hold (sequences, maps, optionals,
    /// bfloat16 and float8 tensors) are still written as `.pb`.
    public enum Format { NPY, PB }

    private OutputWriter() {
    }

    /// @return the files written, in the outputs' order
    public static List<Path> write(Map<String, RuntimeValue> outputs, Path dir, Format format) throws ValueFileException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw ValueFileException.of(dir, "cannot create the folder: " + e.getMessage());
        }
        var written = new ArrayList<Path>();
        for (var e : outputs.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            var base = e.getKey().replaceAll("[^A-Za-z0-9._-]", "_");
            if (format == Format.NPY && e.getValue() instanceof Tensor t && NpyHeader.descr(t.type()) != null) {
                var f = dir.resolve(base + ".npy");
                NpyWriter.write(t, f);
                written.add(f);
            } else {
                var f = dir.resolve(base + ".pb");
                writePb(e.getKey(), e.getValue(), f);
                written.add(f);
            }
        }
        return written;
    }

    /// Writes one value as an ONNX value file (`TensorProto`, `SequenceProto`, `OptionalProto` or `MapProto`).
    public static void writePb(String name, RuntimeValue value, Path file) throws ValueFileException {
        try {
            Files.write(file, ProtoCodec.dataValueToBytes(ValueConversion.toData(value, name), name));
        } catch (ModelIOException e) {
            throw ValueFileException.of(file, e.getMessage());
        } catch (IOException e) {
            throw ValueFileException.of(file, "cannot write: " + e.getMessage());
        }
    }
}
